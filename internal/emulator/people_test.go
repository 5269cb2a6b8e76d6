package emulator

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

const api = "/public/api"

// mustStr reads a string field of a reply object.
func mustStr(t *testing.T, r resp, field string) string {
	t.Helper()
	s, ok := r.obj()[field].(string)
	if !ok {
		t.Fatalf("reply has no string %q: %s", field, r.raw)
	}
	return s
}

// newUserKey creates a user in groups and a personal key for it; it
// returns the key's secret.
func newUserKey(t *testing.T, u, login string, groups ...string) string {
	t.Helper()
	expectOK(t, call(t, u, "POST", api+"/admin/users/", testAdmin, map[string]any{
		"login": login, "password": "pw-" + login, "groups": groups}))
	r := call(t, u, "POST", api+"/admin/personal-api-keys/", testAdmin, map[string]any{"user": login, "label": "k"})
	expectOK(t, r)
	return mustStr(t, r, "key")
}

func newGroup(t *testing.T, u, name string, def map[string]any) {
	t.Helper()
	expectOK(t, call(t, u, "POST", api+"/admin/groups/", testAdmin, map[string]any{"name": name, "description": nil, "sourceType": "LOCAL"}))
	if def != nil {
		g := call(t, u, "GET", api+"/admin/groups/"+name, testAdmin, nil).obj()
		for k, v := range def {
			g[k] = v
		}
		expectOK(t, call(t, u, "PUT", api+"/admin/groups/"+name, testAdmin, g))
	}
}

func TestPeopleGroups(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	r := call(t, u, "POST", api+"/admin/groups/", testAdmin, map[string]any{
		"name": "eng", "description": nil, "sourceType": "LOCAL", "mayCreateProjects": true, "admin": true})
	expectOK(t, r)
	want := map[string]any{
		"name": "eng", "description": "", "sourceType": "LOCAL", "admin": false,
		"ldapGroupNames": []any{}, "ssoGroupNames": []any{}, "azureADGroupNames": []any{}, "customGroupNames": []any{},
		"canObtainAPITicketFromCookiesForGroupsRegex": "",
	}
	for _, c := range GroupCapabilities {
		want[c] = c == "mayWriteSafeCode"
	}
	got := call(t, u, "GET", api+"/admin/groups/eng", testAdmin, nil)
	expectOK(t, got)
	if !reflect.DeepEqual(got.body, want) {
		t.Fatalf("new group (capabilities in the POST must be ignored):\n got %v\nwant %v", got.body, want)
	}
	expectMessage(t, call(t, u, "POST", api+"/admin/groups", testAdmin, map[string]any{"name": "eng"}),
		400, ErrTypeIllegalArgument, "Group eng already exists")
	// Only what cannot be a path segment is refused: a directory's group
	// name with a space is DSS's to judge, and the emulator accepts it.
	expectMessage(t, call(t, u, "POST", api+"/admin/groups", testAdmin, map[string]any{"name": "a/b"}),
		400, ErrTypeIllegalArgument, "Invalid group name: a/b")
	expectMessage(t, call(t, u, "POST", api+"/admin/groups", testAdmin, map[string]any{"name": " "}),
		400, ErrTypeIllegalArgument, "Invalid group name:  ")
	expectOK(t, call(t, u, "POST", api+"/admin/groups", testAdmin, map[string]any{"name": "Data Team", "sourceType": "AZURE_AD"}))
	if g := call(t, u, "GET", api+"/admin/groups/Data%20Team", testAdmin, nil).obj(); g["name"] != "Data Team" || g["sourceType"] != "AZURE_AD" {
		t.Fatalf("group Data Team: %v", g)
	}
	expectOK(t, call(t, u, "DELETE", api+"/admin/groups/Data%20Team", testAdmin, nil))
	// Nor is a long name: DSS documents no length limit on it.
	long := strings.Repeat("g", 300)
	expectOK(t, call(t, u, "POST", api+"/admin/groups", testAdmin, map[string]any{"name": long}))
	if g := call(t, u, "GET", api+"/admin/groups/"+long, testAdmin, nil).obj(); g["name"] != long {
		t.Fatalf("300-character group: %v", g)
	}
	expectOK(t, call(t, u, "DELETE", api+"/admin/groups/"+long, testAdmin, nil))
	for _, p := range []string{"GET", "PUT", "DELETE"} {
		var body any
		if p == "PUT" {
			body = map[string]any{"name": "nope"}
		}
		expectMessage(t, call(t, u, p, api+"/admin/groups/nope", testAdmin, body), 404, ErrTypeNotFound, "Group nope does not exist")
	}

	// Whole-document PUT: unknown keys kept, *GroupNames in the form sent.
	def := got.obj()
	def["mayCreateProjects"] = true
	def["futureFlag"] = map[string]any{"x": "y"}
	def["ldapGroupNames"] = "cn=a,cn=b"
	def["ssoGroupNames"] = []any{"s1", "s2"}
	expectOK(t, call(t, u, "PUT", api+"/admin/groups/eng/", testAdmin, def))
	if back := call(t, u, "GET", api+"/admin/groups/eng", testAdmin, nil).body; !reflect.DeepEqual(back, def) {
		t.Fatalf("PUT then GET:\n got %v\nwant %v", back, def)
	}
	def["ldapGroupNames"] = []any{"cn=a", "cn=b"}
	expectOK(t, call(t, u, "PUT", api+"/admin/groups/eng", testAdmin, def))
	if back := call(t, u, "GET", api+"/admin/groups/eng", testAdmin, nil).obj()["ldapGroupNames"]; !reflect.DeepEqual(back, def["ldapGroupNames"]) {
		t.Fatalf("ldapGroupNames as a list came back as %v", back)
	}
	ren := copyDoc(def)
	ren["name"] = "other"
	expectMessage(t, call(t, u, "PUT", api+"/admin/groups/eng", testAdmin, ren), 400, ErrTypeIllegalArgument, "Cannot rename group eng")

	// Lists: full definitions for admins, summaries for anyone.
	full := call(t, u, "GET", api+"/admin/groups", testAdmin, nil).body.([]any)
	names := []string{}
	for _, g := range full {
		names = append(names, g.(map[string]any)["name"].(string))
	}
	if !reflect.DeepEqual(names, []string{"administrators", "eng", "readers", "team"}) {
		t.Fatalf("groups %v", names)
	}
	infos := call(t, u, "GET", api+"/groups", testCarol, nil).body.([]any)
	if len(infos) != 4 || !reflect.DeepEqual(infos[0], map[string]any{
		"name": "administrators", "description": "", "admin": true, "sourceType": "LOCAL"}) {
		t.Fatalf("GET /groups: %v", infos)
	}

	// Deleting a group takes it out of users and global keys.
	newUserKey(t, u, "erin", "eng", "team")
	gk := call(t, u, "POST", api+"/admin/global-api-keys", testAdmin, map[string]any{"label": "g", "groups": []any{"eng", "team"}})
	expectOK(t, gk)
	expectOK(t, call(t, u, "DELETE", api+"/admin/groups/eng", testAdmin, nil))
	if g := call(t, u, "GET", api+"/users/erin", testCarol, nil).obj()["groups"]; !reflect.DeepEqual(g, []any{"team"}) {
		t.Fatalf("erin's groups after the deletion: %v", g)
	}
	if g := call(t, u, "GET", api+"/admin/global-api-keys/"+mustStr(t, gk, "id"), testAdmin, nil).obj()["groups"]; !reflect.DeepEqual(g, []any{"team"}) {
		t.Fatalf("key's groups after the deletion: %v", g)
	}
}

