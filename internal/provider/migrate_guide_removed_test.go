package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccMigrateGuideRemovedBlock applies the migration guide's first step
// as written: its `removed` block, for dataiku_project.sales with
// destroy = false, must make Terraform forget the project and leave it in
// DSS, even with deletion_protection on, as the promotion guide also tells
// the reader to do with a protected object. A `removed` block that would
// destroy it is refused by deletion_protection, like a removed resource
// block. The guide's block is read from the guide, so a change to it is
// tested too.
func TestAccMigrateGuideRemovedBlock(t *testing.T) {
	acctest.Parallel(t)
	removed := migrateGuideRemovedBlock(t)
	c := acctest.Client(t)
	key := acctest.ProjectKey("ACC_RM")
	// The project outlives the test's Terraform: it is deleted here.
	t.Cleanup(func() {
		if err := c.DeleteProject(context.Background(), key, dss.DeleteProjectOptions{}); err != nil && !dss.IsNotFound(err) {
			t.Errorf("deleting project %s: %v", key, err)
		}
	})
	exists := func() error {
		if err := c.Get(acctest.Ctx(t), dss.Path("projects", key, "metadata"), nil, nil); err != nil {
			return fmt.Errorf("project %s must still be in DSS: %w", key, err)
		}
		return nil
	}
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: fmt.Sprintf(`
resource "dataiku_project" "sales" {
  project_key         = %q
  name                = "Sales"
  deletion_protection = true
}
`, key),
			Check: func(*terraform.State) error { return exists() },
		},
		{
			// Removed, to be destroyed: deletion_protection refuses.
			Config:      "removed {\n  from = dataiku_project.sales\n}\n",
			ExpectError: regexp.MustCompile(`Cannot delete dataiku_project "` + key + `": deletion_protection`),
		},
		{
			Config: removed,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.PlanAssert(func(plan *tfjson.Plan) error {
					for _, rc := range plan.ResourceChanges {
						if rc.Address == "dataiku_project.sales" {
							if !rc.Change.Actions.Forget() {
								return fmt.Errorf("the guide's removed block plans %v for dataiku_project.sales, not forget", rc.Change.Actions)
							}
							return nil
						}
					}
					return fmt.Errorf("the guide's removed block plans nothing for dataiku_project.sales")
				}),
			}},
			Check: func(s *terraform.State) error {
				if r := s.RootModule().Resources["dataiku_project.sales"]; r != nil {
					return fmt.Errorf("dataiku_project.sales is still in the state after the guide's removed block")
				}
				return exists()
			},
		},
	})
}

// migrateGuideRemovedBlock is the terraform block of the migration guide's
// first step from the community provider: the removed block.
func migrateGuideRemovedBlock(t *testing.T) string {
	t.Helper()
	const heading = "## From the community Terraform provider (amrutp24)"
	for _, block := range docSectionBlocks(t, migrateGuide, heading) {
		if block[0] == "terraform" && strings.Contains(block[1], "removed {") && strings.Contains(block[1], "dataiku_project.sales") {
			return block[1]
		}
	}
	t.Fatalf("%s's section %q has no terraform block with a removed block for dataiku_project.sales", migrateGuide, heading)
	return ""
}
