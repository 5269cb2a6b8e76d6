package instance_test

import (
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

// Bad input for dataiku_connection, refused at plan time with the
// attribute and the rule (the table helpers of bad_input_people_test.go).

const badConnectionBase = "  name = \"ok_conn\"\n  type = \"PostgreSQL\"\n"

var badConnection = acctest.BadCaseOf("dataiku_connection", badConnectionBase)

func badInputConnectionCases() []acctest.BadInputCase {
	// A long name is DSS's to judge (DSS documents no length limit); a
	// long one holding a slash is still refused, by the rule.
	longSlashed := acctest.LongName("n") + "/x"
	secretRule := `which DSS treats as secret: put it in secret_params_wo`
	return []acctest.BadInputCase{
		badConnection("name", `name = ""`, regexp.QuoteMeta(instance.ConnectionNameRule)),
		badConnection("name", `name = "  "`, regexp.QuoteMeta(instance.ConnectionNameRule)),
		badConnection("name", `name = "a/b"`, regexp.QuoteMeta(instance.ConnectionNameRule)),
		badConnection("name", `name = "tab\there"`, regexp.QuoteMeta(instance.ConnectionNameRule)),
		badConnection("name", `name = "`+longSlashed+`"`, regexp.QuoteMeta(instance.ConnectionNameRule)),
		badConnection("type", `type = ""`, `length must be at least 1`),
		badConnection("usable_by", `usable_by = "EVERYONE"`, `value must be one of:.*"ALL".*"ALLOWED"`),
		badConnection("usable_by", `usable_by = "all"`, `value must be one of.*Write "ALL"`),
		// DSS compares connection types case-exactly (issue 26 point 3).
		badConnection("type", `type = "postgresql"`, `DSS spells this connection type "PostgreSQL", not "postgresql".*Write "PostgreSQL"`),
		badConnection("type", `type = "ec2"`, `Write "EC2"`),
		// (groups without ALLOWED are warned of, not refused: DSS holds them;
		// TestConnectionGroupsWithoutAllowed, TestAccConnection_groupsWithoutAllowedAdopted)
		badConnection("allowed_groups", `allowed_groups = ["data\tteam"]`, regexp.QuoteMeta(names.PrincipalRefRule)),
		badConnection("details_readable_by", `details_readable_by = "SOME"`, `value must be one of:.*"NONE".*"ALL".*"ALLOWED"`),
		badConnection("details_allowed_groups", `details_allowed_groups = [" "]`, regexp.QuoteMeta(names.PrincipalRefRule)),
		badConnection("params", `params = jsonencode({ host = "db", password = "hunter2" })`, secretRule),
		badConnection("params", `params = jsonencode({ secretKey = "k" })`, secretRule),
		badConnection("params", `params = jsonencode({ token = "t" })`, secretRule),
		badConnection("params", `params = jsonencode({ privateKey = "p" })`, secretRule),
		badConnection("params", `params = jsonencode({ basicCredential = { user = "u", password = "p" } })`, `basicCredential.password, which DSS treats as secret`),
		badConnection("params", `params = jsonencode(["a"])`, acctest.HCLNotObject),
		badConnection("params", `params = "{not json"`, acctest.HCLNotJSON),
		badConnection("secret_params_wo", `secret_params_wo = jsonencode(["hunter2"])`, `must be a JSON object written with jsonencode`),
		badConnection("secret_params_wo", `secret_params_wo = "hunter2"`, `must be a JSON object written with jsonencode`),
		badConnection("secret_params_wo_version", `secret_params_wo_version = 1`, `"secret_params_wo" must be specified`),
		badConnection("max_activities", `max_activities = -1`, `value must be at least 0`),
		badConnection("credentials_mode", `credentials_mode = "per_user"`, regexp.QuoteMeta(instance.CredentialsModeRule)),
		badConnection("credentials_mode", `credentials_mode = ""`, regexp.QuoteMeta(instance.CredentialsModeRule)),
		badConnection("allow_write", `allow_write = "sometimes"`, `bool required|a bool is required`),
		badConnection("passwd", `passwd = "x"`, `An argument named "passwd" is not expected here`),
	}
}

func TestAccBadInputConnectionRefusedAtPlan(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.AssertRefusedAtPlan(t, badInputConnectionCases(), "c")
}
