package emulator

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// resyncOutcome reads a resync task's result: whether it failed, and its
// messages' text.
func resyncOutcome(res map[string]any) (failed bool, text string) {
	m, _ := res["messages"].(map[string]any)
	msgs, _ := m["messages"].([]any)
	var lines []string
	for _, x := range msgs {
		mm, _ := x.(map[string]any)
		lines = append(lines, fmt.Sprint(mm["severity"], " ", mm["message"]))
	}
	return m["error"] == true, strings.Join(lines, "\n")
}

// Resyncing users from their supplier: admin only; with logins, those
// users' groups are recomputed from the supplier's record and the groups'
// mappings (a list, or older DSS's comma-separated string); a user the
// supplier does not know keeps its groups; without a body every user that
// is not local is resynced; an unknown login or a local user fails the
// task naming it and changes nobody; the per-user route answers 404 for
// an unknown login.
func TestResyncUsersFromSupplier(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	multi := func(key string, body any) resp {
		return call(t, u, "POST", api+"/admin/users/actions/resync-multi", key, body)
	}
	user := newUserKey(t, u, "ivy")
	expectError(t, multi(user, []string{"ivy"}), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "POST", api+"/admin/users/ivy/actions/resync", user, nil), 403, ErrTypeUnauthorized)

	for _, g := range []map[string]any{
		{"name": "analysts", "ldapGroupNames": []string{"cn=analysts"}},
		{"name": "engineers", "ldapGroupNames": "cn=eng, cn=ops"},
		{"name": "cloud", "azureADGroupNames": []string{"cloud-team"}},
	} {
		expectOK(t, call(t, u, "POST", api+"/admin/groups/", testAdmin, map[string]any{"name": g["name"]}))
		cur := call(t, u, "GET", api+"/admin/groups/"+g["name"].(string), testAdmin, nil).obj()
		for k, v := range g {
			cur[k] = v
		}
		expectOK(t, call(t, u, "PUT", api+"/admin/groups/"+g["name"].(string), testAdmin, cur))
	}
	for login, src := range map[string]string{"lena": "LDAP", "omar": "LDAP", "zoe": "AZURE_AD", "gus": "LDAP", "lou": "LOCAL"} {
		expectOK(t, call(t, u, "POST", api+"/admin/users/", testAdmin,
			map[string]any{"login": login, "sourceType": src, "groups": []string{"analysts"}}))
	}
	if err := rn.Server.SetSupplierGroups(map[string][]string{
		"lena": {"cn=ops"}, "omar": {"cn=analysts", "cn=eng"}, "zoe": {"cloud-team", "cn=analysts"}, "lou": {"cn=eng"},
	}); err != nil {
		t.Fatal(err)
	}
	groupsOf := func(login string) []string {
		return stringList(call(t, u, "GET", api+"/admin/users/"+login, testAdmin, nil).obj()["groups"])
	}

	if failed, text := resyncOutcome(waitFutureResult(t, u, multi(testAdmin, []string{"lena"}))); failed || !strings.Contains(text, "lena resynced") {
		t.Fatalf("resync of lena: failed %v: %s", failed, text)
	}
	if g := groupsOf("lena"); !slices.Equal(g, []string{"engineers"}) {
		t.Fatalf("lena's groups after her resync: %v", g)
	}
	if g := groupsOf("omar"); !slices.Equal(g, []string{"analysts"}) {
		t.Fatalf("omar was changed by lena's resync: %v", g)
	}

	for _, bad := range []struct{ logins []string }{{[]string{"omar", "nobody"}}, {[]string{"lou"}}} {
		failed, text := resyncOutcome(waitFutureResult(t, u, multi(testAdmin, bad.logins)))
		name := bad.logins[len(bad.logins)-1]
		if !failed || !strings.Contains(text, name) {
			t.Fatalf("resync of %v: failed %v: %s", bad.logins, failed, text)
		}
	}
	if g := groupsOf("omar"); !slices.Equal(g, []string{"analysts"}) {
		t.Fatalf("a failed resync changed omar: %v", g)
	}

	if failed, text := resyncOutcome(waitFutureResult(t, u, multi(testAdmin, nil))); failed {
		t.Fatalf("resync of all: %s", text)
	}
	for login, want := range map[string][]string{"omar": {"analysts", "engineers"}, "zoe": {"cloud"}, "gus": {"analysts"}, "lou": {"analysts"}} {
		if g := groupsOf(login); !slices.Equal(g, want) {
			t.Fatalf("%s's groups after the resync of all: %v, want %v", login, g, want)
		}
	}
	if got := rn.Server.UserResyncs(); got["lena"] != 2 || got["omar"] != 1 || got["gus"] != 1 || got["lou"] != 0 || got["ivy"] != 0 || got[AdminLogin] != 0 {
		t.Fatalf("resyncs by login: %v", got)
	}

	expectError(t, call(t, u, "POST", api+"/admin/users/nobody/actions/resync", testAdmin, nil), 404, ErrTypeNotFound)
	waitFutureResult(t, u, call(t, u, "POST", api+"/admin/users/gus/actions/resync", testAdmin, nil))
	if got := rn.Server.UserResyncs(); got["gus"] != 2 {
		t.Fatalf("the per-user resync of gus: %v", got)
	}
	if err := rn.Server.SetSupplierGroups(map[string][]string{" ": nil}); err == nil {
		t.Fatal("a blank login was accepted")
	}

	// The control endpoints: what the supplier reports, and the counts.
	expectOK(t, call(t, u, "PUT", ControlPrefix+"/supplier-groups", testAdmin, map[string][]string{"gus": {"cn=eng"}}))
	waitFutureResult(t, u, multi(testAdmin, []string{"gus"}))
	if g := groupsOf("gus"); !slices.Equal(g, []string{"engineers"}) {
		t.Fatalf("gus's groups after the supplier set by the control endpoint: %v", g)
	}
	counts := call(t, u, "GET", ControlPrefix+"/user-resyncs", testAdmin, nil)
	expectOK(t, counts)
	if n := counts.obj()["gus"]; n != float64(3) {
		t.Fatalf("user-resyncs: %s", counts.raw)
	}
}