func TestPeopleUsers(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	r := call(t, u, "POST", api+"/admin/users/", testAdmin, map[string]any{
		"login": "dave", "password": "s3cret-pw", "displayName": "", "sourceType": "LOCAL",
		"groups": []any{"team"}, "userProfile": "DATA_SCIENTIST", "email": nil, "enabled": false})
	expectOK(t, r)
	got := call(t, u, "GET", api+"/admin/users/dave", testAdmin, nil)
	expectOK(t, got)
	d := got.obj()
	if _, ok := d["creationDate"]; !ok {
		t.Fatalf("no creationDate: %s", got.raw)
	}
	delete(d, "creationDate")
	want := map[string]any{"login": "dave", "displayName": "", "email": "", "groups": []any{"team"},
		"userProfile": "DATA_SCIENTIST", "enabled": true, "sourceType": "LOCAL", "adminProperties": map[string]any{},
		"userProperties": map[string]any{}, "secrets": []any{}, "credentials": map[string]any{}, "preferences": map[string]any{}}
	if !reflect.DeepEqual(d, want) {
		t.Fatalf("new user (enabled in the POST ignored):\n got %v\nwant %v", d, want)
	}
	if bytes.Contains(got.raw, []byte("s3cret-pw")) || bytes.Contains(got.raw, []byte("password")) {
		t.Fatalf("password returned: %s", got.raw)
	}
	// Defaults when the body has only a login.
	expectOK(t, call(t, u, "POST", api+"/admin/users", testAdmin, map[string]any{"login": "min.user@x"}))
	m := call(t, u, "GET", api+"/admin/users/min.user@x", testAdmin, nil).obj()
	if m["userProfile"] != "DATA_SCIENTIST" || m["sourceType"] != "LOCAL" || m["enabled"] != true || !reflect.DeepEqual(m["groups"], []any{}) {
		t.Fatalf("defaults: %v", m)
	}
	// A directory's login (a backslash, a space) and an identity source a
	// newer DSS may add are DSS's to judge: the emulator keeps them.
	expectOK(t, call(t, u, "POST", api+"/admin/users", testAdmin, map[string]any{"login": `CORP\j doe`, "sourceType": "AZURE_AD"}))
	if m := call(t, u, "GET", api+"/admin/users/"+url.PathEscape(`CORP\j doe`), testAdmin, nil).obj(); m["login"] != `CORP\j doe` || m["sourceType"] != "AZURE_AD" {
		t.Fatalf("directory login: %v", m)
	}
	expectOK(t, call(t, u, "DELETE", api+"/admin/users/"+url.PathEscape(`CORP\j doe`), testAdmin, nil))
	// Nor a long login or display name: DSS documents no length limit.
	long := strings.Repeat("u", 300)
	expectOK(t, call(t, u, "POST", api+"/admin/users", testAdmin, map[string]any{"login": long, "displayName": long}))
	if m := call(t, u, "GET", api+"/admin/users/"+long, testAdmin, nil).obj(); m["login"] != long || m["displayName"] != long {
		t.Fatalf("300-character login: %v", m)
	}
	expectOK(t, call(t, u, "DELETE", api+"/admin/users/"+long, testAdmin, nil))
	// The newer licences' profiles, which dataikuapi's create_user names.
	for _, p := range []string{"FULL_DESIGNER", "DATA_DESIGNER", "AI_CONSUMER"} {
		login := "profile-" + strings.ToLower(p)
		expectOK(t, call(t, u, "POST", api+"/admin/users", testAdmin, map[string]any{"login": login, "userProfile": p}))
		if m := call(t, u, "GET", api+"/admin/users/"+login, testAdmin, nil).obj(); m["userProfile"] != p {
			t.Errorf("user created with profile %s: %v", p, m)
		}
		expectOK(t, call(t, u, "DELETE", api+"/admin/users/"+login, testAdmin, nil))
	}

	for _, c := range []struct {
		body map[string]any
		msg  string
	}{
		{map[string]any{"login": "dave"}, "User dave already exists"},
		{map[string]any{"login": "bad/login"}, "Invalid login: bad/login"},
		{map[string]any{"login": ""}, "Invalid login: "},
		{map[string]any{"login": "a\nb"}, "Invalid login: a\nb"},
		{map[string]any{"login": "x1", "groups": []any{"ghosts"}}, "Group ghosts does not exist"},
		{map[string]any{"login": "x2", "userProfile": "WIZARD"}, "Unknown user profile: WIZARD"},
		{map[string]any{"login": "x3", "sourceType": "ldap"}, "Unknown source type: ldap"},
		{map[string]any{"login": "x4", "sourceType": ""}, "Unknown source type: "},
	} {
		expectMessage(t, call(t, u, "POST", api+"/admin/users", testAdmin, c.body), 400, ErrTypeIllegalArgument, c.msg)
	}
	for _, p := range []string{"GET", "PUT", "DELETE"} {
		var body any
		if p == "PUT" {
			body = map[string]any{"login": "nope"}
		}
		expectMessage(t, call(t, u, p, api+"/admin/users/nope", testAdmin, body), 404, ErrTypeNotFound, "User nope does not exist")
	}
	expectMessage(t, call(t, u, "GET", api+"/users/nope", testBob, nil), 404, ErrTypeNotFound, "User nope does not exist")

	// Whole-document PUT keeps unknown keys; the password is taken, never returned.
	d = call(t, u, "GET", api+"/admin/users/dave", testAdmin, nil).obj()
	d["displayName"] = "Dave"
	d["email"] = "dave@example.com"
	d["userProfile"] = "READER"
	d["groups"] = []any{"team", "readers"}
	d["userProperties"] = map[string]any{"k": "v"}
	d["futureField"] = []any{1.0, "x"}
	withPw := copyDoc(d)
	withPw["password"] = "n3w-pw"
	r = call(t, u, "PUT", api+"/admin/users/dave", testAdmin, withPw)
	expectOK(t, r)
	if !reflect.DeepEqual(r.body, map[string]any{}) {
		t.Fatalf("PUT reply %s", r.raw)
	}
	back := call(t, u, "GET", api+"/admin/users/dave", testAdmin, nil)
	if !reflect.DeepEqual(back.body, d) {
		t.Fatalf("PUT then GET:\n got %v\nwant %v", back.body, d)
	}
	st := rn.Server.Snapshot()
	if st.Users["dave"].PasswordHash != hashSecret("n3w-pw") {
		t.Fatal("the password was not changed (or not hashed)")
	}
	ren := copyDoc(d)
	ren["login"] = "david"
	expectMessage(t, call(t, u, "PUT", api+"/admin/users/dave", testAdmin, ren), 400, ErrTypeIllegalArgument, "Cannot rename user dave")
	bad := copyDoc(d)
	bad["groups"] = []any{"ghosts"}
	expectMessage(t, call(t, u, "PUT", api+"/admin/users/dave", testAdmin, bad), 400, ErrTypeIllegalArgument, "Group ghosts does not exist")

	// Summaries for any caller.
	info := call(t, u, "GET", api+"/users/dave", testCarol, nil)
	expectOK(t, info)
	if !reflect.DeepEqual(info.body, map[string]any{"login": "dave", "displayName": "Dave", "email": "dave@example.com",
		"groups": []any{"team", "readers"}, "enabled": true}) {
		t.Fatalf("GET /users/dave: %s", info.raw)
	}
	logins := func(list any) []string {
		var out []string
		for _, e := range list.([]any) {
			out = append(out, e.(map[string]any)["login"].(string))
		}
		return out
	}
	wantLogins := []string{"admin", "bob", "carol", "dave", "min.user@x"}
	if l := logins(call(t, u, "GET", api+"/users/", testBob, nil).body); !reflect.DeepEqual(l, wantLogins) {
		t.Fatalf("GET /users: %v", l)
	}
	for _, q := range []string{"", "?includeSettings=True", "?includeSettings=False"} {
		list := call(t, u, "GET", api+"/admin/users/"+q, testAdmin, nil).body
		if l := logins(list); !reflect.DeepEqual(l, wantLogins) {
			t.Fatalf("GET /admin/users%s: %v", q, l)
		}
		if !reflect.DeepEqual(list.([]any)[3], d) {
			t.Fatalf("GET /admin/users%s item: %v", q, list.([]any)[3])
		}
	}

	// Deleting a user deletes their personal keys.
	key := call(t, u, "POST", api+"/admin/personal-api-keys", testAdmin, map[string]any{"user": "dave"})
	expectOK(t, key)
	expectOK(t, call(t, u, "DELETE", api+"/admin/users/dave", testAdmin, nil))
	expectMessage(t, call(t, u, "GET", api+"/personal-api-keys/"+mustStr(t, key, "id"), testAdmin, nil),
		404, ErrTypeNotFound, "API key "+mustStr(t, key, "id")+" does not exist")
	expectMessage(t, call(t, u, "POST", api+"/admin/personal-api-keys", testAdmin, map[string]any{"user": "dave"}),
		400, ErrTypeIllegalArgument, "User dave does not exist")
}

