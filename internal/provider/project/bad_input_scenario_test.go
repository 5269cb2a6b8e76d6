package project_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// Bad input for dataiku_scenario, refused at plan time with the
// attribute and the rule (bad_input_test.go's table helpers).

const badScenarioBase = "  project_key = \"BADIN\"\n  name = \"ok\"\n  type = \"step_based\"\n"

var badScenario = acctest.BadCaseOf("dataiku_scenario", badScenarioBase)

func badInputScenarioCases() []acctest.BadInputCase {
	// A long name is DSS's to judge (DSS documents no length limit); a
	// long one holding a newline is still refused, by the rule.
	longTwoLines := acctest.LongName("n") + `\nx`
	return []acctest.BadInputCase{
		badScenario("name", `name = ""`, `length must be at least 1`),
		badScenario("name", `name = "   "`, regexp.QuoteMeta(project.ScenarioNameRule)),
		badScenario("name", `name = "two\nlines"`, regexp.QuoteMeta(project.ScenarioNameRule)),
		badScenario("name", `name = "`+longTwoLines+`"`, regexp.QuoteMeta(project.ScenarioNameRule)),
		badScenario("project_key", `project_key = "bad key"`, regexp.QuoteMeta(kit.ProjectKeyRule)),
		badScenario("type", `type = "python"`, `value must be one of:.*"step_based".*"custom_python"`),
		badScenario("type", `triggers = [{ type = "cron", frequency = "Daily" }]`, `triggers\[0\]: trigger type "cron" is not one of custom_python, dataset_modified, follow_scenario, sql_query, temporal.*"dss:"`),
		badScenario("type", `triggers = [{ type = "dss:" }]`, `is not one of`),
		// (a temporal trigger without frequency is warned of, not refused:
		// DSS keeps it; TestAdoptRealShapes adopts one)
		badScenario("frequency", `triggers = [{ type = "temporal", frequency = "daily" }]`, `value must be one of:.*"Minutely".*"Monthly"`),
		badScenario("hour", `triggers = [{ type = "temporal", frequency = "Daily", hour = 24 }]`, `must be between 0 and 23`),
		badScenario("minute", `triggers = [{ type = "temporal", frequency = "Daily", minute = -1 }]`, `must be between 0 and 59`),
		badScenario("days_of_week", `triggers = [{ type = "temporal", frequency = "Weekly", days_of_week = ["monday"] }]`, `value must be one of:.*"Monday"`),
		// An open vocabulary: only the case variants of a known value are refused.
		badScenario("monthly_run_on", `triggers = [{ type = "temporal", frequency = "Monthly", monthly_run_on = "first_day_of_the_month" }]`, `Write "FIRST_DAY_OF_THE_MONTH"`),
		badScenario("monthly_run_on", `triggers = [{ type = "temporal", frequency = "Monthly", monthly_run_on = "Last_Week" }]`, `Write "LAST_WEEK"`),
		badScenario("hour", `triggers = [{ type = "sql_query", hour = 2 }]`, `hour belongs to temporal triggers`),
		badScenario("datasets", `triggers = [{ type = "temporal", frequency = "Daily", datasets = ["orders"] }]`, `datasets belongs to dataset_modified triggers`),
		badScenario("datasets", `triggers = [{ type = "dataset_modified", datasets = ["orders"], params = jsonencode({ watches = [] }) }]`, `datasets is DSS's watches; set datasets, or write watches in params`),
		badScenario("params", `triggers = [{ type = "sql_query", params = jsonencode(["SELECT 1"]) }]`, `must be a JSON object`),
		// (an unknown run condition is DSS's: TestAccScenario_unknownRunConditionAdopted)
		badScenario("run_condition", `steps = [{ type = "build_flowitem", run_condition = "run_always" }]`, `Write "RUN_ALWAYS"`),
		badScenario("type", `steps = [{ type = "" }]`, `length must be at least 1`),
		badScenario("script", `script = "print(1)"`, `script belongs to custom_python scenarios`),
		{Resource: "dataiku_scenario", Attr: "steps", Body: strings.Replace(badScenarioBase, "step_based", "custom_python", 1) + "  steps = [{ type = \"build_flowitem\" }]\n",
			Rule: `steps belong to step_based scenarios`, Quoted: false},
		badScenario("run_as", `run_as = ""`, `length must be at least 1`),
		badScenario("reporters", `reporters = "[not json"`, acctest.HCLNotListJSON),
		badScenario("reporters", `reporters = jsonencode({ id = "r" })`, acctest.HCLNotList),
		badScenario("reporters", `reporters = { id = "r" }`, acctest.HCLNotList+`, not an object`),
		badScenario("reporters", `reporters = ["mail"]`, acctest.HCLNotList+`: element 0 is not an object`),
		badScenario("reporters", `reporters = [{ id = "r", messaging = { type = "webhook-scenario", configuration = { url = "https://h.invalid/x" } } }]`,
			`reporters\[0\]\.messaging\.configuration\.url would be stored in clear.*reporter_secrets_wo`),
	}
}

func TestAccBadInputScenarioRefusedAtPlan(t *testing.T) {
	acctest.Parallel(t)
	acctest.AssertRefusedAtPlan(t, badInputScenarioCases(), "sc")
}
