package provider_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"log"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The shapes test derives variants of the fixture projects' documents,
// each with one optional key absent or null, and checks on them what
// TestSeedAdoptEndToEnd checks on the fixtures: a real DSS may hold a
// document without any of these keys, so the emulator must accept it,
// dss-adopt adopt it and the adopting apply import it without a write,
// the next plan empty. All variants go into one emulator and one
// dss-adopt, apply and plan: the object variants are renamed copies
// (suffix _svN) beside the fixture's objects in the fixture's project (a
// recipe's copy writes copies of its outputs), and each params.json
// variant is a project of its own (SHAPE_FIXTURE_PN) holding the objects
// its exposed objects name.
//
// A key is varied once per kind of document (once per kind and type for
// the keys inside params, formatParams, inputs and outputs), on the first
// document that has it. Some absent keys are served with a value the
// emulator fills in, as DSS fills a field its document lacks from the
// object's defaults: the test logs which (shapeReport).
//
// What it found, fixed since: a managed dataset whose params name no
// connection failed the whole adoption (a validator of dataiku_dataset,
// TestAccDataset_managedWithoutConnectionAdopted); the seed loader refused
// a null permissions list, a managed folder with a null connection (and
// gave one without a connection filesystem_folders) and a recipe's null
// role (TestSeedProjectNullsAndMissingKeys).

// shapeFixtures are the fixtures whose documents are varied.
var shapeFixtures = []string{"REALWORLD", "CLASSIC"}

// shapeObjectDirs are the folders whose documents are varied.
var shapeObjectDirs = []string{"datasets", "recipes", "scenarios", "managed_folders"}

// shapeIdentityKeys identify an object or place it: never varied. type
// picks the kind of dataset, recipe, folder or scenario (the seed loader
// and DSS need it to create one); name is a managed folder's and a
// scenario's name (the file name is the id).
var shapeIdentityKeys = map[string]bool{"name": true, "type": true, "projectKey": true, "id": true}

// shapeTypedParents are the depth-1 keys whose inner keys depend on the
// object's type: their depth-2 keys are varied once per kind and type,
// the others once per kind.
var shapeTypedParents = map[string]bool{"params": true, "formatParams": true, "inputs": true, "outputs": true}

// shapeRefDirs are the folders an output ref of a recipe may name: a
// recipe variant writes copies of its outputs, since an object is the
// output of one recipe only.
var shapeRefDirs = []string{"datasets", "managed_folders", "saved_models", "model_evaluation_stores", "knowledge-banks", "labeling_tasks"}

// shapeRefused are the variants the seed loader must refuse, by their
// String, with the text the refusal must hold (naming the file and the
// key): only what a real DSS cannot hold either, with the reason in a
// comment. None so far: when unsure, DSS may hold it and the provider
// must read it.
var shapeRefused = map[string]string{}

// shapeLeftOut are the variants dss-adopt must leave out, by their
// String, with the text its reason must hold. None so far.
var shapeLeftOut = map[string]string{}

// shapeDefaultZoneReason is why dss-adopt leaves out every project's
// default zone, the fixtures' as well as the variants'.
const shapeDefaultZoneReason = "the default zone: DSS cannot delete it"

// shapeVariant is one document with one key changed.
type shapeVariant struct {
	fixture, dir, file string // the original document: FIXTURE, datasets, orders.json
	path               []string
	null               bool
	n                  int // its number: the suffix of its copies
}

func (v shapeVariant) String() string {
	mode := "absent"
	if v.null {
		mode = "null"
	}
	return fmt.Sprintf("%s/%s/%s:%s=%s", v.fixture, v.dir, v.file, strings.Join(v.path, "."), mode)
}

// suffix renames a variant's copies: their file names (ids, names) and
// the names inside managed folders, scenarios and ML objects.
func (v shapeVariant) suffix() string { return fmt.Sprintf("_sv%d", v.n) }

// shapeParamsKey is the project key of a params.json variant.
func (v shapeVariant) paramsKey() string { return fmt.Sprintf("SHAPE_%s_P%d", v.fixture, v.n) }

