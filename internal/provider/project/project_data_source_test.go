package project_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

func TestAccProjectDataSources(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DS")
	other := key + "_B"
	c := acctest.Client(t)
	folder, err := c.CreateProjectFolder(acctest.Ctx(t), "ROOT", "acc-"+key)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteProjectFolder(acctest.Ctx(t), folder.ID) })
	base := fmt.Sprintf(`
resource "dataiku_project" "a" {
  project_key        = %q
  name               = "DS A"
  short_description  = "short"
  tags               = ["ds-%[1]s", "shared"]
  project_folder_id  = %q
  permissions        = [{ group = "analysts", read_project_content = true }]
  standard_variables = { env = "prod" }
  local_variables    = jsonencode({ token = "t0k" })
}

resource "dataiku_project" "b" {
  project_key = %q
  name        = "DS B"
  tags        = ["shared"]
}
`, key, folder.ID, other)
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{Config: base},
		{
			Config: base + fmt.Sprintf(`
data "dataiku_project" "plain" {
  project_key = dataiku_project.a.project_key
}

data "dataiku_project" "vars" {
  project_key       = dataiku_project.a.project_key
  include_variables = true
}

data "dataiku_projects" "by_tag" {
  tag        = "ds-%s"
  depends_on = [dataiku_project.a, dataiku_project.b]
}

data "dataiku_projects" "by_folder" {
  project_folder_id = %q
  depends_on        = [dataiku_project.a, dataiku_project.b]
}

data "dataiku_projects" "all" {
  depends_on = [dataiku_project.a, dataiku_project.b]
}
`, key, folder.ID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_project.plain", tfjsonpath.New("name"), knownvalue.StringExact("DS A")),
				statecheck.ExpectKnownValue("data.dataiku_project.plain", tfjsonpath.New("short_description"), knownvalue.StringExact("short")),
				statecheck.ExpectKnownValue("data.dataiku_project.plain", tfjsonpath.New("owner"), knownvalue.StringExact("admin")),
				statecheck.ExpectKnownValue("data.dataiku_project.plain", tfjsonpath.New("project_folder_id"), knownvalue.StringExact(folder.ID)),
				statecheck.ExpectKnownValue("data.dataiku_project.plain", tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact("ds-" + key), knownvalue.StringExact("shared")})),
				statecheck.ExpectKnownValue("data.dataiku_project.plain", tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"group": knownvalue.StringExact("analysts"), "read_project_content": knownvalue.Bool(true), "admin": knownvalue.Bool(false)}),
				})),
				statecheck.ExpectKnownValue("data.dataiku_project.plain", tfjsonpath.New("standard_variables"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.dataiku_project.plain", tfjsonpath.New("local_variables"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.dataiku_project.vars", tfjsonpath.New("standard_variables"), knownvalue.ObjectExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("prod")})),
				statecheck.ExpectKnownValue("data.dataiku_project.vars", tfjsonpath.New("local_variables"), knownvalue.StringExact(`{"token":"t0k"}`)),
				statecheck.ExpectKnownValue("data.dataiku_projects.by_tag", tfjsonpath.New("projects"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"project_key": knownvalue.StringExact(key), "name": knownvalue.StringExact("DS A"),
						"owner": knownvalue.StringExact("admin"),
						"tags":  knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ds-" + key), knownvalue.StringExact("shared")}),
					}),
				})),
				statecheck.ExpectKnownValue("data.dataiku_projects.by_folder", tfjsonpath.New("projects"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"project_key": knownvalue.StringExact(key)}),
				})),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckTypeSetElemNestedAttrs("data.dataiku_projects.all", "projects.*", map[string]string{"project_key": key}),
				resource.TestCheckTypeSetElemNestedAttrs("data.dataiku_projects.all", "projects.*", map[string]string{"project_key": other, "name": "DS B"}),
			),
		},
	})
}
