package emulator

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Seeding projects as DSS writes them (Options.SeedProjects, the command's
// --seed-project). A source is one of:
//
//   - a project's git folder: params.json at the top, datasets/, recipes/,
//     scenarios/, managed_folders/, the ML and LLM folders of
//     seedObjectKinds, zones/ and variables.json;
//   - an export zip: export-manifest.json at the top, the same layout
//     under project_config/;
//   - an export unpacked, or its project_config/ folder alone.
//
// The project key comes, in this order, from an explicit "PATH=KEY", from
// the export manifest (originalProjectKey, else projectKey [I: the
// manifest's field name is not documented]), or from the name of the git
// folder. On disk no object carries its own identity (dss-real-shapes.md):
// the name or id comes from the file name.
//
// Every document goes through the checks the API applies to a create (the
// same functions the handlers call), so what DSS would refuse is refused
// here with DSS's error and the file named, and New fails: the emulator
// never starts half-seeded. Connections, users and groups the project
// names but the instance lacks are created as placeholders, each logged.
// Files that may hold secrets (apikeys.json) are skipped with a warning
// that names the file and never shows its content.

// SeedKeySeparator splits a --seed-project value into a path and the
// project key to give it.
const SeedKeySeparator = "="

// seedSource is one project to load: its files, rooted at the project's
// configuration (where params.json is), and where they came from.
type seedSource struct {
	origin string // the path as given, for messages
	key    string
	files  fs.FS
}

// seedObjectKind is one folder of a project's configuration: the folder
// name, the extension of its documents and how one is inserted. The
// kinds are applied in table order, each across every seeded project
// before the next, so that what a later kind refers to (a recipe's
// datasets, a zone's recipes, a recipe reading another seeded project)
// already exists.
type seedObjectKind struct {
	dir    string
	insert func(l *seedLoader, src *seedSource, p *Project, id string, doc map[string]any) *APIError
}

// seedObjectKinds is the table: a new kind of object is one entry,
// placed before the kinds that refer to it. The ML and LLM objects come
// after datasets and folders and before recipes (which read and write
// them) and zones (which hold them). Their folder names:
//
//   - saved_models/, model_evaluation_stores/: DSS's git layout, as
//     public DSS projects show it;
//   - knowledge-banks/, with a hyphen: what public DSS git projects show
//     (the API path is knowledge-banks too); knowledge_banks/ is not
//     read, for no project DSS wrote has been seen with it;
//   - labeling_tasks/ [I]: no project seen holds one on disk; the name
//     follows saved_models/'s pattern.
//   - streaming_endpoints/ [I]: the same pattern; no project seen holds
//     one on disk either.
var seedObjectKinds = []seedObjectKind{
	{dir: "datasets", insert: (*seedLoader).insertDataset},
	{dir: "managed_folders", insert: (*seedLoader).insertManagedFolder},
	{dir: "saved_models", insert: seedMLObject(savedModelKind)},
	{dir: "model_evaluation_stores", insert: seedMLObject(evaluationStoreKind)},
	{dir: "knowledge-banks", insert: seedMLObject(knowledgeBankKind)},
	{dir: "labeling_tasks", insert: seedMLObject(labelingTaskKind)},             // [I] folder name
	{dir: "streaming_endpoints", insert: (*seedLoader).insertStreamingEndpoint}, // [I] folder name
	{dir: "recipes", insert: (*seedLoader).insertRecipe},
	{dir: "scenarios", insert: (*seedLoader).insertScenario},
	{dir: "zones", insert: (*seedLoader).insertZone},
}

// seedMisspelledDirs are folder names a hand-made project may use for a
// kind DSS writes under another name: skipped, with the name to use
// rather than read, since no project DSS wrote has been seen with them.
var seedMisspelledDirs = map[string]string{"knowledge_banks": "knowledge-banks"}

// seedSecretFiles are files of a project folder that hold live secrets:
// never read, never printed.
var seedSecretFiles = map[string]bool{"apikeys.json": true}

// seedLoader carries what one seeding needs.
type seedLoader struct {
	s      *Server
	st     *State
	admin  *Caller
	logger *log.Logger
}

func (l *seedLoader) logf(format string, args ...any) { l.logger.Printf(format, args...) }

// seedProjects loads Options.SeedProjects into st. A project already in
// st (a state file from an earlier run) is left as it is, and logged.
func (s *Server) seedProjects(st *State) error {
	if len(s.opts.SeedProjects) == 0 {
		return nil
	}
	logger := s.opts.SeedLog
	if logger == nil {
		logger = log.Default()
	}
	l := &seedLoader{s: s, st: st, logger: logger,
		admin: &Caller{Login: AdminLogin, Groups: AdminGroups, IsAdmin: true, HasUser: true}}
	var srcs []*seedSource
	seen := map[string]string{}
	for _, spec := range s.opts.SeedProjects {
		// A PATH=KEY whose project the state already holds is not opened:
		// a CI job that keeps the state may no longer have the checkout.
		if pth, key := splitSeedSpec(spec); key != "" {
			if _, exists := st.Projects[key]; exists {
				if prev, dup := seen[key]; dup {
					return fmt.Errorf("emulator: seed project %s: both %s and %s hold it", key, prev, pth)
				}
				seen[key] = pth
				l.logf("seed project %s (%s): already in the state, not seeded again (the path is not read)", key, pth)
				continue
			}
		}
		src, err := openSeedSource(spec)
		if err != nil {
			return err
		}
		if prev, dup := seen[src.key]; dup {
			return fmt.Errorf("emulator: seed project %s: both %s and %s hold it", src.key, prev, src.origin)
		}
		seen[src.key] = src.origin
		if _, exists := st.Projects[src.key]; exists {
			l.logf("seed project %s (%s): already in the state, not seeded again", src.key, src.origin)
			continue
		}
		srcs = append(srcs, src)
	}
	for _, src := range srcs {
		if err := l.createProject(src); err != nil {
			return err
		}
	}
	for _, kind := range seedObjectKinds {
		for _, src := range srcs {
			if err := l.loadKind(src, kind); err != nil {
				return err
			}
		}
	}
	for _, src := range srcs {
		p := st.Projects[src.key]
		l.logf("seeded project %s from %s: %d datasets, %d managed folders, %d saved models, %d model evaluation stores, %d knowledge banks, %d labeling tasks, %d recipes, %d scenarios, %d zones",
			src.key, src.origin, len(p.Datasets), len(p.ManagedFolders), len(p.SavedModels), len(p.EvaluationStores),
			len(p.KnowledgeBanks), len(p.LabelingTasks), len(p.Recipes), len(p.Scenarios), len(p.Zones))
	}
	return nil
}

// openSeedSource resolves a --seed-project value: the path, the key and
// the files.
// splitSeedSpec splits a --seed-project value into its path and the key
// after SeedKeySeparator ("" when none): PATH=KEY, unless the whole value
// is an existing path (a folder may have "=" in its name).
func splitSeedSpec(spec string) (pth, key string) {
	if i := strings.LastIndex(spec, SeedKeySeparator); i > 0 {
		if _, err := os.Stat(spec); err != nil {
			return spec[:i], spec[i+1:]
		}
	}
	return spec, ""
}

func openSeedSource(spec string) (*seedSource, error) {
	pth, key := splitSeedSpec(spec)
	info, err := os.Stat(pth)
	if err != nil {
		return nil, fmt.Errorf("emulator: seed project %s: %w", pth, err)
	}
	var root fs.FS
	if info.IsDir() {
		root = os.DirFS(pth)
	} else {
		b, err := os.ReadFile(pth)
		if err != nil {
			return nil, fmt.Errorf("emulator: seed project %s: %w", pth, err)
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return nil, fmt.Errorf("emulator: seed project %s: not a folder nor a zip archive: %w", pth, err)
		}
		root = zr
		// An archive whose only entry at the top is a folder holds the
		// export inside it.
		if ents, err := fs.ReadDir(zr, "."); err == nil && len(ents) == 1 && ents[0].IsDir() {
			if sub, err := fs.Sub(zr, ents[0].Name()); err == nil {
				root = sub
			}
		}
	}
	src := &seedSource{origin: pth, key: key}
	manifestKey := ""
	switch {
	case fileExists(root, "export-manifest.json"):
		manifestKey, err = readManifestKey(root, "export-manifest.json")
		if err != nil {
			return nil, fmt.Errorf("emulator: seed project %s: %w", pth, err)
		}
		sub, _ := fs.Sub(root, "project_config")
		if !fileExists(sub, "params.json") {
			return nil, fmt.Errorf("emulator: seed project %s: the export has no project_config/params.json", pth)
		}
		src.files = sub
	case fileExists(root, "params.json"):
		src.files = root
		if info.IsDir() && filepath.Base(filepath.Clean(pth)) == "project_config" {
			// An export's project_config/ alone: the manifest is beside it.
			if mk, err := readManifestKey(os.DirFS(filepath.Dir(filepath.Clean(pth))), "export-manifest.json"); err == nil {
				manifestKey = mk
			}
		}
	default:
		return nil, fmt.Errorf("emulator: seed project %s: not a DSS project: neither params.json (a project's git folder or an export's project_config/) nor export-manifest.json (an export) is there", pth)
	}
	switch {
	case src.key != "":
	case manifestKey != "":
		src.key = manifestKey
	case info.IsDir() && filepath.Base(filepath.Clean(pth)) != "project_config":
		src.key = filepath.Base(filepath.Clean(pth))
	default:
		return nil, fmt.Errorf("emulator: seed project %s: cannot tell the project key; give it as %s%sKEY", pth, pth, SeedKeySeparator)
	}
	if !ProjectKeyPattern.MatchString(src.key) {
		return nil, fmt.Errorf("emulator: seed project %s: invalid project key %q (letters, digits and underscores); give another as %s%sKEY", pth, src.key, pth, SeedKeySeparator)
	}
	return src, nil
}

func fileExists(fsys fs.FS, name string) bool {
	if fsys == nil {
		return false
	}
	info, err := fs.Stat(fsys, name)
	return err == nil && !info.IsDir()
}

// readManifestKey reads the project key of an export manifest.
func readManifestKey(fsys fs.FS, name string) (string, error) {
	m, err := readSeedJSON(fsys, name)
	if err != nil {
		return "", err
	}
	for _, k := range []string{"originalProjectKey", "projectKey"} {
		if v, ok := m[k].(string); ok && v != "" {
			return v, nil
		}
	}
	return "", nil
}

// readSeedJSON parses a JSON object file, numbers kept as written
// (json.Number: 1.0E-23 comes back as 1.0E-23).
func readSeedJSON(fsys fs.FS, name string) (map[string]any, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: not a JSON object: %w", name, err)
	}
	if m == nil {
		return nil, fmt.Errorf("%s: not a JSON object", name)
	}
	return m, nil
}