// readShapeDoc reads a JSON object, numbers kept as written.
func readShapeDoc(t *testing.T, file string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return doc
}

func writeShapeDoc(t *testing.T, file string, doc map[string]any) {
	t.Helper()
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// shapeKeyPaths are the depth-1 and depth-2 keys of doc that may be
// varied, sorted.
func shapeKeyPaths(doc map[string]any) [][]string {
	var out [][]string
	for _, k := range slices.Sorted(maps.Keys(doc)) {
		if shapeIdentityKeys[k] {
			continue
		}
		out = append(out, []string{k})
		if inner, ok := doc[k].(map[string]any); ok {
			for _, k2 := range slices.Sorted(maps.Keys(inner)) {
				out = append(out, []string{k, k2})
			}
		}
	}
	return out
}

// shapeVariants lists the variants: each key path of each kind (of each
// type, under shapeTypedParents) once, on the first document that has it,
// absent and null; params.json's keys once per fixture.
func shapeVariants(t *testing.T) []shapeVariant {
	t.Helper()
	var out []shapeVariant
	seen := map[string]bool{}
	add := func(v shapeVariant) {
		for _, null := range []bool{false, true} {
			v.null = null
			v.n = len(out) + 1
			out = append(out, v)
		}
	}
	for _, fx := range shapeFixtures {
		root := filepath.Join(seedFixtureDir, fx)
		for _, dir := range shapeObjectDirs {
			files, _ := filepath.Glob(filepath.Join(root, dir, "*.json"))
			sort.Strings(files)
			for _, f := range files {
				doc := readShapeDoc(t, f)
				typ, _ := doc["type"].(string)
				for _, p := range shapeKeyPaths(doc) {
					sig := dir + ":" + strings.Join(p, ".")
					if len(p) == 2 && shapeTypedParents[p[0]] {
						sig = dir + ":" + typ + ":" + strings.Join(p, ".")
					}
					if seen[sig] {
						continue
					}
					seen[sig] = true
					add(shapeVariant{fixture: fx, dir: dir, file: filepath.Base(f), path: p})
				}
			}
		}
		for _, p := range shapeKeyPaths(readShapeDoc(t, filepath.Join(root, "params.json"))) {
			add(shapeVariant{fixture: fx, dir: ".", file: "params.json", path: p})
		}
	}
	return out
}

// applyShape changes doc's key at path: absent or null.
func applyShape(doc map[string]any, path []string, null bool) {
	m := doc
	for _, k := range path[:len(path)-1] {
		inner, ok := m[k].(map[string]any)
		if !ok {
			return
		}
		m = inner
	}
	last := path[len(path)-1]
	if null {
		m[last] = nil
	} else {
		delete(m, last)
	}
}

// copyShapeTree copies the fixture folder src to dst.
func copyShapeTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if d.Name() == "apikeys.json" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// shapeBuild writes the projects of the variants under root: one folder
// per fixture (the fixture, plus a renamed copy of each object variant
// and of its outputs), and one per params.json variant (the params.json
// variant alone, plus the objects its exposed objects name). It returns
// the folders and, per variant, the names its objects take (for matching
// dss-adopt's output and the write requests).
func shapeBuild(t *testing.T, root string, variants []shapeVariant) []string {
	t.Helper()
	var folders []string
	for _, fx := range shapeFixtures {
		dst := filepath.Join(root, fx)
		copyShapeTree(t, filepath.Join(seedFixtureDir, fx), dst)
		folders = append(folders, dst)
	}
	for _, v := range variants {
		src := filepath.Join(seedFixtureDir, v.fixture)
		if v.file == "params.json" {
			dst := filepath.Join(root, v.paramsKey())
			if err := os.MkdirAll(dst, 0o755); err != nil {
				t.Fatal(err)
			}
			doc := readShapeDoc(t, filepath.Join(src, "params.json"))
			applyShape(doc, v.path, v.null)
			writeShapeDoc(t, filepath.Join(dst, "params.json"), doc)
			// The objects the exposed objects name, so that they exist.
			exposed, _ := doc["exposedObjects"].(map[string]any)
			objs, _ := exposed["objects"].([]any)
			for _, o := range objs {
				m, _ := o.(map[string]any)
				local, _ := m["localName"].(string)
				for _, dir := range []string{"datasets", "managed_folders"} {
					if b, err := os.ReadFile(filepath.Join(src, dir, local+".json")); err == nil {
						if err := os.MkdirAll(filepath.Join(dst, dir), 0o755); err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(filepath.Join(dst, dir, local+".json"), b, 0o600); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			folders = append(folders, dst)
			continue
		}
		dst := filepath.Join(root, v.fixture)
		base := strings.TrimSuffix(v.file, ".json")
		doc := readShapeDoc(t, filepath.Join(src, v.dir, v.file))
		applyShape(doc, v.path, v.null)
		newBase := base + v.suffix()
		switch v.dir {
		case "managed_folders", "scenarios":
			doc["name"] = fmt.Sprintf("%v%s", doc["name"], v.suffix())
			if _, ok := doc["id"].(string); ok {
				doc["id"] = newBase // an older scenario names its id
			}
		case "recipes":
			shapeCopyOutputs(t, src, dst, doc, v.suffix())
		}
		writeShapeDoc(t, filepath.Join(dst, v.dir, newBase+".json"), doc)
		copySiblingsTo(t, filepath.Join(src, v.dir), filepath.Join(dst, v.dir), base, newBase)
	}
	return folders
}

// copySiblingsTo copies srcDir/base.* other than base.json to
// dstDir/newBase.*.
func copySiblingsTo(t *testing.T, srcDir, dstDir, base, newBase string) {
	t.Helper()
	ents, err := os.ReadDir(srcDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		ext, ok := strings.CutPrefix(e.Name(), base+".")
		if !ok || ext == "json" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(srcDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dstDir, newBase+"."+ext), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// shapeCopyOutputs renames the output refs of a recipe variant with
// suffix and writes the copies of the objects they name into dst.
func shapeCopyOutputs(t *testing.T, src, dst string, recipe map[string]any, suffix string) {
	t.Helper()
	outputs, _ := recipe["outputs"].(map[string]any)
	for _, role := range outputs {
		r, _ := role.(map[string]any)
		items, _ := r["items"].([]any)
		for _, it := range items {
			item, _ := it.(map[string]any)
			ref, _ := item["ref"].(string)
			if ref == "" || strings.Contains(ref, ".") {
				continue
			}
			for _, dir := range shapeRefDirs {
				f := filepath.Join(src, dir, ref+".json")
				if _, err := os.Stat(f); err != nil {
					continue
				}
				obj := readShapeDoc(t, f)
				if n, ok := obj["name"].(string); ok {
					obj["name"] = n + suffix
				}
				writeShapeDoc(t, filepath.Join(dst, dir, ref+suffix+".json"), obj)
				item["ref"] = ref + suffix
			}
		}
	}
}

// shapeOwner is the variant a name or id of DSS's belongs to: the object
// whose name ends with a variant's suffix, or the params variant's
// project.
var shapeSuffixRE = regexp.MustCompile(`_sv(\d+)|(?i:shape_[a-z]+_p)(\d+)`)

func shapeOwner(variants []shapeVariant, s string) (shapeVariant, bool) {
	m := shapeSuffixRE.FindStringSubmatch(s)
	if m == nil {
		return shapeVariant{}, false
	}
	n, err := strconv.Atoi(m[1] + m[2])
	if err != nil || n < 1 || n > len(variants) {
		return shapeVariant{}, false
	}
	return variants[n-1], true
}

// writeRecorder records the requests other than GET that reach the
// emulator.
type writeRecorder struct {
	mu     sync.Mutex
	on     bool
	writes []string
	next   http.Handler
}

func (w *writeRecorder) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.mu.Lock()
		if w.on {
			w.writes = append(w.writes, r.Method+" "+r.URL.Path)
		}
		w.mu.Unlock()
	}
	w.next.ServeHTTP(rw, r)
}

func (w *writeRecorder) record(on bool) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.on = on
	out := w.writes
	w.writes = nil
	return out
}

// TestSeedShapesEndToEnd: see the comment at the top of this file.
func TestSeedShapesEndToEnd(t *testing.T) {
	setup := acctest.CliSetup(t)
	start := time.Now()
	variants := shapeVariants(t)
	root := t.TempDir()
	folders := shapeBuild(t, root, variants)
	const adminKey = "seed-shapes-admin-key-7a3f"

	// Seed: a variant the seed loader refuses is taken out and seeding
	// starts again; each refusal must be expected, and name its file.
	var srv *emulator.Server
	refused := map[string]string{}
	for {
		var seedLog strings.Builder
		s, err := emulator.New(emulator.Options{
			AdminKey: adminKey, CodeEnvBuildTime: -1, SeedProjects: folders,
			SeedLog: log.New(&seedLog, "", 0),
		})
		if err == nil {
			srv = s
			break
		}
		v, ok := shapeOwner(variants, err.Error())
		if !ok {
			t.Fatalf("seeding failed, not on a variant: %v", err)
		}
		refused[v.String()] = err.Error()
		shapeRemove(t, root, v, &folders)
	}
	shapeExpected(t, "the seed loader refuses it", refused, shapeRefused)
	shapeReport(t, srv, adminKey, variants, refused)
	rec := &writeRecorder{next: srv}
	hs := httptest.NewServer(rec)
	t.Cleanup(hs.Close)

	env := adoptEnvironment(t, setup, hs.URL, adminKey)
	secrets := acctest.KeyForms(adminKey)
	for _, fx := range shapeFixtures {
		secrets = append(secrets, reporterSecrets(t, filepath.Join(seedFixtureDir, fx))...)
	}
	dir := t.TempDir()
	code, stdout, stderr := adoptRun(t, "--out", dir)
	if code != 0 {
		t.Fatalf("dss-adopt: exit %d\n%s\n%s", code, acctest.MaskSecrets(stdout, secrets), acctest.MaskSecrets(stderr, secrets))
	}
	// Left out: the "Not adopted" lines that name a variant.
	leftOut := map[string]string{}
	if _, rest, ok := strings.Cut(stdout, "\nNot adopted ("); ok {
		for _, line := range strings.Split(rest, "\n")[1:] {
			if !strings.HasPrefix(line, "  ") {
				break
			}
			if strings.Contains(line, shapeDefaultZoneReason) {
				continue // every project's, the fixtures' too
			}
			if v, ok := shapeOwner(variants, line); ok {
				leftOut[v.String()] = strings.TrimSpace(line)
			}
		}
	}
	shapeExpected(t, "dss-adopt leaves it out", leftOut, shapeLeftOut)

	planned := regexp.MustCompile(`Plan: (\d+) to import, 0 to add, 0 to change, 0 to destroy\.`).FindStringSubmatch(stdout)
	if planned == nil {
		t.Fatalf("dss-adopt's output has no plan of imports only:\n%s", acctest.Tail(acctest.MaskSecrets(stdout, secrets), 4000))
	}
	rec.record(true)
	out, err := acctest.RunTerraform(t, dir, env, "apply", "-auto-approve", "-input=false", "-no-color")
	writes := rec.record(false)
	if err != nil {
		t.Fatalf("FINDING the adopting apply failed: %v\n%s", err, acctest.MaskSecrets(shapeErrors(out), secrets))
	}
	if !strings.Contains(out, fmt.Sprintf(" %s imported, 0 added, 0 changed, 0 destroyed", planned[1])) {
		t.Errorf("the adopting apply did not import the %s objects dss-adopt planned, and only that:\n%s", planned[1], acctest.Tail(out, 4000))
	}
	for _, w := range writes {
		if v, ok := shapeOwner(variants, w); ok {
			t.Errorf("FINDING %s: the adopting apply wrote %s", v, w)
		} else {
			t.Errorf("the adopting apply wrote %s", w)
		}
	}
	out, err = acctest.RunTerraform(t, dir, env, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if err != nil {
		for _, line := range regexp.MustCompile(`(?m)^  # (\S+) (?:will|must) .*$`).FindAllString(out, -1) {
			addr := strings.Fields(line)[1]
			if v, ok := shapeOwner(variants, addr); ok {
				t.Errorf("FINDING %s: the plan after adoption: %s", v, strings.TrimSpace(line))
			} else {
				t.Errorf("the plan after adoption: %s", strings.TrimSpace(line))
			}
		}
		t.Errorf("the plan after adoption is not empty: %v\n%s", err, acctest.MaskSecrets(acctest.Tail(out, 30000), secrets))
	}
	adopted := len(variants) - len(refused) - len(leftOut)
	t.Logf("%d variants: %d adopted, %d refused by the seed loader, %d left out by dss-adopt; %s",
		len(variants), adopted, len(refused), len(leftOut), time.Since(start).Round(time.Second))
}

// shapeExpected compares what happened to variants (got: by variant, the
// message) with what the test expects (want: by variant, a text the
// message must hold): a variant in got alone is a finding, one in want
// alone did not happen.
func shapeExpected(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for name, msg := range got {
		w, ok := want[name]
		switch {
		case !ok:
			t.Errorf("FINDING %s: %s: %s", name, what, msg)
		case !strings.Contains(msg, w):
			t.Errorf("%s: %s as %q, want a message holding %q", name, what, msg, w)
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s: the test expects that %s, and it did not happen", name, what)
		}
	}
}

// shapeErrors is the error blocks of terraform's output.
func shapeErrors(out string) string {
	var b strings.Builder
	for _, block := range strings.Split(out, "\n\n") {
		if strings.Contains(block, "Error:") {
			b.WriteString(block + "\n\n")
		}
	}
	if b.Len() == 0 {
		return acctest.Tail(out, 8000)
	}
	return b.String()
}

// shapeRemove takes a variant's files out of the built projects.
func shapeRemove(t *testing.T, root string, v shapeVariant, folders *[]string) {
	t.Helper()
	if v.file == "params.json" {
		dst := filepath.Join(root, v.paramsKey())
		*folders = slices.DeleteFunc(*folders, func(f string) bool { return f == dst })
		return
	}
	matches, _ := filepath.Glob(filepath.Join(root, v.fixture, "*", "*"+v.suffix()+".*"))
	if len(matches) == 0 {
		t.Fatalf("%s: no file to remove", v)
	}
	for _, m := range matches {
		if err := os.Remove(m); err != nil {
			t.Fatal(err)
		}
	}
}

// shapeReport logs the object variants the emulator serves with their
// key as the variant has it (absent, or null): the others are served with
// a value the emulator's defaults fill in, as DSS fills a field its
// document lacks from the object's own defaults, and the provider reads
// that value rather than the variant's shape.
func shapeReport(t *testing.T, srv *emulator.Server, adminKey string, variants []shapeVariant, refused map[string]string) {
	t.Helper()
	routes := map[string]string{"datasets": "datasets", "recipes": "recipes", "scenarios": "scenarios", "managed_folders": "managedfolders"}
	var served, filled []string
	for _, v := range variants {
		if v.file == "params.json" || refused[v.String()] != "" {
			continue
		}
		name := strings.TrimSuffix(v.file, ".json") + v.suffix()
		req := httptest.NewRequest(http.MethodGet, "/public/api/projects/"+v.fixture+"/"+routes[v.dir]+"/"+name, nil)
		req.SetBasicAuth(adminKey, "")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		var doc map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil || w.Code != http.StatusOK {
			t.Errorf("GET %s: %d %v", req.URL.Path, w.Code, err)
			continue
		}
		if r, ok := doc["recipe"].(map[string]any); ok {
			doc = r
		}
		m, ok := doc, true
		for _, k := range v.path[:len(v.path)-1] {
			if m, ok = m[k].(map[string]any); !ok {
				break
			}
		}
		val, present := m[v.path[len(v.path)-1]]
		if !ok || !present || (v.null && val == nil) {
			served = append(served, v.String())
		} else {
			filled = append(filled, v.String())
		}
	}
	t.Logf("%d object variants served with the key absent or null; %d served with a value the emulator fills in:\n  %s",
		len(served), len(filled), strings.Join(filled, "\n  "))
}
