package emulator

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"log"
	"math"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// fixtureDir is the fixture projects' folder, shared with the provider's
// end-to-end test and the emulator guide: testdata/ at the repository's
// top.
const fixtureDir = "../../testdata/projects"

// allFixtures lists every fixture project folder.
func allFixtures(t *testing.T) []string {
	t.Helper()
	ents, err := os.ReadDir(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	if len(out) != len(seedFixtureFigures) {
		t.Fatalf("expected the fixtures of seedFixtureFigures in %s, found %v", fixtureDir, out)
	}
	return out
}

// seedFixtureFigure is what seeding one fixture must give: the files
// checkRoundTrip compares with the API's answer (every file but
// apikeys.json and a payload file of another type than its recipe's),
// and the seeded counts the log states. A shape added to a fixture moves
// these, and a file the seeding drops silently fails the test.
type seedFixtureFigure struct {
	files int
	log   string
}

var seedFixtureFigures = map[string]seedFixtureFigure{
	"CLASSIC": {files: 79, log: "26 datasets, 3 managed folders, 0 saved models, 0 model evaluation stores, 0 knowledge banks, " +
		"0 labeling tasks, 20 recipes, 3 scenarios, 3 zones"},
	"LEGACY": {files: 12, log: "3 datasets, 1 managed folders, 0 saved models, 0 model evaluation stores, 0 knowledge banks, " +
		"0 labeling tasks, 2 recipes, 1 scenarios, 1 zones"},
	"REALWORLD": {files: 43, log: "17 datasets, 2 managed folders, 1 saved models, 1 model evaluation stores, 1 knowledge banks, " +
		"1 labeling tasks, 9 recipes, 1 scenarios, 2 zones"},
}

// seedOpts are test options seeding specs, with the log captured.
func seedOpts(logBuf *bytes.Buffer, specs ...string) Options {
	o := testOpts()
	o.SeedProjects = specs
	o.SeedLog = log.New(logBuf, "", 0)
	return o
}

// TestSeedProjectFixtures seeds each fixture project from its git folder
// and checks, file by file, that the API answers every field it holds.
func TestSeedProjectFixtures(t *testing.T) {
	for _, name := range allFixtures(t) {
		t.Run(name, func(t *testing.T) {
			var logBuf bytes.Buffer
			rn := startTest(t, seedOpts(&logBuf, filepath.Join(fixtureDir, name)))
			want := seedFixtureFigures[name]
			if got := checkRoundTrip(t, rn.URL(), os.DirFS(filepath.Join(fixtureDir, name)), name); got != want.files {
				t.Errorf("%d files checked, want %d", got, want.files)
			}
			if !strings.Contains(logBuf.String(), "seeded project "+name+" from ") || !strings.Contains(logBuf.String(), ": "+want.log+"\n") {
				t.Errorf("the log does not say %q:\n%s", want.log, logBuf.String())
			}
		})
	}
}

// TestSeedProjectClassicPlaceholdersAndSecrets: the connections, users
// and groups CLASSIC names are created with the fitting type and logged;
// apikeys.json is skipped with a warning that never shows its secret,
// which reaches neither the log nor the state.
func TestSeedProjectClassicPlaceholdersAndSecrets(t *testing.T) {
	secret, err := os.ReadFile(filepath.Join(fixtureDir, "CLASSIC", "apikeys.json"))
	if err != nil {
		t.Fatal(err)
	}
	var keys []map[string]any
	if err := json.Unmarshal(secret, &keys); err != nil || len(keys) == 0 {
		t.Fatalf("apikeys.json: %v", err)
	}
	key, _ := keys[0]["key"].(string)
	if len(key) < 20 {
		t.Fatalf("apikeys.json holds no key to look for")
	}
	var logBuf bytes.Buffer
	rn := startTest(t, seedOpts(&logBuf, filepath.Join(fixtureDir, "CLASSIC")))
	logText := logBuf.String()
	for _, want := range []string{
		"placeholder connection fs_landing of type Filesystem",
		"placeholder connection pg_warehouse of type PostgreSQL",
		"placeholder connection s3_lake of type EC2",
		"placeholder user alice.martin",
		"placeholder user bob.lee",
		"placeholder user svc.reports",
		"placeholder group data_team",
		"WARNING: skipped apikeys.json",
	} {
		if !strings.Contains(logText, want) {
			t.Errorf("the log lacks %q:\n%s", want, logText)
		}
	}
	state := call(t, rn.URL(), "GET", "/_emulator/state", testAdmin, nil)
	expectOK(t, state)
	for what, text := range map[string]string{"the log": logText, "the state": string(state.raw)} {
		if strings.Contains(text, key) || strings.Contains(text, key[8:24]) {
			t.Errorf("%s shows the project API key of apikeys.json", what)
		}
	}
	conn := call(t, rn.URL(), "GET", "/public/api/admin/connections/s3_lake", testAdmin, nil)
	expectOK(t, conn)
	if conn.obj()["type"] != "EC2" {
		t.Errorf("s3_lake placeholder: type %v, want EC2", conn.obj()["type"])
	}
}

// TestSeedProjectExportForms seeds CLASSIC as an export zip built here
// (the key from its manifest), as that export unpacked, and as the
// unpacked export's project_config/ folder alone (the key from the
// manifest beside it); each round-trips as the git folder does.
func TestSeedProjectExportForms(t *testing.T) {
	src := filepath.Join(fixtureDir, "CLASSIC")
	tmp := t.TempDir()
	zipPath := filepath.Join(tmp, "export.zip")
	writeExportZip(t, src, zipPath, "CLASSIC_EXPORT")
	unpacked := filepath.Join(tmp, "unpacked")
	unzipTo(t, zipPath, unpacked)
	for _, tc := range []struct{ name, spec, key string }{
		{"zip", zipPath, "CLASSIC_EXPORT"},
		{"unpacked export", unpacked, "CLASSIC_EXPORT"},
		{"project_config", filepath.Join(unpacked, "project_config"), "CLASSIC_EXPORT"},
		{"explicit key", zipPath + "=RENAMED", "RENAMED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logBuf bytes.Buffer
			rn := startTest(t, seedOpts(&logBuf, tc.spec))
			checkRoundTrip(t, rn.URL(), os.DirFS(src), tc.key)
		})
	}
}

