package deployer_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccAPIDeployment_deletionProtection and
// TestAccProjectDeployment_deletionProtection: a protected deployment
// survives a configuration without it; turned off, it writes nothing and
// runs no update, and is destroyed. The API deployment's steps end with a
// change of ignore_warnings alone.
func TestAccAPIDeployment_deletionProtection(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	d := testAPIDeploymentOf(t, "acc_apidp", "v1")
	steps := acctest.DeletionProtectionSteps(t, em, testAPIDeployment, func(protected bool) string {
		d.extra = fmt.Sprintf("deletion_protection = %t", protected)
		return d.hcl()
	})
	// ignore_warnings is sent with each save and DSS keeps it not: a change
	// of it alone saves nothing and deploys nothing.
	d.extra = "ignore_warnings = true"
	steps = append(steps, acctest.StateOnlyChangeStep(t, em, testAPIDeployment, d.hcl(), "ignore_warnings"))
	acctest.Case(t, testAccCheckAPIDeploymentsDestroyed(t), steps)
}

// The project deployment's steps end with a change of its timeouts alone,
// on the same deployment: the timeouts are the provider's own, so that
// change saves no settings and runs no update either (it ran one before
// the kit planned state-only changes alone: the framework made the health
// unknown).
func TestAccProjectDeployment_deletionProtection(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	d := testDeployCfgOf(t, "ACC_DEPDP")
	steps := acctest.DeletionProtectionSteps(t, em, testDeployment, func(protected bool) string {
		d.vars = fmt.Sprintf("deletion_protection = %t", protected)
		return d.hcl()
	})
	longer := d
	longer.vars = "timeouts {\n    update = \"45m\"\n  }"
	timeoutsOnly := acctest.StateOnlyChangeStep(t, em, testDeployment, longer.hcl(), "timeouts")
	timeoutsOnly.Check = resource.ComposeTestCheckFunc(timeoutsOnly.Check, testDeploymentHealth(t, d.key+"-on-prod", "HEALTHY"))
	steps = append(steps, timeoutsOnly)
	acctest.Case(t, testAccCheckDeploymentsDestroyed(t), steps)
}

// testDeployCfgOf makes a design project (key from prefix) holding dataset
// orders and a fresh automation node, and returns the configuration that
// deploys the project's bundle v1 there, with the connection remapping
// the node needs.
func testDeployCfgOf(t *testing.T, prefix string) deployCfg {
	t.Helper()
	autoNode, _ := testAutomationNode(t)
	key := acctest.ProjectKey(prefix)
	testDesignDataset(t, acctest.ProjectOutside(t, key, prefix), key, "orders")
	return deployCfg{key: key, bundle: "v1", autoURL: autoNode.URL(), keyVersion: 1, enabled: true, remap: `connection_remappings = { pg_warehouse = "pg_prod" }`}
}
