package provider

import (
	"testing"
)

// Bad input for dataiku_instance_settings and dataiku_instance_variables,
// refused at plan time with the attribute and the rule (the table helpers
// are in bad_input_test.go and bad_input_people_test.go). Each case is its
// own resource block: validation refuses them before any plan, so the
// singleton rule does not come into play.

func badSettings(line, rule string) badInputCase {
	return badInputCase{"dataiku_instance_settings", "settings", "  " + line + "\n", rule, false}
}

func badVariables(line, rule string) badInputCase {
	return badInputCase{"dataiku_instance_variables", "variables", "  " + line + "\n", rule, false}
}

func badInputSettingsCases() []badInputCase {
	return []badInputCase{
		badSettings(`settings = jsonencode([1, 2])`, hclNotObject),
		badSettings(`settings = jsonencode("maxRunningActivities")`, hclNotObject),
		badSettings(`settings = jsonencode(5)`, hclNotObject),
		badSettings(`settings = "null"`, hclNotObject),
		badSettings(`settings = "{maxRunningActivities: 5}"`, hclNotJSON),
		badSettings(`settings = "{} {}"`, hclNotJSON),
		badSettings(`settings = ["maxRunningActivities", 5]`, hclNotObject),
		{"dataiku_instance_settings", "settings", "", `The argument "settings" is required`, false},
		{"dataiku_instance_settings", "id", "  settings = jsonencode({})\n  id = \"mine\"\n", `Invalid Configuration for Read-Only Attribute|Cannot set value for this attribute`, false},

		badVariables(`variables = jsonencode(["env"])`, hclNotObject),
		badVariables(`variables = jsonencode(true)`, hclNotObject),
		badVariables(`variables = "env=prod"`, hclNotJSON),
		badVariables(`variables = ""`, hclNotJSON),
		badVariables(`variables = 5`, hclNotObject),
		{"dataiku_instance_variables", "variables", "", `The argument "variables" is required`, false},
	}
}

func TestAccBadInputSettingsRefusedAtPlan(t *testing.T) {
	testAccParallelOnEmulator(t)
	cases := badInputSettingsCases()
	assertRefusedAtPlan(t, cases, "s")
	t.Logf("bad inputs tried: %d (dataiku_instance_settings %d, dataiku_instance_variables %d); refused at plan time with no write to DSS: %t",
		len(cases), countResource(cases, "dataiku_instance_settings"), countResource(cases, "dataiku_instance_variables"), !t.Failed())
}
