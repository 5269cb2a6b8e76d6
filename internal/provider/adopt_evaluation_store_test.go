package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// dss-adopt adopts evaluation stores of every flavor (an AGENT one, which
// DSS's default list leaves out, with settings the provider does not
// model) and a flow zone holding one, whose item becomes a reference to
// the adopted store: the adopting apply imports them as they are, and the
// next plan is empty.
func TestAdoptEvaluationStore(t *testing.T) {
	setup := acctest.CliSetup(t)
	const adminKey = "adopt-evalstore-admin-key-7d20c4"
	run, c := startAdoptEmulator(t, emulator.Options{AdminKey: adminKey})
	ctx := context.Background()
	const key = "EVALS"
	if err := c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: key, Name: "Evaluations", Owner: emulator.AdminLogin}, ""); err != nil {
		t.Fatal(err)
	}
	drift, err := c.CreateEvaluationStore(ctx, key, "churn drift", dss.EvaluationStoreTabular)
	if err != nil {
		t.Fatal(err)
	}
	agent, err := c.CreateEvaluationStore(ctx, key, "helper evals", dss.EvaluationStoreAgent)
	if err != nil {
		t.Fatal(err)
	}
	doc := dss.EvaluationStoreDoc(key, agent)
	d, err := doc.Get(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	d.Extra["metricsChecks"] = []byte(`{"runOnBuild": true, "checks": []}`)
	d.Tags = []string{"genai"}
	if err := doc.Put(ctx, c, d); err != nil {
		t.Fatal(err)
	}
	zone, err := c.CreateFlowZone(ctx, key, "Evaluation", dss.DefaultZoneColor)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.MoveToFlowZone(ctx, key, zone.ID, []dss.ZoneItem{{ObjectType: "MODEL_EVALUATION_STORE", ObjectID: drift}}); err != nil {
		t.Fatal(err)
	}

	env := adoptEnvironment(t, setup, run.URL(), adminKey)
	secrets := acctest.KeyForms(adminKey)
	dir := t.TempDir()
	code, stdout, stderr := adoptRun(t, "--out", dir, "--kinds", "project,evaluation_store,flow_zone", "--projects", key)
	if code != 0 {
		t.Fatalf("adopt: exit %d\n%s\n%s", code, stdout, acctest.MaskSecrets(stderr, secrets))
	}
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"AGENT"`, `"genai"`} {
		if !strings.Contains(string(generated), want) {
			t.Errorf("generated.tf does not hold %s:\n%s", want, generated)
		}
	}
	if !regexp.MustCompile(`type\s*=\s*"MODEL_EVALUATION_STORE"`).Match(generated) || !regexp.MustCompile(`id\s*=\s*dataiku_evaluation_store\.\w+\.id`).Match(generated) ||
		strings.Contains(string(generated), `"`+drift+`"`) {
		t.Errorf("the zone's item is not a reference to the adopted store %s:\n%s", drift, generated)
	}
	out := acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, "4 imported, 0 added, 0 changed, 0 destroyed") {
		t.Errorf("the adopting apply did not import the project, the two stores and the zone as they are:\n%s", acctest.Tail(out, 4000))
	}
	requireAdoptedPlanEmpty(t, dir, env, secrets)
}
