package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Fault convergence: each DSS call the project, dataset, project folder
// and managed folder resources make through code of their own (the
// project's POST, metadata, permissions, variables, locate-project, move
// and delete; the datasets' POSTs, rename, list and delete; the folders'
// POSTs, the managed folders' list and rename) meets each kind of failure
// a proxy or a restarting DSS produces, and whatever the first apply does,
// the next one converges to exactly the configuration, with an empty plan,
// no duplicate and no orphan. The faults on the calls the kit makes the
// same way for every kind (a Read's GET, SyncDocument's GET and PUT, a
// create's follow-up write) are tested once in kit/
// (TestKitFaultsOnGenericCalls, TestKitLostPostRecovered,
// TestKitPartialFailure). The tests run the real terraform CLI
// (cli_test.go) so that each apply is one process with one provider
// configuration, as in a user's shell.

// faultProject and faultDataset describe a configuration; the same values
// give the HCL and the state DSS must hold after convergence.
type faultProject struct {
	Key, Name, Desc string
	Group           string            // one grant, read_project_content (+ write when Write)
	Write           bool              // the grant also writes project content
	Vars            map[string]string // standard_variables
	Folder          string            // project_folder_id; "" = not managed (root)
	Datasets        []faultDataset
	// ProjectFolder: the name of one dataiku_project_folder under ROOT,
	// kept apart from the project (whose folder is Folder, so the move
	// cases still move it between two folders the test owns); "" = none.
	ProjectFolder string
	// ManagedFolder: one dataiku_managed_folder in the project; nil = none.
	ManagedFolder *faultManagedFolder
}

type faultManagedFolder struct {
	Name, Desc string
}

type faultDataset struct {
	Res                          string // resource name, stable across a rename
	Name, Type, Conn, Path, Desc string
	Managed                      bool
}

func faultConfigHCL(p acctest.FaultProvider, projects ...faultProject) string {
	var b strings.Builder
	b.WriteString(acctest.CliRequiredProviders)
	b.WriteString(p.HCL())
	for _, pr := range projects {
		r := strings.ToLower(pr.Key)
		fmt.Fprintf(&b, "\nresource \"dataiku_project\" %q {\n  project_key = %q\n  name = %q\n  description = %q\n", r, pr.Key, pr.Name, pr.Desc)
		if pr.Group != "" {
			fmt.Fprintf(&b, "  permissions = [{ group = %q, read_project_content = true, write_project_content = %t }]\n", pr.Group, pr.Write)
		}
		if pr.Vars != nil {
			v, _ := json.Marshal(pr.Vars)
			fmt.Fprintf(&b, "  standard_variables = %q\n", string(v))
		}
		if pr.Folder != "" {
			fmt.Fprintf(&b, "  project_folder_id = %q\n", pr.Folder)
		}
		b.WriteString("}\n")
		for _, d := range pr.Datasets {
			fmt.Fprintf(&b, "\nresource \"dataiku_dataset\" %q {\n  project_key = dataiku_project.%s.project_key\n  name = %q\n  type = %q\n  connection_name = %q\n  description = %q\n",
				r+"_"+d.Res, r, d.Name, d.Type, d.Conn, d.Desc)
			if d.Managed {
				b.WriteString("  managed = true\n")
			} else {
				fmt.Fprintf(&b, "  params = jsonencode({ path = %q })\n  format_type = \"csv\"\n", d.Path)
			}
			b.WriteString("}\n")
		}
		if pr.ProjectFolder != "" {
			fmt.Fprintf(&b, "\nresource \"dataiku_project_folder\" %q {\n  name = %q\n}\n", r+"_pf", pr.ProjectFolder)
		}
		if mf := pr.ManagedFolder; mf != nil {
			fmt.Fprintf(&b, "\nresource \"dataiku_managed_folder\" %q {\n  project_key = dataiku_project.%s.project_key\n  name = %q\n  description = %q\n}\n",
				r+"_mf", r, mf.Name, mf.Desc)
		}
	}
	return b.String()
}

