package provider

import (
	"fmt"
	"regexp"
	"testing"
)

// The fault matrix for data quality rules: one rule on a dataset made
// through the client. Each call the rule makes meets a failure, and the
// next apply converges to exactly the configuration with an empty plan and
// exactly one rule of that name (a lost create is found by name, never
// posted twice).

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
	rules, err := testClient(t).ListDataQualityRules(testCtx(t), key, "orders")
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	if minimum != 0 {
		want = 1
	}
	if len(rules) != want {
		t.Fatalf("rules in DSS: %+v, want %d", rules, want)
	}
	if want == 1 {
		cfg, _ := rules[0].Config()
		if rules[0].DisplayName != "row count" || fmt.Sprint(cfg["minimum"]) != fmt.Sprint(minimum) {
			t.Errorf("rule in DSS: %+v %v, want minimum %d", rules[0], cfg, minimum)
		}
	}
}

var faultQualityClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_data_quality_rule "row count"`)

func TestAccFaultsQualityConverge(t *testing.T) {
	testAccParallel(t)
	testAccPreCheck(t)
	requireEmulator(t)
	var (
		postRule   = faultCall{"create rule", "POST", `/projects/%s/datasets/orders/data-quality/rules$`}
		getRule    = faultCall{"read rules", "GET", `/projects/%s/datasets/orders/data-quality/rules$`}
		putRule    = faultCall{"update rule", "PUT", `/projects/%s/datasets/orders/data-quality/rules/[^/]+$`}
		deleteRule = faultCall{"delete rule", "DELETE", `/projects/%s/datasets/orders/data-quality/rules/[^/]+$`}
	)
	const routeCreate = "POST /public/api/projects/{projectKey}/datasets/{datasetName}/data-quality/rules"
	one, five := 1, 5 // the rule's minimum
	type op = faultOp[int]
	runFaultMatrix(t, faultMatrix[int]{
		what:        "data quality",
		name:        func(i int) string { return testProjectKey(fmt.Sprintf("FLTDQ%02d", i)) },
		randomNames: true,
		clearError:  faultQualityClearError,
		prepare:     func(t *testing.T, key string) { testAccDatasetWithRule(t, key, "") },
		hcl:         func(key string, minimum *int) string { return faultQualityHCL(key, *minimum) },
		holds: func(t *testing.T, key, _ string, minimum *int) {
			want := 0
			if minimum != nil {
				want = *minimum
			}
			assertRulesHold(t, key, want)
		},
	}, []faultRow[int]{
		{postRule, fault502After, op{target: &one, creates: []string{routeCreate}}, false},
		{postRule, faultDropAfter, op{target: &one, creates: []string{routeCreate}}, false},
		{getRule, fault502, op{setup: &one, target: &one}, false},
		{putRule, fault503, op{setup: &one, target: &five}, false},
		{deleteRule, faultDropAfter, op{setup: &one}, false},
	})
}