// fail names the source and the file in an API error.
func (src *seedSource) fail(file string, err *APIError) error {
	return fmt.Errorf("emulator: seed project %s (%s): %s: DSS refuses it: %s: %s", src.key, src.origin, file, err.ErrorType, err.Message)
}

// Keys of params.json that belong to the project's permissions and
// metadata documents; the rest is the settings document.
var (
	seedPermissionKeys = []string{"owner", "permissions", "permissionsVersion", "dashboardAuthorizations", "additionalDashboardUsers"}
	seedMetadataKeys   = []string{"description", "shortDesc", "tags", "checklists", "customFields", "custom"}
)

// createProject creates the project from params.json and the variables,
// and warns about the files it will not read.
func (l *seedLoader) createProject(src *seedSource) error {
	params, err := readSeedJSON(src.files, "params.json")
	if err != nil {
		return fmt.Errorf("emulator: seed project %s (%s): %w", src.key, src.origin, err)
	}
	ents, err := fs.ReadDir(src.files, ".")
	if err != nil {
		return fmt.Errorf("emulator: seed project %s (%s): %w", src.key, src.origin, err)
	}
	known := map[string]bool{"params.json": true, "variables.json": true}
	for _, k := range seedObjectKinds {
		known[k.dir] = true
	}
	for _, e := range ents {
		switch {
		case seedSecretFiles[e.Name()]:
			l.logf("seed project %s: WARNING: skipped %s: it holds secrets (project API keys); its content is neither loaded nor shown", src.key, e.Name())
		case seedMisspelledDirs[e.Name()] != "":
			l.logf("seed project %s: skipped %s: DSS writes this kind of object in %s/", src.key, e.Name(), seedMisspelledDirs[e.Name()])
		case !known[e.Name()]:
			l.logf("seed project %s: skipped %s: not a kind of object the emulator seeds", src.key, e.Name())
		}
	}
	st := l.st
	metadata := map[string]any{
		"label": src.key, "description": "", "shortDesc": "", "tags": []any{},
		"checklists": map[string]any{"checklists": []any{}}, "custom": map[string]any{"kv": map[string]any{}}, "customFields": map[string]any{},
	}
	permissions := map[string]any{
		"owner": AdminLogin, "permissions": []any{},
		"dashboardAuthorizations":  map[string]any{"allAuthorized": false, "authorizations": []any{}},
		"additionalDashboardUsers": map[string]any{"users": []any{}},
	}
	settings := copyDoc(params)
	if n, ok := settings["name"].(string); ok && n != "" {
		metadata["label"] = n
	}
	delete(settings, "name")
	for _, k := range seedMetadataKeys {
		if v, ok := settings[k]; ok {
			metadata[k] = v
			delete(settings, k)
		}
	}
	for _, k := range seedPermissionKeys {
		if v, ok := settings[k]; ok {
			permissions[k] = v
			delete(settings, k)
		}
	}
	fillMissing(settings, defaultProjectSettings())
	owner, _ := permissions["owner"].(string)
	if owner == "" {
		owner = AdminLogin
		permissions["owner"] = owner
	}
	if permissions["permissions"] == nil {
		// A null list of grants holds none, as an absent one does.
		permissions["permissions"] = []any{}
	}
	grants, ok := permissions["permissions"].([]any)
	if !ok {
		return src.fail("params.json", errIllegalArgument("permissions must be an array"))
	}
	l.ensureUser(src, owner, "the project's owner")
	for _, g := range grants {
		grant, ok := g.(map[string]any)
		if !ok {
			return src.fail("params.json", errIllegalArgument("permissions must be a list of objects"))
		}
		if u, _ := grant["user"].(string); u != "" {
			l.ensureUser(src, u, "a permission")
		}
		if gr, _ := grant["group"].(string); gr != "" {
			if err := l.ensureGroup(src, gr); err != nil {
				return src.fail("params.json", err)
			}
		}
	}
	variables := map[string]any{"standard": map[string]any{}, "local": map[string]any{}}
	if fileExists(src.files, "variables.json") {
		v, err := readSeedJSON(src.files, "variables.json")
		if err != nil {
			return fmt.Errorf("emulator: seed project %s (%s): %w", src.key, src.origin, err)
		}
		fillMissing(v, variables)
		variables = v
	}
	createdOn, createdBy := nowMillis(), AdminLogin
	if ct, ok := params["creationTag"].(map[string]any); ok {
		if n, ok := toInt(ct["lastModifiedOn"]); ok {
			createdOn = n
		}
		if by, ok := ct["lastModifiedBy"].(map[string]any); ok {
			if login, _ := by["login"].(string); login != "" {
				createdBy = login
			}
		}
	}
	l.s.touch(src.key) // a reset seeds again inside a journaled write
	st.Projects[src.key] = &Project{
		ProjectKey: src.key, FolderID: RootFolderID, CreatedOn: createdOn, CreatedBy: createdBy,
		Metadata: metadata, Permissions: permissions, Variables: variables, Settings: settings,
		TagRegistry:    map[string]any{"tags": map[string]any{}},
		Datasets:       map[string]map[string]any{},
		ManagedFolders: map[string]map[string]any{},
		Recipes:        map[string]map[string]any{},
		Scenarios:      map[string]map[string]any{},
	}
	return nil
}