// TestSeedProjectBadInput: what is not a project, and what DSS would
// refuse, stop the start with an error naming the file.
func TestSeedProjectBadInput(t *testing.T) {
	empty := t.TempDir()
	_, err := New(seedOpts(&bytes.Buffer{}, empty))
	if err == nil || !strings.Contains(err.Error(), "not a DSS project") || !strings.Contains(err.Error(), "params.json") ||
		!strings.Contains(err.Error(), "export-manifest.json") {
		t.Errorf("an empty folder: %v", err)
	}
	_, err = New(seedOpts(&bytes.Buffer{}, filepath.Join(empty, "missing")))
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("a missing path: %v", err)
	}

	// fs_landing exists, but as a PostgreSQL connection: DSS refuses a
	// Filesystem dataset on it, and the emulator does not start.
	o := seedOpts(&bytes.Buffer{}, filepath.Join(fixtureDir, "CLASSIC"))
	o.Connections = append(append([]Connection{}, DefaultConnections...), Connection{Name: "fs_landing", Type: "PostgreSQL", AllowManaged: true})
	_, err = New(o)
	if err == nil || !strings.Contains(err.Error(), "datasets/raw_orders.json") ||
		!strings.Contains(err.Error(), "Connection 'fs_landing' is of type PostgreSQL and cannot hold a Filesystem dataset") ||
		!strings.Contains(err.Error(), ErrTypeIllegalArgument) {
		t.Errorf("a dataset on a connection of the wrong type: %v", err)
	}

	// A recipe reading a dataset the project lacks.
	broken := copyFixture(t, "CLASSIC")
	if err := os.Remove(filepath.Join(broken, "datasets", "raw_orders.json")); err != nil {
		t.Fatal(err)
	}
	_, err = New(seedOpts(&bytes.Buffer{}, broken))
	if err == nil || !strings.Contains(err.Error(), "recipes/compute_orders_clean.json") || !strings.Contains(err.Error(), "raw_orders") {
		t.Errorf("a recipe with a missing input: %v", err)
	}

	// A recipe whose file name holds a dot is refused with DSS's rule for
	// recipe names, not a stricter one (hyphens are fine).
	broken = copyFixture(t, "CLASSIC")
	if err := os.Rename(filepath.Join(broken, "recipes", "compute_orders_clean.json"), filepath.Join(broken, "recipes", "compute.orders.json")); err != nil {
		t.Fatal(err)
	}
	_, err = New(seedOpts(&bytes.Buffer{}, broken))
	if err == nil || !strings.Contains(err.Error(), `Invalid recipe name "compute.orders"`) || !strings.Contains(err.Error(), "contain a dot") {
		t.Errorf("a recipe name with a dot: %v", err)
	}

	// A document that is not JSON is named.
	broken = copyFixture(t, "CLASSIC")
	if err := os.WriteFile(filepath.Join(broken, "zones", "Ing0001.json"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = New(seedOpts(&bytes.Buffer{}, broken))
	if err == nil || !strings.Contains(err.Error(), "zones/Ing0001.json") {
		t.Errorf("a zone that is not JSON: %v", err)
	}

	// A git folder whose name is no project key needs PATH=KEY.
	odd := filepath.Join(t.TempDir(), "my-project")
	copyTree(t, filepath.Join(fixtureDir, "CLASSIC"), odd)
	_, err = New(seedOpts(&bytes.Buffer{}, odd))
	if err == nil || !strings.Contains(err.Error(), `invalid project key "my-project"`) || !strings.Contains(err.Error(), "=KEY") {
		t.Errorf("a folder named my-project: %v", err)
	}
	if _, err := New(seedOpts(&bytes.Buffer{}, odd+"=MY_PROJECT")); err != nil {
		t.Errorf("my-project=MY_PROJECT: %v", err)
	}

	// knowledge_banks/ is not DSS's folder name: the log says which is,
	// and the recipes reading the knowledge bank are refused.
	misnamed := copyFixture(t, "REALWORLD")
	if err := os.Rename(filepath.Join(misnamed, "knowledge-banks"), filepath.Join(misnamed, "knowledge_banks")); err != nil {
		t.Fatal(err)
	}
	var misLog bytes.Buffer
	_, err = New(seedOpts(&misLog, misnamed))
	if err == nil || !strings.Contains(err.Error(), "KbDocs01") ||
		!strings.Contains(misLog.String(), "skipped knowledge_banks: DSS writes this kind of object in knowledge-banks/") {
		t.Errorf("knowledge_banks/: %v\n%s", err, misLog.String())
	}

	// The same key twice.
	_, err = New(seedOpts(&bytes.Buffer{}, filepath.Join(fixtureDir, "CLASSIC"), odd+"=CLASSIC"))
	if err == nil || !strings.Contains(err.Error(), "both") {
		t.Errorf("two sources for CLASSIC: %v", err)
	}
}

// TestSeedProjectStateFileNotHalfSeeded: a refused seed leaves a state
// file untouched (nothing of the project persisted), and a state that
// already holds the project is not seeded over.
func TestSeedProjectStateFileNotHalfSeeded(t *testing.T) {
	statePath := filepath.Join(t.TempDir(), "state.json")
	broken := copyFixture(t, "CLASSIC")
	if err := os.Remove(filepath.Join(broken, "datasets", "orders_joined.json")); err != nil {
		t.Fatal(err)
	}
	o := seedOpts(&bytes.Buffer{}, broken+"=CLASSIC")
	o.StatePath = statePath
	if _, err := New(o); err == nil {
		t.Fatal("a project with a recipe writing a missing dataset was seeded")
	}
	if _, err := os.Stat(statePath); err == nil {
		t.Error("the refused seed wrote a state file")
	}
	var logBuf bytes.Buffer
	o = seedOpts(&logBuf, filepath.Join(fixtureDir, "CLASSIC"))
	o.StatePath = statePath
	rn := startTest(t, o)
	rn.Close()
	logBuf.Reset()
	rn = startTest(t, o)
	if !strings.Contains(logBuf.String(), "already in the state") {
		t.Errorf("a second start over the state does not say it kept the project:\n%s", logBuf.String())
	}
	checkRoundTrip(t, rn.URL(), os.DirFS(filepath.Join(fixtureDir, "CLASSIC")), "CLASSIC")
	rn.Close()

	// A CI job that keeps the state but not the checkout: PATH=KEY names
	// the project, which the state holds, so the path is not read.
	logBuf.Reset()
	o.SeedProjects = []string{filepath.Join(t.TempDir(), "gone") + "=CLASSIC"}
	rn = startTest(t, o)
	if !strings.Contains(logBuf.String(), "already in the state, not seeded again (the path is not read)") {
		t.Errorf("a start over the state with the project's path gone does not say it kept the project:\n%s", logBuf.String())
	}
	checkRoundTrip(t, rn.URL(), os.DirFS(filepath.Join(fixtureDir, "CLASSIC")), "CLASSIC")
	rn.Close()
	o.SeedProjects = []string{filepath.Join(t.TempDir(), "gone") + "=OTHER"}
	if _, err := New(o); err == nil || !strings.Contains(err.Error(), "gone") {
		t.Errorf("a missing path for a project the state does not hold: %v", err)
	}
}

// roundTripGET is, for each folder of plain documents, the API path
// (under /projects/KEY) that answers one by its file name. A kind added
// to seedObjectKinds adds its folder here (saved_models/, for one).
var roundTripGET = map[string]string{
	"datasets/":        "/datasets/",
	"managed_folders/": "/managedfolders/",
	"scenarios/":       "/scenarios/",
	// The ML and LLM objects; labeling tasks have no route (mlobjects.go)
	// and are read from the state instead.
	"saved_models/":            "/savedmodels/",
	"model_evaluation_stores/": "/evaluationstores/",
	"knowledge-banks/":         "/knowledge-banks/",
}

// checkRoundTrip checks every document of the project folder files
// against the API's answer for project key: every field of the file is
// in the answer with the same value (numbers numerically), and payload
// and script files come back byte for byte. It returns how many files it
// checked.
func checkRoundTrip(t *testing.T, baseURL string, files fs.FS, key string) int {
	t.Helper()
	get := func(p string) map[string]any {
		t.Helper()
		r := call(t, baseURL, "GET", "/public/api/projects/"+key+p, testAdmin, nil)
		expectOK(t, r)
		return r.obj()
	}
	checked := 0
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		dir, base := path.Split(p)
		ext := path.Ext(base)
		id := strings.TrimSuffix(base, ext)
		raw, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		var want map[string]any
		if ext == ".json" {
			if err := json.Unmarshal(raw, &want); err != nil && p != "apikeys.json" {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		if _, ok := want["projectKey"]; ok {
			want["projectKey"] = key // the key it was seeded under (PATH=KEY may rename it)
		}
		var got map[string]any
		switch {
		case p == "params.json":
			got = get("/settings")
			for k, v := range get("/permissions") {
				got[k] = v
			}
			md := get("/metadata")
			for k, v := range md {
				got[k] = v
			}
			got["name"] = md["label"]
		case p == "variables.json":
			got = get("/variables/")
		case p == "apikeys.json":
			return nil // never loaded (TestSeedProjectClassicPlaceholdersAndSecrets)
		case roundTripGET[dir] != "" && ext == ".json":
			got = get(roundTripGET[dir] + id)
		case dir == "recipes/" && ext == ".json":
			got, _ = get("/recipes/" + id)["recipe"].(map[string]any)
		case dir == "recipes/":
			doc := get("/recipes/" + id)
			typ, _ := doc["recipe"].(map[string]any)["type"].(string)
			want := typ
			if e, ok := recipeCodeExtensions[typ]; ok {
				want = e
			}
			if ext[1:] != want {
				return nil // a leftover, such as a sql_query's old .join
			}
			if doc["payload"] != string(raw) {
				t.Errorf("%s: the payload reads back as %q", p, doc["payload"])
			}
			checked++
			return nil
		case dir == "scenarios/" && ext == ".py":
			if s := get("/scenarios/" + id); s["type"] == ScenarioCustomPython {
				if script := get("/scenarios/" + id + "/payload")["script"]; script != string(raw) {
					t.Errorf("%s: the script reads back as %q", p, script)
				}
			} else if len(raw) != 0 {
				t.Errorf("%s: a step-based scenario's script is not empty in the fixture", p)
			}
			checked++
			return nil
		case dir == "labeling_tasks/" && ext == ".json":
			// No API route serves labeling tasks (mlobjects.go): the
			// state the emulator persists is where they read back.
			r := call(t, baseURL, "GET", "/_emulator/state", testAdmin, nil)
			expectOK(t, r)
			projects, _ := r.obj()["projects"].(map[string]any)
			project, _ := projects[key].(map[string]any)
			tasks, _ := project["labelingTasks"].(map[string]any)
			got, _ = tasks[id].(map[string]any)
		case dir == "zones/":
			got = get("/flow/zones/" + id)
			if id == DefaultZoneID {
				// The default zone's items are computed: every object no
				// other zone lists. On disk they are always [].
				delete(want, "items")
			}
		default:
			t.Errorf("%s: a fixture file the round-trip check does not know", p)
			return nil
		}
		for _, diff := range jsonSubset(want, got, "") {
			t.Errorf("%s: %s", p, diff)
		}
		checked++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Errorf("only %d files checked", checked)
	}
	return checked
}

// jsonSubset lists where want is not part of got: every key of an object
// present with a matching value, lists of the same length matched item
// by item, numbers equal as float64.
func jsonSubset(want, got any, at string) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an object, got %s", at, short(got))}
		}
		var out []string
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, ok := g[k]
			if !ok {
				out = append(out, fmt.Sprintf("%s.%s: missing from the answer", at, k))
				continue
			}
			out = append(out, jsonSubset(w[k], gv, at+"."+k)...)
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s: want %s, got %s", at, short(want), short(got))}
		}
		var out []string
		for i := range w {
			out = append(out, jsonSubset(w[i], g[i], fmt.Sprintf("%s[%d]", at, i))...)
		}
		return out
	case float64:
		if g, ok := got.(float64); !ok || (g != w && !(math.IsNaN(g) && math.IsNaN(w))) {
			return []string{fmt.Sprintf("%s: want %v, got %s", at, w, short(got))}
		}
		return nil
	default:
		if want != got {
			return []string{fmt.Sprintf("%s: want %s, got %s", at, short(want), short(got))}
		}
		return nil
	}
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

