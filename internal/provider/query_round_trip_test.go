package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccQuery_generateConfigRoundTrip is issue 25's "done when": over a
// DSS holding objects of every listable kind, made by hand (the adoption
// cases), `terraform query -generate-config-out` writes a configuration
// whose apply imports every listed object without changing DSS, and the
// plan after it is empty. The query's requests are counted.
func TestAccQuery_generateConfigRoundTrip(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	requireQueryTerraform(t)
	acctest.CliSetup(t)
	em := acctest.RequireEmulator(t)
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	key := acctest.ProjectKey("QUERY")
	byType, docs := adoptEverythingWithDocs(t, c, ctx, key)

	var types []string
	for typ := range testListResources(t) {
		types = append(types, typ)
	}
	sort.Strings(types)
	var query strings.Builder
	inProject := map[string]bool{}
	for _, typ := range types {
		cfg := ""
		switch typ {
		case "dataiku_project":
			cfg = fmt.Sprintf("    project_key = %q", key)
		case "dataiku_dataset", "dataiku_managed_folder", "dataiku_knowledge_bank", "dataiku_retrieval_augmented_llm", "dataiku_agent_tool", "dataiku_agent", "dataiku_evaluation_store", "dataiku_code_studio", "dataiku_streaming_endpoint", "dataiku_recipe", "dataiku_scenario",
			"dataiku_flow_zone", "dataiku_data_quality_rule", "dataiku_exposed_object", "dataiku_project_grant", "dataiku_project_execution_defaults",
			"dataiku_project_git_remote", "dataiku_project_git_library", "dataiku_project_library_file", "dataiku_wiki_article", "dataiku_project_wiki", "dataiku_jupyter_notebook":
			cfg = fmt.Sprintf("    project_key = %q", key)
			inProject[typ] = true
		}
		query.WriteString(testListConfig(typ, "all", false, cfg))
	}
	dir := acctest.NewTerraformDir(t, map[string]string{
		"main.tf":            acctest.CliRequiredProviders + "\nprovider \"dataiku\" {}\n",
		"search.tfquery.hcl": query.String(),
	})
	before := snapshotDocs(t, c, docs)

	// Identity only (no include_resource): the list requests alone, one
	// per list, but the data quality rules' (one per dataset) and the
	// project folders' (one per folder).
	// The plugins' lists (plugins, their settings, their presets) each
	// read the plugin list; the presets' also each plugin's settings.
	// (Counted before the query.)
	plugins, err := c.ListPlugins(acctest.Ctx(t))
	acctest.MustDo(t, err)
	listBefore := em.Server.Stats()
	out, code := acctest.TerraformRun(t, dir, "query", "-no-color")
	if code != 0 {
		t.Fatalf("terraform query failed (exit %d):\n%s", code, out)
	}
	listRoutes := acctest.RouteDelta(listBefore.ByRoute, em.Server.Stats().ByRoute)
	// Each list is one request; the data quality rules' list adds one for
	// the project's datasets and one per dataset (DSS keeps rules per
	// dataset), the project folders' one per folder from the root (DSS has
	// no flat list).
	const api = "GET /public/api/"
	perList := map[string]int64{
		api + "plugins":                        3,
		api + "plugins/{id}/settings":          int64(len(plugins)),
		api + "projects/{projectKey}/datasets": 2,
		// The evaluation stores': the default list and the AGENT one.
		api + "projects/{projectKey}/evaluationstores":                          2,
		api + "projects/{projectKey}/datasets/{datasetName}/data-quality/rules": int64(len(byType["dataiku_dataset"])),
		api + "project-folders/{a}/{b}":                                         int64(len(byType["dataiku_project_folder"]) + 1),
		// The projects' list and the execution defaults' and the wikis'
		// (which read the projects, then the settings of each project
		// matched), the exposed objects' and the execution defaults'
		// settings, the wiki articles' and the wikis' wiki settings.
		api + "projects":                       3,
		api + "projects/{projectKey}/settings": 2,
		api + "projects/{projectKey}/wiki":     2,
		// The workspaces' list and the workspace objects' (which reads the
		// workspaces, then the objects of each: the cases make two).
		api + "workspaces":                        2,
		api + "workspaces/{workspaceKey}/objects": 2,
		// The collections' list and their datasets' (which reads the
		// collections, then each one's objects).
		api + "data-collections":              2,
		api + "data-collections/{id}/objects": int64(len(byType["dataiku_data_collection"])),
	}
	for route, n := range listRoutes {
		want, ok := perList[route]
		if !ok {
			want = 1
		}
		if n != want {
			t.Errorf("an identity-only query sent %d requests to %s; want %d", n, route, want)
		}
	}
	t.Logf("terraform query (identity only): %d requests to DSS: %v", em.Server.Stats().Requests-listBefore.Requests, listRoutes)

	start := time.Now()
	requestsBefore := em.Server.Stats()
	out, code = acctest.TerraformRun(t, dir, "query", "-no-color", "-generate-config-out=generated.tf")
	requestsAfter := em.Server.Stats()
	took := time.Since(start)
	generated, _ := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if code != 0 {
		t.Fatalf("terraform query -generate-config-out failed (exit %d):\n%s\n--- generated.tf:\n%s", code, out, generated)
	}
	if w := providerWarnings(out); len(w) > 0 {
		t.Errorf("terraform query warned: %q\n%s", w, out)
	}
	secrets := append(append([]string{}, adoptSecrets...), acctest.APIKey, acctest.AliceKey, acctest.BobKey, acctest.GlobalAliceKey, acctest.GlobalNoUserKey)
	acctest.AssertNoSecret(t, "terraform query's output", out, secrets)
	acctest.AssertNoSecret(t, "generated.tf", string(generated), adoptSecrets)
	acctest.AssertNoSecret(t, "generated.tf", string(generated), []string{"e:AES:", acctest.APIKey, acctest.AliceKey, acctest.BobKey, acctest.GlobalAliceKey, acctest.GlobalNoUserKey})
	imports := strings.Count(string(generated), "\nimport {")
	if strings.HasPrefix(string(generated), "import {") {
		imports++
	}
	total := 0
	for typ, ids := range byType {
		if _, ok := notListed[typ]; ok {
			continue
		}
		total += len(ids)
	}
	if imports < total {
		t.Fatalf("generated.tf imports %d objects, fewer than the %d made by hand:\n%s", imports, total, generated)
	}
	requests := requestsAfter.Requests - requestsBefore.Requests
	routes := acctest.RouteDelta(requestsBefore.ByRoute, requestsAfter.ByRoute)
	t.Logf("terraform query -generate-config-out: %d objects of %d kinds in %s, %d requests to DSS: %v", imports, len(types), took.Round(time.Millisecond), requests, routes)
	// Datasets, managed folders and data quality rules take their resource
	// objects from their lists, with no request of their own; the lists
	// themselves are sent once, as without resource objects.
	for _, route := range []string{"projects/{projectKey}/datasets/{datasetName}", "projects/{projectKey}/managedfolders/{folderId}"} {
		if n := routes[api+route]; n != 0 {
			t.Errorf("-generate-config-out sent %d requests to %s: the resource objects of this kind come from its list", n, route)
		}
	}
	for _, route := range []string{"projects", "projects/{projectKey}/datasets", "projects/{projectKey}/managedfolders",
		"projects/{projectKey}/datasets/{datasetName}/data-quality/rules",
		"projects/{projectKey}/recipes", "projects/{projectKey}/scenarios", "projects/{projectKey}/flow/zones",
		"admin/users", "admin/groups", "admin/connections", "admin/code-envs", "admin/global-api-keys", "admin/personal-api-keys"} {
		if routes[api+route] != listRoutes[api+route] || routes[api+route] == 0 {
			t.Errorf("%s: -generate-config-out sent %d requests, the identity-only query %d: the lists are the same", route, routes[api+route], listRoutes[api+route])
		}
	}

	// The adoption guide gives these figures: keep it true.
	identityOnly := requestsBefore.Requests - listBefore.Requests
	guide, err := os.ReadFile(filepath.Join(acctest.RepoRoot(t), "templates", "guides", "adopt.md.tmpl"))
	acctest.MustDo(t, err)
	figures := fmt.Sprintf("(every listable kind, %d objects) measured %d requests for `terraform query` and %d for `terraform query -generate-config-out`", imports, identityOnly, requests)
	if !strings.Contains(string(guide), figures) {
		t.Errorf("templates/guides/adopt.md.tmpl does not give the figures measured here: %q", figures)
	}

	applyGeneratedImports(t, c, dir, generated, imports, before)

	// A list over a project the key cannot read: DSS's error, under the
	// list block's address, and no configuration.
	private := acctest.ProjectKey("QUERYP")
	adoptProject(t, c, ctx, private)
	acctest.MustDo(t, c.CreateManagedDataset(ctx, private, "secret", "filesystem_managed"))
	key = private
	bobDir := acctest.NewTerraformDir(t, map[string]string{
		"main.tf":            acctest.CliRequiredProviders + "\nprovider \"dataiku\" {}\n",
		"theirs.tfquery.hcl": testListConfig("dataiku_dataset", "theirs", false, fmt.Sprintf("    project_key = %q", key)),
	})
	out, err = acctest.RunTerraform(t, bobDir, []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.BobKey}, "query", "-no-color")
	want := regexp.MustCompile(`(?s)Error: Cannot list dataiku_dataset: cannot read the datasets of project ` + key + `.*with list\.dataiku_dataset\.theirs.*403`)
	if err == nil || !want.MatchString(out) {
		t.Errorf("a list over a project bob cannot read: want an error matching %s, got (err %v):\n%s", want, err, out)
	}
}
