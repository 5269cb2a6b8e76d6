package kit_test

import (
	"fmt"
	"regexp"
	"testing"

	acc "github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccIdentity_missingOrExtraAttribute (issue 25, "what bad input
// gets"): an import block's identity with a part missing is refused at
// plan time by Terraform itself, naming the part. An attribute the
// identity does not have never reaches the provider: Terraform converts
// the block's identity to the identity schema's object type
// (evaluateImportIdentityExpression in Terraform 1.15), which drops it
// silently, so no provider can refuse it. The import then proceeds with
// the identity's own attributes, as this test shows: the object they name
// does not exist, and that is the error.
func TestAccIdentity_missingOrExtraAttribute(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_IDATTR")
	cfg := func(identity string) string {
		return acctest.ImportIdentityBlock("dataiku_scenario.x", identity) + fmt.Sprintf(`
resource "dataiku_scenario" "x" {
  project_key = %q
  name        = "Nightly"
  type        = "step_based"
}
`, key)
	}
	acctest.IdentityCase(t, []acc.TestStep{
		{Config: cfg(`{ project_key = "SALES" }`), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)Incorrect value type.*attribute "id" is required`)},
		{Config: cfg(`{ project_key = "SALES", id = "NIGHTLY", name = "Nightly" }`), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)Cannot import dataiku_scenario "SALES\.NIGHTLY".*DSS has no object with import ID\s+"SALES\.NIGHTLY".*scenario's\s+id,\s+not\s+its\s+name`)},
	})
}
