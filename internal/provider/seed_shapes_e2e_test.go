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
// each with one optional key absent, null or empty ("", [] or {} where
// the fixture's value is a string, a list or an object that is not empty
// already), and checks on them what TestSeedAdoptEndToEnd checks on the
// fixtures: a real DSS may hold a document without any of these keys, or
// with any of them empty (DSS stores what a save gives it), so the
// emulator must accept it,
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
// document that has it, in each of the three forms. Some absent keys are
// served with a value the emulator fills in, as DSS fills a field its
// document lacks from the object's defaults: the test logs which
// (shapeReport).
//
// What it found, fixed since: a managed dataset whose params name no
// connection failed the whole adoption (a validator of dataiku_dataset,
// TestAccDataset_managedWithoutConnectionAdopted); the seed loader refused
// a null permissions list, a managed folder with a null connection (and
// gave one without a connection filesystem_folders) and a recipe's null
// role (TestSeedProjectNullsAndMissingKeys).
//
// TestSeedShapesDeepEndToEnd (seed_shapes_deep_e2e_test.go) runs the same
// checks, through the same helpers, on the deeper keys, the keys inside
// list entries, LEGACY and the other folders. What it found, fixed since:
// the seed loader refused a knowledge bank without a vectorStoreType, and
// a PUT of one (TestSeedProjectKnowledgeBankWithoutVectorStore); a
// scenario step with a null runConditionType read as null, which
// run_condition's default never matches, and planned an update after
// adoption (TestAccScenario_stepRunConditionNullAdopted); a data quality
// rule without an id was written as an import with an empty rule id, which
// failed the adopting apply as a whole (dss-adopt now leaves it out,
// TestListRulesLeavesOutARuleWithoutID).
//
// The empty variants found, fixed since: a flow zone with an empty color
// was refused by the seed loader and by the provider's validator
// (TestAccFlowZone_emptyColorAdopted), and dss-adopt left it out of the
// configuration (Terraform's config generation writes an optional "" as
// null), so the plan after adoption set the default color, a lockout
// (TestKeepableWritesEmptyForAStringDefault); the seed loader refused a
// knowledge bank holding an empty vectorStoreType, and a PUT of one
// (TestSeedProjectKnowledgeBankWithoutVectorStore). The main test's empty
// variants (depth 1 and 2 of datasets, recipes, scenarios, managed
// folders and project settings) all passed as they were: where the
// provider refuses "" at plan time, its reads already take DSS's "" as
// null (kit.NullIfEmpty).

// shapeFixtures are the fixtures whose documents TestSeedShapesEndToEnd
// varies.
var shapeFixtures = []string{"REALWORLD", "CLASSIC"}

// shapeObjectDirs are the folders whose documents TestSeedShapesEndToEnd
// varies.
var shapeObjectDirs = []string{"datasets", "recipes", "scenarios", "managed_folders"}

// shapeAllFixtures and shapeAllObjectDirs are every fixture and every
// folder of documents the seed loader reads, in the order the first
// document having a key is looked for: the shapes tests vary parts of
// them.
var (
	shapeAllFixtures   = []string{"REALWORLD", "CLASSIC", "LEGACY"}
	shapeAllObjectDirs = append(slices.Clone(shapeObjectDirs), "zones", "saved_models", "model_evaluation_stores", "knowledge-banks", "labeling_tasks")
)

// shapeIdentityKeys identify an object or place it: never varied. type
// picks the kind of dataset, recipe, folder or scenario (the seed loader
// and DSS need it to create one); name is a managed folder's and a
// scenario's name (the file name is the id).
var shapeIdentityKeys = map[string]bool{"name": true, "type": true, "projectKey": true, "id": true}

// shapeEntryIdentityKeys are, by the name of their list, the keys that
// make a list entry what it is: never varied. A trigger's or a step's
// type picks its kind (the provider needs it, as DSS does to run it); a
// recipe role's item is the ref it names, a zone's item or shared item
// the object it names: an entry without them names nothing, and DSS
// resolves every one when it builds the flow. A data quality rule's
// type (metricsChecks.checks) picks its kind too, and an exposed object's
// rule is the project it shares the object with (targetProject), and an
// exposed object is its type and local name (exposedObjects.objects, the
// import id of dataiku_exposed_object).
var shapeEntryIdentityKeys = map[string]map[string]bool{
	"triggers": {"type": true},
	"steps":    {"type": true},
	"checks":   {"type": true},
	"items":    {"ref": true, "objectId": true, "objectType": true},
	"shared":   {"objectId": true, "objectType": true},
	"rules":    {"targetProject": true},
	"objects":  {"type": true, "localName": true},
}