// Every /admin route refuses a non-admin key, and a refused write
// changes nothing.
func TestPeopleAdminOnly(t *testing.T) {
	o := testOpts()
	rn := startTest(t, o)
	u := rn.URL()
	before := rn.Server.Snapshot()
	for _, c := range []struct{ method, path string }{
		{"GET", "/admin/users"}, {"POST", "/admin/users"}, {"GET", "/admin/users/bob"}, {"PUT", "/admin/users/bob"},
		{"DELETE", "/admin/users/carol"}, {"GET", "/admin/groups"}, {"POST", "/admin/groups"}, {"GET", "/admin/groups/team"},
		{"PUT", "/admin/groups/team"}, {"DELETE", "/admin/groups/team"}, {"GET", "/admin/global-api-keys"},
		{"POST", "/admin/global-api-keys"}, {"GET", "/admin/global-api-keys/x"}, {"PUT", "/admin/global-api-keys/x"},
		{"DELETE", "/admin/global-api-keys/x"}, {"GET", "/admin/personal-api-keys"}, {"POST", "/admin/personal-api-keys"},
		{"GET", "/admin/licensing/status"},
	} {
		var body any
		if c.method == "POST" || c.method == "PUT" {
			body = map[string]any{"name": "x", "login": "x", "user": "bob", "groups": []any{"administrators"}, "admin": true}
		}
		expectMessage(t, call(t, u, c.method, api+c.path, testBob, body), 403, ErrTypeUnauthorized, MsgAdminRequired)
	}
	if after := rn.Server.Snapshot(); !reflect.DeepEqual(before.Users, after.Users) || !reflect.DeepEqual(before.Groups, after.Groups) {
		t.Fatal("a refused request changed users or groups")
	}
	// A groups key with no admin group is no admin either.
	gk := call(t, u, "POST", api+"/admin/global-api-keys", testAdmin, map[string]any{"label": "g", "groups": []any{"team"}})
	expectMessage(t, call(t, u, "GET", api+"/admin/users", mustStr(t, gk, "key"), nil), 403, ErrTypeUnauthorized, MsgAdminRequired)
	// The status is Options.UnauthorizedStatus.
	o.UnauthorizedStatus = 401
	rn2 := startTest(t, o)
	expectError(t, call(t, rn2.URL(), "GET", api+"/admin/groups", testBob, nil), 401, ErrTypeUnauthorized)
}

func TestPeopleLicensingStatus(t *testing.T) {
	rn := startTest(t, testOpts())
	r := call(t, rn.URL(), "GET", api+"/admin/licensing/status", testAdmin, nil)
	expectOK(t, r)
	lp := r.obj()["limits"].(map[string]any)["licensedProfiles"].(map[string]any)
	var got []string
	for p := range lp {
		got = append(got, p)
	}
	sort.Strings(got)
	want := append([]string(nil), LicensedProfiles...)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("licensed profiles %v", got)
	}
}

