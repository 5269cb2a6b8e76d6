package project_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The fault matrix for dataiku_recipe: the recipe's own creation POST
// meets a lost answer, and the next apply converges to exactly one recipe
// holding the configuration, with an empty plan. Its read, update and
// delete are the kit's (one GET, SyncDocument, the address's DELETE),
// whose faults are tested once in kit/ (TestKitFaultsOnGenericCalls).

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
	acctest.Parallel(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	const routeCreateRecipe = "POST /public/api/projects/{projectKey}/recipes"
	v1 := "print(1)" // the script
	type op = acctest.FaultOp[string]
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[string]{
		What:        "recipe",
		Name:        func(i int) string { return acctest.ProjectKey(fmt.Sprintf("FLTR%02d", i)) },
		RandomNames: true,
		ClearError:  faultRecipeClearError,
		Prepare:     func(t *testing.T, key string) { testAccRecipeProject(t, key, "src", "dst") },
		HCL:         func(key string, script *string) string { return faultRecipeHCL(key, *script) },
		Holds: func(t *testing.T, key, _ string, script *string) {
			recipes, err := acctest.Client(t).ListRecipes(acctest.Ctx(t), key)
			if err != nil {
				t.Fatal(err)
			}
			if acctest.OneOrNone(t, "recipes of "+key, recipes, script != nil) {
				if s := testRecipeSettings(t, key, "compute_dst"); s.PayloadString() != *script {
					t.Errorf("script in DSS %q, want %q", s.PayloadString(), *script)
				}
			}
		},
	}, []acctest.FaultRow[string]{
		{Call: acctest.FaultCall{Name: "create recipe", Method: "POST", Path: `/projects/%s/recipes$`}, Fault: acctest.Fault502After, Op: op{Target: &v1, Creates: []string{routeCreateRecipe}}, MayFail: false},
	})
}

// TestAccRecipeRefreshCost counts the requests one refresh of a recipe
// makes.
func TestAccRecipeRefreshCost(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_RCCOST")
	testAccRecipeProject(t, key, "src", "dst")
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": acctest.CliRequiredProviders + acctest.FaultProvider{}.HCL() + faultRecipeHCL(key, "print(1)")})
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	t.Cleanup(func() { _, _ = acctest.RunTerraform(t, dir, env, "destroy", "-auto-approve", "-no-color") })
	before := em.Server.Stats().ByRoute
	acctest.MustTerraform(t, dir, env, nil, "apply", "-auto-approve", "-no-color")
	mid := em.Server.Stats().ByRoute
	acctest.MustTerraform(t, dir, env, nil, "plan", "-refresh-only", "-no-color")
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
