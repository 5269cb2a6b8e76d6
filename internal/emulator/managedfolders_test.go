package emulator

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

const mfBase = "/public/api/projects/MF/managedfolders/"

// createFolderBody is exactly what dataikuapi's
// DSSProject.create_managed_folder(name) sends (dss/project.py).
func createFolderBody(name string) map[string]any {
	return map[string]any{
		"name": name, "projectKey": "MF", "type": nil,
		"params": map[string]any{"connection": "filesystem_folders", "path": "/${projectKey}/${odbId}"},
	}
}

var folderIDPattern = regexp.MustCompile(`^[A-Za-z0-9]{8}$`)

func createFolder(t *testing.T, u, name string) string {
	t.Helper()
	r := call(t, u, "POST", mfBase, testAdmin, createFolderBody(name))
	expectOK(t, r)
	id, _ := r.obj()["id"].(string)
	if !folderIDPattern.MatchString(id) {
		t.Fatalf("create answered id %q: %s", id, r.raw)
	}
	return id
}

func TestManagedFolderCreateGetList(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "MF")
	id := createFolder(t, u, "models")
	d := call(t, u, "GET", mfBase+id, testAdmin, nil).obj()
	params := d["params"].(map[string]any)
	if d["id"] != id || d["name"] != "models" || d["projectKey"] != "MF" || d["type"] != "Filesystem" ||
		params["connection"] != "filesystem_folders" || params["path"] != "/${projectKey}/${odbId}" {
		t.Fatalf("definition %v", d)
	}
	if d["description"] != "" || d["shortDesc"] != "" || !reflect.DeepEqual(d["tags"], []any{}) ||
		!reflect.DeepEqual(d["partitioning"], map[string]any{"dimensions": []any{}}) ||
		d["checklists"] == nil || d["customFields"] == nil || d["metrics"] == nil {
		t.Fatalf("defaults %v", d)
	}
	if ct := d["creationTag"].(map[string]any); ct["lastModifiedBy"].(map[string]any)["login"] != AdminLogin {
		t.Fatalf("creationTag %v", ct)
	}
	// Without params the client's defaults apply; a given type is kept.
	r := call(t, u, "POST", mfBase, testAdmin, map[string]any{"name": "bare", "type": "Filesystem"})
	expectOK(t, r)
	bare := r.obj()
	if bp := bare["params"].(map[string]any); bp["connection"] != DefaultFolderConnection || bp["path"] != DefaultFolderPath ||
		bare["id"] == id || !folderIDPattern.MatchString(bare["id"].(string)) {
		t.Fatalf("bare create %v", bare)
	}
	list, _ := call(t, u, "GET", mfBase, testAdmin, nil).body.([]any)
	names := []string{}
	for _, e := range list {
		names = append(names, e.(map[string]any)["name"].(string))
	}
	if len(names) != 2 || !strings.Contains(strings.Join(names, ","), "models") || !strings.Contains(strings.Join(names, ","), "bare") {
		t.Fatalf("list %v", names)
	}
	r = call(t, u, "GET", mfBase+id+"/contents", testAdmin, nil)
	expectOK(t, r)
	if !reflect.DeepEqual(r.obj(), map[string]any{"items": []any{}}) {
		t.Fatalf("contents %s", r.raw)
	}
	expectError(t, call(t, u, "GET", mfBase+"nope1234/contents", testAdmin, nil), 404, ErrTypeNotFound)
}

