package dataset_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The fault matrix for data quality rules: one rule on a dataset made
// through the client. Each call the rule makes meets a failure, and the
// next apply converges to exactly the configuration with an empty plan and
// exactly one rule of that name (a lost create is found by name, never
// posted twice). Every row is the rule's own: DSS's rules are no document
// at an address (one endpoint lists a dataset's rules, another saves one
// by id), so its create, read, write and delete are its own code. The
// kit's shared behaviour is tested once in kit/
// (TestKitFaultsOnGenericCalls, TestKitLostPostRecovered, TestKitGone).

func faultQualityHCL(key string, minimum int) string {
	return fmt.Sprintf(`
resource "dataiku_data_quality_rule" "rows" {
  project_key  = %q
  dataset_name = "orders"
  name         = "row count"
  type         = "RecordCountInRangeRule"
  config       = jsonencode({ minimum = %d, minimumEnabled = true })
}
`, key, minimum)
}

// assertRulesHold checks through the admin client that the dataset holds
// one rule named "row count" with the minimum (0: no rule).
func assertRulesHold(t *testing.T, key string, minimum int) {
	t.Helper()
	rules, err := acctest.Client(t).ListDataQualityRules(acctest.Ctx(t), key, "orders")
	if err != nil {
		t.Fatal(err)
	}
	if acctest.OneOrNone(t, "rules of orders", rules, minimum != 0) {
		cfg, _ := rules[0].Config()
		if rules[0].DisplayName != "row count" || fmt.Sprint(cfg["minimum"]) != fmt.Sprint(minimum) {
			t.Errorf("rule in DSS: %+v %v, want minimum %d", rules[0], cfg, minimum)
		}
	}
}

var faultQualityClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_data_quality_rule "row count"`)

func TestAccFaultsQualityConverge(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	var (
		postRule   = acctest.FaultCall{Name: "create rule", Method: "POST", Path: `/projects/%s/datasets/orders/data-quality/rules$`}
		getRule    = acctest.FaultCall{Name: "read rules", Method: "GET", Path: `/projects/%s/datasets/orders/data-quality/rules$`}
		putRule    = acctest.FaultCall{Name: "update rule", Method: "PUT", Path: `/projects/%s/datasets/orders/data-quality/rules/[^/]+$`}
		deleteRule = acctest.FaultCall{Name: "delete rule", Method: "DELETE", Path: `/projects/%s/datasets/orders/data-quality/rules/[^/]+$`}
	)
	const routeCreate = "POST /public/api/projects/{projectKey}/datasets/{datasetName}/data-quality/rules"
	one, five := 1, 5 // the rule's minimum
	type op = acctest.FaultOp[int]
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[int]{
		What:        "data quality",
		Name:        func(i int) string { return acctest.ProjectKey(fmt.Sprintf("FLTDQ%02d", i)) },
		RandomNames: true,
		ClearError:  faultQualityClearError,
		Prepare:     func(t *testing.T, key string) { testAccDatasetWithRule(t, key, "") },
		HCL:         func(key string, minimum *int) string { return faultQualityHCL(key, *minimum) },
		Holds: func(t *testing.T, key, _ string, minimum *int) {
			want := 0
			if minimum != nil {
				want = *minimum
			}
			assertRulesHold(t, key, want)
		},
	}, []acctest.FaultRow[int]{
		{Call: postRule, Fault: acctest.Fault502After, Op: op{Target: &one, Creates: []string{routeCreate}}, MayFail: false},
		{Call: postRule, Fault: acctest.FaultDropAfter, Op: op{Target: &one, Creates: []string{routeCreate}}, MayFail: false},
		{Call: getRule, Fault: acctest.Fault502, Op: op{Setup: &one, Target: &one}, MayFail: false},
		{Call: putRule, Fault: acctest.Fault503, Op: op{Setup: &one, Target: &five}, MayFail: false},
		{Call: deleteRule, Fault: acctest.FaultDropAfter, Op: op{Setup: &one}, MayFail: false},
	})
}
