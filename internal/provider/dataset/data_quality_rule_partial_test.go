package dataset_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// testRawRule is the rule id as DSS holds it in the dataset's definition
// (metricsChecks.checks), re-encoded as JSON.
func testRawRule(t *testing.T, key, id string) string {
	t.Helper()
	mc, _ := acctest.GetDataset(t, key, "orders")["metricsChecks"].(map[string]any)
	list, _ := mc["checks"].([]any)
	for _, e := range list {
		if m, _ := e.(map[string]any); m["id"] == id {
			b, _ := json.Marshal(m)
			return string(b)
		}
	}
	return ""
}

// Rules whose documents hold only some of their type's fields, as older
// DSS versions wrote them: a range rule with a minimum only (no maximum,
// soft bounds, enabled, autoRun or computeOnBuildMode), and one with no
// field beside its type and id (no displayName either). Each is imported
// as dss-adopt writes it, with an empty plan; fields DSS then fills on its
// side are no change; an update of the range rule's minimum leaves every
// other field as DSS has it (enabled and autoRun, absent, are written with
// the value they read as, true, which DSS's save fills in anyway [I: the
// emulator's fillRule]); the other rule is left alone. Not a defect: this
// test holds the behaviour.
func TestAccDataQualityRule_partialConfigAdopted(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DQPART")
	realShapeDatasetOutside(t, key, func(d map[string]any) {
		d["metricsChecks"] = map[string]any{"monitor": true, "displayedState": map[string]any{"checks": []any{}},
			"checks": []any{
				map[string]any{"type": "RecordCountInRangeRule", "id": "rc1", "displayName": "enough rows", "minimum": 1.0, "minimumEnabled": true},
				map[string]any{"type": "ColumnsNotEmptyLegacyRule", "id": "old1"},
			}}
	})
	cfg := func(minimum int) string {
		return fmt.Sprintf(`
resource "dataiku_data_quality_rule" "rc" {
  project_key  = %[1]q
  dataset_name = "orders"
  name         = "enough rows"
  type         = "RecordCountInRangeRule"
  config       = { minimum = %[2]d, minimumEnabled = true }
}

resource "dataiku_data_quality_rule" "old" {
  project_key  = %[1]q
  dataset_name = "orders"
  name         = ""
  type         = "ColumnsNotEmptyLegacyRule"
}
`, key, minimum)
	}
	expectRaw := func(rc string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := testRawRule(t, key, "rc1"); got != rc {
				return fmt.Errorf("DSS's rule rc1:\n got %s\nwant %s", got, rc)
			}
			if got, want := testRawRule(t, key, "old1"), `{"id":"old1","type":"ColumnsNotEmptyLegacyRule"}`; got != want {
				return fmt.Errorf("DSS's rule old1:\n got %s\nwant %s", got, want)
			}
			return nil
		}
	}
	noop := []plancheck.PlanCheck{plancheck.ExpectResourceAction("dataiku_data_quality_rule.rc", plancheck.ResourceActionNoop),
		plancheck.ExpectResourceAction("dataiku_data_quality_rule.old", plancheck.ResourceActionNoop)}
	acctest.Case(t, testAccCheckRulesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: acctest.ImportBlock("dataiku_data_quality_rule.rc", key+".orders.rc1") +
				acctest.ImportBlock("dataiku_data_quality_rule.old", key+".orders.old1") + cfg(1),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: noop},
			Check: resource.ComposeAggregateTestCheckFunc(
				expectRaw(`{"displayName":"enough rows","id":"rc1","minimum":1,"minimumEnabled":true,"type":"RecordCountInRangeRule"}`),
				resource.TestCheckResourceAttr("dataiku_data_quality_rule.old", "enabled", "true"),
				resource.TestCheckNoResourceAttr("dataiku_data_quality_rule.old", "config")),
		}),
		{
			// DSS fills fields on its side: no change to plan.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.DatasetDoc(key, "orders").Path(), func(d map[string]any) {
					mc := d["metricsChecks"].(map[string]any)
					rc := mc["checks"].([]any)[0].(map[string]any)
					rc["maximum"], rc["maximumEnabled"], rc["computeOnBuildMode"] = 1000.0, false, "PARTITION"
				})
			},
			Config:           cfg(1),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: noop},
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg(2),
			ConfigPlanChecks: acctest.Plans("dataiku_data_quality_rule.rc", plancheck.ResourceActionUpdate),
			Check: expectRaw(`{"autoRun":true,"computeOnBuildMode":"PARTITION","displayName":"enough rows","enabled":true,"id":"rc1","maximum":1000,"maximumEnabled":false,` +
				`"minimum":2,"minimumEnabled":true,"type":"RecordCountInRangeRule"}`),
		}),
	})
}
