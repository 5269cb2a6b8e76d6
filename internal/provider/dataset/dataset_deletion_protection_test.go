package dataset_test

import (
	"fmt"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccDataset_deletionProtection: a protected dataset survives a
// configuration without it; turned off, it changes nothing in DSS and is
// destroyed.
func TestAccDataset_deletionProtection(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_DSDP")
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, key, "kept"), acctest.DeletionProtectionSteps(t, em, "dataiku_dataset.test", func(protected bool) string {
		return fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %q
  name        = "Deletion protection"
}

resource "dataiku_dataset" "test" {
  project_key         = dataiku_project.p.project_key
  name                = "kept"
  type                = "Filesystem"
  connection_name     = "filesystem_root"
  params              = jsonencode({ path = "/kept" })
  deletion_protection = %t
}
`, key, protected)
	}))
}