// A key created through the API authenticates at once with exactly its
// rights, and stops at once when revoked.
func TestPeopleKeyRightsAndRevocation(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	newGroup(t, u, "plain", nil)
	newGroup(t, u, "creators", map[string]any{"mayCreateProjects": true})
	k := newUserKey(t, u, "frank", "plain")
	info := call(t, u, "GET", api+"/auth/info", k, nil)
	expectOK(t, info)
	if !reflect.DeepEqual(info.body, map[string]any{"authIdentifier": "frank", "associatedDSSUser": "frank",
		"groups": []any{"plain"}, "userProfile": "DATA_SCIENTIST", "admin": false}) {
		t.Fatalf("auth/info %s", info.raw)
	}
	expectMessage(t, createProject(t, u, "FRANK1", k, nil), 403, ErrTypeSecurity, MsgMayNotCreateProj)
	// Joining a creators group gives the right at once.
	s := call(t, u, "GET", api+"/admin/users/frank", testAdmin, nil).obj()
	s["groups"] = []any{"plain", "creators"}
	expectOK(t, call(t, u, "PUT", api+"/admin/users/frank", testAdmin, s))
	expectOK(t, createProject(t, u, "FRANK1", k, nil))
	if o := call(t, u, "GET", api+"/projects/FRANK1", k, nil).obj()["ownerLogin"]; o != "frank" {
		t.Fatalf("owner %v", o)
	}

	// Global keys: groups key without and with the right; admin key.
	noRight := call(t, u, "POST", api+"/admin/global-api-keys/", testAdmin, map[string]any{"label": "nr", "description": "", "groups": []any{"plain"}})
	expectOK(t, noRight)
	expectMessage(t, createProject(t, u, "G1", mustStr(t, noRight, "key"), nil), 403, ErrTypeSecurity, MsgMayNotCreateProj)
	withRight := call(t, u, "POST", api+"/admin/global-api-keys/", testAdmin, map[string]any{"label": "wr", "groups": []any{"creators"}, "dssUserForImpersonation": "frank"})
	expectOK(t, withRight)
	expectOK(t, createProject(t, u, "G2", mustStr(t, withRight, "key"), nil))
	if o := call(t, u, "GET", api+"/projects/G2", testAdmin, nil).obj()["ownerLogin"]; o != "frank" {
		t.Fatalf("a key impersonating frank created a project owned by %v", o)
	}
	wi := call(t, u, "GET", api+"/auth/info", mustStr(t, withRight, "key"), nil).obj()
	if wi["authIdentifier"] != "wr" || wi["associatedDSSUser"] != "frank" || wi["admin"] != false || !reflect.DeepEqual(wi["groups"], []any{"creators"}) {
		t.Fatalf("auth/info of a groups key: %v", wi)
	}
	adm := call(t, u, "POST", api+"/admin/global-api-keys/", testAdmin, map[string]any{"label": nil, "description": nil, "globalPermissions": map[string]any{"admin": true}})
	expectOK(t, adm)
	if adm.obj()["groups"] != nil {
		t.Fatalf("an admin key's groups: %v", adm.obj()["groups"])
	}
	ai := call(t, u, "GET", api+"/auth/info", mustStr(t, adm, "key"), nil).obj()
	if ai["authIdentifier"] != mustStr(t, adm, "id") || ai["associatedDSSUser"] != "" || ai["admin"] != true {
		t.Fatalf("auth/info of an admin key without label: %v", ai)
	}
	expectOK(t, call(t, u, "GET", api+"/admin/users", mustStr(t, adm, "key"), nil))
	adminGroupKey := call(t, u, "POST", api+"/admin/global-api-keys/", testAdmin, map[string]any{"label": "ag", "groups": []any{"administrators"}})
	expectOK(t, call(t, u, "GET", api+"/admin/users", mustStr(t, adminGroupKey, "key"), nil))

	revoked := func(key, why string) {
		t.Helper()
		r := call(t, u, "GET", api+"/auth/info", key, nil)
		if r.status != 401 {
			t.Fatalf("%s: the key still authenticates: %s", why, r.raw)
		}
		expectMessage(t, r, 401, ErrTypeNotAuthenticated, MsgUnknownKey)
	}
	// Disabling frank stops his personal key and the key impersonating him.
	s["enabled"] = false
	expectOK(t, call(t, u, "PUT", api+"/admin/users/frank", testAdmin, s))
	revoked(k, "disabled user")
	revoked(mustStr(t, withRight, "key"), "key impersonating a disabled user")
	s["enabled"] = true
	expectOK(t, call(t, u, "PUT", api+"/admin/users/frank", testAdmin, s))
	expectOK(t, call(t, u, "GET", api+"/auth/info", k, nil))
	// Deleting the key.
	id := call(t, u, "GET", api+"/admin/personal-api-keys", testAdmin, nil)
	for _, e := range id.body.([]any) {
		if kd := e.(map[string]any); kd["user"] == "frank" {
			expectOK(t, call(t, u, "DELETE", api+"/personal-api-keys/"+kd["id"].(string), testAdmin, nil))
		}
	}
	revoked(k, "deleted personal key")
	expectOK(t, call(t, u, "DELETE", api+"/admin/global-api-keys/"+mustStr(t, noRight, "id"), testAdmin, nil))
	revoked(mustStr(t, noRight, "key"), "deleted global key")
	// Deleting the user.
	k2 := call(t, u, "POST", api+"/admin/personal-api-keys", testAdmin, map[string]any{"user": "frank"})
	expectOK(t, call(t, u, "GET", api+"/auth/info", mustStr(t, k2, "key"), nil))
	expectOK(t, call(t, u, "DELETE", api+"/admin/users/frank", testAdmin, nil))
	revoked(mustStr(t, k2, "key"), "deleted user")
	revoked(mustStr(t, withRight, "key"), "key impersonating a deleted user")
	// Such a key can still be saved unchanged (dataikuapi's read-modify-write).
	wdef := call(t, u, "GET", api+"/admin/global-api-keys/"+mustStr(t, withRight, "id"), testAdmin, nil).obj()
	wdef["label"] = "wr2"
	expectOK(t, call(t, u, "PUT", api+"/admin/global-api-keys/"+mustStr(t, withRight, "id"), testAdmin, wdef))
	revoked(mustStr(t, withRight, "key"), "key impersonating a deleted user, after a PUT")
}