// shapeTypedParents are the depth-1 keys whose inner keys depend on the
// object's type: their depth-2 keys are varied once per kind and type,
// the others once per kind. The keys below those (params.engineParams.*,
// inputs.main.items[i].*) are varied once per kind: the type decides
// which objects params or a role holds, not the keys of each.
var shapeTypedParents = map[string]bool{"params": true, "formatParams": true, "inputs": true, "outputs": true}

// shapeTypedLists are the lists whose entries' keys depend on the
// entry's type (a scenario's triggers and steps): their keys are varied
// once per kind and entry type, those of other lists (a schema's
// columns, whose type is the column's) once per kind.
var shapeTypedLists = map[string]bool{"triggers": true, "steps": true}

// shapeRefDirs are the folders an output ref of a recipe may name: a
// recipe variant writes copies of its outputs, since an object is the
// output of one recipe only.
var shapeRefDirs = []string{"datasets", "managed_folders", "saved_models", "model_evaluation_stores", "knowledge-banks", "labeling_tasks"}

// shapeRefused are the variants the seed loader must refuse, by their
// String, with the text the refusal must hold (naming the file and the
// key): only what a real DSS cannot hold either, with the reason in a
// comment. When unsure, DSS may hold it and the provider must read it.
var shapeRefused = map[string]string{
	// A schema column is {name, type} at the least: DSS's set_schema
	// requires both (dss-api.md 4.4, [V] its docstring), and the
	// provider's schema_columns needs both to name and type a column. An
	// empty name provides none, and "" is none of DSS's storage types
	// (dss-api.md 4.4), which DSS reads as an enum.
	"REALWORLD/datasets/answers.json:schema.columns[0].name=absent": "schema column 0 has no name",
	"REALWORLD/datasets/answers.json:schema.columns[0].name=null":   "schema column 0 has no name",
	"REALWORLD/datasets/answers.json:schema.columns[0].name=empty":  "schema column 0 has no name",
	"REALWORLD/datasets/answers.json:schema.columns[0].type=absent": "Invalid type '' for column",
	"REALWORLD/datasets/answers.json:schema.columns[0].type=null":   "Invalid type '' for column",
	"REALWORLD/datasets/answers.json:schema.columns[0].type=empty":  "Invalid type '' for column",
}

// shapeLeftOut are the variants dss-adopt must leave out, by their
// String, with the text its reason must hold.
var shapeLeftOut = map[string]string{
	// DSS gives every data quality rule an id when it makes one (and when
	// it migrates an older check): a rule without one is a hand-made
	// document, and no import id can name it (PROJECT.dataset.rule_id);
	// nor can it name one with an empty id.
	"CLASSIC/datasets/customers_pg.json:metricsChecks.checks[0].id=absent": "a data quality rule without an id",
	"CLASSIC/datasets/customers_pg.json:metricsChecks.checks[0].id=null":   "a data quality rule without an id",
	"CLASSIC/datasets/customers_pg.json:metricsChecks.checks[0].id=empty":  "a data quality rule without an id",
}

// shapeDefaultZoneReason is why dss-adopt leaves out every project's
// default zone, the fixtures' as well as the variants'.
const shapeDefaultZoneReason = "the default zone: DSS cannot delete it"

// shapeMode is how a variant changes its key: takes it out, sets it to
// null, or sets it to the empty value of its kind ("", [] or {}: real DSS
// documents hold empty descriptions, modes, paths and connections, empty
// lists and empty objects).
type shapeMode int

const (
	shapeAbsent shapeMode = iota
	shapeNull
	shapeEmpty
)

func (m shapeMode) String() string {
	return [...]string{"absent", "null", "empty"}[m]
}