func TestManagedFolderValidation(t *testing.T) {
	rn, u := startWithProject(t, testOpts(), "MF")
	createFolder(t, u, "models")
	// Duplicate name: refused, so a lost create is found again by name.
	r := call(t, u, "POST", mfBase, testAdmin, createFolderBody("models"))
	expectError(t, r, StatusDuplicate, ErrTypeIllegalArgument)
	if !strings.Contains(r.obj()["message"].(string), "already exists") {
		t.Fatalf("%s", r.raw)
	}
	for _, name := range []string{"", "   "} {
		expectError(t, call(t, u, "POST", mfBase, testAdmin, createFolderBody(name)), 400, ErrTypeIllegalArgument)
	}
	bad := createFolderBody("x")
	bad["params"] = map[string]any{"connection": "nope", "path": "/p"}
	r = call(t, u, "POST", mfBase, testAdmin, bad)
	expectMessage(t, r, StatusIllegalArgument, ErrTypeIllegalArgument, "Connection 'nope' does not exist")
	notManaged := createFolderBody("y")
	notManaged["params"] = map[string]any{"connection": "filesystem_root"}
	expectError(t, call(t, u, "POST", mfBase, testAdmin, notManaged), 400, ErrTypeIllegalArgument)
	wrongType := createFolderBody("z")
	wrongType["type"] = "S3"
	expectError(t, call(t, u, "POST", mfBase, testAdmin, wrongType), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", "/public/api/projects/NOPE/managedfolders/", testAdmin, createFolderBody("w")), 404, ErrTypeNotFound)
	r = call(t, u, "GET", mfBase+"ghost123", testAdmin, nil)
	expectMessage(t, r, 404, ErrTypeNotFound, "managed folder does not exist: MF.ghost123")
	if n := len(rn.Server.Snapshot().Projects["MF"].ManagedFolders); n != 1 {
		t.Fatalf("failed creations left %d folders", n)
	}
}

func TestManagedFolderPutRenameDelete(t *testing.T) {
	rn, u := startWithProject(t, testOpts(), "MF")
	id := createFolder(t, u, "models")
	path := mfBase + id
	get := call(t, u, "GET", path, testAdmin, nil)
	created := get.obj()["creationTag"]
	// PUT round trip: an unknown field holding an integer beyond float64
	// precision comes back byte-identical.
	const ext = `{"big":9007199254740993,"list":[1.50,2e3]}`
	raw := strings.Replace(string(get.raw), `"description":""`, `"description":"weights","myExtension":`+ext, 1)
	expectOK(t, call(t, u, "PUT", path, testAdmin, raw))
	got := call(t, u, "GET", path, testAdmin, nil)
	if !strings.Contains(string(got.raw), `"myExtension":`+ext) || got.obj()["description"] != "weights" ||
		!reflect.DeepEqual(got.obj()["creationTag"], created) {
		t.Fatalf("after PUT %s", got.raw)
	}
	// id and projectKey cannot change; nor can the name, by PUT.
	for field, v := range map[string]any{"id": "other123", "projectKey": "OTHER", "name": "renamed"} {
		d := copyDoc(got.obj())
		d[field] = v
		r := call(t, u, "PUT", path, testAdmin, d)
		expectError(t, r, 400, ErrTypeIllegalArgument)
		if field == "name" && !strings.Contains(r.obj()["message"].(string), "renameManagedFolder") {
			t.Fatalf("%s", r.raw)
		}
	}

	// Rename keeps id, definition and creation stamp.
	createFolder(t, u, "taken")
	rename := func(id, to string) resp {
		return call(t, u, "POST", "/public/api/projects/MF/actions/renameManagedFolder", testAdmin, map[string]any{"id": id, "newName": to})
	}
	expectError(t, rename(id, "taken"), StatusDuplicate, ErrTypeIllegalArgument)
	expectError(t, rename(id, " "), 400, ErrTypeIllegalArgument)
	expectError(t, rename("ghost123", "g"), 404, ErrTypeNotFound)
	expectOK(t, rename(id, "models"))
	expectOK(t, rename(id, "weights"))
	d := call(t, u, "GET", path, testAdmin, nil).obj()
	if d["name"] != "weights" || d["id"] != id || d["description"] != "weights" || !reflect.DeepEqual(d["creationTag"], created) {
		t.Fatalf("renamed %v", d)
	}
	// The old name is free again.
	createFolder(t, u, "models")

	expectOK(t, call(t, u, "DELETE", path, testAdmin, nil))
	expectError(t, call(t, u, "GET", path, testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "DELETE", path, testAdmin, nil), 404, ErrTypeNotFound)
	if len(rn.Server.DatasetDeletions()) != 0 {
		t.Fatal("a folder deletion went to the dataset deletion log")
	}
	// Deleting the project deletes its folders.
	expectOK(t, call(t, u, "DELETE", "/public/api/projects/MF", testAdmin, nil))
	expectOK(t, createProject(t, u, "MF", testAdmin, nil))
	if l := call(t, u, "GET", mfBase, testAdmin, nil).body.([]any); len(l) != 0 {
		t.Fatalf("folders survived their project: %v", l)
	}
}

func TestManagedFolderRights(t *testing.T) {
	_, u := startWithReadersProject(t, testOpts(), "MF")
	id := createFolder(t, u, "models")
	d := call(t, u, "GET", mfBase+id, testAdmin, nil).obj()
	// carol (group readers) reads but cannot write.
	expectOK(t, call(t, u, "GET", mfBase, testCarol, nil))
	expectOK(t, call(t, u, "GET", mfBase+id, testCarol, nil))
	expectOK(t, call(t, u, "GET", mfBase+id+"/contents", testCarol, nil))
	for _, r := range []resp{
		call(t, u, "PUT", mfBase+id, testCarol, d),
		call(t, u, "POST", mfBase, testCarol, createFolderBody("mine")),
		call(t, u, "DELETE", mfBase+id, testCarol, nil),
		call(t, u, "POST", "/public/api/projects/MF/actions/renameManagedFolder", testCarol, map[string]any{"id": id, "newName": "x"}),
	} {
		expectError(t, r, 403, ErrTypeUnauthorized)
	}
	// bob has no rights: the project is invisible, existing or not.
	for _, p := range []string{mfBase, mfBase + id, "/public/api/projects/NOPE/managedfolders/" + id} {
		r := call(t, u, "GET", p, testBob, nil)
		expectMessage(t, r, 403, ErrTypeUnauthorized, MsgProjectPermissions)
	}
	expectError(t, call(t, u, "PUT", mfBase+id, testBob, d), 403, ErrTypeUnauthorized)
	if got := call(t, u, "GET", mfBase+id, testAdmin, nil).obj(); got["name"] != "models" {
		t.Fatalf("a refused write changed the folder: %v", got)
	}
}

func TestManagedFolderPersistence(t *testing.T) {
	o := persistentOpts(t)
	path := o.StatePath
	rn, u := startWithProject(t, o, "MF")
	id := createFolder(t, u, "models")
	before := call(t, u, "GET", mfBase+id, testAdmin, nil).raw
	rn.Close()

	rn2 := startTest(t, o)
	after := call(t, rn2.URL(), "GET", mfBase+id, testAdmin, nil)
	expectOK(t, after)
	if string(after.raw) != string(before) {
		t.Fatalf("folder differs after restart:\n%s\n%s", before, after.raw)
	}
	rn2.Close()

	// A state file from before managed folders loads with none.
	old := `{"projects":{"OLD":{"projectKey":"OLD","folderId":"ROOT","metadata":{},"permissions":{"owner":"admin"},` +
		`"variables":{},"settings":{},"tagRegistry":{},"datasets":{}}},"folders":{},"connections":{}}`
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	rn3 := startTest(t, o)
	r := call(t, rn3.URL(), "GET", "/public/api/projects/OLD/managedfolders/", testAdmin, nil)
	expectOK(t, r)
	if l, _ := r.body.([]any); l == nil || len(l) != 0 {
		t.Fatalf("old state: %s", r.raw)
	}
	body := createFolderBody("f")
	body["projectKey"] = "OLD"
	expectOK(t, call(t, rn3.URL(), "POST", "/public/api/projects/OLD/managedfolders/", testAdmin, body))
}

// The kinds' routes keep their request-stats keys (the dataset ones are
// those from before the shared store).
func TestDocKindRouteStats(t *testing.T) {
	rn, u := startWithProject(t, testOpts(), "MF")
	id := createFolder(t, u, "models")
	expectOK(t, call(t, u, "GET", mfBase+id, testAdmin, nil))
	expectOK(t, call(t, u, "GET", mfBase+id+"/contents", testAdmin, nil))
	expectOK(t, call(t, u, "POST", "/public/api/projects/MF/actions/renameManagedFolder", testAdmin, map[string]any{"id": id, "newName": "m2"}))
	body := fsDataset("a")
	body["projectKey"] = "MF"
	expectOK(t, createDataset(t, u, "MF", testAdmin, body))
	expectOK(t, call(t, u, "GET", dsBase+"MF/datasets/a/schema", testAdmin, nil))
	expectOK(t, call(t, u, "POST", dsBase+"MF/actions/renameDataset", testAdmin, map[string]any{"oldName": "a", "newName": "b"}))
	expectOK(t, call(t, u, "DELETE", dsBase+"MF/datasets/b", testAdmin, nil))
	got := rn.Server.Stats().ByRoute
	for _, k := range []string{
		"POST /public/api/projects/{projectKey}/managedfolders",
		"GET /public/api/projects/{projectKey}/managedfolders/{folderId}",
		"GET /public/api/projects/{projectKey}/managedfolders/{folderId}/contents",
		"POST /public/api/projects/{projectKey}/actions/renameManagedFolder",
		"POST /public/api/projects/{projectKey}/datasets",
		"GET /public/api/projects/{projectKey}/datasets/{datasetName}/schema",
		"POST /public/api/projects/{projectKey}/actions/renameDataset",
		"DELETE /public/api/projects/{projectKey}/datasets/{datasetName}",
	} {
		if got[k] != 1 {
			t.Errorf("byRoute[%q] = %d, want 1 (all: %v)", k, got[k], got)
		}
	}
}

// A connection that does not allow managed folders refuses a new one
// through the API, but a folder already on it (made before the
// connection changed, or seeded) is still saved: DSS checks the flag
// when a managed object is created.
func TestManagedFolderOnAConnectionThatNoLongerAllowsThem(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "MF")
	expectOK(t, call(t, u, "POST", "/public/api/admin/connections", testAdmin, map[string]any{"name": "shared_fs", "type": "Filesystem",
		"params": map[string]any{"root": "/shared"}}))
	body := createFolderBody("reports")
	body["params"] = map[string]any{"connection": "shared_fs", "path": "/reports"}
	r := call(t, u, "POST", mfBase, testAdmin, body)
	expectOK(t, r)
	id, _ := r.obj()["id"].(string)
	conn := call(t, u, "GET", "/public/api/admin/connections/shared_fs", testAdmin, nil).obj()
	conn["allowManagedFolders"] = false
	expectOK(t, call(t, u, "PUT", "/public/api/admin/connections/shared_fs", testAdmin, conn))

	folder := call(t, u, "GET", mfBase+id, testAdmin, nil).obj()
	folder["description"] = "saved again"
	expectOK(t, call(t, u, "PUT", mfBase+id, testAdmin, folder))
	if got := call(t, u, "GET", mfBase+id, testAdmin, nil).obj(); got["description"] != "saved again" {
		t.Errorf("the folder saved again: %v", got)
	}
	body["name"] = "reports 2"
	expectMessage(t, call(t, u, "POST", mfBase, testAdmin, body), 400, ErrTypeIllegalArgument, "Connection 'shared_fs' does not allow managed folders")
}