func TestPeopleGlobalKeys(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	defer func(f func() int64) { nowMillis = f }(nowMillis)
	now := int64(1_700_000_000_000)
	nowMillis = func() int64 { return now }

	r := call(t, u, "POST", api+"/admin/global-api-keys", testAdmin, map[string]any{"label": "ci", "description": "d", "groups": []any{"team"}})
	expectOK(t, r)
	def := r.obj()
	id, key := mustStr(t, r, "id"), mustStr(t, r, "key")
	if len(id) != 16 || len(key) != 32 || strings.Trim(id+key, idAlphabet) != "" {
		t.Fatalf("id %q key %q", id, key)
	}
	want := map[string]any{"id": id, "key": key, "label": "ci", "description": "d", "createdOn": float64(now),
		"createdBy": "admin", "dssUserForImpersonation": nil, "groups": []any{"team"},
		"globalPermissions": map[string]any{"admin": false}, "expiry": 0.0, "expiresOn": 0.0}
	if !reflect.DeepEqual(def, want) {
		t.Fatalf("new key:\n got %v\nwant %v", def, want)
	}
	if g := call(t, u, "GET", api+"/admin/global-api-keys/"+id, testAdmin, nil); !reflect.DeepEqual(g.body, want) {
		t.Fatalf("GET: %s", g.raw)
	}
	// dataikuapi's default key: no label (null), not admin, no groups. The
	// label reads null until a PUT writes one.
	bare := call(t, u, "POST", api+"/admin/global-api-keys", testAdmin, map[string]any{"label": nil, "description": nil, "globalPermissions": map[string]any{"admin": false}})
	expectOK(t, bare)
	bareDoc := call(t, u, "GET", api+"/admin/global-api-keys/"+mustStr(t, bare, "id"), testAdmin, nil).obj()
	if l, ok := bareDoc["label"]; !ok || l != nil || !reflect.DeepEqual(bareDoc["groups"], []any{}) || bareDoc["description"] != "" {
		t.Fatalf("dataikuapi's default key: %v", bareDoc)
	}
	expectOK(t, call(t, u, "PUT", api+"/admin/global-api-keys/"+mustStr(t, bare, "id"), testAdmin, bareDoc))
	if l := call(t, u, "GET", api+"/admin/global-api-keys/"+mustStr(t, bare, "id"), testAdmin, nil).obj()["label"]; l != nil {
		t.Fatalf("a PUT sending the null label back gave it %v", l)
	}
	bareDoc["label"] = ""
	expectOK(t, call(t, u, "PUT", api+"/admin/global-api-keys/"+mustStr(t, bare, "id"), testAdmin, bareDoc))
	if l := call(t, u, "GET", api+"/admin/global-api-keys/"+mustStr(t, bare, "id"), testAdmin, nil).obj()["label"]; l != "" {
		t.Fatalf("label after a PUT of \"\": %v", l)
	}
	expectOK(t, call(t, u, "DELETE", api+"/admin/global-api-keys/"+mustStr(t, bare, "id"), testAdmin, nil))
	expectMessage(t, call(t, u, "POST", api+"/admin/global-api-keys", testAdmin, map[string]any{"groups": []any{"ghosts"}}),
		400, ErrTypeIllegalArgument, "Group ghosts does not exist")
	expectMessage(t, call(t, u, "POST", api+"/admin/global-api-keys", testAdmin, map[string]any{"dssUserForImpersonation": "ghost"}),
		400, ErrTypeIllegalArgument, "User ghost does not exist")
	for _, p := range []string{"GET", "PUT", "DELETE"} {
		expectMessage(t, call(t, u, p, api+"/admin/global-api-keys/nope", testAdmin, map[string]any{}), 404, ErrTypeNotFound, "API key nope does not exist")
	}

	// PUT changes label, description, user, groups and expiry only.
	put := copyDoc(def)
	put["label"], put["description"], put["dssUserForImpersonation"] = "ci2", "d2", "bob"
	put["groups"] = []any{"team", "readers"}
	put["expiry"] = 2
	put["globalPermissions"] = map[string]any{"admin": true}
	put["createdBy"], put["key"], put["id"], put["createdOn"] = "mallory", "x", "y", 5
	expectOK(t, call(t, u, "PUT", api+"/admin/global-api-keys/"+id, testAdmin, put))
	want["label"], want["description"], want["dssUserForImpersonation"] = "ci2", "d2", "bob"
	want["groups"] = []any{"team", "readers"}
	want["expiry"], want["expiresOn"] = 2.0, float64(now+2*dayMillis)
	if g := call(t, u, "GET", api+"/admin/global-api-keys/"+id, testAdmin, nil); !reflect.DeepEqual(g.body, want) {
		t.Fatalf("after PUT:\n got %s\nwant %v", g.raw, want)
	}
	list := call(t, u, "GET", api+"/admin/global-api-keys/", testAdmin, nil).body.([]any)
	if len(list) != 1 || !reflect.DeepEqual(list[0], want) {
		t.Fatalf("list %v", list)
	}
	expectOK(t, call(t, u, "GET", api+"/auth/info", key, nil))
	// Expiry: the key stops at expiresOn.
	now += 2*dayMillis - 1
	expectOK(t, call(t, u, "GET", api+"/auth/info", key, nil))
	now++
	expectMessage(t, call(t, u, "GET", api+"/auth/info", key, nil), 401, ErrTypeNotAuthenticated, MsgExpiredKey)
	put["expiry"] = 0
	expectOK(t, call(t, u, "PUT", api+"/admin/global-api-keys/"+id, testAdmin, put))
	expectOK(t, call(t, u, "GET", api+"/auth/info", key, nil))
	// Clearing the impersonated user.
	put["dssUserForImpersonation"] = nil
	expectOK(t, call(t, u, "PUT", api+"/admin/global-api-keys/"+id, testAdmin, put))
	if i := call(t, u, "GET", api+"/auth/info", key, nil).obj(); i["associatedDSSUser"] != "" || i["authIdentifier"] != "ci2" {
		t.Fatalf("auth/info %v", i)
	}
}