// ensureUser creates a placeholder user for a login the project names.
func (l *seedLoader) ensureUser(src *seedSource, login, why string) {
	if _, ok := l.st.Users[login]; ok || !names.LoginPattern.MatchString(login) {
		return
	}
	l.st.Users[login] = &User{Settings: newUserSettings(login, login, "", DefaultUserProfile, "LOCAL", nil)}
	l.logf("seed project %s: created placeholder user %s (%s)", src.key, login, why)
}

// ensureGroup creates a placeholder group for a group a grant names.
func (l *seedLoader) ensureGroup(src *seedSource, name string) *APIError {
	if _, ok := l.st.Groups[name]; ok {
		return nil
	}
	if !names.GroupNamePattern.MatchString(name) {
		return errIllegalArgument(fmt.Sprintf("Invalid group name: %s", name))
	}
	l.st.Groups[name] = newGroupDoc(name, "", "LOCAL")
	l.logf("seed project %s: created placeholder group %s", src.key, name)
	return nil
}

// ensureConnection creates a placeholder connection of connType for a
// connection the project names; it allows managed datasets and folders,
// since the project's own objects may be managed.
func (l *seedLoader) ensureConnection(src *seedSource, name, connType, file string) {
	if name == "" || connType == "" {
		return
	}
	if _, ok := l.st.Connections[name]; ok {
		return
	}
	l.st.Connections[name] = ConnectionDoc(Connection{Name: name, Type: connType, AllowManaged: true})
	l.logf("seed project %s: created placeholder connection %s of type %s (named by %s)", src.key, name, connType, file)
}

