package project_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

func TestAccProjectFolderDataSources(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	top := strings.ToLower(acctest.ProjectKey("acc_pfds"))
	folders := fmt.Sprintf(`
resource "dataiku_project_folder" "top" {
  name = %[1]q
}

resource "dataiku_project_folder" "emea" {
  name      = "EMEA"
  parent_id = dataiku_project_folder.top.id
}

resource "dataiku_project_folder" "fr" {
  name      = "France"
  parent_id = dataiku_project_folder.emea.id
}
`, top)
	reads := `
data "dataiku_project_folder" "by_path" {
  path = "/` + top + `/EMEA"
}

data "dataiku_project_folder" "by_id" {
  id = dataiku_project_folder.fr.id
}

data "dataiku_project_folders" "subtree" {
  parent_id = dataiku_project_folder.top.id
  recursive = true
}

data "dataiku_project_folders" "direct" {
  parent_id = dataiku_project_folder.top.id
}
`
	acctest.Case(t, testAccCheckProjectFoldersDestroyed(t), []resource.TestStep{
		{Config: folders},
		{
			Config: folders + reads,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_project_folder.by_path", tfjsonpath.New("name"), knownvalue.StringExact("EMEA")),
				statecheck.ExpectKnownValue("data.dataiku_project_folder.by_path", tfjsonpath.New("owner"), knownvalue.StringExact("admin")),
				statecheck.ExpectKnownValue("data.dataiku_project_folder.by_path", tfjsonpath.New("child_ids"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.dataiku_project_folder.by_id", tfjsonpath.New("path"), knownvalue.StringExact("/"+top+"/EMEA/France")),
				statecheck.ExpectKnownValue("data.dataiku_project_folders.subtree", tfjsonpath.New("folders"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("EMEA"), "path": knownvalue.StringExact("/" + top + "/EMEA")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("France"), "path": knownvalue.StringExact("/" + top + "/EMEA/France")}),
				})),
				statecheck.ExpectKnownValue("data.dataiku_project_folders.direct", tfjsonpath.New("folders"), knownvalue.ListSizeExact(1)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrPair("data.dataiku_project_folder.by_path", "id", "dataiku_project_folder.emea", "id"),
				resource.TestCheckResourceAttrPair("data.dataiku_project_folder.by_id", "parent_id", "dataiku_project_folder.emea", "id"),
			),
		},
		{
			Config:      folders + "data \"dataiku_project_folder\" \"missing\" {\n  path = \"/" + top + "/Nowhere\"\n}\n",
			ExpectError: acctest.RegexpMust(`no project folder named "Nowhere" in /` + top + `/`),
		},
	})
}