func TestPeoplePersonalKeys(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	r := call(t, u, "POST", api+"/personal-api-keys/", testBob, map[string]any{"label": "mine", "description": "d"})
	expectOK(t, r)
	id, key := mustStr(t, r, "id"), mustStr(t, r, "key")
	want := map[string]any{"id": id, "key": key, "user": "bob", "label": "mine", "description": "d",
		"createdOn": r.obj()["createdOn"], "createdBy": "bob"}
	if !reflect.DeepEqual(r.body, want) {
		t.Fatalf("new personal key %s", r.raw)
	}
	if i := call(t, u, "GET", api+"/auth/info", key, nil).obj(); i["authIdentifier"] != "bob" {
		t.Fatalf("auth/info %v", i)
	}
	own := call(t, u, "GET", api+"/personal-api-keys", testBob, nil).body.([]any)
	if len(own) != 2 { // the seeded one and the new one
		t.Fatalf("bob's keys %v", own)
	}
	for _, e := range call(t, u, "GET", api+"/personal-api-keys", testCarol, nil).body.([]any) {
		if e.(map[string]any)["user"] != "carol" {
			t.Fatalf("carol sees %v", e)
		}
	}
	// Owner and admin may read, change and delete; another user gets not-found.
	missing := "API key " + id + " does not exist"
	expectMessage(t, call(t, u, "GET", api+"/personal-api-keys/"+id, testCarol, nil), 404, ErrTypeNotFound, missing)
	expectMessage(t, call(t, u, "PUT", api+"/personal-api-keys/"+id, testCarol, map[string]any{"label": "x"}), 404, ErrTypeNotFound, missing)
	expectMessage(t, call(t, u, "DELETE", api+"/personal-api-keys/"+id, testCarol, nil), 404, ErrTypeNotFound, missing)
	expectOK(t, call(t, u, "GET", api+"/personal-api-keys/"+id, testAdmin, nil))
	put := copyDoc(want)
	put["label"], put["description"], put["user"], put["createdBy"] = "renamed", "d2", "carol", "x"
	expectOK(t, call(t, u, "PUT", api+"/personal-api-keys/"+id, testBob, put))
	want["label"], want["description"] = "renamed", "d2"
	if g := call(t, u, "GET", api+"/personal-api-keys/"+id, testBob, nil); !reflect.DeepEqual(g.body, want) {
		t.Fatalf("after PUT %s", g.raw)
	}
	all := call(t, u, "GET", api+"/admin/personal-api-keys", testAdmin, nil).body.([]any)
	if len(all) != 4 { // admin, bob, carol seeded + bob's new one
		t.Fatalf("all personal keys %v", all)
	}
	// An admin creates one for another user.
	f := call(t, u, "POST", api+"/admin/personal-api-keys/", testAdmin, map[string]any{"user": "carol", "label": "", "description": ""})
	expectOK(t, f)
	if f.obj()["user"] != "carol" || f.obj()["createdBy"] != "admin" {
		t.Fatalf("key for carol %s", f.raw)
	}
	if i := call(t, u, "GET", api+"/auth/info", mustStr(t, f, "key"), nil).obj(); i["authIdentifier"] != "carol" {
		t.Fatalf("auth/info %v", i)
	}
	expectOK(t, call(t, u, "DELETE", api+"/personal-api-keys/"+id, testBob, nil))
	expectError(t, call(t, u, "GET", api+"/auth/info", key, nil), 401, ErrTypeNotAuthenticated)
	// A global key without a user has no personal keys and no current user.
	gk := mustStr(t, call(t, u, "POST", api+"/admin/global-api-keys", testAdmin, map[string]any{"globalPermissions": map[string]any{"admin": true}}), "key")
	expectMessage(t, call(t, u, "POST", api+"/personal-api-keys", gk, map[string]any{}), 400, ErrTypeIllegalArgument, MsgNoUserForKey)
	expectMessage(t, call(t, u, "GET", api+"/current-user", gk, nil), 400, ErrTypeIllegalArgument, MsgNoUserForKey)
}

func TestPeopleCurrentUser(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	me := call(t, u, "GET", api+"/current-user", testBob, nil)
	expectOK(t, me)
	d := me.obj()
	if d["login"] != "bob" {
		t.Fatalf("current user %s", me.raw)
	}
	d["displayName"], d["email"] = "Bobby", "bob@example.com"
	d["userProperties"] = map[string]any{"a": "b"}
	d["preferences"] = map[string]any{"uiLanguage": "fr"}
	// Not changeable by the user: groups, profile, enabled, adminProperties.
	d["groups"] = []any{"administrators"}
	d["userProfile"] = "READER"
	d["adminProperties"] = map[string]any{"x": "y"}
	expectOK(t, call(t, u, "PUT", api+"/current-user", testBob, d))
	got := call(t, u, "GET", api+"/admin/users/bob", testAdmin, nil).obj()
	if got["displayName"] != "Bobby" || got["email"] != "bob@example.com" || !reflect.DeepEqual(got["userProperties"], d["userProperties"]) ||
		!reflect.DeepEqual(got["preferences"], d["preferences"]) {
		t.Fatalf("own settings not saved: %v", got)
	}
	if !reflect.DeepEqual(got["groups"], []any{"team"}) || got["userProfile"] != "DATA_SCIENTIST" || !reflect.DeepEqual(got["adminProperties"], map[string]any{}) {
		t.Fatalf("a user changed what only an admin may: %v", got)
	}
	expectError(t, call(t, u, "GET", api+"/admin/users", testBob, nil), 403, ErrTypeUnauthorized)
}

func TestPeopleLastAdminAndSelfDeletion(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	admin := call(t, u, "GET", api+"/admin/users/admin", testAdmin, nil).obj()
	adminGroup := call(t, u, "GET", api+"/admin/groups/administrators", testAdmin, nil).obj()
	expectMessage(t, call(t, u, "DELETE", api+"/admin/users/admin", testAdmin, nil), 400, ErrTypeIllegalArgument, MsgSelfDeletion)
	expectMessage(t, call(t, u, "DELETE", api+"/admin/users/admin?allowSelfDeletion=False", testAdmin, nil), 400, ErrTypeIllegalArgument, MsgSelfDeletion)
	expectMessage(t, call(t, u, "DELETE", api+"/admin/users/admin?allowSelfDeletion=True", testAdmin, nil), 400, ErrTypeIllegalArgument, MsgLastAdmin)
	dis := copyDoc(admin)
	dis["enabled"] = false
	expectMessage(t, call(t, u, "PUT", api+"/admin/users/admin", testAdmin, dis), 400, ErrTypeIllegalArgument, MsgLastAdmin)
	out := copyDoc(admin)
	out["groups"] = []any{"team"}
	expectMessage(t, call(t, u, "PUT", api+"/admin/users/admin", testAdmin, out), 400, ErrTypeIllegalArgument, MsgLastAdmin)
	notAdmin := copyDoc(adminGroup)
	notAdmin["admin"] = false
	expectMessage(t, call(t, u, "PUT", api+"/admin/groups/administrators", testAdmin, notAdmin), 400, ErrTypeIllegalArgument, MsgLastAdmin)
	expectMessage(t, call(t, u, "DELETE", api+"/admin/groups/administrators", testAdmin, nil), 400, ErrTypeIllegalArgument, MsgLastAdmin)

	// With a second administrator these are allowed.
	k := newUserKey(t, u, "root2", "administrators")
	if i := call(t, u, "GET", api+"/auth/info", k, nil).obj(); i["admin"] != true {
		t.Fatalf("a member of administrators is no admin: %v", i)
	}
	expectOK(t, call(t, u, "PUT", api+"/admin/users/admin", testAdmin, dis))
	expectError(t, call(t, u, "GET", api+"/auth/info", testAdmin, nil), 401, ErrTypeNotAuthenticated)
	// The configured admin key still runs the control endpoints.
	expectOK(t, call(t, u, "GET", "/_emulator/stats", testAdmin, nil))
	expectMessage(t, call(t, u, "DELETE", api+"/admin/users/root2", k, nil), 400, ErrTypeIllegalArgument, MsgSelfDeletion)
	expectOK(t, call(t, u, "DELETE", api+"/admin/users/admin", k, nil))
	// root2 is the last one now.
	expectMessage(t, call(t, u, "DELETE", api+"/admin/users/root2?allowSelfDeletion=true", k, nil), 400, ErrTypeIllegalArgument, MsgLastAdmin)
}