// writeExportZip writes the git folder src as DSS's export layout:
// export-manifest.json at the top, the rest under project_config/.
func writeExportZip(t *testing.T, src, dst, key string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	mf, _ := zw.Create("export-manifest.json")
	fmt.Fprintf(mf, `{"originalProjectKey": %q, "exportOptions": {"exportUploads": false}, "dssVersion": "13.3.1"}`, key)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		w, err := zw.Create("project_config/" + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func unzipTo(t *testing.T, zipPath, dst string) {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if err := os.CopyFS(dst, zr); err != nil {
		t.Fatal(err)
	}
}

// copyFixture copies a fixture project into a temporary folder of the
// same name (the key).
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	copyTree(t, filepath.Join(fixtureDir, name), dst)
	return dst
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// TestSeedProjectReset: a reset brings the seeded project back as loaded
// (its changes undone, the journal told of it) and drops the others.
func TestSeedProjectReset(t *testing.T) {
	var logBuf bytes.Buffer
	o := seedOpts(&logBuf, filepath.Join(fixtureDir, "CLASSIC"))
	o.StatePath = filepath.Join(t.TempDir(), "state.json")
	rn, base := startWithProject(t, o, "OTHER")
	expectOK(t, call(t, base, "DELETE", "/public/api/projects/CLASSIC/recipes/compute_orders_clean", testAdmin, nil))
	expectOK(t, call(t, base, "POST", "/_emulator/reset", testAdmin, nil))
	expectError(t, call(t, base, "GET", "/public/api/projects/OTHER", testAdmin, nil), 404, ErrTypeNotFound)
	checkRoundTrip(t, base, os.DirFS(filepath.Join(fixtureDir, "CLASSIC")), "CLASSIC")
	// What the reset wrote is what a restart loads.
	rn.Close()
	rn = startTest(t, o)
	checkRoundTrip(t, rn.URL(), os.DirFS(filepath.Join(fixtureDir, "CLASSIC")), "CLASSIC")
}

// TestSeedProjectRealworldStateAndReset: REALWORLD's ML and LLM objects
// (the labeling task too, which no route serves) survive a restart over
// the state file and a reset, as the other kinds do: an evaluation store
// deleted (after the recipe writing it) comes back with the reset.
func TestSeedProjectRealworldStateAndReset(t *testing.T) {
	src := filepath.Join(fixtureDir, "REALWORLD")
	o := seedOpts(&bytes.Buffer{}, src)
	o.StatePath = filepath.Join(t.TempDir(), "state.json")
	rn := startTest(t, o)
	base := rn.URL()
	expectOK(t, call(t, base, "DELETE", "/public/api/projects/REALWORLD/recipes/evaluate_churn", testAdmin, nil))
	expectOK(t, call(t, base, "DELETE", "/public/api/projects/REALWORLD/evaluationstores/MesEval1", testAdmin, nil))
	expectOK(t, call(t, base, "POST", "/_emulator/reset", testAdmin, nil))
	checkRoundTrip(t, base, os.DirFS(src), "REALWORLD")
	rn.Close()
	rn = startTest(t, o)
	checkRoundTrip(t, rn.URL(), os.DirFS(src), "REALWORLD")
}

// TestSeedProjectDirectoryNames: a project whose grants name a group and a
// user as a directory (LDAP, SSO) names them, "Data Team" and CORP\jdoe,
// seeds with both created as placeholders (the audit's "Invalid group
// name: Data Team"); a group name with a slash, which no REST path can
// address, still stops the start, naming params.json.
func TestSeedProjectDirectoryNames(t *testing.T) {
	grant := func(dir string, grants ...map[string]any) {
		t.Helper()
		p := filepath.Join(dir, "params.json")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var params map[string]any
		if err := json.Unmarshal(b, &params); err != nil {
			t.Fatal(err)
		}
		for _, g := range grants {
			params["permissions"] = append(params["permissions"].([]any), g)
		}
		if b, err = json.Marshal(params); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	dir := copyFixture(t, "CLASSIC")
	grant(dir, map[string]any{"group": "Data Team", "readProjectContent": true}, map[string]any{"user": `CORP\jdoe`, "readProjectContent": true})
	var logBuf bytes.Buffer
	rn := startTest(t, seedOpts(&logBuf, dir))
	for _, want := range []string{"placeholder group Data Team", `placeholder user CORP\jdoe`} {
		if !strings.Contains(logBuf.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, logBuf.String())
		}
	}
	expectOK(t, call(t, rn.URL(), "GET", api+"/admin/groups/Data%20Team", testAdmin, nil))
	if u := call(t, rn.URL(), "GET", api+"/admin/users/"+url.PathEscape(`CORP\jdoe`), testAdmin, nil).obj(); u["login"] != `CORP\jdoe` {
		t.Errorf("placeholder user: %v", u)
	}

	bad := copyFixture(t, "CLASSIC")
	grant(bad, map[string]any{"group": "a/b", "readProjectContent": true})
	_, err := New(seedOpts(&bytes.Buffer{}, bad))
	if err == nil || !strings.Contains(err.Error(), "params.json") || !strings.Contains(err.Error(), "Invalid group name: a/b") {
		t.Errorf("a group name with a slash: %v", err)
	}
}

// TestSeedProjectRealShapesServedAsWritten names, one by one, the shapes
// of dss-real-shapes.md the fixtures hold that an emulator written from
// the API docs would not produce, and checks that each is served as the
// file wrote it (checkRoundTrip compares every file; this says which
// shape each assertion is about, so that a fixture edit cannot drop one
// unnoticed).
func TestSeedProjectRealShapesServedAsWritten(t *testing.T) {
	rn := startTest(t, seedOpts(&bytes.Buffer{}, filepath.Join(fixtureDir, "CLASSIC"), filepath.Join(fixtureDir, "LEGACY")))
	base := rn.URL()
	get := func(p string) map[string]any {
		t.Helper()
		r := call(t, base, "GET", api+"/projects/"+p, testAdmin, nil)
		expectOK(t, r)
		return r.obj()
	}
	recipe := func(key, name string) (map[string]any, string) {
		t.Helper()
		doc := get(key + "/recipes/" + name)
		r, _ := doc["recipe"].(map[string]any)
		payload, ok := doc["payload"].(string)
		if !ok {
			t.Errorf("%s.%s: the payload is %s, not a string", key, name, short(doc["payload"]))
		}
		return r, payload
	}

	// Visual recipes have no params key: their definition is the payload,
	// $-keys (UI state) and keys the emulator does not know included.
	for name, wantType := range map[string]string{
		"compute_orders_matched": "join", "compute_orders_stacked": "vstack", "compute_orders_windowed": "window",
		"compute_orders_distinct": "distinct", "compute_orders_pivoted": "pivot", "compute_orders_top": "topn",
		"compute_orders_sample": "sampling", "compute_reports_merged": "merge_folder", "compute_reports_listing": "list_folder_contents",
	} {
		r, payload := recipe("CLASSIC", name)
		if r["type"] != wantType {
			t.Errorf("%s: type %v, want %s", name, r["type"], wantType)
		}
		if _, ok := r["params"]; ok {
			t.Errorf("%s: served with a params key (%s) its document does not have", name, short(r["params"]))
		}
		if wantType == "merge_folder" || wantType == "list_folder_contents" {
			continue
		}
		var obj map[string]any
		if err := json.Unmarshal([]byte(payload), &obj); err != nil {
			t.Errorf("%s: the payload is not a JSON object: %v", name, err)
		}
		if !strings.Contains(payload, `"$`) {
			t.Errorf("%s: the payload lost its $-keys: %s", name, payload)
		}
	}
	// merge_folder and list_folder_contents payloads are empty (0 bytes),
	// not "{}".
	for _, name := range []string{"compute_reports_merged", "compute_reports_listing"} {
		if _, payload := recipe("CLASSIC", name); payload != "" {
			t.Errorf("%s: payload %q, want it empty", name, payload)
		}
	}
	_, payload := recipe("CLASSIC", "compute_orders_matched")
	for _, want := range []string{`"unmatchedOutputs"`, `"$selected": true`, `"$idx": 2`, `"$status"`} {
		if !strings.Contains(payload, want) {
			t.Errorf("compute_orders_matched: the payload lacks %s", want)
		}
	}
	_, payload = recipe("CLASSIC", "compute_orders_distinct")
	if !strings.Contains(payload, `\u003e\u003d`) {
		t.Errorf("compute_orders_distinct: the payload's Gson escapes were rewritten: %s", payload)
	}
	// A join's unmatched rows go to an output of role unmatchedRight,
	// beside main.
	r, _ := recipe("CLASSIC", "compute_orders_matched")
	outs, _ := r["outputs"].(map[string]any)
	for role, ref := range map[string]string{"main": "orders_matched", "unmatchedRight": "customers_unmatched"} {
		role, _ := outs[role].(map[string]any)
		items, _ := role["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["ref"] != ref {
			t.Errorf("compute_orders_matched: outputs %s, want %s in its own role", short(outs), ref)
		}
	}
	// A merge_folder recipe reads folders and writes one.
	r, _ = recipe("CLASSIC", "compute_reports_merged")
	if got := short(r["inputs"]); !strings.Contains(got, `"ref":"Ab12Cd34"`) || !strings.Contains(got, `"ref":"Zx98Yw76"`) {
		t.Errorf("compute_reports_merged: inputs %s", got)
	}
	// A list_folder_contents recipe reads a folder and writes a dataset.
	r, _ = recipe("CLASSIC", "compute_reports_listing")
	if in, out := short(r["inputs"]), short(r["outputs"]); !strings.Contains(in, `"ref":"Mf7Qx2Lb"`) || !strings.Contains(out, `"ref":"reports_listing"`) {
		t.Errorf("compute_reports_listing: inputs %s, outputs %s", in, out)
	}
	// An external S3 dataset without bucket.
	params, _ := get("CLASSIC/datasets/lake_archive")["params"].(map[string]any)
	if _, ok := params["bucket"]; ok || params["connection"] != "s3_lake" {
		t.Errorf("lake_archive: params %s, want s3_lake's and no bucket", short(params))
	}

	// LEGACY, as a 2021 DSS left it: no permissionsVersion anywhere, flags
	// as written (erin.audit manages dashboard authorizations without
	// reading the project), dashboard authorizations kept.
	for _, p := range []string{"LEGACY/settings", "LEGACY/permissions"} {
		if v, ok := get(p)["permissionsVersion"]; ok {
			t.Errorf("%s: permissionsVersion %v, absent from params.json", p, v)
		}
	}
	perms := get("LEGACY/permissions")
	entries, _ := perms["permissions"].([]any)
	found := false
	for _, e := range entries {
		e, _ := e.(map[string]any)
		if e["user"] == "erin.audit" {
			found = true
			if e["manageDashboardAuthorizations"] != true || e["readProjectContent"] != false || e["readDashboards"] != true {
				t.Errorf("erin.audit's flags were normalised: %s", short(e))
			}
		}
	}
	if !found {
		t.Errorf("LEGACY's permissions lack erin.audit: %s", short(entries))
	}
	auths, _ := perms["dashboardAuthorizations"].(map[string]any)["authorizations"].([]any)
	if len(auths) != 2 {
		t.Errorf("LEGACY's dashboard authorizations: %s", short(perms["dashboardAuthorizations"]))
	}
	// A sql_script recipe with no code file has an empty payload.
	if r, payload := recipe("LEGACY", "compute_sales_pg"); r["type"] != "sql_script" || payload != "" {
		t.Errorf("compute_sales_pg: type %v, payload %q", r["type"], payload)
	}
	// An active trigger in an inactive scenario; an ISO startingFrom kept
	// as text; a step id with spaces.
	sc := get("LEGACY/scenarios/MONTHLY_CLOSE")
	triggers, _ := sc["triggers"].([]any)
	if sc["active"] != false || len(triggers) != 2 {
		t.Fatalf("MONTHLY_CLOSE: active %v, triggers %s", sc["active"], short(triggers))
	}
	temporal, _ := triggers[0].(map[string]any)
	if temporal["active"] != true || temporal["params"].(map[string]any)["startingFrom"] != "2021-11-21T11:48:00.000Z" {
		t.Errorf("MONTHLY_CLOSE's temporal trigger: %s", short(temporal))
	}
	if sql, _ := triggers[1].(map[string]any); sql["type"] != "sql_query" || sql["params"].(map[string]any)["hasLimit"] != false {
		t.Errorf("MONTHLY_CLOSE's sql_query trigger: %s", short(sql))
	}
	steps, _ := sc["params"].(map[string]any)["steps"].([]any)
	if len(steps) != 1 || steps[0].(map[string]any)["id"] != "build sales clean" {
		t.Errorf("MONTHLY_CLOSE's steps: %s", short(steps))
	}
}

// TestSeedProjectNullsAndMissingKeys: documents a real DSS may hold with
// keys missing or null are seeded as they are, not refused nor completed
// with made-up values (what TestSeedShapesEndToEnd found): a null list of
// grants holds none, a managed folder without a connection (absent or
// null) keeps none, and a recipe's null role holds nothing. A PUT of such
// a folder as served is accepted; one that drops a stored connection is
// still refused.
func TestSeedProjectNullsAndMissingKeys(t *testing.T) {
	dir := copyFixture(t, "REALWORLD")
	edit := func(file string, change func(map[string]any)) {
		t.Helper()
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		change(doc)
		if b, err = json.Marshal(doc); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	edit("params.json", func(d map[string]any) { d["permissions"] = nil })
	edit("managed_folders/Dc9Fold1.json", func(d map[string]any) { delete(d["params"].(map[string]any), "connection") })
	edit("managed_folders/DocsFld1.json", func(d map[string]any) { d["params"].(map[string]any)["connection"] = nil })
	edit("recipes/compute_images-list.json", func(d map[string]any) { d["inputs"].(map[string]any)["scriptDeps"] = nil })
	rn := startTest(t, seedOpts(&bytes.Buffer{}, dir))
	base := rn.URL() + "/public/api/projects/REALWORLD"

	perms := call(t, base, "GET", "/permissions", testAdmin, nil)
	expectOK(t, perms)
	if g, ok := perms.obj()["permissions"].([]any); !ok || len(g) != 0 {
		t.Errorf("permissions: %v, want []", perms.obj()["permissions"])
	}
	for id, want := range map[string]any{"Dc9Fold1": nil, "DocsFld1": nil} {
		r := call(t, base, "GET", "/managedfolders/"+id, testAdmin, nil)
		expectOK(t, r)
		params, _ := r.obj()["params"].(map[string]any)
		if c, ok := params["connection"]; c != want {
			t.Errorf("%s: params.connection %v (present %v), want none", id, c, ok)
		}
		expectOK(t, call(t, base, "PUT", "/managedfolders/"+id, testAdmin, r.obj()))
	}
	recipe := call(t, base, "GET", "/recipes/compute_images-list", testAdmin, nil)
	expectOK(t, recipe)
	inputs := recipe.obj()["recipe"].(map[string]any)["inputs"].(map[string]any)
	if _, ok := inputs["scriptDeps"]; ok || inputs["main"] == nil {
		t.Errorf("inputs: %v, want main alone", inputs)
	}

	// A folder that has a connection cannot lose it through a PUT.
	classic := startTest(t, seedOpts(&bytes.Buffer{}, filepath.Join(fixtureDir, "CLASSIC")))
	cbase := classic.URL() + "/public/api/projects/CLASSIC"
	f := call(t, cbase, "GET", "/managedfolders/Ab12Cd34", testAdmin, nil)
	expectOK(t, f)
	delete(f.obj()["params"].(map[string]any), "connection")
	expectMessage(t, call(t, cbase, "PUT", "/managedfolders/Ab12Cd34", testAdmin, f.obj()), 400, ErrTypeIllegalArgument, "Managed folder connection is missing")
}

// TestSeedProjectKnowledgeBankWithoutVectorStore: a bank DSS holds may
// lack its vectorStoreType (absent or null), as real documents lack keys
// the screens always write: it is seeded and served without one, and a
// PUT of what was read keeps it so. So is a bank holding an empty one
// (""), served and kept as held (the shapes tests' empty variants). Only
// a create through the API needs one; a blank one of spaces is refused on
// every path, and "" on a create.
func TestSeedProjectKnowledgeBankWithoutVectorStore(t *testing.T) {
	const needs = "A knowledge bank needs a vectorStoreType (e.g. CHROMA, PINECONE, ELASTICSEARCH, AZURE_AI_SEARCH, VERTEX_AI_GCS_BASED, FAISS, QDRANT_LOCAL)"
	for _, mode := range []string{"absent", "null", "empty"} {
		dir := copyFixture(t, "REALWORLD")
		p := filepath.Join(dir, "knowledge-banks", "KbDocs01.json")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		delete(doc, "vectorStoreType")
		switch mode {
		case "null":
			doc["vectorStoreType"] = nil
		case "empty": // held as "": served as held, kept by a PUT
			doc["vectorStoreType"] = ""
		}
		if b, err = json.Marshal(doc); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		rn := startTest(t, seedOpts(&bytes.Buffer{}, dir))
		base := rn.URL() + "/public/api/projects/REALWORLD/knowledge-banks/"
		kb := call(t, base, "GET", "KbDocs01", testAdmin, nil)
		expectOK(t, kb)
		want := map[bool]any{false: "", true: nil}[mode != "empty"]
		if v := kb.obj()["vectorStoreType"]; v != want {
			t.Errorf("%s: vectorStoreType %v, want %v", mode, v, want)
		}
		kb.obj()["shortDesc"] = "read, then written back"
		expectOK(t, call(t, base, "PUT", "KbDocs01", testAdmin, kb.obj()))
		if v := call(t, base, "GET", "KbDocs01", testAdmin, nil).obj()["vectorStoreType"]; v != want {
			t.Errorf("%s: after the PUT, vectorStoreType %v, want %v", mode, v, want)
		}
		kb.obj()["vectorStoreType"] = " "
		expectMessage(t, call(t, base, "PUT", "KbDocs01", testAdmin, kb.obj()), 400, ErrTypeIllegalArgument, needs)
		expectMessage(t, call(t, base, "POST", "", testAdmin, `{"name": "new"}`), 400, ErrTypeIllegalArgument, needs)
		expectMessage(t, call(t, base, "POST", "", testAdmin, `{"name": "new", "vectorStoreType": ""}`), 400, ErrTypeIllegalArgument, needs)
	}
}
