package project_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A refresh of a managed folder costs 1 request, its project's folder
// list (whole definitions); of a project folder, 1 GET of the folder plus 1 of its settings when owner or
// permissions are managed. Counted with the emulator's request stats.
func TestAccFolders_refreshRequestCount(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_FREQ")
	acctest.ProjectOutside(t, key, "Counted")
	cfg := fmt.Sprintf(`
resource "dataiku_managed_folder" "counted" {
  project_key = %[1]q
  name        = "counted"
}

resource "dataiku_project_folder" "plain" {
  name = "%[2]s-plain"
}

resource "dataiku_project_folder" "owned" {
  name  = "%[2]s-owned"
  owner = "admin"
}
`, key, key)
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(acctest.CheckManagedFoldersDestroyed(t), testAccCheckProjectFoldersDestroyed(t)), []resource.TestStep{
		{Config: cfg},
		acctest.RefreshCostStep(t, em, "managed folder 1 list, project folder 1 GET (+1 settings GET with owner managed)", map[string]int64{
			acctest.RouteFolderList:                      1,
			"GET /public/api/project-folders/{folderId}": 2,
			"GET /public/api/project-folders/{a}/{b}":    1,
		}),
	})
}
