package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// The fault matrix for data quality rules: one rule on a dataset made
// through the client. Each call the rule makes meets a failure, and the
// next apply converges to exactly the configuration with an empty plan and
// exactly one rule of that name (a lost create is found by name, never
// posted twice).

func faultQualityHCL(prov faultProvider, key string, minimum int) string {
	if minimum == 0 {
		return cliRequiredProviders + prov.hcl()
	}
	return cliRequiredProviders + prov.hcl() + fmt.Sprintf(`
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
	testAccPreCheck(t)
	em := requireEmulator(t)
	type call struct{ name, method, path string }
	var (
		postRule   = call{"create rule", "POST", `/projects/%s/datasets/orders/data-quality/rules$`}
		getRule    = call{"read rules", "GET", `/projects/%s/datasets/orders/data-quality/rules$`}
		putRule    = call{"update rule", "PUT", `/projects/%s/datasets/orders/data-quality/rules/[^/]+$`}
		deleteRule = call{"delete rule", "DELETE", `/projects/%s/datasets/orders/data-quality/rules/[^/]+$`}
	)
	const routeCreate = "POST /public/api/projects/{projectKey}/datasets/{datasetName}/data-quality/rules"
	type op struct {
		setup, target int // the rule's minimum; 0: no rule
		creates       []string
	}
	cases := []struct {
		call  call
		fault faultKind
		op    op
	}{
		{postRule, fault502After, op{target: 1, creates: []string{routeCreate}}},
		{postRule, faultDropAfter, op{target: 1, creates: []string{routeCreate}}},
		{getRule, fault502, op{setup: 1, target: 1}},
		{putRule, fault503, op{setup: 1, target: 5}},
		{deleteRule, faultDropAfter, op{setup: 1}},
	}
	env := []string{"DATAIKU_HOST=" + testHost, "DATAIKU_API_KEY=" + testAPIKey}
	secrets := keyForms(testAPIKey)
	start, failedFirst := time.Now(), 0
	for i, tc := range cases {
		key := testProjectKey(fmt.Sprintf("FLTDQ%02d", i))
		t.Run(fmt.Sprintf("%s/%s", tc.call.name, tc.fault.name), func(t *testing.T) {
			defer em.Server.ClearFaults()
			testAccDatasetWithRule(t, key, "")
			dir := newTerraformDir(t, nil)
			write := func(minimum int, prov faultProvider) {
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(faultQualityHCL(prov, key, minimum)), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if tc.op.setup != 0 {
				write(tc.op.setup, faultProvider{})
				mustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
			}
			rule := tc.fault.rule
			rule.Method, rule.PathRegex = tc.call.method, fmt.Sprintf(tc.call.path, key)
			if runFaultCase(t, em, dir, env, secrets, faultCase{rule: rule, prov: tc.fault.prov, creates: tc.op.creates,
				clearError: faultQualityClearError, write: func(prov faultProvider) { write(tc.op.target, prov) }}) {
				failedFirst++
			}
			assertRulesHold(t, key, tc.op.target)
		})
	}
	t.Logf("data quality faults injected: %d; first applies that failed with a clear error: %d; converged: %t; wall time %s",
		len(cases), failedFirst, !t.Failed(), time.Since(start).Round(time.Second))
}
