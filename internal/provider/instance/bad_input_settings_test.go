package instance_test

import (
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Bad input for dataiku_instance_settings and dataiku_instance_variables,
// refused at plan time with the attribute and the rule (the table helpers
// are in bad_input_test.go and bad_input_people_test.go). Each case is its
// own resource block: validation refuses them before any plan, so the
// singleton rule does not come into play.

func badSettings(line, rule string) acctest.BadInputCase {
	return acctest.BadInputCase{Resource: "dataiku_instance_settings", Attr: "settings", Body: "  " + line + "\n", Rule: rule, Quoted: false}
}

func badVariables(line, rule string) acctest.BadInputCase {
	return acctest.BadInputCase{Resource: "dataiku_instance_variables", Attr: "variables", Body: "  " + line + "\n", Rule: rule, Quoted: false}
}

func badInputSettingsCases() []acctest.BadInputCase {
	return []acctest.BadInputCase{
		badSettings(`settings = jsonencode([1, 2])`, acctest.HCLNotObject),
		badSettings(`settings = jsonencode("maxRunningActivities")`, acctest.HCLNotObject),
		badSettings(`settings = jsonencode(5)`, acctest.HCLNotObject),
		badSettings(`settings = "null"`, acctest.HCLNotObject),
		badSettings(`settings = "{maxRunningActivities: 5}"`, acctest.HCLNotJSON),
		badSettings(`settings = "{} {}"`, acctest.HCLNotJSON),
		badSettings(`settings = ["maxRunningActivities", 5]`, acctest.HCLNotObject),
		{Resource: "dataiku_instance_settings", Attr: "settings", Body: "", Rule: `The argument "settings" is required`, Quoted: false},
		{Resource: "dataiku_instance_settings", Attr: "id", Body: "  settings = jsonencode({})\n  id = \"mine\"\n", Rule: `Invalid Configuration for Read-Only Attribute|Cannot set value for this attribute`, Quoted: false},

		badVariables(`variables = jsonencode(["env"])`, acctest.HCLNotObject),
		badVariables(`variables = jsonencode(true)`, acctest.HCLNotObject),
		badVariables(`variables = "env=prod"`, acctest.HCLNotJSON),
		badVariables(`variables = ""`, acctest.HCLNotJSON),
		badVariables(`variables = 5`, acctest.HCLNotObject),
		{Resource: "dataiku_instance_variables", Attr: "variables", Body: "", Rule: `The argument "variables" is required`, Quoted: false},
	}
}

func TestAccBadInputSettingsRefusedAtPlan(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.AssertRefusedAtPlan(t, badInputSettingsCases(), "s")
}
