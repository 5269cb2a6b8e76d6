package project_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// run_as removed from the configuration gives the scenario DSS's default
// again (no runAsUser), and the next plan is empty. The description said
// "When not set, the provider leaves DSS's value alone", which the apply
// never did after a removal (TestAccEmptyClearing found the difference);
// it now says what the provider does: a configuration that never sets it
// leaves DSS's value alone, a removal resets it.
func TestAccScenario_runAsRemoved(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCRUNAS")
	testScenarioProject(t, key)
	cfg := func(runAs string) string {
		return fmt.Sprintf("resource \"dataiku_scenario\" \"test\" {\n  project_key = %q\n  name        = \"runas\"\n  type        = \"step_based\"\n%s}\n", key, runAs)
	}
	runAsUser := func(want string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id := s.RootModule().Resources["dataiku_scenario.test"].Primary.Attributes["id"]
			doc := acctest.RawDoc(t, dss.ScenarioDoc(key, id).Path())
			if got, _ := doc["runAsUser"].(string); got != want {
				return fmt.Errorf("DSS's runAsUser is %q, want %q", got, want)
			}
			return nil
		}
	}
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		{Config: cfg("  run_as = \"admin\"\n"), Check: runAsUser("admin")},
		{Config: cfg(""), Check: runAsUser("")},
	})
}
