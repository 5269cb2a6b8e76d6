package project_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// A visual recipe whose params and payload DSS prints Java-style (and
// whose payload DSS lays out its own way): a change of params.label
// leaves the payload text as DSS has it, byte for byte, and DSS's text of
// every other number of params; a change of the join type rewrites the
// payload with DSS's text of every number it does not change.
func TestAccRecipe_numberTextKept(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_RCNUM")
	const name = "join_raw_other"
	cfg := func(join, label string) string {
		return testAccRecipeFlow(key, "raw", fmt.Sprintf(`
resource "dataiku_recipe" "test" {
  project_key = dataiku_project.p.project_key
  name        = %q
  type        = "join"
  inputs      = { main = [{ ref = dataiku_dataset.raw.name }, { ref = dataiku_dataset.other.name }] }
  outputs     = { main = [{ ref = dataiku_dataset.joined.name }] }
  payload = jsonencode({
    joins = [{ table1 = 0, table2 = 1, type = %q, conditionsMode = "AND", on = [] }]
    sampling = { ratio = 0.0001, maxRecords = 100000 }
  })
  params = { label = %q, scale = 1000, limits = [60, 0.5] }
}
`, name, join, label))
	}
	const dssPayload = `{
  "joins": [
    {
      "table1": 0,
      "table2": 1,
      "type": "INNER",
      "conditionsMode": "AND",
      "on": []
    }
  ],
  "sampling": {
    "ratio": 1.0E-4,
    "maxRecords": 100000.0
  },
  "virtualInputs": [{"index": 0}, {"index": 1}],
  "postFilter": {"expression": "amount < 0 && qty >= 1"}
}`
	doc := dss.RecipeDoc(key, name)
	payload := func() string {
		s, err := doc.Get(acctest.Ctx(t), acctest.Client(t))
		if err != nil {
			t.Fatal(err)
		}
		return s.PayloadString()
	}
	params := acctest.NumberTextsOf(t, func() any { return acctest.RawDocExact(t, doc.Path())["recipe"].(map[string]any)["params"] })
	payloadNumbers := acctest.NumberTextsOf(t, func() any {
		v, err := kit.DecodeJSONValue(payload())
		if err != nil {
			t.Fatal(err)
		}
		return v
	})
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckRecipesDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{Config: cfg("INNER", "a")},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditOutside(t, doc, func(s *dss.RecipeSettings) {
					p := dssPayload
					s.Payload = &p
					s.Recipe.Params["scale"] = json.Number("1000.0")
					s.Recipe.Params["limits"] = []any{json.Number("60.0"), json.Number("0.50")}
				})
				params.Take()
			},
			Config:           cfg("INNER", "b"),
			ConfigPlanChecks: acctest.Plans(testRecipeAddr, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(params.Kept(), func(*terraform.State) error {
				if got := payload(); got != dssPayload {
					return fmt.Errorf("the payload, not changed, was written again:\n%s", got)
				}
				return nil
			}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        payloadNumbers.Take,
			Config:           cfg("LEFT", "b"),
			ConfigPlanChecks: acctest.Plans(testRecipeAddr, plancheck.ResourceActionUpdate),
			// Rewritten, the text keeps DSS's indent and its < and &
			// unescaped (it had "\u003c0" on one line).
			Check: resource.ComposeAggregateTestCheckFunc(payloadNumbers.Kept(), func(*terraform.State) error {
				if got := payload(); !strings.HasPrefix(got, "{\n  \"") || !strings.Contains(got, `"amount < 0 && qty >= 1"`) {
					return fmt.Errorf("the rewritten payload lost DSS's layout or escaped its text:\n%s", got)
				}
				return nil
			}),
		}),
	})
}