// faultProjectFolderPrefix starts the names of the project folders the
// fault configurations create under ROOT; the key follows.
const faultProjectFolderPrefix = "folder_"

// assertEmulatorHolds compares the emulator's state, for projects whose key
// starts with prefix, with the configuration: the same project keys, and
// for each the same dataset names (so no duplicate and no orphan), and the
// configured values. The project folders under ROOT named
// faultProjectFolderPrefix+prefix* and each project's managed folders are
// read through the API, as a user would see them.
func assertEmulatorHolds(t *testing.T, prefix string, want ...faultProject) {
	t.Helper()
	assertFoldersHold(t, prefix, want...)
	st := acctest.Emulator(t).Server.Snapshot()
	wantKeys, gotKeys := []string{}, []string{}
	byKey := map[string]faultProject{}
	for _, p := range want {
		wantKeys = append(wantKeys, p.Key)
		byKey[p.Key] = p
	}
	for k := range st.Projects {
		if strings.HasPrefix(k, prefix) {
			gotKeys = append(gotKeys, k)
		}
	}
	sort.Strings(wantKeys)
	sort.Strings(gotKeys)
	if strings.Join(wantKeys, ",") != strings.Join(gotKeys, ",") {
		t.Errorf("emulator projects %s* = %v, configuration has %v", prefix, gotKeys, wantKeys)
		return
	}
	for _, key := range gotKeys {
		got, w := st.Projects[key], byKey[key]
		if l, _ := got.Metadata["label"].(string); l != w.Name {
			t.Errorf("%s: label %q, want %q", key, l, w.Name)
		}
		if d, _ := got.Metadata["description"].(string); d != w.Desc {
			t.Errorf("%s: description %q, want %q", key, d, w.Desc)
		}
		if w.Folder != "" && got.FolderID != w.Folder {
			t.Errorf("%s: folder %q, want %q", key, got.FolderID, w.Folder)
		}
		if w.Group != "" {
			grants, _ := got.Permissions["permissions"].([]any)
			var ok bool
			for _, g := range grants {
				gm, _ := g.(map[string]any)
				if gm["group"] == w.Group && gm["readProjectContent"] == true && gm["writeProjectContent"] == w.Write {
					ok = len(grants) == 1
				}
			}
			if !ok {
				t.Errorf("%s: grants %v, want only group %s with write=%t", key, grants, w.Group, w.Write)
			}
		}
		if w.Vars != nil {
			std, _ := got.Variables["standard"].(map[string]any)
			if !kit.JSONEqual(std, anyMap(w.Vars)) {
				t.Errorf("%s: standard variables %v, want %v", key, std, w.Vars)
			}
		}
		var gotNames, wantNames []string
		for n := range got.Datasets {
			gotNames = append(gotNames, n)
		}
		for _, d := range w.Datasets {
			wantNames = append(wantNames, d.Name)
			doc := got.Datasets[d.Name]
			if doc == nil {
				continue
			}
			var ds dss.Dataset
			if b, err := json.Marshal(doc); err != nil || json.Unmarshal(b, &ds) != nil {
				t.Errorf("%s.%s: the emulator's definition does not decode: %v", key, d.Name, doc)
				continue
			}
			path, _ := ds.Params["path"].(string)
			if ds.Type != d.Type || ds.Connection() != d.Conn || ds.Managed != d.Managed ||
				ds.Description != d.Desc || (!d.Managed && path != d.Path) {
				t.Errorf("%s.%s: type %q connection %q managed %t description %q path %q; want %+v", key, d.Name, ds.Type,
					ds.Connection(), ds.Managed, ds.Description, path, d)
			}
		}
		sort.Strings(gotNames)
		sort.Strings(wantNames)
		if strings.Join(gotNames, ",") != strings.Join(wantNames, ",") {
			t.Errorf("%s: datasets %v, configuration has %v", key, gotNames, wantNames)
		}
	}
}

