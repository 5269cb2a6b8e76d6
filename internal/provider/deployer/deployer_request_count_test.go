package deployer_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccDeployerRequestCounts measures what a full promotion (a bundle
// exported and published, an infrastructure, a deployment and its first
// update) and a bundle bump (a new bundle, the deployment moved to it)
// cost in requests to the design node and to the automation node, over a
// test step (plan, apply, refresh and the plan that must be empty), and
// bounds them so that a regression shows.
func TestAccDeployerRequestCounts(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	design := acctest.RequireEmulator(t)
	autoNode, _ := testAutomationNode(t)
	key := acctest.ProjectKey("ACC_DEPRC")
	c := acctest.ProjectOutside(t, key, "Counted")
	testDesignDataset(t, c, key, "orders")
	v1 := deployCfg{key: key, bundle: "v1", autoURL: autoNode.URL(), keyVersion: 1, enabled: true,
		remap: `connection_remappings = { pg_warehouse = "pg_prod" }`, vars: `variable_overrides = jsonencode({ env = "prod" })`}
	v2 := v1
	v2.bundle = "v2"
	var designBefore, autoBefore int64
	var start time.Time
	mark := func() {
		designBefore, autoBefore = design.Server.Stats().Requests, autoNode.Server.Stats().Requests
		start = time.Now()
	}
	count := func(what string, maxDesign, maxAuto int64) resource.TestCheckFunc {
		return func(*terraform.State) error {
			d, a := design.Server.Stats().Requests-designBefore, autoNode.Server.Stats().Requests-autoBefore
			t.Logf("%s: %d requests to the design node, %d to the automation node, %s (plan and apply so far)", what, d, a, time.Since(start).Round(time.Millisecond))
			if d > maxDesign || a > maxAuto {
				return fmt.Errorf("%s: %d design and %d automation requests, more than %d and %d", what, d, a, maxDesign, maxAuto)
			}
			return nil
		}
	}
	acctest.Case(t, testAccCheckDeploymentsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{PreConfig: mark, Config: v1.hcl(), Check: count("full promotion", 22, 7)}),
		acctest.EmptyPlanAfter(resource.TestStep{PreConfig: mark, Config: v2.hcl(), Check: count("bundle bump", 20, 7)}),
	})
}
