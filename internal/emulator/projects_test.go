package emulator

import (
	"reflect"
	"strings"
	"testing"
)

func TestCreateProjectDefaults(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	r := createProject(t, u, "DEF", testAdmin, map[string]any{
		"owner": "bob", "description": nil, "settings": nil,
		"permissions": []any{map[string]any{"group": "team", "readProjectContent": true}},
		"tags":        []string{"zeta", "alpha", "alpha"},
	})
	expectOK(t, r)
	if r.obj()["projectKey"] != "DEF" {
		t.Fatalf("%s", r.raw)
	}
	md := call(t, u, "GET", "/public/api/projects/DEF/metadata", testAdmin, nil).obj()
	wantMD := map[string]any{
		"label": "Project DEF", "description": "", "shortDesc": "", "tags": []any{"alpha", "zeta"},
		"checklists": map[string]any{"checklists": []any{}}, "custom": map[string]any{"kv": map[string]any{}}, "customFields": map[string]any{},
	}
	if !reflect.DeepEqual(md, wantMD) {
		t.Fatalf("metadata %v", md)
	}
	perms := call(t, u, "GET", "/public/api/projects/DEF/permissions", testAdmin, nil).obj()
	if perms["owner"] != "bob" || len(perms["permissions"].([]any)) != 1 ||
		perms["dashboardAuthorizations"].(map[string]any)["allAuthorized"] != false ||
		!reflect.DeepEqual(perms["additionalDashboardUsers"], map[string]any{"users": []any{}}) {
		t.Fatalf("permissions %v", perms)
	}
	vars := call(t, u, "GET", "/public/api/projects/DEF/variables/", testAdmin, nil).obj()
	if !reflect.DeepEqual(vars, map[string]any{"standard": map[string]any{}, "local": map[string]any{}}) {
		t.Fatalf("variables %v", vars)
	}
	st := call(t, u, "GET", "/public/api/projects/DEF/settings", testAdmin, nil).obj()
	py := st["settings"].(map[string]any)["codeEnvs"].(map[string]any)["python"].(map[string]any)
	if py["mode"] != "INHERIT" || st["exposedObjects"] == nil {
		t.Fatalf("settings %v", st)
	}
	sum := call(t, u, "GET", "/public/api/projects/DEF", testAdmin, nil).obj()
	if sum["name"] != "Project DEF" || sum["ownerLogin"] != "bob" {
		t.Fatalf("summary %v", sum)
	}
	// owner defaults to the caller; settings merged over defaults
	expectOK(t, createProject(t, u, "MINE", testBob, map[string]any{"settings": map[string]any{"projectStatus": "Draft", "x": 1}}))
	sum = call(t, u, "GET", "/public/api/projects/MINE", testBob, nil).obj()
	if sum["ownerLogin"] != "bob" || sum["projectStatus"] != "Draft" {
		t.Fatalf("summary %v", sum)
	}
	snap := rn.Server.Snapshot()
	if snap.Projects["MINE"].CreatedOn == 0 || snap.Projects["MINE"].Datasets == nil || snap.Projects["MINE"].FolderID != RootFolderID {
		t.Fatalf("snapshot %+v", snap.Projects["MINE"])
	}
}