// loadKind inserts every document of one kind's folder, by file name.
func (l *seedLoader) loadKind(src *seedSource, kind seedObjectKind) error {
	ents, err := fs.ReadDir(src.files, kind.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("emulator: seed project %s (%s): %w", src.key, src.origin, err)
	}
	p := l.st.Projects[src.key]
	names := make([]string, 0, len(ents))
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		file := path.Join(kind.dir, name)
		doc, err := readSeedJSON(src.files, file)
		if err != nil {
			return fmt.Errorf("emulator: seed project %s (%s): %w", src.key, src.origin, err)
		}
		if err := kind.insert(l, src, p, strings.TrimSuffix(name, ".json"), doc); err != nil {
			return src.fail(file, err)
		}
	}
	return nil
}

// stampSeeded keeps the document's creationTag and versionTag (the
// project's history) and stamps the ones it lacks: on disk DSS left out
// versionTag from 2024 on.
func stampSeeded(doc map[string]any) {
	for _, k := range []string{"creationTag", "versionTag"} {
		if _, ok := doc[k].(map[string]any); !ok {
			doc[k] = versionTag(AdminLogin)
		}
	}
}

// keepTags runs fill, then puts back the tags as the document listed
// them: the fill functions sort them, but a round trip must give back
// what DSS wrote.
func keepTags(doc map[string]any, fill func(map[string]any)) {
	tags, had := doc["tags"]
	fill(doc)
	if had {
		doc["tags"] = tags
	}
}

