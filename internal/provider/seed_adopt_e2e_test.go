package provider_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// seedFixtureDir holds the fixture projects, in DSS's git layout.
const seedFixtureDir = "../../testdata/projects"

// seedAdoptFixtureKeys gives a fixture another project key than its
// folder's name: REALWORLD is seeded under a 67-character key, as long as
// one a real DSS created (issue 23, blocker 5).
var seedAdoptFixtureKeys = map[string]string{
	"REALWORLD": "REALWORLD_WITH_A_PROJECT_KEY_OF_SIXTY_SEVEN_CHARACTERS_AS_DSS_MADE1",
}

// seedAdoptExpectedImports are import blocks a fixture's adoption must
// write: CLASSIC's customers_pg holds two data-quality rules in its
// definition's metricsChecks.checks, one of them named "" (real DSS
// documents have both), which dss-adopt must list and adopt.
var seedAdoptExpectedImports = map[string][]string{
	"CLASSIC": {`id = "CLASSIC.customers_pg.rc1"`, `id = "CLASSIC.customers_pg.vs1"`},
}

// seedAdoptFigures are, for each fixture, the objects its adoption imports
// and the requests dss-adopt's listing sends (both as dss-adopt reports
// them): an object a new shape makes dss-adopt skip, or a listing that
// starts to ask once per object, moves them. Every fixture has one.
var seedAdoptFigures = map[string]struct{ imports, listing int }{
	"CLASSIC":   {imports: 70, listing: 70},
	"LEGACY":    {imports: 19, listing: 47},
	"REALWORLD": {imports: 49, listing: 61},
}

// seedAdoptExpectedGenerated are texts a fixture's generated
// configuration must hold (" = " however terraform aligns it): the real
// shapes each fixture is there for, adopted as DSS holds them.
var seedAdoptExpectedGenerated = map[string][]string{
	"CLASSIC": {
		// A join's second output role, beside main.
		"unmatchedRight = [{", "ref = dataiku_dataset.classic_customers_unmatched.name",
		// The visual types, their definition in the payload, UI keys kept.
		`type = "vstack"`, `type = "window"`, `type = "distinct"`, `type = "pivot"`, `type = "topn"`, `type = "sampling"`,
		`type = "merge_folder"`, `type = "list_folder_contents"`, `"$status" = {`, `"$idx" = 0`, `"$selected" = true`,
		// A scenario names the datasets it watches and builds by
		// reference (a folder by its id), so that a rename through
		// Terraform reaches it.
		"datasets = [dataiku_dataset.classic_raw_orders.name]", "itemId = dataiku_dataset.classic_orders_clean.name", "itemId = dataiku_managed_folder.classic_reports.id",
	},
	"REALWORLD": {
		// A zone's knowledge bank by reference.
		"id = dataiku_knowledge_bank.realworld_with_a_project_key_of_sixty_seven_characters_as_dss_made1_policies.id",
	},
	"LEGACY": {
		`starting_from = "2021-11-21T11:48:00.000Z"`, `type = "sql_query"`, "hasLimit = false",
		// erin.audit's flags, not normalised.
		"manage_dashboard_authorizations = true",
		`type = "sql_script"`,
	},
}

// seedAdoptBlocksWithout are, per fixture, resource blocks of the
// generated configuration and the attributes they must not set: an
// empty payload (merge_folder, list_folder_contents) and a missing code
// file (sql_script) are
// adopted as nothing, not as "" or "{}".
var seedAdoptBlocksWithout = map[string]map[string][]string{
	"CLASSIC": {
		`resource "dataiku_recipe" "classic_compute_reports_merged" {`:  {"payload", "script", "params"},
		`resource "dataiku_recipe" "classic_compute_reports_listing" {`: {"payload", "script", "params"},
	},
	"LEGACY": {`resource "dataiku_recipe" "legacy_compute_sales_pg" {`: {"payload", "script"}},
}

// seedAdoptTouch is one change made to an adopted object's generated
// block after the empty plan: line is added to the block of resource
// (type.label), and the apply must be a read-modify-write that changes
// DSS's documents at paths (under /public/api/projects/KEY) in the keys
// of changes only (versionTag aside): the real shapes the object holds
// (no params key on a visual recipe, an empty payload, a trigger's delay,
// a step id with spaces, permission flags as DSS wrote them, no
// permissionsVersion) survive it.
type seedAdoptTouch struct {
	resource, line string
	paths          []string
	changes        []string
}

