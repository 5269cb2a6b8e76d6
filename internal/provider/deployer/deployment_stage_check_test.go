package deployer_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A deployment to an infrastructure whose stage the deployer no longer
// has is refused at plan time; one to an infrastructure of a current
// stage, existing or planned in the same apply, is not.
func TestAccProjectDeployment_infraOfAnotherStage(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	rn := acctest.RequireEmulator(t)
	c := acctest.Client(t)
	key := acctest.ProjectKey("ACC_DEPSTAGE")
	for id, stage := range map[string]string{"legacy-stage": "Test", "prod-stage": "Production"} {
		if err := c.CreateInfra(acctest.Ctx(t), id, stage, ""); err != nil {
			t.Fatal(err)
		}
	}
	// An administrator removes the Test stage from the deployer's
	// settings; DSS keeps the infrastructure of that stage.
	if err := rn.Server.SetDeployerStages([]string{"Development", "Production"}); err != nil {
		t.Fatal(err)
	}
	cfg := func(infra string) string {
		return fmt.Sprintf(`
resource "dataiku_project_deployer_infra" "planned" {
  id                  = "planned-stage"
  stage               = "Production"
  automation_node_url = "http://127.0.0.1:1"
  api_key_wo          = "k"
  api_key_wo_version  = 1
}

resource "dataiku_project_deployment" "d" {
  deployment_id         = "stage-d"
  published_project_key = %q
  infra_id              = %s
  bundle_id             = "v1"
}
`, key, infra)
	}
	acctest.Case(t, nil, []resource.TestStep{
		{Config: cfg(`"legacy-stage"`), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)infra_id: infrastructure "legacy-stage" has stage "Test",\s+which\s+is\s+not\s+a\s+stage\s+of\s+the\s+Project\s+Deployer`)},
		{Config: cfg(`"prod-stage"`), PlanOnly: true, ExpectNonEmptyPlan: true},
		{Config: cfg(`dataiku_project_deployer_infra.planned.id`), PlanOnly: true, ExpectNonEmptyPlan: true},
	})
}