// shapeVariant is one document with one key changed.
type shapeVariant struct {
	fixture, dir, file string // the original document: FIXTURE, datasets, orders.json
	path               []string
	mode               shapeMode
	n                  int // its number: the suffix of its copies
}

func (v shapeVariant) String() string {
	return fmt.Sprintf("%s/%s/%s:%s=%s", v.fixture, v.dir, v.file, shapeJoin(v.path), v.mode)
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

// shapeKeyPath is a key path of a document and its signature: the path
// with list indices as [] ([TYPE] in shapeTypedLists), and, for a depth-2
// key under shapeTypedParents, the object's type in front. Variants are
// made once per kind of document and signature.
type shapeKeyPath struct {
	path []string // keys; a list index as "[N]"
	sig  string
}

// shallow reports whether p is a depth-1 key or a depth-2 key under an
// object: what TestSeedShapesEndToEnd varies (the deeper ones and those
// inside list entries are TestSeedShapesDeepEndToEnd's).
func (p shapeKeyPath) shallow() bool {
	return len(p.path) <= 2 && !slices.ContainsFunc(p.path, shapeIsIndex)
}

func shapeIsIndex(k string) bool { return strings.HasPrefix(k, "[") }

// shapeJoin writes a key path as a.b[0].c.
func shapeJoin(path []string) string {
	var b strings.Builder
	for i, k := range path {
		if i > 0 && !shapeIsIndex(k) {
			b.WriteByte('.')
		}
		b.WriteString(k)
	}
	return b.String()
}

// shapeKeyPaths are the keys of doc that may be varied, at any depth,
// depth first with sorted keys: every key but the depth-1
// shapeIdentityKeys, inside objects and inside the objects of lists.
func shapeKeyPaths(doc map[string]any) []shapeKeyPath {
	typ, _ := doc["type"].(string)
	var out []shapeKeyPath
	var walk func(v any, path, sig []string)
	walk = func(v any, path, sig []string) {
		switch v := v.(type) {
		case map[string]any:
			list := ""
			if len(path) >= 2 && shapeIsIndex(path[len(path)-1]) {
				list = path[len(path)-2]
			}
			for _, k := range slices.Sorted(maps.Keys(v)) {
				if len(path) == 0 && shapeIdentityKeys[k] || shapeEntryIdentityKeys[list][k] {
					continue
				}
				p, s := append(slices.Clone(path), k), append(slices.Clone(sig), k)
				full := shapeJoin(s)
				if len(p) == 2 && shapeTypedParents[p[0]] {
					full = typ + ":" + full
				}
				out = append(out, shapeKeyPath{path: p, sig: full})
				walk(v[k], p, s)
			}
		case []any:
			for i, e := range v {
				m, ok := e.(map[string]any)
				if !ok {
					continue
				}
				entry := "[]"
				if t, ok := m["type"].(string); ok && len(path) > 0 && shapeTypedLists[path[len(path)-1]] {
					entry = "[" + t + "]"
				}
				walk(m, append(slices.Clone(path), fmt.Sprintf("[%d]", i)), append(slices.Clone(sig), entry))
			}
		}
	}
	walk(doc, nil, nil)
	return out
}

// shapeVariants lists the variants of the fixtures' documents in dirs
// (and params.json) whose key path keep selects: each signature of each
// kind once, on the first document that has it, absent and null, and
// empty where the document's value is a string, a list or an object that
// is not empty already (shapeEmptyOf);
// params.json's depth-1 and depth-2 keys once per fixture, its deeper
// ones (permissions[i].*, exposedObjects.objects[i].*) once. The first
// document is found over
// every fixture (in order) whatever keep selects, so that a variant is
// made on the same document by every test that selects it.
func shapeVariants(t *testing.T, fixtures, dirs []string, keep func(fixture, dir string, p shapeKeyPath) bool) []shapeVariant {
	t.Helper()
	var out []shapeVariant
	seen := map[string]bool{}
	add := func(v shapeVariant, value any) {
		for _, mode := range []shapeMode{shapeAbsent, shapeNull, shapeEmpty} {
			if mode == shapeEmpty && shapeEmptyOf(value) == nil {
				continue
			}
			v.mode = mode
			v.n = len(out) + 1
			out = append(out, v)
		}
	}
	for _, fx := range shapeAllFixtures {
		root := filepath.Join(seedFixtureDir, fx)
		for _, dir := range shapeAllObjectDirs {
			files, _ := filepath.Glob(filepath.Join(root, dir, "*.json"))
			sort.Strings(files)
			for _, f := range files {
				doc := readShapeDoc(t, f)
				for _, p := range shapeKeyPaths(doc) {
					sig := dir + ":" + p.sig
					if seen[sig] {
						continue
					}
					seen[sig] = true
					if slices.Contains(fixtures, fx) && slices.Contains(dirs, dir) && keep(fx, dir, p) {
						add(shapeVariant{fixture: fx, dir: dir, file: filepath.Base(f), path: p.path}, shapeValue(doc, p.path))
					}
				}
			}
		}
		if !slices.Contains(fixtures, fx) {
			continue
		}
		params := readShapeDoc(t, filepath.Join(root, "params.json"))
		for _, p := range shapeKeyPaths(params) {
			sig := "params.json:" + p.sig
			if p.shallow() {
				sig = fx + ":" + sig
			}
			if seen[sig] {
				continue
			}
			seen[sig] = true
			if keep(fx, ".", p) {
				add(shapeVariant{fixture: fx, dir: ".", file: "params.json", path: p.path}, shapeValue(params, p.path))
			}
		}
	}
	return out
}

// applyShape changes doc's key at path: absent, null or empty.
func applyShape(doc map[string]any, path []string, mode shapeMode) {
	var v any = doc
	for _, k := range path[:len(path)-1] {
		v = shapeStep(v, k)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	last := path[len(path)-1]
	switch mode {
	case shapeNull:
		m[last] = nil
	case shapeEmpty:
		if e := shapeEmptyOf(m[last]); e != nil {
			m[last] = e
		}
	default:
		delete(m, last)
	}
}

// shapeValue is doc's value at path (nil when it has none).
func shapeValue(doc map[string]any, path []string) any {
	var v any = doc
	for _, k := range path {
		v = shapeStep(v, k)
	}
	return v
}

// shapeEmptyOf is the empty value of v's kind ("", [] or {}), nil when v
// is empty already, a number, a boolean or null: an empty variant is made
// only where it changes the document.
func shapeEmptyOf(v any) any {
	switch v := v.(type) {
	case string:
		if v != "" {
			return ""
		}
	case []any:
		if len(v) > 0 {
			return []any{}
		}
	case map[string]any:
		if len(v) > 0 {
			return map[string]any{}
		}
	}
	return nil
}

// shapeStep goes one key (or "[N]" list index) down v: nil when v has
// none.
func shapeStep(v any, k string) any {
	if i, ok := strings.CutPrefix(k, "["); ok {
		n, _ := strconv.Atoi(strings.TrimSuffix(i, "]"))
		if l, ok := v.([]any); ok && n < len(l) {
			return l[n]
		}
		return nil
	}
	if m, ok := v.(map[string]any); ok {
		return m[k]
	}
	return nil
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
func shapeBuild(t *testing.T, root string, fixtures []string, variants []shapeVariant) []string {
	t.Helper()
	var folders []string
	for _, fx := range fixtures {
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
			applyShape(doc, v.path, v.mode)
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
		applyShape(doc, v.path, v.mode)
		newBase := base + v.suffix()
		switch v.dir {
		case "managed_folders", "scenarios", "zones", "saved_models", "model_evaluation_stores", "knowledge-banks", "labeling_tasks":
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
	shapeRun(t, shapeFixtures, shapeMainVariants(t))
}

// shapeMainVariants are TestSeedShapesEndToEnd's variants: the depth-1
// and depth-2 keys of REALWORLD's and CLASSIC's datasets, recipes,
// scenarios, managed folders and params.json.
func shapeMainVariants(t *testing.T) []shapeVariant {
	return shapeVariants(t, shapeFixtures, shapeObjectDirs, func(_, _ string, p shapeKeyPath) bool { return p.shallow() })
}

// shapeRun seeds the fixtures and the variants into one emulator, runs
// dss-adopt, the adopting apply and a plan, and checks each step.
func shapeRun(t *testing.T, fixtures []string, variants []shapeVariant) {
	setup := acctest.CliSetup(t)
	start := time.Now()
	root := t.TempDir()
	folders := shapeBuild(t, root, fixtures, variants)
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
	shapeExpected(t, "the seed loader refuses it", refused, shapeOf(variants, shapeRefused))
	shapeReport(t, srv, adminKey, variants, refused)
	rec := &writeRecorder{next: srv}
	hs := httptest.NewServer(rec)
	t.Cleanup(hs.Close)

	env := adoptEnvironment(t, setup, hs.URL, adminKey)
	secrets := acctest.KeyForms(adminKey)
	for _, fx := range fixtures {
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
	shapeExpected(t, "dss-adopt leaves it out", leftOut, shapeOf(variants, shapeLeftOut))

	planned := regexp.MustCompile(`Plan: (\d+) to import, 0 to add, 0 to change, 0 to destroy\.`).FindStringSubmatch(stdout)
	if planned == nil {
		// Which ones: the plan of the generated configuration says.
		out, _ := acctest.RunTerraform(t, dir, env, "plan", "-input=false", "-no-color")
		shapePlanFindings(t, variants, "dss-adopt's plan", out)
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
		shapePlanFindings(t, variants, "the plan after adoption", out)
		t.Errorf("the plan after adoption is not empty: %v\n%s", err, acctest.MaskSecrets(acctest.Tail(out, 30000), secrets))
	}
	adopted := len(variants) - len(refused) - len(leftOut)
	t.Logf("%d variants: %d adopted, %d refused by the seed loader, %d left out by dss-adopt; %s",
		len(variants), adopted, len(refused), len(leftOut), time.Since(start).Round(time.Second))
}

// shapePlanFindings reports the resources a plan's output would change
// (what: which plan), each as a finding on the variant it belongs to.
func shapePlanFindings(t *testing.T, variants []shapeVariant, what, out string) {
	t.Helper()
	for _, line := range regexp.MustCompile(`(?m)^  # (\S+) (?:will|must) .*$`).FindAllString(out, -1) {
		if strings.HasSuffix(line, " will be imported") {
			continue
		}
		addr := strings.Fields(line)[1]
		if v, ok := shapeOwner(variants, addr); ok {
			t.Errorf("FINDING %s: %s: %s", v, what, strings.TrimSpace(line))
		} else {
			t.Errorf("%s: %s", what, strings.TrimSpace(line))
		}
	}
}

// shapeOf is the part of an expectation map (shapeRefused, shapeLeftOut)
// about variants: the shapes tests share the maps, each test running a
// part of the variants.
func shapeOf(variants []shapeVariant, want map[string]string) map[string]string {
	out := map[string]string{}
	for _, v := range variants {
		if w, ok := want[v.String()]; ok {
			out[v.String()] = w
		}
	}
	return out
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
// key as the variant has it (absent, null or empty): the others are served with
// a value the emulator's defaults fill in, as DSS fills a field its
// document lacks from the object's own defaults, and the provider reads
// that value rather than the variant's shape.
func shapeReport(t *testing.T, srv *emulator.Server, adminKey string, variants []shapeVariant, refused map[string]string) {
	t.Helper()
	routes := map[string]string{"datasets": "datasets", "recipes": "recipes", "scenarios": "scenarios", "managed_folders": "managedfolders",
		"zones": "flow/zones", "saved_models": "savedmodels", "model_evaluation_stores": "evaluationstores",
		"knowledge-banks": "knowledge-banks"} // labeling tasks have no routes

	var served, filled []string
	for _, v := range variants {
		if v.file == "params.json" || refused[v.String()] != "" || routes[v.dir] == "" {
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
		var parent any = doc
		for _, k := range v.path[:len(v.path)-1] {
			parent = shapeStep(parent, k)
		}
		m, ok := parent.(map[string]any)
		val, present := m[v.path[len(v.path)-1]]
		if !ok || !present || (v.mode == shapeNull && val == nil) || (v.mode == shapeEmpty && shapeEmptyOf(val) == nil && val != nil) {
			served = append(served, v.String())
		} else {
			filled = append(filled, v.String())
		}
	}
	t.Logf("%d object variants served with the key absent, null or empty as varied; %d served with a value the emulator fills in:\n  %s",
		len(served), len(filled), strings.Join(filled, "\n  "))
}