var seedAdoptTouches = map[string][]seedAdoptTouch{
	"CLASSIC": {
		{resource: "dataiku_recipe.classic_compute_orders_windowed", line: `tags = ["touched"]`, paths: []string{"/recipes/compute_orders_windowed"}, changes: []string{"tags"}},
		{resource: "dataiku_recipe.classic_compute_reports_merged", line: `tags = ["touched"]`, paths: []string{"/recipes/compute_reports_merged"}, changes: []string{"tags"}},
	},
	"LEGACY": {
		{resource: "dataiku_recipe.legacy_compute_sales_pg", line: `tags = ["touched"]`, paths: []string{"/recipes/compute_sales_pg"}, changes: []string{"tags"}},
		{resource: "dataiku_dataset.legacy_sales_raw", line: `tags = ["touched"]`, paths: []string{"/datasets/sales_raw"}, changes: []string{"tags"}},
		{resource: "dataiku_scenario.legacy_monthly_close", line: "active = true", paths: []string{"/scenarios/MONTHLY_CLOSE"}, changes: []string{"active"}},
		{resource: "dataiku_project.legacy", line: `short_description = "touched"`, paths: []string{"/settings", "/permissions"}},
	},
}

// seedAdoptAbsent are texts no generated configuration may hold: the
// params keys DSS maintains itself (CLASSIC's NIGHTLY temporal trigger
// has a lastUpdate), which Terraform would otherwise write back with
// their old value on every change of the trigger.
var seedAdoptAbsent = []string{"lastUpdate"}

// TestSeedAdoptEndToEnd seeds each fixture project into an emulator as a
// user would (--seed-project's option), adopts everything with
// dss-adopt, applies, and checks that the apply imported without writing
// a single request and that the next plan is empty.
func TestSeedAdoptEndToEnd(t *testing.T) {
	ents, err := os.ReadDir(seedFixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	var fixtures []string
	for _, e := range ents {
		if e.IsDir() {
			fixtures = append(fixtures, e.Name())
		}
	}
	if len(fixtures) != len(seedAdoptFigures) {
		t.Fatalf("fixture projects %v, but seedAdoptFigures has %d", fixtures, len(seedAdoptFigures))
	}
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			seedAdoptOne(t, filepath.Join(seedFixtureDir, name), seedAdoptFixtureKeys[name])
		})
	}
}

// seedAdoptOne runs the test over one fixture folder, seeded under key
// ("": the folder's name).
func seedAdoptOne(t *testing.T, fixture, key string) {
	setup := acctest.CliSetup(t)
	const adminKey = "seed-e2e-admin-key-5c1d8e"
	abs, err := filepath.Abs(fixture)
	if err != nil {
		t.Fatal(err)
	}
	spec := abs
	if key != "" {
		spec += emulator.SeedKeySeparator + key
	}
	var seedLog strings.Builder
	run, err := emulator.Start(emulator.Options{
		AdminKey:         adminKey,
		CodeEnvBuildTime: -1,
		SeedProjects:     []string{spec},
		SeedLog:          log.New(&seedLog, "", 0),
	})
	if err != nil {
		t.Fatalf("seeding %s: %v", fixture, err)
	}
	t.Cleanup(run.Close)
	t.Log(seedLog.String())
	secrets := acctest.KeyForms(adminKey)
	if b, err := os.ReadFile(filepath.Join(abs, "apikeys.json")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, ok := strings.CutPrefix(strings.TrimSpace(line), `"key": "`); ok {
				secrets = append(secrets, strings.TrimSuffix(strings.TrimSuffix(k, ","), `"`))
			}
		}
	}

	secrets = append(secrets, reporterSecrets(t, abs)...)

	env := adoptEnvironment(t, setup, run.URL(), adminKey)

	dir := t.TempDir()
	code, stdout, stderr := adoptRun(t, "--out", dir)
	if code != 0 {
		t.Fatalf("dss-adopt: exit %d\n%s\n%s", code, stdout, acctest.MaskSecrets(stderr, secrets))
	}
	t.Log(stdout)
	figures, ok := seedAdoptFigures[filepath.Base(fixture)]
	if !ok {
		t.Fatalf("seedAdoptFigures has no figures for %s", filepath.Base(fixture))
	}
	expectContains(t, "dss-adopt's output", stdout,
		fmt.Sprintf("Plan: %d to import, 0 to add, 0 to change, 0 to destroy.", figures.imports),
		fmt.Sprintf("Listing: %d requests to DSS in ", figures.listing))
	generated := dirText(t, dir)
	expectGenerated(t, []byte(generated), seedAdoptExpectedGenerated[filepath.Base(fixture)]...)
	for header, unset := range seedAdoptBlocksWithout[filepath.Base(fixture)] {
		start := strings.Index(generated, header)
		if start < 0 {
			t.Errorf("the generated configuration lacks %s", header)
			continue
		}
		block, _, _ := strings.Cut(generated[start:], "\n}\n")
		for _, attr := range unset {
			if regexp.MustCompile(`\n\s*` + attr + `\s*=`).MatchString(block) {
				t.Errorf("%s sets %s:\n%s", header, attr, block)
			}
		}
	}
	for _, absent := range seedAdoptAbsent {
		if strings.Contains(generated, absent) {
			t.Errorf("the generated configuration holds %q:\n%s", absent, generated)
		}
	}
	if want := seedAdoptExpectedImports[filepath.Base(fixture)]; len(want) > 0 {
		imports, err := os.ReadFile(filepath.Join(dir, "imports.tf"))
		if err != nil {
			t.Fatal(err)
		}
		expectContains(t, "imports.tf", string(imports), want...)
	}

	before := run.Server.Stats().ByRoute
	out := acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-input=false", "-no-color")
	acctest.AssertNoSecret(t, "terraform apply's output", out, secrets)
	if writes := writeRoutes(before, run.Server.Stats().ByRoute); len(writes) != 0 {
		t.Errorf("the adopting apply wrote to DSS:\n%s", strings.Join(writes, "\n"))
	}
	if !strings.Contains(out, fmt.Sprintf(" %d imported, 0 added, 0 changed, 0 destroyed", figures.imports)) {
		t.Errorf("the adopting apply did more than import:\n%s", acctest.Tail(out, 4000))
	}
	out = requireAdoptedPlanEmpty(t, dir, env, secrets)
	acctest.AssertNoSecret(t, "terraform plan's output", out, secrets)
	acctest.AssertNoSecret(t, "the output directory", dirText(t, dir), secrets)
	if touches := seedAdoptTouches[filepath.Base(fixture)]; len(touches) > 0 {
		seedAdoptTouchAndCheck(t, dir, env, secrets, run.URL(), adminKey, cmp.Or(key, filepath.Base(fixture)), touches)
	}
}

