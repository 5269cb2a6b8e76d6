package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// Bad input for dataiku_group and dataiku_user, refused at plan time with
// the attribute and the rule, as for the other kinds (bad_input_test.go,
// whose table helpers these cases use).

const (
	badGroupBase = "  name = \"ok_group\"\n"
	badUserBase  = "  login = \"ok_user\"\n"
)

var (
	badGroup = badCaseOf("dataiku_group", badGroupBase)
	badUser  = badCaseOf("dataiku_user", badUserBase)
)

func badInputPeopleCases() []badInputCase {
	long := strings.Repeat("n", maxNameLength+1)
	return []badInputCase{
		badGroup("name", `name = ""`, regexp.QuoteMeta(groupNameRule)),
		badGroup("name", `name = "data team"`, regexp.QuoteMeta(groupNameRule)),
		badGroup("name", `name = "a/b"`, regexp.QuoteMeta(groupNameRule)),
		badGroup("name", `name = "équipe"`, regexp.QuoteMeta(groupNameRule)),
		badGroup("name", `name = "`+long+`"`, `length must be at most 256`),
		badGroup("source_type", `source_type = "AD"`, `value must be one of:.*"LOCAL".*"LDAP".*"SAAS"`),
		badGroup("source_type", `source_type = "local"`, `value must be one of`),
		badGroup("ldap_group_names", `ldap_group_names = ["cn=a", ""]`, `length must be at least 1`),
		badGroup("may_create_projects", `may_create_projects = "sometimes"`, `bool required|a bool is required`),
		badGroup("description", `description = ["x"]`, `string required`),
		badGroup("may_fly", `may_fly = true`, `An argument named "may_fly" is not expected here`),

		badUser("login", `login = ""`, regexp.QuoteMeta(loginRule)),
		badUser("login", `login = "jane doe"`, regexp.QuoteMeta(loginRule)),
		badUser("login", `login = "jane/doe"`, regexp.QuoteMeta(loginRule)),
		badUser("login", `login = "josé"`, regexp.QuoteMeta(loginRule)),
		badUser("login", `login = "`+long+`"`, `length must be at most 256`),
		badUser("email", `email = "jane"`, regexp.QuoteMeta(emailRule)),
		badUser("email", `email = "jane@"`, regexp.QuoteMeta(emailRule)),
		badUser("email", `email = "jane@localhost"`, regexp.QuoteMeta(emailRule)),
		badUser("email", `email = "a@b@example.com"`, regexp.QuoteMeta(emailRule)),
		badUser("email", `email = ""`, regexp.QuoteMeta(emailRule)),
		badUser("user_profile", `user_profile = "reader"`, regexp.QuoteMeta(userProfileRule)),
		badUser("user_profile", `user_profile = "DATA SCIENTIST"`, regexp.QuoteMeta(userProfileRule)),
		badUser("user_profile", `user_profile = ""`, regexp.QuoteMeta(userProfileRule)),
		badUser("groups", `groups = ["data team"]`, regexp.QuoteMeta(groupNameRule)),
		badUser("source_type", `source_type = "AD"`, `value must be one of:.*"LOCAL_NO_AUTH"`),
		badUser("password_wo", `password_wo = ""`, `length must be at least 1`),
		{"dataiku_user", "password_wo", badUserBase + "  source_type = \"LDAP\"\n  password_wo = \"s3cret-Pw\"\n",
			`can only be set when source_type is "LOCAL".*"LDAP"`, false},
		{"dataiku_user", "password_wo", badUserBase + "  source_type = \"LOCAL_NO_AUTH\"\n  password_wo = \"s3cret-Pw\"\n  password_wo_version = 1\n",
			`can only be set when source_type is "LOCAL"`, false},
		badUser("password_wo_version", `password_wo_version = 1`, `"password_wo" must be specified`),
		badUser("admin_properties", `admin_properties = "team=ml"`, `map of string required|a map of string is required`),
		badUser("user_properties", `user_properties = { team = ["ml"] }`, `string required|map of string required`),
		badUser("enabled", `enabled = "yes please"`, `bool required|a bool is required`),
		badUser("display_name", `display_name = "`+long+`"`, `length must be at most 256`),
	}
}

func TestAccBadInputPeopleRefusedAtPlan(t *testing.T) {
	testAccParallelOnEmulator(t)
	cases := badInputPeopleCases()
	assertRefusedAtPlan(t, cases, "p")
	t.Logf("bad inputs tried: %d (dataiku_group %d, dataiku_user %d); refused at plan time with no write to DSS: %t",
		len(cases), countResource(cases, "dataiku_group"), countResource(cases, "dataiku_user"), !t.Failed())
}

// assertRefusedAtPlan plans one configuration holding every case (one
// resource each, named prefix and its index) and checks that the plan
// fails, writes nothing to DSS, and refuses each resource with a message
// naming the attribute and matching the rule.
func assertRefusedAtPlan(t *testing.T, cases []badInputCase, prefix string) {
	t.Helper()
	testAccPreCheck(t)
	em := requireEmulator(t)
	var cfg strings.Builder
	cfg.WriteString(cliRequiredProviders)
	for i, c := range cases {
		fmt.Fprintf(&cfg, "\nresource %q \"%s%02d\" {\n%s}\n", c.resource, prefix, i, c.body)
	}
	dir := newTerraformDir(t, map[string]string{"main.tf": cfg.String()})
	env := []string{"DATAIKU_HOST=" + testHost(t), "DATAIKU_API_KEY=" + testAPIKey}
	before := em.Server.Stats().ByRoute
	out, err := runTerraform(t, dir, env, "plan", "-no-color")
	after := em.Server.Stats().ByRoute
	if err == nil {
		t.Fatalf("the plan of %d bad inputs succeeded:\n%s", len(cases), tail(out, 4000))
	}
	expectNoWrites(t, before, after, "while planning bad input: nothing may change DSS")
	blocks, quotedBlocks := terraformDiagnostics(out), terraformDiagnosticsQuoted(out, true)
	for i, c := range cases {
		addr := fmt.Sprintf("%s.%s%02d", c.resource, prefix, i)
		rule := regexp.MustCompile(c.rule)
		bs := blocks[addr]
		if c.quoted {
			bs = quotedBlocks[addr]
		}
		var found bool
		for _, b := range bs {
			if rule.MatchString(b) && strings.Contains(b, c.attr) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s (%s: %s) was not refused with a message naming %q and matching %q; its errors: %q",
				addr, c.resource, strings.TrimSpace(strings.ReplaceAll(c.body, "\n", "; ")), c.attr, c.rule, blocks[addr])
		}
	}
}