// X-DKU-ProxyUser from an admin key acts as that user, groups from the store.
func TestPeopleProxyUser(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	newUserKey(t, u, "gina", "readers")
	req, _ := http.NewRequest("GET", u+api+"/auth/info", nil)
	req.SetBasicAuth(testAdmin, "")
	req.Header.Set("X-DKU-ProxyUser", "gina")
	r := doReq(t, req)
	expectOK(t, r)
	if i := r.obj(); i["authIdentifier"] != "gina" || i["admin"] != false || !reflect.DeepEqual(i["groups"], []any{"readers"}) {
		t.Fatalf("proxied auth/info %v", i)
	}
}

// The state file holds no clear secret; keys survive a restart through
// their hash; seeding is idempotent; reads return key "" for keys this
// process did not create or seed.
func TestPeoplePersistence(t *testing.T) {
	o := persistentOpts(t)
	path := o.StatePath
	o.GlobalKeys = []GlobalKey{{Key: "seeded-global-secret", Label: "seeded-global", AssociatedUser: "svc"}}
	rn := startTest(t, o)
	u := rn.URL()
	expectOK(t, call(t, u, "POST", api+"/admin/users", testAdmin, map[string]any{"login": "hank", "password": "hank-password-42"}))
	s := call(t, u, "GET", api+"/admin/users/hank", testAdmin, nil).obj()
	s["password"] = "hank-password-43"
	expectOK(t, call(t, u, "PUT", api+"/admin/users/hank", testAdmin, s))
	pk := call(t, u, "POST", api+"/admin/personal-api-keys", testAdmin, map[string]any{"user": "hank"})
	gk := call(t, u, "POST", api+"/admin/global-api-keys", testAdmin, map[string]any{"label": "g", "globalPermissions": map[string]any{"admin": true}})
	secrets := []string{"hank-password-42", "hank-password-43", mustStr(t, pk, "key"), mustStr(t, gk, "key"),
		testAdmin, testBob, testCarol, "seeded-global-secret"}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range secrets {
		if bytes.Contains(b, []byte(sec)) {
			t.Fatalf("the state file contains the secret %q", sec)
		}
	}
	before := rn.Server.Snapshot()
	rn.Close()

	rn2 := startTest(t, o)
	u = rn2.URL()
	if after := rn2.Server.Snapshot(); !reflect.DeepEqual(before.Users, after.Users) || !reflect.DeepEqual(before.Groups, after.Groups) ||
		!reflect.DeepEqual(before.GlobalAPIKeys, after.GlobalAPIKeys) || !reflect.DeepEqual(before.PersonalAPIKeys, after.PersonalAPIKeys) {
		t.Fatal("a restart with the same options changed the people (seeding is not idempotent)")
	}
	for _, k := range []string{mustStr(t, pk, "key"), mustStr(t, gk, "key"), testBob, "seeded-global-secret"} {
		expectOK(t, call(t, u, "GET", api+"/auth/info", k, nil))
	}
	if k := call(t, u, "GET", api+"/admin/global-api-keys/"+mustStr(t, gk, "id"), testAdmin, nil).obj()["key"]; k != "" {
		t.Fatalf("a key loaded from the state file reads as %v, want \"\"", k)
	}
	if k := call(t, u, "GET", api+"/personal-api-keys/"+mustStr(t, pk, "id"), testAdmin, nil).obj()["key"]; k != "" {
		t.Fatalf("a personal key loaded from the state file reads as %v", k)
	}
	for _, e := range call(t, u, "GET", api+"/admin/global-api-keys", testAdmin, nil).body.([]any) {
		if d := e.(map[string]any); d["label"] == "seeded-global" && d["key"] != "seeded-global-secret" {
			t.Fatalf("a seeded key reads as %v", d["key"])
		}
	}
	b, _ = os.ReadFile(path)
	for _, sec := range secrets {
		if bytes.Contains(b, []byte(sec)) {
			t.Fatalf("after the restart the state file contains the secret %q", sec)
		}
	}
}

// Reset keeps the seeded users, groups and keys and removes the rest.
func TestPeopleResetKeepsSeeded(t *testing.T) {
	o := testOpts()
	o.GlobalKeys = []GlobalKey{{Key: "gk-secret", Label: "gk"}}
	rn := startTest(t, o)
	u := rn.URL()
	seeded := rn.Server.Snapshot()
	k := newUserKey(t, u, "ivy", "team")
	newGroup(t, u, "extra", nil)
	expectOK(t, call(t, u, "DELETE", api+"/admin/users/carol", testAdmin, nil))
	expectOK(t, call(t, u, "POST", "/_emulator/reset", testAdmin, nil))
	after := rn.Server.Snapshot()
	if !reflect.DeepEqual(sortedKeys(after.Users), sortedKeys(seeded.Users)) || !reflect.DeepEqual(sortedKeys(after.Groups), sortedKeys(seeded.Groups)) ||
		!reflect.DeepEqual(sortedKeys(after.GlobalAPIKeys), sortedKeys(seeded.GlobalAPIKeys)) ||
		!reflect.DeepEqual(sortedKeys(after.PersonalAPIKeys), sortedKeys(seeded.PersonalAPIKeys)) {
		t.Fatalf("after reset: users %v groups %v", sortedKeys(after.Users), sortedKeys(after.Groups))
	}
	expectError(t, call(t, u, "GET", api+"/auth/info", k, nil), 401, ErrTypeNotAuthenticated)
	for _, key := range []string{testAdmin, testBob, testCarol, "gk-secret"} {
		expectOK(t, call(t, u, "GET", api+"/auth/info", key, nil))
	}
	expectOK(t, createProject(t, u, "AFTER_RESET", testCarol, nil))
}

// Seeding: --user-key groups may create projects; duplicate secrets and
// bad names are refused.
func TestPeopleSeedingOptions(t *testing.T) {
	for _, o := range []Options{
		{AdminKey: "a", UserKeys: []UserKey{{Login: "x", Key: "a"}}},
		{AdminKey: "a", UserKeys: []UserKey{{Login: "x", Key: "b"}, {Login: "y", Key: "b"}}},
		{AdminKey: "a", GlobalKeys: []GlobalKey{{Key: "a"}}},
		{AdminKey: "a", UserKeys: []UserKey{{Login: "bad/login", Key: "b"}}},
		{AdminKey: "a", UserKeys: []UserKey{{Login: " ", Key: "b"}}},
		{AdminKey: "a", UserKeys: []UserKey{{Login: "x", Key: "b", Groups: []string{"bad/group"}}}},
	} {
		if _, err := New(o); err == nil {
			t.Errorf("options %+v accepted", o)
		}
	}
	// A directory's names (a backslash, a space) are DSS's to judge.
	if _, err := New(Options{AdminKey: "a", UserKeys: []UserKey{{Login: `CORP\jdoe`, Key: "b", Groups: []string{"Data Team"}}}}); err != nil {
		t.Errorf("a directory's login and group refused: %v", err)
	}
	rn := startTest(t, testOpts())
	g := call(t, rn.URL(), "GET", api+"/admin/groups/team", testAdmin, nil).obj()
	if g["mayCreateProjects"] != true || g["mayWriteSafeCode"] != true || g["admin"] != false {
		t.Fatalf("seeded group %v", g)
	}
	if a := call(t, rn.URL(), "GET", api+"/admin/groups/administrators", testAdmin, nil).obj(); a["admin"] != true {
		t.Fatalf("administrators %v", a)
	}
	expectOK(t, createProject(t, rn.URL(), "BOBS", testBob, nil))
	if i := call(t, rn.URL(), "GET", api+"/auth/info", testAdmin, nil).obj(); i["authIdentifier"] != "admin" || i["admin"] != true ||
		!reflect.DeepEqual(i["groups"], []any{"administrators"}) {
		t.Fatalf("admin key %v", i)
	}
}

