package project_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// Bad input for dataiku_recipe, refused at plan time with the attribute
// and the rule (the table helpers of bad_input_test.go).

const badRecipeBase = "  project_key = \"BADIN\"\n  name = \"ok_recipe\"\n  type = \"python\"\n  outputs = { main = [{ ref = \"out\" }] }\n"

var badRecipe = acctest.BadCaseOf("dataiku_recipe", badRecipeBase)

func badInputRecipeCases() []acctest.BadInputCase {
	// Names follow DSS's rule (internal/dss/names): a dot, a slash or a
	// blank is refused; spaces, hyphens and length are DSS's to judge.
	return []acctest.BadInputCase{
		badRecipe("name", `name = "compute.clean"`, regexp.QuoteMeta(project.RecipeNameRule)),
		badRecipe("name", `name = "compute/clean"`, regexp.QuoteMeta(project.RecipeNameRule)),
		badRecipe("name", `name = "  "`, regexp.QuoteMeta(project.RecipeNameRule)),
		badRecipe("name", `name = ""`, regexp.QuoteMeta(project.RecipeNameRule)),
		badRecipe("project_key", `project_key = "bad key"`, regexp.QuoteMeta(kit.ProjectKeyRule)),
		badRecipe("type", `type = ""`, `length must be at least 1`),
		{Resource: "dataiku_recipe", Attr: "script", Body: strings.Replace(badRecipeBase, `"python"`, `"join"`, 1) + "  script = \"print(1)\"\n",
			Rule: `script is for code recipes; a "join" recipe is visual`, Quoted: false},
		{Resource: "dataiku_recipe", Attr: "script", Body: strings.Replace(badRecipeBase, `"python"`, `"sync"`, 1) + "  script = \"SELECT 1\"\n",
			Rule: `script is for code recipes; a "sync" recipe is visual`, Quoted: false},
		badRecipe("payload", `payload = jsonencode({ joins = [] })`, `payload is for visual recipes; a "python" recipe is code`),
		badRecipe("payload", `payload = jsonencode(["a"])`, `must be a JSON object`),
		badRecipe("params", `params = jsonencode("x")`, acctest.HCLNotObject),
		badRecipe("outputs", `outputs = { main = [{ ref = "out" }, { ref = "out" }] }`, `output "out" is already listed`),
		badRecipe("outputs", `outputs = { main = [{ ref = "out" }], other = [{ ref = "out" }] }`, `output "out" is already listed`),
		badRecipe("outputs", `outputs = { main = [{ ref = "a.b.c" }] }`, regexp.QuoteMeta(project.RecipeRefRule)),
		badRecipe("outputs", `outputs = { main = [{ ref = "out", append = "sometimes" }] }`, `append must be true or false`),
		badRecipe("outputs", `outputs = { main = [{ name = "out" }] }`, `each item needs ref`),
		badRecipe("inputs", `inputs = { main = [{ ref = "in", append = true }] }`, `an item has ref only; "append" is not one of them`),
		badRecipe("inputs", `inputs = { main = [{ ref = "in/put" }] }`, regexp.QuoteMeta(project.RecipeRefRule)),
		badRecipe("inputs", `inputs = { main = ["in"] }`, `map of string required|incorrect`),
		badRecipe("script", `script = ""`, `length must be at least 1`),
		// DSS compares recipe types case-exactly (issue 26 point 3).
		badRecipe("type", `type = "Python"`, `DSS spells this recipe type "python", not "Python".*Write "python"`),
		badRecipe("type", `type = "SQL_QUERY"`, `Write "sql_query"`),
		{Resource: "dataiku_recipe", Attr: "type", Body: strings.Replace(badRecipeBase, `"python"`, `"Join"`, 1), Rule: `Write "join"`, Quoted: false},
	}
}

func TestAccBadInputRecipeRefusedAtPlan(t *testing.T) {
	acctest.Parallel(t)
	acctest.AssertRefusedAtPlan(t, badInputRecipeCases(), "r")
}
