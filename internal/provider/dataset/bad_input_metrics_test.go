package dataset_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Bad input for dataiku_dataset's metrics and checks, refused at plan time
// with the attribute and the rule (bad_input_test.go's table helpers).

func badMetrics(attr, line, rule string) acctest.BadInputCase {
	return acctest.BadDataset(attr, line, rule)
}

func badInputMetricsCases() []acctest.BadInputCase {
	probes := func(p string) string { return `metrics = { probes = [` + p + `] }` }
	check := func(c string) string { return `checks = [{ type = "numericRange", name = "rows"` + c + ` }]` }
	return []acctest.BadInputCase{
		badMetrics("metrics.probes[0].type", probes(`{ type = "row_count" }`),
			`"row_count" is not a DSS probe type: it must be one of basic, records, col_stats.*plugin:<type> for a plugin probe`),
		badMetrics("metrics.probes[1].type", probes(`{ type = "basic" }, { type = "RECORDS" }`), `is not a DSS probe type`),
		badMetrics("metrics.probes[0].type", probes(`{ type = "plugin:" }`), `is not a DSS probe type`),
		badMetrics("metrics.probes[0].type", probes(`{ type = "" }`), `is not a DSS probe type`),
		badMetrics("metrics.probes[0].configuration", probes(`{ type = "basic", configuration = jsonencode([1]) }`),
			`Attribute metrics.probes\[0\].configuration must be a JSON object`),
		badMetrics("metrics.probes[0].configuration", probes(`{ type = "basic", configuration = jsonencode("x") }`), `must be a JSON object`),
		badMetrics("metrics.probes[0].configuration", probes(`{ type = "basic", configuration = "{\"a\": }" }`), `must be valid JSON.*at byte offset 7`),
		badMetrics("metrics.probes[0].compute_on_build_mode", probes(`{ type = "basic", compute_on_build_mode = "" }`), `length must be at least 1`),
		badMetrics(`attribute "metrics"`, probes(`{ type = "basic", enabled = "sometimes" }`), `bool required|a bool is required`),
		badMetrics(`attribute "metrics"`, `metrics = { engine_config = jsonencode({}) }`, `attribute "probes" is required`),
		badMetrics("metrics.engine_config", `metrics = { probes = [], engine_config = jsonencode([]) }`,
			`Attribute metrics.engine_config must be a JSON object`),
		badMetrics("checks[0].configuration", check(`, configuration = jsonencode({ type = "valueSet" })`),
			`checks\[0\].configuration must not contain "type": it has its own attribute`),
		badMetrics("checks[0].configuration", check(`, configuration = jsonencode({ meta = {} })`), `must not contain "meta"`),
		badMetrics("checks[0].configuration", check(`, configuration = jsonencode(["x"])`), `must be a JSON object`),
		badMetrics("checks[1].name", `checks = [{ type = "numericRange", name = "rows" }, { type = "valueSet", name = "rows" }]`,
			`checks\[1\].name "rows" is also the name of checks\[0\]`),
		badMetrics("checks[0].name", `checks = [{ type = "numericRange", name = "" }]`, `checks\[0\].name is empty: leave it out for a check without a name`),
		badMetrics("checks[0].type", `checks = [{ type = "", name = "rows" }]`, `length must be at least 1`),
		// A rule in checks would never read back as a check.
		badMetrics("checks[0].type", `checks = [{ type = "RecordCountInRangeRule", name = "rows" }]`,
			`checks\[0\].type "RecordCountInRangeRule" is a data quality rule type.*dataiku_data_quality_rule`),
	}
}

func TestAccBadInputMetricsRefusedAtPlan(t *testing.T) {
	acctest.Parallel(t)
	acctest.AssertRefusedAtPlan(t, badInputMetricsCases(), "m")
}

// The offset of a JSON syntax error is named too (when the provider's own
// validator sees the text, e.g. from a variable validated by the provider
// only).
func TestJSONConfigValidatorNamesOffset(t *testing.T) {
	if off, ok := dataset.JSONErrorOffset(func() error { _, err := kit.DecodeJSONObject(jsontypes.NewNormalizedValue(`{"a": }`)); return err }()); !ok || off != 7 {
		t.Fatalf("offset = %d, %v; want 7 (just past the bad byte, as encoding/json counts)", off, ok)
	}
	if !regexp.MustCompile(`plugin:<type>`).MatchString(dataset.ProbeTypeValidator.Description(t.Context())) {
		t.Fatal("the probe type rule does not document the plugin escape")
	}
}
