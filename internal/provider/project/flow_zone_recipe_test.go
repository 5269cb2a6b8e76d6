package project_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A recipe in a zone, moved to another zone in DSS: the plan shows the
// two zones' items changing and the apply puts the recipe back, as for
// datasets (issue 14's drift case "recipe moved to another zone").
func TestAccFlowZone_recipeMovedInDSS(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_FZR")
	cfg := fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Zones and recipes"
}

resource "dataiku_dataset" "src" {
  project_key     = dataiku_project.p.project_key
  name            = "src"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "/zr/src" })
}

resource "dataiku_dataset" "dst" {
  project_key     = dataiku_project.p.project_key
  name            = "dst"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
}

resource "dataiku_recipe" "copy" {
  project_key = dataiku_project.p.project_key
  name        = "copy_src"
  type        = "python"
  inputs      = { main = [{ ref = dataiku_dataset.src.name }] }
  outputs     = { main = [{ ref = dataiku_dataset.dst.name }] }
  script      = "print('copy')"
}

resource "dataiku_flow_zone" "a" {
  project_key = dataiku_project.p.project_key
  name        = "Compute"
  items       = [{ type = "RECIPE", id = dataiku_recipe.copy.name }, { type = "DATASET", id = dataiku_dataset.dst.name }]
}

resource "dataiku_flow_zone" "b" {
  project_key = dataiku_project.p.project_key
  name        = "Inputs"
  items       = [{ type = "DATASET", id = dataiku_dataset.src.name }]
}
`, key)
	holds := testZoneRecipeHolds(t, key)
	acctest.Case(t, acctest.CheckFlowZonesDestroyed(t), []resource.TestStep{
		{
			Config:           cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            holds,
		},
		{
			PreConfig: func() {
				zones, err := acctest.Client(t).ListFlowZones(acctest.Ctx(t), key)
				if err != nil {
					t.Fatal(err)
				}
				for _, z := range zones {
					if z.Name == "Inputs" {
						if _, err := acctest.Client(t).MoveToFlowZone(acctest.Ctx(t), key, z.ID, []dss.ZoneItem{{ObjectID: "copy_src", ObjectType: "RECIPE"}}); err != nil {
							t.Fatal(err)
						}
					}
				}
			},
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					acctest.ExpectOnlyChanged{Addr: "dataiku_flow_zone.a", Attrs: []string{"items"}},
					acctest.ExpectOnlyChanged{Addr: "dataiku_flow_zone.b", Attrs: []string{"items"}},
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: holds,
		},
	})
}

// testZoneRecipeHolds checks in DSS that zone a holds the recipe and dst,
// and zone b only src.
func testZoneRecipeHolds(t *testing.T, key string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		want := map[string]string{"dataiku_flow_zone.a": "[DATASET:dst RECIPE:copy_src]", "dataiku_flow_zone.b": "[DATASET:src]"}
		for addr, exp := range want {
			if got := fmt.Sprint(acctest.ZoneItems(t, key, acctest.ZoneID(s, addr))); got != exp {
				return fmt.Errorf("%s holds %s in DSS, want %s", addr, got, exp)
			}
		}
		return nil
	}
}
