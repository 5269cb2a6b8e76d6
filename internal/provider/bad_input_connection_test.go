package provider

import (
	"regexp"
	"strings"
	"testing"
)

// Bad input for dataiku_connection, refused at plan time with the
// attribute and the rule (the table helpers of bad_input_people_test.go).

const badConnectionBase = "  name = \"ok_conn\"\n  type = \"PostgreSQL\"\n"

var badConnection = badCaseOf("dataiku_connection", badConnectionBase)

func badInputConnectionCases() []badInputCase {
	long := strings.Repeat("n", maxNameLength+1)
	secretRule := `which DSS treats as secret: put it in secret_params_wo`
	return []badInputCase{
		badConnection("name", `name = ""`, regexp.QuoteMeta(connectionNameRule)),
		badConnection("name", `name = "my conn"`, regexp.QuoteMeta(connectionNameRule)),
		badConnection("name", `name = "a/b"`, regexp.QuoteMeta(connectionNameRule)),
		badConnection("name", `name = "conexión"`, regexp.QuoteMeta(connectionNameRule)),
		badConnection("name", `name = "`+long+`"`, `length must be at most 256`),
		badConnection("type", `type = ""`, `length must be between 1 and 256`),
		badConnection("usable_by", `usable_by = "EVERYONE"`, `value must be one of:.*"ALL".*"ALLOWED"`),
		badConnection("usable_by", `usable_by = "all"`, `value must be one of.*Write "ALL"`),
		// DSS compares connection types case-exactly (issue 26 point 3).
		badConnection("type", `type = "postgresql"`, `DSS spells this connection type "PostgreSQL", not "postgresql".*Write "PostgreSQL"`),
		badConnection("type", `type = "ec2"`, `Write "EC2"`),
		badConnection("allowed_groups", `allowed_groups = ["analysts"]`, `allowed_groups can only be set when usable_by is "ALLOWED" \(it is "ALL"\)`),
		{"dataiku_connection", "allowed_groups", badConnectionBase + "  usable_by = \"ALL\"\n  allowed_groups = [\"analysts\"]\n",
			`can only be set when usable_by is "ALLOWED"`, false},
		badConnection("allowed_groups", `allowed_groups = ["data team"]`, regexp.QuoteMeta(groupNameRule)),
		badConnection("details_readable_by", `details_readable_by = "SOME"`, `value must be one of:.*"NONE".*"ALL".*"ALLOWED"`),
		badConnection("details_allowed_groups", `details_allowed_groups = ["analysts"]`, `details_allowed_groups can only be set when details_readable_by is "ALLOWED" \(it is "NONE"\)`),
		badConnection("params", `params = jsonencode({ host = "db", password = "hunter2" })`, secretRule),
		badConnection("params", `params = jsonencode({ secretKey = "k" })`, secretRule),
		badConnection("params", `params = jsonencode({ token = "t" })`, secretRule),
		badConnection("params", `params = jsonencode({ privateKey = "p" })`, secretRule),
		badConnection("params", `params = jsonencode({ basicCredential = { user = "u", password = "p" } })`, `basicCredential.password, which DSS treats as secret`),
		badConnection("params", `params = jsonencode(["a"])`, hclNotObject),
		badConnection("params", `params = "{not json"`, hclNotJSON),
		badConnection("secret_params_wo", `secret_params_wo = jsonencode(["hunter2"])`, `must be a JSON object written with jsonencode`),
		badConnection("secret_params_wo", `secret_params_wo = "hunter2"`, `must be a JSON object written with jsonencode`),
		badConnection("secret_params_wo_version", `secret_params_wo_version = 1`, `"secret_params_wo" must be specified`),
		badConnection("max_activities", `max_activities = -1`, `value must be at least 0`),
		badConnection("credentials_mode", `credentials_mode = "per_user"`, regexp.QuoteMeta(credentialsModeRule)),
		badConnection("credentials_mode", `credentials_mode = ""`, regexp.QuoteMeta(credentialsModeRule)),
		badConnection("allow_write", `allow_write = "sometimes"`, `bool required|a bool is required`),
		badConnection("passwd", `passwd = "x"`, `An argument named "passwd" is not expected here`),
	}
}

func TestAccBadInputConnectionRefusedAtPlan(t *testing.T) {
	testAccParallelOnEmulator(t)
	cases := badInputConnectionCases()
	assertRefusedAtPlan(t, cases, "c")
	t.Logf("bad inputs tried: %d (dataiku_connection); refused at plan time with no write to DSS: %t", len(cases), !t.Failed())
}
