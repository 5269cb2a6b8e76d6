package dss

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// A group as an older DSS sends it: ldapGroupNames as a string, a flag
// missing (mayManageUDM), fields the provider does not model.
const groupWire = `{"name":"analysts","description":"","sourceType":"LOCAL","admin":false,
"ldapGroupNames":"cn=a,  cn=b","ssoGroupNames":[],"azureADGroupNames":["x"],"customGroupNames":[],
"mayWriteSafeCode":true,"mayCreateProjects":false,"canObtainAPITicketFromCookiesForGroupsRegex":"",
"mayCreateWorkspaces":true,"future":{"n":9007199254740993}}`

const userWire = `{"login":"alice","displayName":"Alice","email":null,"groups":["analysts"],"userProfile":"DATA_SCIENTIST",
"enabled":true,"sourceType":"LOCAL","adminProperties":{},"userProperties":{"team":"ml"},"secrets":[],
"credentials":{"c":{"type":"BASIC"}},"preferences":{"uiLanguage":"fr"},"creationDate":1700000000123,"password":"never-read"}`

func TestGroupNamesAcceptBothFormsAndWriteBackTheFormRead(t *testing.T) {
	for _, c := range []struct{ in, names, out string }{
		{`"cn=a,  cn=b"`, "cn=a|cn=b", `"cn=a,cn=b"`},
		{`""`, "", `""`},
		{`["cn=a","cn=b"]`, "cn=a|cn=b", `["cn=a","cn=b"]`},
		{`[]`, "", `[]`},
		{`null`, "", `null`},
	} {
		var g GroupNames
		if err := json.Unmarshal([]byte(c.in), &g); err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if got := strings.Join(g.Names, "|"); got != c.names {
			t.Errorf("%s: names %q, want %q", c.in, got, c.names)
		}
		out, err := json.Marshal(g)
		if err != nil || string(out) != c.out {
			t.Errorf("%s: written back as %s (%v), want %s", c.in, out, err, c.out)
		}
	}
	// A changed value keeps the form DSS had; a new one is a list.
	var g GroupNames
	_ = json.Unmarshal([]byte(`"cn=a"`), &g)
	g.Names = []string{"cn=b", "cn=c"}
	if out, _ := json.Marshal(g); string(out) != `"cn=b,cn=c"` || !g.AsString() {
		t.Errorf("changed string form: %s", out)
	}
	if out, _ := json.Marshal(GroupNames{Names: []string{"x"}}); string(out) != `["x"]` {
		t.Errorf("new value: %s", out)
	}
	if out, _ := json.Marshal(GroupNamesString("x", "y")); string(out) != `"x,y"` {
		t.Errorf("GroupNamesString: %s", out)
	}
	if err := json.Unmarshal([]byte(`{"a":1}`), &g); err == nil {
		t.Error("an object was accepted as ldapGroupNames")
	}
}

func TestGroupRoundTripKeepsUnmodelledFieldsExactly(t *testing.T) {
	g := decodeWire[Group](t, groupWire)
	if g.Name != "analysts" || !*g.MayWriteSafeCode || *g.MayCreateProjects || g.MayManageUDM != nil ||
		!g.LDAPGroupNames.AsString() || strings.Join(g.LDAPGroupNames.Names, "|") != "cn=a|cn=b" {
		t.Fatalf("decoded: %+v", g)
	}
	out := encode(t, g)
	// Only ldapGroupNames is rewritten (normalised separators).
	want := strings.Replace(compact(t, groupWire), `"cn=a,  cn=b"`, `"cn=a,cn=b"`, 1)
	if !semanticallyEqualExact(t, string(out), want) {
		t.Errorf("round trip:\n got %s\nwant %s", out, want)
	}
	if strings.Contains(string(out), "mayManageUDM") {
		t.Error("a flag DSS did not send was added")
	}
	if !strings.Contains(string(out), `"future":{"n":9007199254740993}`) {
		t.Errorf("unmodelled field not byte-exact: %s", out)
	}
}