// seedIdentity checks that a body which names its own key agrees with its
// file name, then sets the key and the project. A projectKey in the body
// (older scenarios carry one) gives way to the key the project is seeded
// under, as DSS remaps it when a project is imported under another key.
func seedIdentity(doc map[string]any, keyField, id, key string) *APIError {
	if v, ok := doc[keyField].(string); ok && v != id {
		return errIllegalArgument(fmt.Sprintf("the document's %s is %s, its file name says %s", keyField, v, id))
	}
	doc[keyField], doc["projectKey"] = id, key
	return nil
}

// insertDoc runs a docKind's create checks (those of handleCreateDoc) on a
// document whose key is given, then stores it.
func (l *seedLoader) insertKindDoc(k *docKind, p *Project, id string, doc map[string]any) *APIError {
	if err := seedIdentity(doc, k.keyField, id, p.ProjectKey); err != nil {
		return err
	}
	x := &docCall{l.s, l.st, l.admin, p, p.ProjectKey, nil}
	if err := k.check(x, doc, nil); err != nil {
		return err
	}
	if err := k.checkConnectionUse(x, doc, nil); err != nil {
		return err
	}
	stampSeeded(doc)
	keepTags(doc, k.fill)
	k.docs(p)[id] = doc
	return nil
}

// insertStreamingEndpoint inserts an endpoint under its file name, the
// endpoint's id, through the kind's create checks.
func (l *seedLoader) insertStreamingEndpoint(_ *seedSource, p *Project, id string, doc map[string]any) *APIError {
	ensureMLObjects(p)
	if err := checkNewStreamingEndpointID(p, id); err != nil {
		return err
	}
	return l.insertKindDoc(streamingEndpointKind, p, id, doc)
}

