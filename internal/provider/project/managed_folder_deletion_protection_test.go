package project_test

import (
	"fmt"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccManagedFolder_deletionProtection: a protected folder survives a
// configuration without it; turned off, it changes nothing in DSS and is
// destroyed.
func TestAccManagedFolder_deletionProtection(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_MFDP")
	acctest.Case(t, acctest.CheckManagedFoldersDestroyed(t), acctest.DeletionProtectionSteps(t, em, acctest.ManagedFolderAddr, func(protected bool) string {
		return fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %q
  name        = "Deletion protection"
}

resource "dataiku_managed_folder" "test" {
  project_key         = dataiku_project.p.project_key
  name                = "kept"
  deletion_protection = %t
}
`, key, protected)
	}))
}
