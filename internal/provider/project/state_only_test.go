package project_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccProject_deleteManagedDataOnly: delete_managed_data is sent with
// the delete only (StateOnlyAttrs): turning it on sends DSS nothing, and
// the next plan is empty.
func TestAccProject_deleteManagedDataOnly(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_DMD")
	config := func(drop bool) string {
		return fmt.Sprintf(`
resource "dataiku_project" "test" {
  project_key         = %q
  name                = "Managed data"
  delete_managed_data = %t
}
`, key, drop)
	}
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: config(false)}),
		acctest.StateOnlyChangeStep(t, em, "dataiku_project.test", config(true), "delete_managed_data"),
	})
}
