package instance_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

// Bad input for dataiku_group and dataiku_user, refused at plan time with
// the attribute and the rule, as for the other kinds (bad_input_test.go,
// whose table helpers these cases use).

const (
	badGroupBase = "  name = \"ok_group\"\n"
	badUserBase  = "  login = \"ok_user\"\n"
)

var (
	badGroup = acctest.BadCaseOf("dataiku_group", badGroupBase)
	badUser  = acctest.BadCaseOf("dataiku_user", badUserBase)
)

func badInputPeopleCases() []acctest.BadInputCase {
	// A long name is DSS's to judge (no limit is documented); a long one
	// holding a slash is still refused, by the rule.
	longSlashed := strings.Repeat("n", 300) + "/x"
	group, login := regexp.QuoteMeta(names.GroupNameRule), regexp.QuoteMeta(names.LoginRule)
	return []acctest.BadInputCase{
		// (a directory's names, "Data Team" or "équipe", are DSS's to judge)
		badGroup("name", `name = ""`, group),
		badGroup("name", `name = " "`, group),
		badGroup("name", `name = "a/b"`, group),
		badGroup("name", `name = "a\nb"`, group),
		badGroup("name", `name = "`+longSlashed+`"`, group),
		// (an unknown source, say a newer DSS's, is DSS's to judge)
		badGroup("source_type", `source_type = "ldap"`, `DSS spells this group source type "LDAP", not "ldap"`),
		badGroup("source_type", `source_type = "local"`, `DSS spells this group source type "LOCAL"`),
		badGroup("ldap_group_names", `ldap_group_names = ["cn=a", ""]`, `length must be at least 1`),
		badGroup("may_create_projects", `may_create_projects = "sometimes"`, `bool required|a bool is required`),
		badGroup("description", `description = ["x"]`, `string required`),
		badGroup("may_fly", `may_fly = true`, `An argument named "may_fly" is not expected here`),

		// (a directory's logins, "jane doe", "CORP\\jane" or "josé", are DSS's to judge)
		badUser("login", `login = ""`, login),
		badUser("login", `login = "  "`, login),
		badUser("login", `login = "jane/doe"`, login),
		badUser("login", `login = "jane\tdoe"`, login),
		badUser("login", `login = "`+longSlashed+`"`, login),
		// (any e-mail string, "jane@localhost", "n/a", "jane", "" included, is
		// DSS's: TestUserPatterns and TestAccRealShape_userEmails accept them)
		badUser("email", `email = ["jane@example.com"]`, `string required`),
		badUser("user_profile", `user_profile = "reader"`, regexp.QuoteMeta(instance.UserProfileRule)),
		badUser("user_profile", `user_profile = "DATA SCIENTIST"`, regexp.QuoteMeta(instance.UserProfileRule)),
		badUser("user_profile", `user_profile = ""`, regexp.QuoteMeta(instance.UserProfileRule)),
		badUser("groups", `groups = ["data\tteam"]`, regexp.QuoteMeta(names.PrincipalRefRule)),
		badUser("source_type", `source_type = "local_no_auth"`, `DSS spells this user source type "LOCAL_NO_AUTH"`),
		badUser("password_wo", `password_wo = ""`, `length must be at least 1`),
		{Resource: "dataiku_user", Attr: "password_wo", Body: badUserBase + "  source_type = \"LDAP\"\n  password_wo = \"s3cret-Pw\"\n",
			Rule: `can only be set when source_type is "LOCAL".*"LDAP"`, Quoted: false},
		{Resource: "dataiku_user", Attr: "password_wo", Body: badUserBase + "  source_type = \"LOCAL_NO_AUTH\"\n  password_wo = \"s3cret-Pw\"\n  password_wo_version = 1\n",
			Rule: `can only be set when source_type is "LOCAL"`, Quoted: false},
		badUser("password_wo_version", `password_wo_version = 1`, `"password_wo" must be specified`),
		badUser("admin_properties", `admin_properties = "team=ml"`, `map of string required|a map of string is required`),
		badUser("user_properties", `user_properties = { team = ["ml"] }`, `string required|map of string required`),
		badUser("enabled", `enabled = "yes please"`, `bool required|a bool is required`),
		// (any display name, a long one included, is DSS's)
		badUser("display_name", `display_name = ["x"]`, `string required`),
	}
}

func TestAccBadInputPeopleRefusedAtPlan(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.AssertRefusedAtPlan(t, badInputPeopleCases(), "p")
}
