package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// The fault matrix for dataiku_recipe: each DSS call the recipe makes meets
// a failure, and the next apply converges to exactly one recipe holding the
// configuration, with an empty plan.

var faultRecipeClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_recipe "[A-Za-z0-9_.]+"`)

func faultRecipeHCL(prov faultProvider, key, script string) string {
	cfg := cliRequiredProviders + prov.hcl()
	if script == "" {
		return cfg
	}
	return cfg + fmt.Sprintf(`
resource "dataiku_recipe" "r" {
  project_key = %q
  name        = "compute_dst"
  type        = "python"
  inputs      = { main = [{ ref = "src" }] }
  outputs     = { main = [{ ref = "dst" }] }
  script      = %q
}
`, key, script)
}

func TestAccFaultsRecipeConverge(t *testing.T) {
	testAccPreCheck(t)
	em := requireEmulator(t)
	const routeCreateRecipe = "POST /public/api/projects/{projectKey}/recipes"
	type op struct {
		setup, target string // scripts; "" = no recipe
		creates       []string
	}
	cases := []struct {
		name, method, path string
		fault              faultKind
		op                 op
	}{
		{"create recipe", "POST", `/projects/%s/recipes$`, fault502After, op{target: "print(1)", creates: []string{routeCreateRecipe}}},
		{"read recipe", "GET", `/projects/%s/recipes/compute_dst$`, fault502, op{setup: "print(1)", target: "print(1)"}},
		{"update recipe", "PUT", `/projects/%s/recipes/compute_dst$`, fault503, op{setup: "print(1)", target: "print(2)"}},
		{"delete recipe", "DELETE", `/projects/%s/recipes/compute_dst$`, faultDropAfter, op{setup: "print(1)"}},
	}
	env := []string{"DATAIKU_HOST=" + testHost, "DATAIKU_API_KEY=" + testAPIKey}
	secrets := keyForms(testAPIKey)
	start := time.Now()
	for i, tc := range cases {
		key := testProjectKey(fmt.Sprintf("FLTR%02d", i))
		t.Run(fmt.Sprintf("%s/%s", tc.name, tc.fault.name), func(t *testing.T) {
			defer em.Server.ClearFaults()
			testAccRecipeProject(t, key, "src", "dst")
			dir := newTerraformDir(t, nil)
			write := func(script string, prov faultProvider) {
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(faultRecipeHCL(prov, key, script)), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if tc.op.setup != "" {
				write(tc.op.setup, faultProvider{})
				mustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
			}
			rule := tc.fault.rule
			rule.Method, rule.PathRegex = tc.method, fmt.Sprintf(tc.path, key)
			runFaultCase(t, em, dir, env, secrets, faultCase{rule: rule, prov: tc.fault.prov, creates: tc.op.creates,
				clearError: faultRecipeClearError, write: func(prov faultProvider) { write(tc.op.target, prov) }})
			recipes, err := testClient(t).ListRecipes(testCtx(t), key)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if tc.op.target != "" {
				want = 1
				if s := testRecipeSettings(t, key, "compute_dst"); s.PayloadString() != tc.op.target {
					t.Errorf("script in DSS %q, want %q", s.PayloadString(), tc.op.target)
				}
			}
			if len(recipes) != want {
				t.Errorf("recipes in DSS: %d, want %d", len(recipes), want)
			}
		})
	}
	t.Logf("recipe faults injected: %d; converged: %t; wall time %s", len(cases), !t.Failed(), time.Since(start).Round(time.Second))
}

// TestAccRecipeRefreshCost counts the requests one refresh of a recipe
// makes.
func TestAccRecipeRefreshCost(t *testing.T) {
	testAccPreCheck(t)
	em := requireEmulator(t)
	key := testProjectKey("ACC_RCCOST")
	testAccRecipeProject(t, key, "src", "dst")
	dir := newTerraformDir(t, map[string]string{"main.tf": faultRecipeHCL(faultProvider{}, key, "print(1)")})
	env := []string{"DATAIKU_HOST=" + testHost, "DATAIKU_API_KEY=" + testAPIKey}
	t.Cleanup(func() { _, _ = runTerraform(t, dir, env, "destroy", "-auto-approve", "-no-color") })
	before := em.Server.Stats().ByRoute
	mustTerraform(t, dir, env, nil, "apply", "-auto-approve", "-no-color")
	mid := em.Server.Stats().ByRoute
	mustTerraform(t, dir, env, nil, "plan", "-refresh-only", "-no-color")
	after := em.Server.Stats().ByRoute
	diff := func(a, b map[string]int64) map[string]int64 {
		out := map[string]int64{}
		for route, n := range b {
			if d := n - a[route]; d > 0 {
				out[route] = d
			}
		}
		return out
	}
	refresh := diff(mid, after)
	t.Logf("create: %v", diff(before, mid))
	t.Logf("refresh: %v", refresh)
	if refresh["GET /public/api/projects/{projectKey}/recipes/{recipeName}"] != 1 {
		t.Errorf("a refresh should read the recipe once: %v", refresh)
	}
}
