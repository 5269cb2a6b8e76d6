package project_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// partitioning.file_path_pattern = "" on a managed folder, from a pattern:
// the read turned DSS's "" into null, so the apply failed with "Provider
// produced inconsistent result after apply" and the next plan wrote ""
// again. Found by TestAccEmptyClearing (the dataset's twin is
// TestAccDataset_emptyFilePathPattern).
func TestAccManagedFolder_emptyFilePathPattern(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_MFFPP")
	cfg := func(pattern string) string {
		return testAccManagedFolderConfig(key, "one", "fpp", fmt.Sprintf(`partitioning = {
    dimensions        = [{ name = "day", type = "time", period = "DAY" }]
    file_path_pattern = %q
  }`, pattern))
	}
	pattern := func(want string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			f := testManagedFolderRaw(t, key, s.RootModule().Resources[acctest.ManagedFolderAddr].Primary.ID)
			p, _ := f["partitioning"].(map[string]any)
			if got, _ := p["filePathPattern"].(string); got != want {
				return fmt.Errorf("DSS's filePathPattern is %q, want %q", got, want)
			}
			return nil
		}
	}
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(acctest.CheckManagedFoldersDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{Config: cfg("%Y/%M/%D/.*"), Check: pattern("%Y/%M/%D/.*")},
		{Config: cfg(""), Check: resource.ComposeAggregateTestCheckFunc(pattern(""),
			resource.TestCheckResourceAttr(acctest.ManagedFolderAddr, "partitioning.file_path_pattern", ""))},
	})
}
