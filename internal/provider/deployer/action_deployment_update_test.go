package deployer_test

import (
	"fmt"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The action deploys again: a change made by hand on the automation node
// (the project's standard variables) is undone by the bundle's; an
// unknown deployment fails with DSS's message.
func TestAccActionProjectDeploymentUpdateInvoke(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireActionsTerraform(t)
	key, dep, auto := testDeployedOutside(t, "ACT_DEPUP")
	vars := dss.Path("projects", key, "variables")
	if err := auto.Put(acctest.Ctx(t), vars, nil, map[string]any{"standard": map[string]any{"hand": "made"}, "local": map[string]any{}}, nil); err != nil {
		t.Fatal(err)
	}
	hcl := func(id string) string {
		return fmt.Sprintf("action \"dataiku_project_deployment_update\" \"up\" {\n  config {\n    deployment_id = %q\n  }\n}\n", id)
	}
	acctest.InvokeAction(t, hcl(dep), "dataiku_project_deployment_update.up", true, "update", "Deployment "+dep+": bundle b2 deployed, health HEALTHY")
	var got struct {
		Standard map[string]any `json:"standard"`
	}
	if err := auto.Get(acctest.Ctx(t), vars, nil, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Standard) != 0 {
		t.Errorf("the automation node's standard variables after the update: %v, want the bundle's (none)", got.Standard)
	}
	acctest.InvokeAction(t, hcl("nope"), "dataiku_project_deployment_update.up", false, "unknown deployment",
		"cannot update deployment nope", "Deployment nope does not exist")
}
