package dataset_test

import (
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
)

// Bad input for dataiku_data_quality_rule, refused at plan time with the
// attribute and the rule (bad_input_test.go's table helpers).

const badRuleBase = "  project_key = \"BADIN\"\n  dataset_name = \"orders\"\n  name = \"ok\"\n  type = \"ColumnNotEmptyRule\"\n"

var badRule = acctest.BadCaseOf("dataiku_data_quality_rule", badRuleBase)

func badInputQualityCases() []acctest.BadInputCase {
	return []acctest.BadInputCase{
		// A case variant of a known type is refused with DSS's spelling;
		// an unknown type is DSS's to judge (TestAccDataQualityRule_unknownTypeAdopted).
		badRule("type", `type = "recordcountinrangerule"`, `DSS spells this data quality rule type "RecordCountInRangeRule", not\s+"recordcountinrangerule".*Write "RecordCountInRangeRule"`),
		badRule("type", `type = ""`, `type string length must be at least 1`),
		{Resource: "dataiku_data_quality_rule", Attr: "config", Body: acctest.ReplaceBadLine(badRuleBase, `type = "ColumnMinInRangeRule"`) +
			"  config = jsonencode({ column = \"price\", minimum = 10, maximum = 1 })\n", Rule: `minimum \(10\) must not exceed maximum \(1\)`, Quoted: false},
		{Resource: "dataiku_data_quality_rule", Attr: "config", Body: acctest.ReplaceBadLine(badRuleBase, `type = "RecordCountInRangeRule"`) +
			"  config = jsonencode({ softMinimum = 500, softMaximum = 100 })\n", Rule: `softMinimum \(500\) must not exceed softMaximum \(100\)`, Quoted: false},
		badRule("config", `config = jsonencode(["a"])`, acctest.HCLNotObject),
		badRule("config", `config = "{\"column\": }"`, acctest.HCLNotJSON),
		badRule("config", `config = jsonencode({ displayName = "x" })`, `must not contain "displayName"`),
		badRule("config", `config = jsonencode({ type = "x" })`, `must not contain "type"`),
		badRule("dataset_name", `dataset_name = "my.data"`, regexp.QuoteMeta(dataset.DatasetNameRule)),
		badRule("project_key", `project_key = "bad key"`, `project_key`),
		// (any name, a long or an empty one included, is DSS's)
		badRule("name", `name = ["`+acctest.LongName("n")+`"]`, `string required`),
		badRule("enabled", `enabled = "sometimes"`, `bool required|a bool is required`),
	}
}

func TestAccBadInputQualityRefusedAtPlan(t *testing.T) {
	acctest.Parallel(t)
	acctest.AssertRefusedAtPlan(t, badInputQualityCases(), "q")
}