// assertFoldersHold checks, through the admin client, that DSS holds
// exactly the configured project folders (under ROOT, one per name) and,
// in each configured project, exactly the configured managed folder.
func assertFoldersHold(t *testing.T, prefix string, want ...faultProject) {
	t.Helper()
	c, ctx := acctest.Client(t), context.Background()
	children, err := c.ListProjectFolderChildren(ctx, dss.RootProjectFolderID)
	if err != nil {
		t.Errorf("listing the root folder's children: %v", err)
		return
	}
	var gotFolders, wantFolders []string
	ids := map[string]string{}
	for _, f := range children {
		if f.Name != nil && strings.HasPrefix(*f.Name, faultProjectFolderPrefix+prefix) {
			gotFolders = append(gotFolders, *f.Name)
			ids[*f.Name] = f.ID
		}
	}
	for _, p := range want {
		if p.ProjectFolder != "" {
			wantFolders = append(wantFolders, p.ProjectFolder)
		}
	}
	sort.Strings(gotFolders)
	sort.Strings(wantFolders)
	if strings.Join(gotFolders, ",") != strings.Join(wantFolders, ",") {
		t.Errorf("project folders under ROOT %s%s* = %v, configuration has %v", faultProjectFolderPrefix, prefix, gotFolders, wantFolders)
	}
	for _, name := range wantFolders {
		id, ok := ids[name]
		if !ok {
			continue
		}
		f, err := c.GetProjectFolder(ctx, id)
		switch {
		case err != nil:
			t.Errorf("project folder %q (%s): %v", name, id, err)
		case f.Name == nil || *f.Name != name || f.ParentID == nil || *f.ParentID != dss.RootProjectFolderID:
			t.Errorf("project folder %s: name %v parent %v, want %q under %s", id, f.Name, f.ParentID, name, dss.RootProjectFolderID)
		}
	}
	for _, p := range want {
		folders, err := c.ListManagedFolders(ctx, p.Key)
		if err != nil {
			t.Errorf("%s: listing managed folders: %v", p.Key, err)
			continue
		}
		var got []string
		for _, f := range folders {
			got = append(got, f.Name)
		}
		var wantNames []string
		if p.ManagedFolder != nil {
			wantNames = []string{p.ManagedFolder.Name}
		}
		if strings.Join(got, ",") != strings.Join(wantNames, ",") {
			t.Errorf("%s: managed folders %v, configuration has %v", p.Key, got, wantNames)
			continue
		}
		if p.ManagedFolder == nil {
			continue
		}
		f, err := dss.ManagedFolderDoc(p.Key, folders[0].ID).Get(ctx, c)
		switch {
		case err != nil:
			t.Errorf("%s: reading managed folder %s: %v", p.Key, folders[0].ID, err)
		case f.Name != p.ManagedFolder.Name || f.Description != p.ManagedFolder.Desc:
			t.Errorf("%s.%s: managed folder name %q description %q, want %+v", p.Key, f.ID, f.Name, f.Description, *p.ManagedFolder)
		}
	}
}

// deleteProjectFoldersWithPrefix removes the project folders under ROOT
// whose name starts with prefix.
func deleteProjectFoldersWithPrefix(t *testing.T, prefix string) {
	t.Helper()
	c := acctest.Client(t)
	children, err := c.ListProjectFolderChildren(context.Background(), dss.RootProjectFolderID)
	if err != nil {
		t.Errorf("cleaning up project folders %s*: %v", prefix, err)
		return
	}
	for _, f := range children {
		if f.Name != nil && strings.HasPrefix(*f.Name, prefix) {
			if err := c.DeleteProjectFolder(context.Background(), f.ID); err != nil && !dss.IsNotFound(err) {
				t.Errorf("cleaning up project folder %q: %v", *f.Name, err)
			}
		}
	}
}

