package deployer_test

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A deployment whose variable overrides DSS prints Java-style (1.0E-4,
// 1000.0): a change of one override sends DSS's text back for every one
// it does not change.
func TestAccProjectDeployment_variablesNumberTextKept(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	autoNode, _ := testAutomationNode(t)
	key := acctest.ProjectKey("ACC_DEPNUM")
	dep := key + "-on-prod"
	acctest.ProjectOutside(t, key, "Deployed")
	cfg := func(env string) string {
		return deployCfg{key: key, bundle: "v1", autoURL: autoNode.URL(), keyVersion: 1, enabled: true,
			vars: `variable_overrides = jsonencode({ env = "` + env + `", ratio = 0.0001, limits = { scale = 1000, list = [60, 0.5] } })`}.hcl()
	}
	path := dss.DeploymentSettingsDoc(dep).Path()
	nums := acctest.NumberTextsOf(t, func() any { return acctest.RawDocExact(t, path)["localVariables"] })
	acctest.Case(t, testAccCheckDeploymentsDestroyed(t), []resource.TestStep{
		{Config: cfg("prod")},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditRawDocExact(t, path, func(d map[string]any) {
					v := d["localVariables"].(map[string]any)
					v["ratio"] = json.Number("1.0E-4")
					v["limits"] = map[string]any{"scale": json.Number("1000.0"), "list": []any{json.Number("60.0"), json.Number("0.50")}}
				})
				nums.Take()
			},
			Config:           cfg("gold"),
			ConfigPlanChecks: acctest.Plans(testDeployment, plancheck.ResourceActionUpdate),
			Check:            nums.Kept(),
		}),
	})
}
