package project_test

import (
	"context"
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

// testReorderedStepsConfig is a scenario with two named steps of
// different types, each writing params keys of its own.
func testReorderedStepsConfig(key string) string {
	return fmt.Sprintf(`
resource "dataiku_scenario" "test" {
  project_key = %q
  name        = "Nightly build"
  type        = "step_based"
  triggers    = []
  steps = [
    {
      type   = "build_flowitem"
      name   = "Build orders"
      params = jsonencode({ builds = [{ type = "DATASET", itemId = "orders", partitionsSpec = "" }], jobType = "RECURSIVE_BUILD" })
    },
    {
      type   = "check_dataset"
      name   = "Check orders"
      params = jsonencode({ checks = [{ type = "DATASET", itemId = "orders", partitionsSpec = "" }], proceedOnFailure = true })
    },
  ]
}
`, key)
}

// expectRefreshedSteps checks the refreshed state the plan starts from
// (its "before"): its steps, in DSS's order, are of types and carry
// params equal to want.
type expectRefreshedSteps struct {
	addr  string
	types []string
	want  []string // params, JSON
}

func (e expectRefreshedSteps) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		steps, _ := before["steps"].([]any)
		if len(steps) != len(e.types) {
			resp.Error = fmt.Errorf("the refreshed state has %d steps, want %d", len(steps), len(e.types))
			return
		}
		var problems []string
		for i, s := range steps {
			m, _ := s.(map[string]any)
			if m["type"] != e.types[i] {
				problems = append(problems, fmt.Sprintf("steps[%d].type %v, want %s", i, m["type"], e.types[i]))
			}
			p, _ := m["params"].(string)
			got, errGot := kit.DecodeJSONObjectText(p)
			want, errWant := kit.DecodeJSONObjectText(e.want[i])
			if errGot != nil || errWant != nil || got == nil || !kit.JSONEqual(got, want) {
				problems = append(problems, fmt.Sprintf("steps[%d].params %q, want %s", i, p, e.want[i]))
			}
		}
		if len(problems) > 0 {
			resp.Error = fmt.Errorf("%s: the refreshed steps do not carry their own params:\n%s", e.addr, strings.Join(problems, "\n"))
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in the plan", e.addr)
}

// TestAccScenario_stepsReorderedOutside: two steps swapped in DSS's UI
// (a raw settings edit) read back each with its own params, not cut to the
// keys of the step that was at its place (a check_dataset step read
// against a build_flowitem prior had null params): the refreshed state is
// what DSS holds. The apply puts the configured order back, each step
// keeping the id DSS gave it.
func TestAccScenario_stepsReorderedOutside(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCREORD")
	testScenarioProject(t, key)
	var id string
	ids := map[string]string{} // step type -> DSS's id
	buildParams := `{"builds":[{"type":"DATASET","itemId":"orders","partitionsSpec":""}],"jobType":"RECURSIVE_BUILD"}`
	checkParams := `{"checks":[{"type":"DATASET","itemId":"orders","partitionsSpec":""}],"proceedOnFailure":true}`
	expectOrder := func(types ...string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			steps := testRawSteps(t, key, id)
			if len(steps) != len(types) {
				return fmt.Errorf("DSS holds %d steps, want %d", len(steps), len(types))
			}
			for i, s := range steps {
				if s["type"] != types[i] || s["id"] != ids[types[i]] {
					return fmt.Errorf("DSS's step %d is %v %v, want %s %s", i, s["type"], s["id"], types[i], ids[types[i]])
				}
			}
			return nil
		}
	}
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		{
			Config: testReorderedStepsConfig(key),
			Check: func(s *terraform.State) error {
				id = s.RootModule().Resources[testScenarioAddr].Primary.Attributes["id"]
				for _, st := range testRawSteps(t, key, id) {
					ids[st["type"].(string)], _ = st["id"].(string)
				}
				if ids["build_flowitem"] == "" || ids["check_dataset"] == "" {
					return fmt.Errorf("DSS's steps have no ids: %v", ids)
				}
				return nil
			},
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.ScenarioDoc(key, id).Path(), func(m map[string]any) {
					params, _ := m["params"].(map[string]any)
					steps, _ := params["steps"].([]any)
					steps[0], steps[1] = steps[1], steps[0]
				})
			},
			Config: testReorderedStepsConfig(key),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				expectRefreshedSteps{addr: testScenarioAddr, types: []string{"check_dataset", "build_flowitem"}, want: []string{checkParams, buildParams}},
				plancheck.ExpectResourceAction(testScenarioAddr, plancheck.ResourceActionUpdate),
			}},
			Check: expectOrder("build_flowitem", "check_dataset"),
		}),
	})
}