func TestCreateProjectValidation(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "DUP")
	r := createProject(t, u, "DUP", testAdmin, nil)
	expectMessage(t, r, StatusDuplicate, ErrTypeIllegalArgument, "Project DUP already exists")
	for _, bad := range []string{"a-b", "A.B", "A B", "é"} {
		r := createProject(t, u, bad, testAdmin, nil)
		expectMessage(t, r, StatusInvalidKey, ErrTypeIllegalArgument, "Invalid project key: "+bad)
	}
	expectError(t, call(t, u, "POST", "/public/api/projects", testAdmin, map[string]any{"projectKey": "NONAME"}), 400, ErrTypeIllegalArgument)
	expectError(t, createProject(t, u, "BADTAGS", testAdmin, map[string]any{"tags": "x"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", "/public/api/projects?projectFolderId=NOPE", testAdmin, map[string]any{"projectKey": "F", "name": "f"}), 404, ErrTypeNotFound)
}

func TestPutWholeDocumentKeepsUnknownKeys(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "PUTS")
	for _, doc := range []string{"metadata", "settings", "variables", "permissions", "tags"} {
		body := map[string]any{"unknownField": map[string]any{"deep": []any{1.5, "x", nil}}, "big": 12345678901234567}
		switch doc {
		case "metadata":
			body["tags"] = []any{"b", "a"}
			body["label"] = "New"
		case "variables":
			body["standard"] = map[string]any{"v": 1}
			body["local"] = map[string]any{}
		case "permissions":
			body["owner"] = "carol"
		}
		expectOK(t, call(t, u, "PUT", "/dip/publicapi/projects/PUTS/"+doc+"/", testAdmin, body))
		got := call(t, u, "GET", "/public/api/projects/PUTS/"+doc, testAdmin, nil).obj()
		if !reflect.DeepEqual(got["unknownField"], body["unknownField"]) || got["big"] != float64(12345678901234567) {
			t.Fatalf("%s: %v", doc, got)
		}
		if doc == "metadata" && (!reflect.DeepEqual(got["tags"], []any{"a", "b"}) || got["shortDesc"] != nil) {
			t.Fatalf("metadata replaced wholesale with sorted tags: %v", got)
		}
	}
	if s := call(t, u, "GET", "/_emulator/state", testAdmin, nil); !strings.Contains(string(s.raw), "12345678901234567") {
		t.Fatal("big number lost")
	}
	sum := call(t, u, "GET", "/public/api/projects/PUTS", testAdmin, nil).obj()
	if sum["ownerLogin"] != "carol" || sum["name"] != "New" {
		t.Fatalf("summary %v", sum)
	}
	// carol now owns it
	expectOK(t, call(t, u, "GET", "/public/api/projects/PUTS", testCarol, nil))
	expectError(t, call(t, u, "PUT", "/public/api/projects/PUTS/metadata", testAdmin, `[]`), 400, ErrTypeJSONParse)
	expectError(t, call(t, u, "PUT", "/public/api/projects/MISSING/metadata", testAdmin, map[string]any{}), 404, ErrTypeNotFound)
}

func TestVisibility(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	expectOK(t, createProject(t, u, "OWNED", testBob, nil))
	expectOK(t, createProject(t, u, "GRANTED", testAdmin, map[string]any{"permissions": []any{
		map[string]any{"group": "readers", "readProjectContent": true}}}))
	expectOK(t, createProject(t, u, "USERGRANT", testAdmin, map[string]any{"permissions": []any{
		map[string]any{"user": "carol", "writeProjectContent": true}}}))
	expectOK(t, createProject(t, u, "SECRET", testAdmin, nil))

	list := func(key string) []string {
		var out []string
		for _, it := range call(t, u, "GET", "/public/api/projects", key, nil).body.([]any) {
			out = append(out, it.(map[string]any)["projectKey"].(string))
		}
		return out
	}
	if got := list(testCarol); !reflect.DeepEqual(got, []string{"GRANTED", "USERGRANT"}) {
		t.Fatalf("carol sees %v", got)
	}
	if got := list(testBob); !reflect.DeepEqual(got, []string{"OWNED"}) {
		t.Fatalf("bob sees %v", got)
	}
	if got := list(testAdmin); len(got) != 4 {
		t.Fatalf("admin sees %v", got)
	}
	cases := []struct {
		key, path string
		status    int
		errType   string
	}{
		{testBob, "/public/api/projects/OWNED", 200, ""},
		{testBob, "/public/api/projects/OWNED/permissions", 200, ""},
		{testCarol, "/public/api/projects/GRANTED", 200, ""},
		{testCarol, "/public/api/projects/GRANTED/metadata", 200, ""},
		{testCarol, "/public/api/projects/GRANTED/permissions", 403, ErrTypeUnauthorized},
		{testCarol, "/public/api/projects/SECRET", 403, ErrTypeUnauthorized},
		{testCarol, "/public/api/projects/NOPE", 403, ErrTypeUnauthorized},
		{testCarol, "/public/api/projects/NOPE/settings", 403, ErrTypeUnauthorized},
		{testCarol, "/public/api/project-folders/locate-project/SECRET", 403, ErrTypeUnauthorized},
		{testAdmin, "/public/api/projects/NOPE", 404, ErrTypeNotFound},
		{testAdmin, "/public/api/projects/NOPE/variables", 404, ErrTypeNotFound},
	}
	for _, c := range cases {
		r := call(t, u, "GET", c.path, c.key, nil)
		if c.status == 200 {
			expectOK(t, r)
			continue
		}
		expectError(t, r, c.status, c.errType)
		if c.status == 403 && c.path != "/public/api/projects/GRANTED/permissions" && r.obj()["message"] != MsgProjectPermissions {
			t.Fatalf("%s: %s", c.path, r.raw)
		}
		if c.status == 404 && r.obj()["message"] != "Project NOPE does not exist" {
			t.Fatalf("%s: %s", c.path, r.raw)
		}
	}
	// Writes: read-only grant refused; write grant allowed; permissions need admin.
	expectError(t, call(t, u, "PUT", "/public/api/projects/GRANTED/metadata", testCarol, map[string]any{}), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "PUT", "/public/api/projects/USERGRANT/metadata", testCarol, map[string]any{"label": "x"}))
	expectError(t, call(t, u, "PUT", "/public/api/projects/USERGRANT/permissions", testCarol, map[string]any{}), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "DELETE", "/public/api/projects/USERGRANT", testCarol, nil), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "DELETE", "/public/api/projects/NOPE", testCarol, nil), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "DELETE", "/public/api/projects/OWNED", testBob, nil))
	// Configurable status.
	o := testOpts()
	o.UnauthorizedStatus = 401
	rn2 := startTest(t, o)
	expectError(t, call(t, rn2.URL(), "GET", "/public/api/projects/NOPE", testCarol, nil), 401, ErrTypeUnauthorized)
}