func (l *seedLoader) insertDataset(src *seedSource, p *Project, name string, doc map[string]any) *APIError {
	if err := checkNewDatasetName(p, name); err != nil {
		return err
	}
	typ, _ := doc["type"].(string)
	params, _ := doc["params"].(map[string]any)
	if conn, _ := params["connection"].(string); conn != "" && (names.FileDatasetTypes[typ] || names.SQLDatasetTypes[typ]) {
		// A type whose connection type is not fixed (UploadedFiles,
		// FilesInFolder) gets a placeholder of its own name, as before.
		ctype, fixed := names.ConnectionTypeFor(typ)
		if !fixed {
			ctype = typ
		}
		l.ensureConnection(src, conn, ctype, "datasets/"+name+".json")
	}
	return l.insertKindDoc(datasetKind, p, name, doc)
}

// seedMLObject inserts a saved model, evaluation store, knowledge bank
// or labeling task under its file name (the id), through the kind's
// create checks: a name, and an id no other ref kind of the project
// holds (a recipe ref resolves an id across kinds).
func seedMLObject(kind *docKind) func(l *seedLoader, src *seedSource, p *Project, id string, doc map[string]any) *APIError {
	return func(l *seedLoader, _ *seedSource, p *Project, id string, doc map[string]any) *APIError {
		ensureMLObjects(p)
		name, _ := doc["name"].(string)
		if err := kind.checkName(p, name); err != nil {
			return err
		}
		if other := refKindOf(p, id); other != nil {
			return newError(StatusDuplicate, ErrTypeIllegalArgument,
				fmt.Sprintf("%s %s.%s already exists as a %s", kind.noun, p.ProjectKey, id, other.noun))
		}
		return l.insertKindDoc(kind, p, id, doc)
	}
}

func (l *seedLoader) insertManagedFolder(src *seedSource, p *Project, id string, doc map[string]any) *APIError {
	name, _ := doc["name"].(string)
	if err := checkManagedFolderName(p, name); err != nil {
		return err
	}
	typ, _ := doc["type"].(string)
	params, _ := doc["params"].(map[string]any)
	if conn, _ := params["connection"].(string); conn != "" {
		ct := typ
		switch typ {
		case "S3":
			ct = "EC2"
		case "SCP", "SFTP":
			ct = "SSH"
		}
		l.ensureConnection(src, conn, ct, "managed_folders/"+id+".json")
	}
	return l.insertKindDoc(managedFolderKind, p, id, doc)
}

// recipeCodeExtensions is the file extension of each code recipe type's
// script; a visual recipe's payload is recipes/<name>.<type>.
var recipeCodeExtensions = map[string]string{
	"python": "py", "pyspark": "py", "cpython": "py", "r": "r", "sparkr": "r", "sql_query": "sql",
	"sql_script": "sql", "spark_sql_query": "sql", "shell": "sh", "spark_scala": "scala",
	"streaming_spark_scala": "scala", "julia": "jl", "ksql": "ksql",
}