func TestUserPasswordWrittenOnlyWhenSetNeverRead(t *testing.T) {
	u := decodeWire[User](t, userWire)
	if u.Password != nil {
		t.Fatal("a password was read from DSS's answer")
	}
	if u.Login != "alice" || u.UserProperties["team"] != "ml" || u.Email != "" {
		t.Fatalf("decoded: %+v", u)
	}
	out, _ := json.Marshal(u)
	if strings.Contains(string(out), "password") {
		t.Errorf("a password was written without being set: %s", out)
	}
	want := compact(t, strings.Replace(strings.Replace(userWire, `,"password":"never-read"`, "", 1), `"email":null`, `"email":""`, 1))
	if !semanticallyEqualExact(t, string(out), want) {
		t.Errorf("round trip:\n got %s\nwant %s", out, want)
	}
	pw := "n3w-Passw0rd"
	u.Password = &pw
	if out, _ := json.Marshal(u); !strings.Contains(string(out), `"password":"n3w-Passw0rd"`) {
		t.Errorf("the password set was not written: %s", out)
	}
}

// recorder is a fake DSS answering GETs from docs and recording requests.
type recorder struct {
	mu   sync.Mutex
	reqs []string // "METHOD path?query body"
	docs map[string]string
}

func (r *recorder) server(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		line := req.Method + " " + strings.TrimPrefix(req.URL.EscapedPath(), APIPrefix)
		if req.URL.RawQuery != "" {
			line += "?" + req.URL.RawQuery
		}
		r.reqs = append(r.reqs, strings.TrimSpace(line+" "+string(body)))
		doc, ok := r.docs[strings.TrimSuffix(strings.TrimPrefix(req.URL.Path, APIPrefix), "/")]
		r.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if req.Method == http.MethodGet && !ok {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"errorType":"com.dataiku.dip.server.controllers.NotFoundException","message":"not found"}`))
			return
		}
		if req.Method == http.MethodGet {
			_, _ = w.Write([]byte(doc))
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestPeopleCallsSendWhatDSSsClientSends(t *testing.T) {
	rec := &recorder{docs: map[string]string{
		"/admin/groups/analysts": groupWire,
		"/admin/users":           "[" + userWire + "]",
		"/admin/groups":          "[" + groupWire + "]",
		"/users":                 `[{"login":"alice","displayName":"Alice","email":"","groups":["analysts"],"enabled":true}]`,
	}}
	c := newTestClient(t, rec.server(t).URL)
	ctx := t.Context()
	pw := "p@ss"
	steps := []struct {
		call func() error
		want string
	}{
		{func() error { return c.CreateGroup(ctx, "analysts", "", "") },
			`POST /admin/groups/ {"description":null,"name":"analysts","sourceType":"LOCAL"}`},
		{func() error {
			return c.CreateUser(ctx, NewUser{Login: "alice", Password: &pw, Groups: []string{"analysts"}, UserProfile: "READER"})
		}, `POST /admin/users/ {"displayName":"","email":null,"groups":["analysts"],"login":"alice","password":"p@ss","sourceType":"LOCAL","userProfile":"READER"}`},
		{func() error { return c.CreateUser(ctx, NewUser{Login: "svc", SourceType: "LDAP", Email: "s@x.io"}) },
			`POST /admin/users/ {"displayName":"","email":"s@x.io","groups":[],"login":"svc","sourceType":"LDAP"}`},
		{func() error { return c.DeleteUser(ctx, "alice") }, `DELETE /admin/users/alice`},
		{func() error { return c.DeleteGroup(ctx, "a b") }, `DELETE /admin/groups/a%20b`},
		{func() error {
			users, err := c.ListUsers(ctx)
			if err == nil && (len(users) != 1 || users[0].Login != "alice" || users[0].Password != nil) {
				t.Errorf("ListUsers: %+v", users)
			}
			return err
		}, `GET /admin/users/?includeSettings=true`},
		{func() error {
			groups, err := c.ListGroups(ctx)
			if err == nil && (len(groups) != 1 || groups[0].Name != "analysts") {
				t.Errorf("ListGroups: %+v", groups)
			}
			return err
		}, `GET /admin/groups/`},
		{func() error {
			users, err := c.ListUserSummaries(ctx)
			if err == nil && (len(users) != 1 || users[0].Groups[0] != "analysts") {
				t.Errorf("ListUserSummaries: %+v", users)
			}
			return err
		}, `GET /users/`},
	}
	for i, s := range steps {
		if err := s.call(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := rec.reqs[len(rec.reqs)-1]; got != s.want {
			t.Errorf("step %d sent\n %s\nwant\n %s", i, got, s.want)
		}
	}
}

// A read-modify-write of a group sets a capability, keeps the string form
// of ldapGroupNames and every unmodelled field; one that changes nothing
// sends no PUT.
func TestGroupUpdateIsReadModifyWrite(t *testing.T) {
	rec := &recorder{docs: map[string]string{"/admin/groups/analysts": groupWire}}
	c := newTestClient(t, rec.server(t).URL)
	doc := GroupDoc("analysts")
	yes := true
	if _, changed, err := doc.Update(t.Context(), c, func(g *Group) error {
		g.MayCreateProjects = &yes
		g.LDAPGroupNames.Names = append(g.LDAPGroupNames.Names, "cn=c")
		return nil
	}); err != nil || !changed {
		t.Fatalf("update: changed %t, %v", changed, err)
	}
	put := rec.reqs[len(rec.reqs)-1]
	if !strings.HasPrefix(put, "PUT /admin/groups/analysts ") {
		t.Fatalf("last request: %s", put)
	}
	want := strings.NewReplacer(`"cn=a,  cn=b"`, `"cn=a,cn=b,cn=c"`, `"mayCreateProjects":false`, `"mayCreateProjects":true`).Replace(compact(t, groupWire))
	if got := strings.TrimPrefix(put, "PUT /admin/groups/analysts "); !semanticallyEqualExact(t, got, want) {
		t.Errorf("PUT body:\n got %s\nwant %s", got, want)
	}
	n := len(rec.reqs)
	if _, changed, err := doc.Update(t.Context(), c, func(*Group) error { return nil }); err != nil || changed || len(rec.reqs) != n+1 {
		t.Errorf("a no-op update: changed %t, %v, requests %v", changed, err, rec.reqs[n:])
	}
}

// A resync sends what dataikuapi sends: the JSON list of logins for
// start_resync_users_from_supplier, no body at all (no Content-Type, not
// JSON null) for start_resync_all_users_from_supplier; it answers DSS's
// future.
func TestStartUsersResyncBody(t *testing.T) {
	var contentTypes []string
	c, log := recordRequests(t, methodURIBody, func(w http.ResponseWriter, r *http.Request) {
		contentTypes = append(contentTypes, r.Header.Get("Content-Type"))
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"jobId":"J1","hasResult":false,"alive":true}`)
	})
	ctx := context.Background()
	for _, logins := range [][]string{{"jdoe", `CORP\ann`}, nil, {}} {
		f, err := c.StartUsersResync(ctx, logins)
		if err != nil {
			t.Fatal(err)
		}
		if f.JobID != "J1" || f.HasResult {
			t.Fatalf("future %+v", f)
		}
	}
	log.expect(t,
		`POST /public/api/admin/users/actions/resync-multi ["jdoe","CORP\\ann"]`,
		`POST /public/api/admin/users/actions/resync-multi `,
		`POST /public/api/admin/users/actions/resync-multi []`)
	if contentTypes[1] != "" {
		t.Fatalf("the resync of all users was sent with Content-Type %q", contentTypes[1])
	}
}