func TestFolders(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	root := call(t, u, "GET", "/public/api/project-folders/", testAdmin, nil).obj()
	if root["id"] != "ROOT" || root["name"] != nil || root["parentId"] != nil {
		t.Fatalf("root %v", root)
	}
	r := call(t, u, "POST", "/public/api/project-folders/ROOT/children?name=Team", testAdmin, nil)
	expectOK(t, r)
	team := r.obj()["id"].(string)
	if r.obj()["name"] != "Team" || r.obj()["parentId"] != "ROOT" || team == "" {
		t.Fatalf("%s", r.raw)
	}
	expectError(t, call(t, u, "POST", "/public/api/project-folders/ROOT/children?name=Team", testAdmin, nil), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", "/public/api/project-folders/ROOT/children", testAdmin, nil), 400, ErrTypeIllegalArgument)
	sub := call(t, u, "POST", "/public/api/project-folders/"+team+"/children?name=Sub", testAdmin, nil).obj()["id"].(string)
	if ch := call(t, u, "GET", "/public/api/project-folders/"+team+"/children", testAdmin, nil).body.([]any); len(ch) != 1 {
		t.Fatalf("children %v", ch)
	}
	// create a project in a folder
	expectOK(t, call(t, u, "POST", "/public/api/projects/?projectFolderId="+team, testAdmin, map[string]any{"projectKey": "INF", "name": "n"}))
	loc := call(t, u, "GET", "/public/api/project-folders/locate-project/INF", testAdmin, nil).obj()
	if loc["id"] != team || !reflect.DeepEqual(loc["projectKeys"], []any{"INF"}) || !reflect.DeepEqual(loc["childrenIds"], []any{sub}) {
		t.Fatalf("locate %v", loc)
	}
	// move project to ROOT and back
	expectError(t, call(t, u, "POST", "/public/api/project-folders/ROOT/projects/INF/move?destination="+sub, testAdmin, nil), 400, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "POST", "/public/api/project-folders/"+team+"/projects/INF/move?destination=ROOT", testAdmin, nil))
	if loc := call(t, u, "GET", "/public/api/project-folders/locate-project/INF", testAdmin, nil).obj(); loc["id"] != "ROOT" {
		t.Fatalf("locate %v", loc)
	}
	expectOK(t, call(t, u, "POST", "/public/api/project-folders/ROOT/projects/INF/move?destination="+sub, testAdmin, nil))
	if loc := call(t, u, "GET", "/public/api/project-folders/locate-project/INF", testAdmin, nil).obj(); loc["id"] != sub {
		t.Fatalf("locate %v", loc)
	}
	expectError(t, call(t, u, "POST", "/public/api/project-folders/"+sub+"/projects/INF/move?destination=NOPE", testAdmin, nil), 404, ErrTypeNotFound)
	// delete non-empty refused; move folder; cycles refused
	expectError(t, call(t, u, "DELETE", "/public/api/project-folders/"+team, testAdmin, nil), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "DELETE", "/public/api/project-folders/"+sub, testAdmin, nil), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", "/public/api/project-folders/"+team+"/move?destination="+sub, testAdmin, nil), 400, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "POST", "/public/api/project-folders/"+sub+"/move?destination=ROOT", testAdmin, nil))
	if f := call(t, u, "GET", "/public/api/project-folders/"+sub, testAdmin, nil).obj(); f["parentId"] != "ROOT" {
		t.Fatalf("moved %v", f)
	}
	expectError(t, call(t, u, "DELETE", "/public/api/project-folders/"+team, testBob, nil), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "DELETE", "/public/api/project-folders/"+team, testAdmin, nil))
	expectError(t, call(t, u, "GET", "/public/api/project-folders/"+team, testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "DELETE", "/public/api/project-folders/ROOT", testAdmin, nil), 400, ErrTypeIllegalArgument)
	// settings round-trip, rename
	expectOK(t, call(t, u, "PUT", "/public/api/project-folders/"+sub+"/settings", testAdmin, map[string]any{"name": "Renamed", "owner": "admin", "permissions": []any{}, "extra": true}))
	s := call(t, u, "GET", "/public/api/project-folders/"+sub+"/settings", testAdmin, nil).obj()
	if s["name"] != "Renamed" || s["extra"] != true {
		t.Fatalf("settings %v", s)
	}
	// non-admin sees folder but only visible project keys; deleting project removes it from folder
	if f := call(t, u, "GET", "/public/api/project-folders/"+sub, testBob, nil).obj(); len(f["projectKeys"].([]any)) != 0 {
		t.Fatalf("bob sees %v", f)
	}
	expectOK(t, call(t, u, "DELETE", "/public/api/projects/INF", testAdmin, nil))
	expectOK(t, call(t, u, "DELETE", "/public/api/project-folders/"+sub, testAdmin, nil))
}