// insertRecipe applies handleCreateRecipe's rules to recipes/<name>.json
// and its payload file. A recipe without a payload file (some python and
// sql_script recipes) has an empty payload; an empty (0-byte) payload is
// kept empty; other files beside it (a sql_query's old .join) are left.
// A recipe without a params key (a visual recipe) is served without one.
func (l *seedLoader) insertRecipe(src *seedSource, p *Project, name string, doc map[string]any) *APIError {
	typ, _ := doc["type"].(string)
	if typ == "" {
		return errIllegalArgument("Recipe type is missing")
	}
	if !recipeNamePattern.MatchString(name) {
		return errIllegalArgument(fmt.Sprintf("Invalid recipe name %q: it must %s", name, names.RefNameRule))
	}
	if _, exists := p.Recipes[name]; exists {
		return newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Recipe %s already exists in project %s", name, p.ProjectKey))
	}
	if err := seedIdentity(doc, "name", name, p.ProjectKey); err != nil {
		return err
	}
	var err *APIError
	if doc["inputs"], err = normalizeRoles(doc["inputs"], false); err != nil {
		return err
	}
	if doc["outputs"], err = normalizeRoles(doc["outputs"], true); err != nil {
		return err
	}
	if err := l.s.checkRecipeRefs(l.st, l.admin, p, name, doc); err != nil {
		return err
	}
	ext := typ
	if e, ok := recipeCodeExtensions[typ]; ok {
		ext = e
	}
	payload := ""
	if b, rerr := fs.ReadFile(src.files, "recipes/"+name+"."+ext); rerr == nil {
		payload = string(b)
	}
	stampSeeded(doc)
	keepTags(doc, fillRecipeDefaults)
	p.Recipes[name] = map[string]any{"recipe": doc, "payload": payload}
	return nil
}

// insertScenario applies createScenario's rules to
// scenarios/<id>.json; a custom_python scenario's script is <id>.py (a
// step_based one's .py is empty and ignored).
func (l *seedLoader) insertScenario(src *seedSource, p *Project, id string, doc map[string]any) *APIError {
	delete(doc, scenarioScriptKey)
	delete(doc, scenarioRunsKey)
	name, _ := doc["name"].(string)
	if err := checkScenarioName(p, name); err != nil {
		return err
	}
	if err := seedIdentity(doc, "id", id, p.ProjectKey); err != nil {
		return err
	}
	if err := checkScenario(&docCall{l.s, l.st, l.admin, p, p.ProjectKey, nil}, doc, nil); err != nil {
		return err
	}
	if u, _ := doc["runAsUser"].(string); u != "" {
		l.ensureUser(src, u, "scenario "+id+" runs as it")
	}
	if doc["type"] == ScenarioCustomPython {
		if b, err := fs.ReadFile(src.files, "scenarios/"+id+".py"); err == nil {
			doc[scenarioScriptKey] = string(b)
		}
	}
	stampSeeded(doc)
	keepTags(doc, fillScenarioDefaults)
	ensureDocs(&p.Scenarios)
	p.Scenarios[id] = doc
	return nil
}

// insertZone applies the zone create and add-items rules to
// zones/<id>.json: name and color checked, every item a known type whose
// dataset, folder or recipe exists. The default zone's items are implicit
// (always [] on disk): only its name, color and other fields are kept.
func (l *seedLoader) insertZone(src *seedSource, p *Project, id string, doc map[string]any) *APIError {
	if v, ok := doc["id"].(string); ok && v != id {
		return errIllegalArgument(fmt.Sprintf("the document's id is %s, its file name says %s", v, id))
	}
	name, _ := doc["name"].(string)
	color, ok := doc["color"].(string)
	if !ok {
		color = DefaultZoneColor
	}
	if err := checkZoneSettings(name, color); err != nil {
		return err
	}
	z := &FlowZone{ID: id, Name: name, Color: color, Items: []ZoneItem{}, Shared: []ZoneItem{}}
	for k, v := range doc {
		switch k {
		case "id", "name", "color", "items", "shared", "projectKey":
		default:
			ensureMap(&z.Extra)
			z.Extra[k] = v
		}
	}
	refs := func(field string) ([]ZoneItem, *APIError) {
		raw, ok := doc[field].([]any)
		if doc[field] != nil && !ok {
			return nil, errIllegalArgument(field + " must be a list")
		}
		out := []ZoneItem{}
		for _, x := range raw {
			it, err := l.s.zoneRef(l.st, l.admin, p, x)
			if err != nil {
				return nil, err
			}
			out = append(out, it)
		}
		return out, nil
	}
	items, err := refs("items")
	if err != nil {
		return err
	}
	shared, err := refs("shared")
	if err != nil {
		return err
	}
	ensureMap(&p.Zones)
	if _, exists := p.Zones[id]; exists {
		return newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Flow zone %s already exists", id))
	}
	z.Shared = shared
	p.Zones[id] = z
	if id != DefaultZoneID {
		for _, it := range items {
			moveToZone(p, id, it)
		}
	}
	return nil
}