func anyMap(m map[string]string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// A clear error names the operation and the resource, and quotes DSS or the
// network failure; it is never a crash of the provider.
var faultClearError = regexp.MustCompile(`Error: Cannot (create|read|update|rename|delete) dataiku_(project|dataset|project_folder|managed_folder) "[A-Z0-9_.a-z]+"`)

func TestAccFaultsConverge(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	// Each case runs in parallel on its own emulator (the faults it arms
	// and the requests it counts are its own), with its own two project
	// folders, a and b, created there: folders holds their ids by case key.
	var foldersMu sync.Mutex
	folders := map[string][2]string{}
	createFolders := func(t *testing.T, key string) {
		t.Helper()
		c, ctx := acctest.Client(t), acctest.Ctx(t)
		var ids [2]string
		for i, name := range []string{"faults_a", "faults_b"} {
			f, err := c.CreateProjectFolder(ctx, dss.RootProjectFolderID, name)
			if err != nil {
				t.Fatal(err)
			}
			ids[i] = f.ID
			t.Cleanup(func() { _ = c.DeleteProjectFolder(context.Background(), f.ID) })
		}
		foldersMu.Lock()
		folders[key] = ids
		foldersMu.Unlock()
	}
	folder := func(key string, i int) string {
		foldersMu.Lock()
		defer foldersMu.Unlock()
		return folders[key][i]
	}

	base := func(key string) faultProject {
		return faultProject{Key: key, Name: "Faults " + key, Desc: "before", Group: acctest.AliceGroup,
			Vars: map[string]string{"env": "a"}, Folder: folder(key, 0),
			Datasets: []faultDataset{
				{Res: "raw", Name: "raw", Type: "Filesystem", Conn: "filesystem_root", Path: "/raw", Desc: "raw"},
				{Res: "mng", Name: "mng", Type: "Filesystem", Conn: "filesystem_managed", Managed: true, Desc: "managed"},
			},
			ProjectFolder: faultProjectFolderPrefix + key,
			ManagedFolder: &faultManagedFolder{Name: "files", Desc: "before"}}
	}
	updated := func(key string) faultProject {
		p := base(key)
		p.Name, p.Desc, p.Write, p.Vars = "Faults "+key+" v2", "after", true, map[string]string{"env": "b"}
		p.Datasets = []faultDataset{
			{Res: "raw", Name: "raw", Type: "Filesystem", Conn: "filesystem_root", Path: "/raw2", Desc: "raw v2"},
			{Res: "mng", Name: "mng", Type: "Filesystem", Conn: "filesystem_managed", Managed: true, Desc: "managed v2"},
		}
		p.ManagedFolder = &faultManagedFolder{Name: "files", Desc: "after"}
		return p
	}
	renamedFolder := func(key string) faultProject {
		p := base(key)
		p.ManagedFolder = &faultManagedFolder{Name: "files_renamed", Desc: "before"}
		return p
	}
	renamed := func(key string) faultProject {
		p := base(key)
		p.Datasets[0].Name = "raw_renamed"
		return p
	}
	moved := func(key string) faultProject {
		p := base(key)
		p.Folder = folder(key, 1)
		return p
	}
	noRaw := func(key string) faultProject {
		p := base(key)
		p.Datasets = p.Datasets[1:]
		return p
	}

	type call struct {
		name, method, path string // path: regex after /projects/KEY
	}
	var (
		postProject   = call{"create project", "POST", `/projects$`}
		postDataset   = call{"create dataset", "POST", `/projects/%s/datasets$`}
		postManaged   = call{"create managed dataset", "POST", `/projects/%s/datasets/managed$`}
		getMetadata   = call{"read metadata", "GET", `/projects/%s/metadata$`}
		getPerms      = call{"read permissions", "GET", `/projects/%s/permissions$`}
		getVars       = call{"read variables", "GET", `/projects/%s/variables$`}
		getLocate     = call{"locate project", "GET", `/locate-project/%s$`}
		listDatasets  = call{"list datasets", "GET", `/projects/%s/datasets$`} // a refresh reads datasets from the list
		putMetadata   = call{"update metadata", "PUT", `/projects/%s/metadata$`}
		putPerms      = call{"update permissions", "PUT", `/projects/%s/permissions$`}
		putVars       = call{"update variables", "PUT", `/projects/%s/variables$`}
		postRename    = call{"rename dataset", "POST", `/projects/%s/actions/renameDataset$`}
		postMove      = call{"move project", "POST", `/projects/%s/move$`}
		deleteProject = call{"delete project", "DELETE", `/projects/%s$`}
		deleteDataset = call{"delete dataset", "DELETE", `/projects/%s/datasets/raw$`}
		postFolder    = call{"create project folder", "POST", `/project-folders/ROOT/children$`}
		postMF        = call{"create managed folder", "POST", `/projects/%s/managedfolders$`}
		listMF        = call{"list managed folders", "GET", `/projects/%s/managedfolders$`}
		postRenameMF  = call{"rename managed folder", "POST", `/projects/%s/actions/renameManagedFolder$`}
	)
	type op struct {
		setup  func(string) *faultProject // nil: nothing before
		target func(string) *faultProject // nil: no resources (destroy)
		// creates: routes whose handler must have run exactly once in the
		// faulty apply (a lost answer to a POST is never replayed blindly).
		creates []string
	}
	ptr := func(f func(string) faultProject) func(string) *faultProject {
		return func(k string) *faultProject { p := f(k); return &p }
	}
	create := op{target: ptr(base)}
	read := op{setup: ptr(base), target: ptr(base)}
	update := op{setup: ptr(base), target: ptr(updated)}
	rename := op{setup: ptr(base), target: ptr(renamed)}
	move := op{setup: ptr(base), target: ptr(moved)}
	destroy := op{setup: ptr(base)}
	dropDataset := op{setup: ptr(base), target: ptr(noRaw)}
	const (
		routeCreateProject = "POST /public/api/projects"
		routeCreateDataset = "POST /public/api/projects/{projectKey}/datasets"
		routeCreateManaged = "POST /public/api/projects/{projectKey}/datasets/managed"
		routeRename        = "POST /public/api/projects/{projectKey}/actions/renameDataset"
		routeMove          = "POST /public/api/project-folders/{folderId}/projects/{projectKey}/move"
		routeCreateFolder  = "POST /public/api/project-folders/{folderId}/children"
		routeCreateMF      = "POST /public/api/projects/{projectKey}/managedfolders"
		routeRenameMF      = "POST /public/api/projects/{projectKey}/actions/renameManagedFolder"
	)

	cases := []struct {
		call  call
		fault acctest.FaultKind
		op    op
		// MayFail: the first apply is allowed to fail (with a clear error);
		// otherwise retries and checks must make it succeed.
		mayFail bool
	}{
		{postProject, acctest.Fault502, create, false},
		{postProject, acctest.FaultDropAfter, op{target: ptr(base), creates: []string{routeCreateProject}}, false},
		{postProject, acctest.Fault503, create, false},
		{postProject, acctest.FaultSlow, create, false},
		{postProject, acctest.FaultDown502, create, true},
		{postDataset, acctest.FaultDropAfter, op{target: ptr(base), creates: []string{routeCreateDataset}}, false},
		{postDataset, acctest.Fault502After, op{target: ptr(base), creates: []string{routeCreateDataset}}, false},
		{postManaged, acctest.FaultDropAfter, op{target: ptr(base), creates: []string{routeCreateManaged}}, false},
		{postManaged, acctest.Fault429, create, false},
		{putVars, acctest.FaultDown503, create, true}, // the project exists, its follow-up write fails
		{getMetadata, acctest.Fault429, read, false},
		{getPerms, acctest.FaultDrop, read, false},
		{getVars, acctest.FaultSlow, read, false},
		{getLocate, acctest.Fault503, read, false},
		{listDatasets, acctest.Fault502, read, false},
		{putMetadata, acctest.Fault502, update, false},
		{putMetadata, acctest.FaultDown502, update, true},
		{putPerms, acctest.FaultDropAfter, update, false},
		{putVars, acctest.Fault503, update, false},
		{postRename, acctest.FaultDropAfter, op{setup: ptr(base), target: ptr(renamed), creates: []string{routeRename}}, false},
		{postRename, acctest.Fault502, rename, false},
		{postMove, acctest.FaultDropAfter, op{setup: ptr(base), target: ptr(moved), creates: []string{routeMove}}, false},
		{postMove, acctest.Fault503, move, false},
		{deleteProject, acctest.FaultDropAfter, destroy, false},
		{deleteProject, acctest.FaultSlow, destroy, false},
		{deleteDataset, acctest.Fault429, dropDataset, false},
		{deleteDataset, acctest.FaultDrop, dropDataset, false},
		{postFolder, acctest.FaultDropAfter, op{target: ptr(base), creates: []string{routeCreateFolder}}, false},
		{postFolder, acctest.Fault502After, op{target: ptr(base), creates: []string{routeCreateFolder}}, false},
		{postMF, acctest.FaultDropAfter, op{target: ptr(base), creates: []string{routeCreateMF}}, false},
		{postMF, acctest.Fault502After, op{target: ptr(base), creates: []string{routeCreateMF}}, false},
		{listMF, acctest.Fault503, read, false},
		{listMF, acctest.Fault429, read, false},
		{postRenameMF, acctest.FaultDropAfter, op{setup: ptr(base), target: ptr(renamedFolder), creates: []string{routeRenameMF}}, false},
		{postRenameMF, acctest.Fault502After, op{setup: ptr(base), target: ptr(renamedFolder), creates: []string{routeRenameMF}}, false},
	}

	secrets := acctest.KeyForms(acctest.APIKey)
	var injected, failedFirst atomic.Int32
	start := time.Now()
	// A cleanup runs once every parallel case has finished.
	t.Cleanup(func() {
		t.Logf("faults injected: %d (%d cases); first applies that failed with a clear error: %d; converged: %t; wall time %s",
			injected.Load(), len(cases), failedFirst.Load(), !t.Failed(), time.Since(start).Round(time.Second))
	})
	for i, tc := range cases {
		key := fmt.Sprintf("FLT%02d", i)
		t.Run(fmt.Sprintf("%s/%s/%s", key, tc.call.name, tc.fault.Name), func(t *testing.T) {
			t.Parallel()
			em := acctest.SeparateEmulator(t)
			env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
			createFolders(t, key)
			defer em.Server.ClearFaults()
			dir := acctest.NewTerraformDir(t, nil)
			write := func(p *faultProject, prov acctest.FaultProvider) {
				var cfg string
				if p == nil {
					cfg = faultConfigHCL(prov)
				} else {
					cfg = faultConfigHCL(prov, *p)
				}
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if tc.op.setup != nil {
				write(tc.op.setup(key), acctest.FaultProvider{})
				acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
			}

			rule := tc.fault.Rule
			rule.Method = tc.call.method
			rule.PathRegex = tc.call.path
			if strings.Contains(rule.PathRegex, "%s") {
				rule.PathRegex = fmt.Sprintf(rule.PathRegex, key)
			}
			var target *faultProject
			if tc.op.target != nil {
				target = tc.op.target(key)
			}
			if acctest.RunFaultCase(t, em, dir, env, secrets, acctest.FaultCase{Rule: rule, Prov: tc.fault.Prov, MayFail: tc.mayFail,
				Creates: tc.op.creates, ClearError: faultClearError, Write: func(prov acctest.FaultProvider) { write(target, prov) }}) {
				failedFirst.Add(1)
			}
			injected.Add(1)
			if target == nil {
				assertEmulatorHolds(t, key)
			} else {
				assertEmulatorHolds(t, key, *target)
			}
			acctest.DeleteProjectsWithPrefix(t, key)
			deleteProjectFoldersWithPrefix(t, faultProjectFolderPrefix+key)
		})
	}
}

// TestAccFaultsLoad applies 200 datasets across 5 projects with
// -parallelism=20 while the emulator fails about 5% of all requests at
// random (fixed seed): 502, 503, 429 with Retry-After, and connections
// dropped before and after DSS acted. The configuration must be reached in
// that apply or the next (still under faults), with an empty plan after,
// and DSS must then hold exactly the configuration.
func TestAccFaultsLoad(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	const prefix, nProjects, perProject = "LOADF", 5, 40
	t.Cleanup(func() { acctest.DeleteProjectsWithPrefix(t, prefix) })
	var want []faultProject
	for p := range nProjects {
		pr := faultProject{Key: fmt.Sprintf("%s%d", prefix, p), Name: fmt.Sprintf("Load %d", p), Desc: "load test"}
		for d := range perProject {
			n := fmt.Sprintf("ds_%03d", d)
			pr.Datasets = append(pr.Datasets, faultDataset{Res: n, Name: n, Type: "Filesystem", Conn: "filesystem_root",
				Path: fmt.Sprintf("/load/%d/%d", p, d), Desc: "dataset " + n})
		}
		want = append(want, pr)
	}
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": faultConfigHCL(acctest.FaultProvider{}, want...)})
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	secrets := acctest.KeyForms(acctest.APIKey)

	em.Server.SetFaultSeed(20240607)
	rules := []emulator.FaultRule{
		{Status: 502, Probability: 0.015},
		{Status: 503, Probability: 0.01},
		{Status: 429, RetryAfterSeconds: 1, Probability: 0.01},
		{DropConnection: true, Probability: 0.01},
		{DropConnection: true, AfterHandler: true, Probability: 0.005},
	}
	if err := em.Server.SetFaults(rules); err != nil {
		t.Fatal(err)
	}
	defer em.Server.ClearFaults()
	startStats := em.Server.Stats().Requests
	start := time.Now()
	applies := 1
	out, err := acctest.RunTerraform(t, dir, env, "apply", "-auto-approve", "-no-color", "-parallelism=20")
	acctest.AssertNoSecret(t, "apply output", out, secrets)
	if err != nil {
		if !faultClearError.MatchString(out) {
			t.Errorf("the first apply failed without a clear error:\n%s", acctest.Tail(out, 4000))
		}
		t.Logf("the first apply failed under faults (allowed), applying again:\n%s", acctest.Tail(out, 2000))
		applies++
		acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color", "-parallelism=20")
	}
	elapsed := time.Since(start)
	fired := 0
	for _, f := range em.Server.Faults() {
		n, _ := f["fired"].(int)
		fired += n
	}
	requests := em.Server.Stats().Requests - startStats
	em.Server.ClearFaults()
	if fired == 0 {
		t.Fatal("no fault fired: the test tests nothing")
	}
	planOut, err := acctest.RunTerraform(t, dir, env, "plan", "-detailed-exitcode", "-no-color", "-parallelism=20")
	if err != nil {
		t.Fatalf("the plan after convergence is not empty (%v):\n%s", err, acctest.Tail(planOut, 4000))
	}
	assertEmulatorHolds(t, prefix, want...)
	t.Logf("load: %d projects, %d datasets, -parallelism=20; %d requests, %d faults injected (%.1f%%); converged in %d apply(s); apply wall time %s",
		nProjects, nProjects*perProject, requests, fired, 100*float64(fired)/float64(requests), applies, elapsed.Round(100*time.Millisecond))
}