// seedAdoptTouchAndCheck makes the touches to generated.tf, applies, checks
// that each object's documents changed in their touches' keys only, and
// that the next plan is empty.
func seedAdoptTouchAndCheck(t *testing.T, dir string, env, secrets []string, baseURL, adminKey, key string, touches []seedAdoptTouch) {
	t.Helper()
	get := func(path string) map[string]any {
		t.Helper()
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, baseURL+"/public/api/projects/"+key+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.SetBasicAuth(adminKey, "")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var doc map[string]any
		if err := json.NewDecoder(res.Body).Decode(&doc); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %v", path, res.StatusCode, err)
		}
		// A recipe's settings: the recipe's keys and its payload side by side.
		if recipe, ok := doc["recipe"].(map[string]any); ok {
			recipe["payload"] = doc["payload"]
			return recipe
		}
		return doc
	}
	genPath := filepath.Join(dir, "generated.tf")
	b, err := os.ReadFile(genPath)
	if err != nil {
		t.Fatal(err)
	}
	generated := string(b)
	before := map[string]map[string]any{}
	for _, tc := range touches {
		typ, label, _ := strings.Cut(tc.resource, ".")
		header := fmt.Sprintf("resource %q %q {\n", typ, label)
		if !strings.Contains(generated, header) {
			t.Fatalf("generated.tf lacks %s", header)
		}
		generated = strings.Replace(generated, header, header+"  "+tc.line+"\n", 1)
		for _, p := range tc.paths {
			before[p] = get(p)
		}
	}
	if err := os.WriteFile(genPath, []byte(generated), 0o600); err != nil {
		t.Fatal(err)
	}
	out := acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-input=false", "-no-color")
	if want := fmt.Sprintf("0 added, %d changed, 0 destroyed", len(touches)); !strings.Contains(out, want) {
		t.Errorf("the touching apply did not change %d objects:\n%s", len(touches), acctest.Tail(out, 4000))
	}
	for _, tc := range touches {
		for _, p := range tc.paths {
			after := get(p)
			changed := []string{}
			for k := range mergedKeys(before[p], after) {
				if k != "versionTag" && !kit.JSONEqual(before[p][k], after[k]) {
					changed = append(changed, k)
				}
			}
			sort.Strings(changed)
			want := append([]string{}, tc.changes...)
			sort.Strings(want)
			if !slices.Equal(changed, want) {
				t.Errorf("%s: %s changed in %v, want %v only", tc.resource, p, changed, want)
				for _, k := range changed {
					t.Logf("%s %s: before %v, after %v", p, k, before[p][k], after[k])
				}
			}
		}
	}
	requireAdoptedPlanEmpty(t, dir, env, secrets)
}

// mergedKeys is the set of the keys of a and b.
func mergedKeys(a, b map[string]any) map[string]bool {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	return keys
}

// writeRoutes are the routes other than GET requested between two of the
// emulator's counts by route (before, after), with their counts, sorted.
func writeRoutes(before, after map[string]int64) []string {
	var writes []string
	for route, n := range acctest.RouteDelta(before, after) {
		if !strings.HasPrefix(route, "GET ") {
			writes = append(writes, route+" ×"+itoa(int(n)))
		}
	}
	sort.Strings(writes)
	return writes
}

// reporterSecrets are the credentials the fixture's scenario reporters
// and send_report steps embed (webhook URLs, tokens): dss-real-shapes.md
// asks that they be treated as secrets in logs, and Terraform's output
// is one.
func reporterSecrets(t *testing.T, project string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(project, "scenarios", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if s, ok := e.(string); ok && s != "" && (k == "url" || k == "webhookUrl" || k == "token" || k == "password") {
					out = append(out, s)
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		walk(doc["reporters"])
		if params, ok := doc["params"].(map[string]any); ok {
			walk(params["steps"])
		}
	}
	return out
}
