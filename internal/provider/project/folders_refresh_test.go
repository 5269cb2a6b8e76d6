package project_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
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
		refreshCostStep(t, em, "managed folder 1 list, project folder 1 GET (+1 settings GET with owner managed)", map[string]int64{
			acctest.RouteFolderList:                      1,
			"GET /public/api/project-folders/{folderId}": 2,
			"GET /public/api/project-folders/{a}/{b}":    1,
		}),
	})
}

// refreshCostStep is a refresh-only step that checks what it cost: for
// each terraform command, which configures the provider once (one
// auth/info), perCommand[route] requests on each route, and no request on
// any other route; cost describes them in the log.
func refreshCostStep(t *testing.T, em *emulator.Running, cost string, perCommand map[string]int64) resource.TestStep {
	const authRoute = "GET /public/api/auth/info"
	var before map[string]int64
	return resource.TestStep{
		PreConfig:    func() { before = em.Server.Stats().ByRoute },
		RefreshState: true,
		Check: func(*terraform.State) error {
			delta := acctest.RouteDelta(before, em.Server.Stats().ByRoute)
			n := delta[authRoute] // one provider configuration per command
			wrong := n == 0 || len(delta) != len(perCommand)+1
			for route, count := range perCommand {
				wrong = wrong || delta[route] != count*n
			}
			if wrong {
				return fmt.Errorf("requests during the refresh of %d command(s): %v", n, delta)
			}
			t.Logf("refresh: %s; all: %v", cost, delta)
			return nil
		},
	}
}
