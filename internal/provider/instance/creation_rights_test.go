package instance_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Who may create a workspace or a data collection: DSS's administrators,
// and the members of a group with the capability (mayCreateWorkspaces,
// mayCreateDataCollections). Such a key is not an administrator, so what
// it creates it administers only through the entry DSS gives its user:
// the apply must keep that entry, or the key would lose the object it
// just made (its refresh, changes and destroy would be refused).

// testGrantAliceGroup gives alice's group the capability flag in DSS,
// outside Terraform, as an administrator would.
func testGrantAliceGroup(t *testing.T, flag string) {
	t.Helper()
	testEditGroup(t, acctest.AliceGroup, func(g map[string]any) { g[flag] = true })
}

func TestAccWorkspace_createdByGroupWithCapability(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	const key = "ACC_WS_ALICE"
	cfg := func(displayName string) string {
		return acctest.AsAlice(testAccWorkspaceConfig(key, fmt.Sprintf("  display_name = %q\n  permissions = [{ group = %q, admin = false, write = true, read = true }]\n",
			displayName, acctest.AliceGroup)))
	}
	// Without the capability, DSS refuses alice's creation.
	acctest.Case(t, nil, []resource.TestStep{{Config: cfg("Alice's"),
		ExpectError: regexp.MustCompile(`(?s)with dataiku_workspace.test.*POST /public/api/workspaces/: 403.*You may not create\s+workspaces`)}})
	if testDocExists(t, dss.WorkspaceDoc(key).Path()) {
		t.Fatal("the workspace was created")
	}
	aliceAdministers := func(key string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if perms := testWorkspacePermissions(t, key); !regexp.MustCompile(`\{"admin":true,"read":true,"user":"` + acctest.AliceLogin + `","write":true\}`).MatchString(perms) {
				return fmt.Errorf("DSS does not keep alice's admin entry: %s", perms)
			}
			return nil
		}
	}
	acctest.Case(t, testAccCheckWorkspacesDestroyed(t), []resource.TestStep{
		{
			PreConfig: func() { testGrantAliceGroup(t, "mayCreateWorkspaces") },
			Config:    cfg("Alice's"),
			Check:     aliceAdministers(key),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testWorkspaceAddr, tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"group": knownvalue.StringExact(acctest.AliceGroup), "user": knownvalue.Null(),
						"admin": knownvalue.Bool(false), "write": knownvalue.Bool(true), "read": knownvalue.Bool(true)}),
				})),
			},
		},
		// Alice still administers it: she changes it, and destroys it at
		// the end of the case.
		{Config: cfg("Alice's, renamed"), Check: aliceAdministers(key)},
	})
}

func TestAccDataCollection_createdByGroupWithCapability(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	name := acctest.ProjectKey("acc dc alice")
	cfg := acctest.AsAlice(testAccDataCollectionConfig(fmt.Sprintf("  display_name = %q\n  permissions = [{ group = %q, admin = false, write = true, read = true }]\n",
		name, acctest.AliceGroup)))
	acctest.Case(t, nil, []resource.TestStep{{Config: cfg,
		ExpectError: regexp.MustCompile(`(?s)with dataiku_data_collection.test.*POST /public/api/data-collections/: 403.*You may not create\s+data\s+collections`)}})
	if ids := testDataCollectionsNamed(t, name); len(ids) != 0 {
		t.Fatalf("the collection was created: %v", ids)
	}
	acctest.Case(t, testAccCheckDataCollectionsDestroyed(t), []resource.TestStep{{
		PreConfig: func() { testGrantAliceGroup(t, "mayCreateDataCollections") },
		Config:    cfg,
		Check: func(*terraform.State) error {
			ids := testDataCollectionsNamed(t, name)
			if len(ids) != 1 {
				return fmt.Errorf("collections named %q: %v", name, ids)
			}
			if perms := testDataCollectionPermissions(testDataCollectionRaw(t, ids[0])); !regexp.MustCompile(`user:` + acctest.AliceLogin + ` write:true`).MatchString(perms) {
				return fmt.Errorf("DSS does not keep alice's admin entry: %s", perms)
			}
			return nil
		},
	}})
}