// dss-emulator --user-key creates the user and its groups; a restart with
// the same state file and flags creates nothing twice, and the user's
// groups may create projects.
func TestCommandUserKeySeeding(t *testing.T) {
	bin := commandBinary(t)
	state := filepath.Join(t.TempDir(), "state.json")
	args := []string{"--admin-key", testAdmin, "--state", state, "--user-key", "ci-bot:ci-key:data-platform,ops"}
	for run := 0; run < 2; run++ {
		cmd, base := startCommand(t, bin, args...)
		u := call(t, base, "GET", api+"/admin/users/ci-bot", testAdmin, nil)
		expectOK(t, u)
		if !reflect.DeepEqual(u.obj()["groups"], []any{"data-platform", "ops"}) || u.obj()["enabled"] != true ||
			u.obj()["userProfile"] != "DATA_SCIENTIST" {
			t.Fatalf("run %d: seeded user %s", run, u.raw)
		}
		for _, g := range []string{"data-platform", "ops"} {
			if d := call(t, base, "GET", api+"/admin/groups/"+g, testAdmin, nil).obj(); d["mayCreateProjects"] != true {
				t.Fatalf("run %d: seeded group %v", run, d)
			}
		}
		if n := len(call(t, base, "GET", api+"/admin/personal-api-keys", testAdmin, nil).body.([]any)); n != 2 {
			t.Fatalf("run %d: %d personal keys, want 2 (admin's and ci-bot's)", run, n)
		}
		expectOK(t, createProject(t, base, fmt.Sprintf("CI_%d", run), "ci-key", nil))
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}
}

// Workspaces and data collections are created by administrators and by
// members of a group with mayCreateWorkspaces or mayCreateDataCollections;
// the creator then administers what it created through its own entry.
func TestCreationCapabilitiesOfWorkspacesAndCollections(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	newGroup(t, u, "plain", nil)
	newGroup(t, u, "curators", map[string]any{"mayCreateWorkspaces": true, "mayCreateDataCollections": true})
	plain, curator := newUserKey(t, u, "gina", "plain"), newUserKey(t, u, "hugo", "curators")
	workspace := func(key, asKey string) resp {
		return call(t, u, "POST", api+"/workspaces/", asKey, map[string]any{"workspaceKey": key, "displayName": key})
	}
	collection := func(name, asKey string) resp {
		return call(t, u, "POST", api+"/data-collections/", asKey, map[string]any{"displayName": name})
	}
	expectMessage(t, workspace("WS_GINA", plain), 403, ErrTypeSecurity, MsgMayNotCreateWorkspaces)
	expectMessage(t, collection("Gina's", plain), 403, ErrTypeSecurity, MsgMayNotCreateDataCollections)
	if s := rn.Server.Snapshot(); len(s.Workspaces) != 0 || len(s.DataCollections) != 0 {
		t.Fatalf("a refused creation created something: %d workspaces, %d collections", len(s.Workspaces), len(s.DataCollections))
	}
	// DSS answers a workspace's creation with its key, as text.
	createdWorkspace := func(key, asKey string) {
		t.Helper()
		req, _ := http.NewRequest("POST", u+api+"/workspaces/", bodyReader(map[string]any{"workspaceKey": key, "displayName": key}))
		req.SetBasicAuth(asKey, "")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || string(raw) != key {
			t.Fatalf("creating workspace %s: %d %s", key, res.StatusCode, raw)
		}
	}
	createdWorkspace("WS_HUGO", curator)
	expectOK(t, call(t, u, "PUT", api+"/workspaces/WS_HUGO", curator, call(t, u, "GET", api+"/workspaces/WS_HUGO", curator, nil).obj()))
	c := collection("Hugo's", curator)
	expectOK(t, c)
	expectOK(t, call(t, u, "GET", api+"/data-collections/"+mustStr(t, c, "id"), curator, nil))
	createdWorkspace("WS_ADMIN", testAdmin)
	expectOK(t, collection("Admin's", testAdmin))
}

// TestDataCollectionListCountsItems: the list's itemCount [V
// DSSDataCollectionListItem.item_count] is the number of objects the
// collection holds, following adds and removals.
func TestDataCollectionListCountsItems(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "CNT")
	for _, name := range []string{"a", "b"} {
		expectOK(t, call(t, u, "POST", api+"/projects/CNT/datasets/", testAdmin, map[string]any{"name": name, "type": "Inline", "params": map[string]any{}}))
	}
	c := call(t, u, "POST", api+"/data-collections/", testAdmin, map[string]any{"displayName": "Counted"})
	expectOK(t, c)
	id := mustStr(t, c, "id")
	count := func() float64 {
		t.Helper()
		r := call(t, u, "GET", api+"/data-collections", testAdmin, nil)
		expectOK(t, r)
		items, _ := r.body.([]any)
		for _, it := range items {
			if m, _ := it.(map[string]any); m["id"] == id {
				n, _ := m["itemCount"].(float64)
				return n
			}
		}
		t.Fatalf("collection %s is not listed: %v", id, r.body)
		return -1
	}
	if n := count(); n != 0 {
		t.Fatalf("itemCount of an empty collection = %v, want 0", n)
	}
	for _, name := range []string{"a", "b"} {
		expectOK(t, call(t, u, "POST", api+"/data-collections/"+id+"/objects", testAdmin, map[string]any{"type": "DATASET", "projectKey": "CNT", "id": name}))
	}
	if n := count(); n != 2 {
		t.Fatalf("itemCount after adding two datasets = %v, want 2", n)
	}
	expectOK(t, call(t, u, "DELETE", api+"/data-collections/"+id+"/objects/dataset/CNT/a", testAdmin, nil))
	if n := count(); n != 1 {
		t.Fatalf("itemCount after removing one = %v, want 1", n)
	}
}
