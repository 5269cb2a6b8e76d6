package acctest

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

const ManagedFolderAddr = "dataiku_managed_folder.test"

// CheckManagedFoldersDestroyed asserts through the admin client
// that every managed folder of the state is gone (its project may be gone
// too).
func CheckManagedFoldersDestroyed(t *testing.T) resource.TestCheckFunc {
	return CheckProjectObjectsGone(t, "dataiku_managed_folder", func(key, id string) string { return dss.ManagedFolderDoc(key, id).Path() })
}
