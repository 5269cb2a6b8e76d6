package provider

import (
	"regexp"
	"testing"
)

// Bad input for dataiku_data_quality_rule, refused at plan time with the
// attribute and the rule (bad_input_test.go's table helpers).

const badRuleBase = "  project_key = \"BADIN\"\n  dataset_name = \"orders\"\n  name = \"ok\"\n  type = \"ColumnNotEmptyRule\"\n"

var badRule = badCaseOf("dataiku_data_quality_rule", badRuleBase)

func badInputQualityCases() []badInputCase {
	return []badInputCase{
		badRule("type", `type = "NoSuchRule"`, `type "NoSuchRule" is not a DSS rule type.*RecordCountInRangeRule.*starts with "pyplugin_"`),
		badRule("type", `type = "recordcountinrangerule"`, `is not a DSS rule type`),
		{"dataiku_data_quality_rule", "config", replaceBadLine(badRuleBase, `type = "ColumnMinInRangeRule"`) +
			"  config = jsonencode({ column = \"price\", minimum = 10, maximum = 1 })\n", `minimum \(10\) must not exceed maximum \(1\)`, false},
		{"dataiku_data_quality_rule", "config", replaceBadLine(badRuleBase, `type = "RecordCountInRangeRule"`) +
			"  config = jsonencode({ softMinimum = 500, softMaximum = 100 })\n", `softMinimum \(500\) must not exceed softMaximum \(100\)`, false},
		badRule("config", `config = jsonencode(["a"])`, hclNotObject),
		badRule("config", `config = "{\"column\": }"`, hclNotJSON),
		badRule("config", `config = jsonencode({ displayName = "x" })`, `must not contain "displayName"`),
		badRule("config", `config = jsonencode({ type = "x" })`, `must not contain "type"`),
		badRule("dataset_name", `dataset_name = "my.data"`, regexp.QuoteMeta(datasetNameRule)),
		badRule("project_key", `project_key = "bad key"`, `project_key`),
		badRule("name", `name = ""`, `length must be between 1`),
		badRule("enabled", `enabled = "sometimes"`, `bool required|a bool is required`),
	}
}

func TestAccBadInputQualityRefusedAtPlan(t *testing.T) {
	testAccParallel(t)
	cases := badInputQualityCases()
	assertRefusedAtPlan(t, cases, "q")
	t.Logf("bad inputs tried: %d (dataiku_data_quality_rule); refused at plan time with no write to DSS: %t", len(cases), !t.Failed())
}
