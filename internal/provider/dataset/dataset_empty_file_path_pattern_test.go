package dataset_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// partitioning.file_path_pattern = "" (DSS's own value for a dataset
// without a pattern): in a dataset created with it, and in one updated to
// it from a pattern. The read turned DSS's "" into null, so the apply
// failed with "Provider produced inconsistent result after apply"
// (file_path_pattern: was "", but now null) and the next plan wrote ""
// again. Found by TestAccEmptyClearing.
func TestAccDataset_emptyFilePathPattern(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DSFPP")
	acctest.CreateProjectForDatasets(t, key)
	cfg := func(pattern string) string {
		block := func(label, pattern string) string {
			return fmt.Sprintf(`
resource "dataiku_dataset" %[2]q {
  project_key     = %[1]q
  name            = %[2]q
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = { path = "/fpp/%[2]s" }
  partitioning = {
    dimensions        = [{ name = "day", type = "time", period = "DAY" }]
    file_path_pattern = %[3]q
  }
}
`, key, label, pattern)
		}
		return block("updated", pattern) + block("created", "")
	}
	pattern := func(name, want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			p, _ := acctest.GetDataset(t, key, name)["partitioning"].(map[string]any)
			if got, _ := p["filePathPattern"].(string); got != want {
				return fmt.Errorf("%s: DSS's filePathPattern is %q, want %q", name, got, want)
			}
			return nil
		}
	}
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, key, "updated", "created"), []resource.TestStep{
		{Config: cfg("%Y/%M/%D/.*"), Check: pattern("updated", "%Y/%M/%D/.*")},
		{Config: cfg(""), Check: resource.ComposeAggregateTestCheckFunc(
			pattern("updated", ""), pattern("created", ""),
			resource.TestCheckResourceAttr("dataiku_dataset.updated", "partitioning.file_path_pattern", ""),
			resource.TestCheckResourceAttr("dataiku_dataset.created", "partitioning.file_path_pattern", ""),
		)},
	})
}
