package instance_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// testPlatformWorkspace makes, outside Terraform, workspace key holding a
// link and a dataset reference; deleted when the test ends. It returns
// the two objects' ids.
func testPlatformWorkspace(t *testing.T, key string) (link, dataset string) {
	t.Helper()
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	acctest.MustDo(t, c.CreateWorkspace(ctx, dss.WorkspaceCreate{Key: key, DisplayName: "The platform's"}))
	t.Cleanup(func() { _ = c.DeleteWorkspace(context.Background(), key) })
	add := func(o dss.WorkspaceObject) string {
		made, err := c.AddWorkspaceObject(ctx, key, o)
		if err != nil || made == nil {
			t.Fatalf("adding %+v to workspace %s: %v (answer %+v)", o, key, err, made)
		}
		return made.ID
	}
	link = add(dss.WorkspaceObject{HTMLLink: &dss.WorkspaceHTMLLink{Name: "Handbook", URL: "https://example.com/handbook", Description: "Read me first"}})
	dataset = add(dss.WorkspaceObject{Reference: &dss.WorkspaceObjectReference{ProjectKey: "SALES", Type: "DATASET", ID: "orders"}})
	return link, dataset
}

// testWorkspaceObjectDSIsDSS checks the data sources' values against the
// objects their workspace lists, read through the client.
func testWorkspaceObjectDSIsDSS(t *testing.T, key, link, dataset string) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		objs, err := acctest.Client(t).ListWorkspaceObjects(acctest.Ctx(t), key)
		if err != nil {
			return err
		}
		byID := map[string]dss.WorkspaceObject{}
		for _, o := range objs {
			byID[o.ID] = o
		}
		l, d := byID[link], byID[dataset]
		if l.HTMLLink == nil || d.Reference == nil {
			return fmt.Errorf("workspace %s lists %+v, not the test's objects", key, objs)
		}
		const linkDS, datasetDS = "data.dataiku_workspace_object.handbook", "data.dataiku_workspace_object.orders"
		return resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(linkDS, "id", l.ID),
			resource.TestCheckResourceAttr(linkDS, "workspace_key", key),
			resource.TestCheckResourceAttr(linkDS, "html_link.name", l.HTMLLink.Name),
			resource.TestCheckResourceAttr(linkDS, "html_link.url", l.HTMLLink.URL),
			resource.TestCheckResourceAttr(linkDS, "html_link.description", l.HTMLLink.Description),
			resource.TestCheckNoResourceAttr(linkDS, "reference.%"),
			resource.TestCheckNoResourceAttr(linkDS, "app_id"),
			resource.TestCheckResourceAttr(datasetDS, "id", d.ID),
			resource.TestCheckResourceAttr(datasetDS, "reference.project_key", d.Reference.ProjectKey),
			resource.TestCheckResourceAttr(datasetDS, "reference.type", d.Reference.Type),
			resource.TestCheckResourceAttr(datasetDS, "reference.id", d.Reference.ID),
			resource.TestCheckNoResourceAttr(datasetDS, "html_link.%"),
			resource.TestCheckNoResourceAttr(datasetDS, "app_id"),
		)(st)
	}
}

// A team's workspace shares what the platform's workspace shares, named
// through the data source: the values are DSS's, the plan after the apply
// is empty, and the destroy leaves the platform's objects. An object id
// the workspace does not list, and a workspace DSS does not have, fail
// the plan, naming them and how to list what exists.
func TestAccWorkspaceObjectDataSource(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const platform, team = "ACC_WS_DS_PLATFORM", "ACC_WS_DS_TEAM"
	link, dataset := testPlatformWorkspace(t, platform)
	cfg := fmt.Sprintf(`
data "dataiku_workspace_object" "handbook" {
  workspace_key = %[1]q
  id            = %[2]q
}

data "dataiku_workspace_object" "orders" {
  workspace_key = %[1]q
  id            = %[3]q
}

resource "dataiku_workspace" "team" {
  workspace_key = %[4]q
  display_name  = "The team's"
}

resource "dataiku_workspace_object" "handbook" {
  workspace_key = dataiku_workspace.team.workspace_key
  html_link     = data.dataiku_workspace_object.handbook.html_link
}

resource "dataiku_workspace_object" "orders" {
  workspace_key = dataiku_workspace.team.workspace_key
  reference     = data.dataiku_workspace_object.orders.reference
}
`, platform, link, dataset, team)
	acctest.Case(t, testAccCheckWorkspaceObjectsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				testWorkspaceObjectDSIsDSS(t, platform, link, dataset),
				resource.TestCheckResourceAttr("data.dataiku_workspace_object.handbook", "html_link.url", "https://example.com/handbook"),
				resource.TestCheckResourceAttr("data.dataiku_workspace_object.orders", "reference.id", "orders"),
				func(*terraform.State) error {
					objs, err := acctest.Client(t).ListWorkspaceObjects(acctest.Ctx(t), team)
					if err != nil {
						return err
					}
					var got []string
					for _, o := range objs {
						switch {
						case o.HTMLLink != nil:
							got = append(got, "link:"+o.HTMLLink.URL+" "+o.HTMLLink.Description)
						case o.Reference != nil:
							got = append(got, "reference:"+o.Reference.ProjectKey+"."+o.Reference.ID)
						}
					}
					// Terraform creates the two objects in parallel: DSS
					// lists them in the order they came.
					slices.Sort(got)
					if fmt.Sprint(got) != "[link:https://example.com/handbook Read me first reference:SALES.orders]" {
						return fmt.Errorf("the team's workspace lists %v", got)
					}
					return nil
				}),
		}),
		{
			Config:      fmt.Sprintf("data \"dataiku_workspace_object\" \"missing\" {\n  workspace_key = %q\n  id            = \"noSuchObj\"\n}\n", platform),
			ExpectError: regexp.MustCompile(`(?s)Cannot read data.dataiku_workspace_object\s+"ACC_WS_DS_PLATFORM/noSuchObj".*Workspace\s+"ACC_WS_DS_PLATFORM"\s+holds\s+no\s+object\s+"noSuchObj".*list\s+"dataiku_workspace_object"`),
		},
		{
			Config:      "data \"dataiku_workspace_object\" \"missing\" {\n  workspace_key = \"NO_SUCH_WS\"\n  id            = \"noSuchObj\"\n}\n",
			ExpectError: regexp.MustCompile(`(?s)Cannot read data.dataiku_workspace_object\s+"NO_SUCH_WS/noSuchObj".*DSS has no workspace\s+"NO_SUCH_WS".*Workspace\s+NO_SUCH_WS\s+not\s+found`),
		},
	})
	objs, err := acctest.Client(t).ListWorkspaceObjects(acctest.Ctx(t), platform)
	if err != nil || len(objs) != 2 {
		t.Errorf("the platform's workspace after the destroy: %+v, %v", objs, err)
	}
}
