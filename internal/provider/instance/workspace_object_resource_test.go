package instance_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// testObjectsWorkspace is the workspace of the objects' test.
const testObjectsWorkspace = "ACC_WS_OBJ"

// testWorkspaceObjects is what DSS lists in the test's workspace, by id,
// each as "reference:TYPE PROJECT.id", "app:id" or "link:name url
// description".
func testWorkspaceObjects(t *testing.T) map[string]string {
	t.Helper()
	objs, err := acctest.Client(t).ListWorkspaceObjects(acctest.Ctx(t), testObjectsWorkspace)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, o := range objs {
		switch {
		case o.Reference != nil:
			out[o.ID] = fmt.Sprintf("reference:%s %s.%s", o.Reference.Type, o.Reference.ProjectKey, o.Reference.ID)
		case o.HTMLLink != nil:
			out[o.ID] = fmt.Sprintf("link:%s %s %s", o.HTMLLink.Name, o.HTMLLink.URL, o.HTMLLink.Description)
		default:
			out[o.ID] = "app:" + o.AppID
		}
	}
	return out
}

// testAccCheckWorkspaceObjectsDestroyed: no object of the state is listed
// by its workspace any more (or the workspace is gone).
func testAccCheckWorkspaceObjectsDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for addr, r := range s.RootModule().Resources {
			if r.Type != "dataiku_workspace_object" || strings.HasPrefix(addr, "data.") {
				continue // a data source's object is not the configuration's
			}
			key := r.Primary.Attributes["workspace_key"]
			objs, err := acctest.Client(t).ListWorkspaceObjects(acctest.Ctx(t), key)
			if dss.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			for _, o := range objs {
				if o.ID == r.Primary.ID {
					return fmt.Errorf("workspace %s still lists object %s", key, o.ID)
				}
			}
		}
		return nil
	}
}

func testAccWorkspaceObjectsConfig(url string) string {
	return fmt.Sprintf(`
resource "dataiku_workspace" "test" {
  workspace_key = %q
  display_name  = "Objects"
}

resource "dataiku_workspace_object" "orders" {
  workspace_key = dataiku_workspace.test.workspace_key
  reference = {
    project_key = "SALES"
    type        = "DATASET"
    id          = "orders"
  }
}

resource "dataiku_workspace_object" "app" {
  workspace_key = dataiku_workspace.test.workspace_key
  app_id        = "SALES_APP"
}

resource "dataiku_workspace_object" "link" {
  workspace_key = dataiku_workspace.test.workspace_key
  html_link = {
    name = "Handbook"
    url  = %q
  }
}
`, testObjectsWorkspace, url)
}

func TestAccWorkspaceObject_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const key = testObjectsWorkspace
	var linkID string
	linkIDOf := func(s *terraform.State) string {
		return s.RootModule().Resources["dataiku_workspace_object.link"].Primary.ID
	}
	acctest.Case(t, testAccCheckWorkspaceObjectsDestroyed(t), []resource.TestStep{
		{
			Config: testAccWorkspaceObjectsConfig("https://example.com/a"),
			Check: func(s *terraform.State) error {
				linkID = linkIDOf(s)
				got := testWorkspaceObjects(t)
				rs := s.RootModule().Resources
				want := map[string]string{
					rs["dataiku_workspace_object.orders"].Primary.ID: "reference:DATASET SALES.orders",
					rs["dataiku_workspace_object.app"].Primary.ID:    "app:SALES_APP",
					linkID: "link:Handbook https://example.com/a ",
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					return fmt.Errorf("workspace objects in DSS: %v, want %v", got, want)
				}
				return nil
			},
		},
		{
			// DSS cannot change an object: a new URL replaces the link.
			Config: testAccWorkspaceObjectsConfig("https://example.com/b"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("dataiku_workspace_object.link", plancheck.ResourceActionDestroyBeforeCreate),
				plancheck.ExpectResourceAction("dataiku_workspace_object.orders", plancheck.ResourceActionNoop),
			}},
			Check: func(s *terraform.State) error {
				got := testWorkspaceObjects(t)
				if _, old := got[linkID]; old || got[linkIDOf(s)] != "link:Handbook https://example.com/b " || len(got) != 3 {
					return fmt.Errorf("after the replacement (old link %s): %v", linkID, got)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep("dataiku_workspace_object.orders", func(s *terraform.State) (string, error) {
			return key + "/" + s.RootModule().Resources["dataiku_workspace_object.orders"].Primary.ID, nil
		}),
		acctest.ImportIdentityStep(t, "dataiku_workspace_object.link"),
		acctest.DeletedOutsideStep(t, "dataiku_workspace_object.link", testAccWorkspaceObjectsConfig("https://example.com/b"),
			func() error {
				for id, o := range testWorkspaceObjects(t) {
					if o == "link:Handbook https://example.com/b " {
						return acctest.Client(t).DeleteWorkspaceObject(acctest.Ctx(t), key, id)
					}
				}
				return fmt.Errorf("no link in workspace %s", key)
			},
			func(*terraform.State) error {
				if got := testWorkspaceObjects(t); len(got) != 3 {
					return fmt.Errorf("the link was not added again: %v", got)
				}
				return nil
			}),
	})
}

// TestAccWorkspaceObject_nonAdminKey: bob, who is not an administrator
// and only a reader of a workspace made outside Terraform, cannot add an
// object to it: DSS's refusal of the POST is quoted with the resource's
// address, and the workspace still lists no object.
func TestAccWorkspaceObject_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const key = "ACC_WS_OBJ_BOB"
	c := acctest.Client(t)
	if err := c.CreateWorkspace(acctest.Ctx(t), dss.WorkspaceCreate{Key: key, DisplayName: "Bob reads",
		Permissions: &[]dss.WorkspacePermission{{User: acctest.BobLogin, Read: new(true)}}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.DeleteWorkspace(context.Background(), key); err != nil && !dss.IsNotFound(err) {
			t.Errorf("deleting workspace %s: %v", key, err)
		}
	})
	acctest.RefusedToBob(t, fmt.Sprintf(`
resource "dataiku_workspace_object" "link" {
  workspace_key = %q
  html_link = {
    name = "Bob's"
    url  = "https://example.com/bob"
  }
}
`, key), regexp.MustCompile(`(?s)Cannot create dataiku_workspace_object.*with dataiku_workspace_object.link.*POST /public/api/workspaces/ACC_WS_OBJ_BOB/objects: 403.*may\s+not\s+add\s+objects\s+to\s+workspace`))
	objs, err := c.ListWorkspaceObjects(acctest.Ctx(t), key)
	if err != nil {
		t.Fatal(err)
	}
	if len(objs) != 0 {
		t.Fatalf("bob's refused apply added objects: %+v", objs)
	}
}
