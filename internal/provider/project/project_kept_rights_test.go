package project_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccProject_keptRights: DSS 15's grant rights (editPermissions,
// publishToDataCollections) are managed only where a grant sets them. A
// DSS 15 grant is adopted with an empty plan and null rights; a change of
// another right keeps DSS's values; one set is written and restored after
// a change outside Terraform, while the one not set follows DSS with no
// diff. The data source shows both as DSS holds them.
func TestAccProject_keptRights(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_PERMKEPT")
	acctest.ProjectOutside(t, key, "Perms")
	testEditProjectDoc(t, key, "permissions", func(m map[string]any) {
		m["permissions"] = []any{map[string]any{"group": "analysts", "admin": false, "readProjectContent": true, "writeProjectContent": false,
			"exportDatasetsData": false, "readDashboards": false, "writeDashboards": false, "moderateDashboards": false, "runScenarios": false,
			"manageDashboardAuthorizations": false, "manageExposedElements": false, "manageAdditionalDashboardUsers": false,
			"shareToWorkspaces": false, "executeApp": false, "editPermissions": true, "publishToDataCollections": false}}
	})
	grantIs := func(want map[string]bool) resource.TestCheckFunc { return testProjectSoleGrantIs(t, key, want) }
	const addr = "dataiku_project.test"
	readBack := fmt.Sprintf("data \"dataiku_project\" \"read\" {\n  project_key = %s.project_key\n}\n", addr)
	shownByDataSource := func(edit, publish bool) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.dataiku_project.read", tfjsonpath.New("permissions"), knownvalue.SetPartial([]knownvalue.Check{
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"group": knownvalue.StringExact("analysts"),
				"edit_permissions": knownvalue.Bool(edit), "publish_to_data_collections": knownvalue.Bool(publish)}),
		}))
	}
	inState := func(edit, publish knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(addr, tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"group": knownvalue.StringExact("analysts"),
				"edit_permissions": edit, "publish_to_data_collections": publish}),
		}))
	}
	publishing := testAccProjectPermsConfig(key, `[{ group = "analysts", read_project_content = true, write_project_content = true, publish_to_data_collections = true }]`) + readBack
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(addr, acctest.ImportBlock(addr, key)+testAccProjectPermsConfig(key, `[{ group = "analysts", read_project_content = true }]`),
			inState(knownvalue.Null(), knownvalue.Null())),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testAccProjectPermsConfig(key, `[{ group = "analysts", read_project_content = true, write_project_content = true }]`),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check:            grantIs(map[string]bool{"writeProjectContent": true, "editPermissions": true, "publishToDataCollections": false}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:            publishing,
			ConfigPlanChecks:  acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check:             grantIs(map[string]bool{"publishToDataCollections": true, "editPermissions": true}),
			ConfigStateChecks: []statecheck.StateCheck{inState(knownvalue.Null(), knownvalue.Bool(true)), shownByDataSource(true, true)},
		}),
		// Both changed outside Terraform: the managed one is restored, the
		// other one is DSS's.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				testEditProjectDoc(t, key, "permissions", func(m map[string]any) {
					g := m["permissions"].([]any)[0].(map[string]any)
					g["editPermissions"], g["publishToDataCollections"] = false, false
				})
			},
			Config:            publishing,
			ConfigPlanChecks:  acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check:             grantIs(map[string]bool{"publishToDataCollections": true, "editPermissions": false}),
			ConfigStateChecks: []statecheck.StateCheck{shownByDataSource(false, true)},
		}),
	})
}
