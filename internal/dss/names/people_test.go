package names

import "testing"

// Logins and group names as directories (LDAP, SSO) name them are
// accepted; only a blank name, a slash and control characters, which
// cannot work as a REST path segment, are refused.
func TestPeopleRules(t *testing.T) {
	ok := []string{"Data Team", `DOMAIN\user`, "jdoe@corp.com", "été", "svc+etl", "a.b_c-d", "x"}
	bad := []string{"", " ", "\t", "a/b", "/", "a\nb", "a\x00b", "a\x7fb"}
	for _, c := range []struct {
		name    string
		pattern interface{ MatchString(string) bool }
	}{{"login", LoginPattern}, {"group name", GroupNamePattern}} {
		for _, s := range ok {
			if !c.pattern.MatchString(s) {
				t.Errorf("%s %q refused", c.name, s)
			}
		}
		for _, s := range bad {
			if c.pattern.MatchString(s) {
				t.Errorf("%s %q accepted", c.name, s)
			}
		}
	}
}
