package deployer_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// settings = {} after { k = "v" }, on a published API service and a
// published project: {} writes no key, so DSS and the state keep k (only
// the keys written are managed) and nothing is to be done. The framework
// had marked the computed attributes unknown (id, versions) before the
// settings' plan modifier planned the prior value, so an update that
// writes nothing was planned after every apply. Found by
// TestAccEmptyClearing (api_deployment's settings did the same).
func TestAccPublished_settingsCleared(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	id := testServiceID("acc_svcclr")
	key := acctest.ProjectKey("ACC_PPCLR")
	cfg := func(settings string) string {
		return fmt.Sprintf(`
resource "dataiku_published_api_service" "s" {
  service_id = %[1]q
  settings   = %[3]s
}

resource "dataiku_project" "p" {
  project_key = %[2]q
  name        = "Published settings cleared"
}

resource "dataiku_published_project" "p" {
  project_key = dataiku_project.p.project_key
  settings    = %[3]s
}
`, id, key, settings)
	}
	acctest.Case(t, testAccCheckServicesDestroyed(t), []resource.TestStep{
		{Config: cfg(`{ k = "v" }`)},
		{Config: cfg(`{}`), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(testService, plancheck.ResourceActionNoop),
			plancheck.ExpectResourceAction("dataiku_published_project.p", plancheck.ResourceActionNoop),
		}}},
	})
}
