package provider

import (
	"fmt"
	"regexp"
	"testing"
)

// The fault matrix for dataiku_recipe: each DSS call the recipe makes meets
// a failure, and the next apply converges to exactly one recipe holding the
// configuration, with an empty plan.

var faultRecipeClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_recipe "[A-Za-z0-9_.]+"`)

func faultRecipeHCL(key, script string) string {
	return fmt.Sprintf(`
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
	testAccParallel(t)
	testAccPreCheck(t)
	requireEmulator(t)
	const routeCreateRecipe = "POST /public/api/projects/{projectKey}/recipes"
	v1, v2 := "print(1)", "print(2)" // the scripts
	type op = faultOp[string]
	runFaultMatrix(t, faultMatrix[string]{
		what:        "recipe",
		name:        func(i int) string { return testProjectKey(fmt.Sprintf("FLTR%02d", i)) },
		randomNames: true,
		clearError:  faultRecipeClearError,
		prepare:     func(t *testing.T, key string) { testAccRecipeProject(t, key, "src", "dst") },
		hcl:         func(key string, script *string) string { return faultRecipeHCL(key, *script) },
		holds: func(t *testing.T, key, _ string, script *string) {
			recipes, err := testClient(t).ListRecipes(testCtx(t), key)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if script != nil {
				want = 1
				if s := testRecipeSettings(t, key, "compute_dst"); s.PayloadString() != *script {
					t.Errorf("script in DSS %q, want %q", s.PayloadString(), *script)
				}
			}
			if len(recipes) != want {
				t.Errorf("recipes in DSS: %d, want %d", len(recipes), want)
			}
		},
	}, []faultRow[string]{
		{faultCall{"create recipe", "POST", `/projects/%s/recipes$`}, fault502After, op{target: &v1, creates: []string{routeCreateRecipe}}, false},
		{faultCall{"read recipe", "GET", `/projects/%s/recipes/compute_dst$`}, fault502, op{setup: &v1, target: &v1}, false},
		{faultCall{"update recipe", "PUT", `/projects/%s/recipes/compute_dst$`}, fault503, op{setup: &v1, target: &v2}, false},
		{faultCall{"delete recipe", "DELETE", `/projects/%s/recipes/compute_dst$`}, faultDropAfter, op{setup: &v1}, false},
	})
}

// TestAccRecipeRefreshCost counts the requests one refresh of a recipe
// makes.
func TestAccRecipeRefreshCost(t *testing.T) {
	testAccParallel(t)
	testAccPreCheck(t)
	em := requireEmulator(t)
	key := testProjectKey("ACC_RCCOST")
	testAccRecipeProject(t, key, "src", "dst")
	dir := newTerraformDir(t, map[string]string{"main.tf": cliRequiredProviders + faultProvider{}.hcl() + faultRecipeHCL(key, "print(1)")})
	env := []string{"DATAIKU_HOST=" + testHost(t), "DATAIKU_API_KEY=" + testAPIKey}
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
