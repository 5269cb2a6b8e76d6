package deployer_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccAPIDeployment_deletionProtection and
// TestAccProjectDeployment_deletionProtection: a protected deployment
// survives a configuration without it; turned off, it writes nothing and
// runs no update, and is destroyed.
func TestAccAPIDeployment_deletionProtection(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	d := testAPIDeploymentOf(t, "acc_apidp", "v1")
	acctest.Case(t, testAccCheckAPIDeploymentsDestroyed(t), acctest.DeletionProtectionSteps(t, em, testAPIDeployment, func(protected bool) string {
		d.extra = fmt.Sprintf("deletion_protection = %t", protected)
		return d.hcl()
	}))
}

func TestAccProjectDeployment_deletionProtection(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	d := testDeployCfgOf(t, "ACC_DEPDP")
	acctest.Case(t, testAccCheckDeploymentsDestroyed(t), acctest.DeletionProtectionSteps(t, em, testDeployment, func(protected bool) string {
		d.vars = fmt.Sprintf("deletion_protection = %t", protected)
		return d.hcl()
	}))
}

// TestAccProjectDeployment_timeoutsChangeDeploysNothing: the timeouts are
// the provider's own; a change of them alone saves no settings and runs
// no update (it ran one before: the framework made the health unknown).
func TestAccProjectDeployment_timeoutsChangeDeploysNothing(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	d := testDeployCfgOf(t, "ACC_DEPTO")
	longer := d
	longer.vars = `timeouts {
    update = "45m"
  }`
	var before map[string]int64
	acctest.Case(t, testAccCheckDeploymentsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: d.hcl(), Check: testDeploymentHealth(t, d.key+"-on-prod", "HEALTHY")}),
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        func() { before = em.Server.Stats().ByRoute },
			Config:           longer.hcl(),
			ConfigPlanChecks: acctest.Plans(testDeployment, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				acctest.ExpectNoWrites(t, before, em.Server.Stats().ByRoute, "by a change of the timeouts alone")
				return nil
			},
		}),
	})
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
