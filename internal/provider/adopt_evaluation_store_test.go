package provider_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// dss-adopt adopts evaluation stores of every flavor (an AGENT one, which
// DSS's default list leaves out, with settings the provider does not
// model) and a flow zone holding one, whose item becomes a reference to
// the adopted store: the adopting apply imports them as they are, and the
// next plan is empty.
func TestAdoptEvaluationStore(t *testing.T) {
	site := startAdoptSite(t, emulator.Options{AdminKey: "adopt-evalstore-admin-key-7d20c4"})
	c, ctx := site.c, context.Background()
	const key = "EVALS"
	site.createProject(ctx, t, key, "Evaluations")
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

	adopted := site.adopt(t, nil, "--kinds", "project,evaluation_store,flow_zone", "--projects", key)
	generated := adopted.file(t, "generated.tf")
	for _, want := range []string{`"AGENT"`, `"genai"`} {
		if !strings.Contains(string(generated), want) {
			t.Errorf("generated.tf does not hold %s:\n%s", want, generated)
		}
	}
	if !regexp.MustCompile(`type\s*=\s*"MODEL_EVALUATION_STORE"`).Match(generated) || !regexp.MustCompile(`id\s*=\s*dataiku_evaluation_store\.\w+\.id`).Match(generated) ||
		strings.Contains(string(generated), `"`+drift+`"`) {
		t.Errorf("the zone's item is not a reference to the adopted store %s:\n%s", drift, generated)
	}
	adopted.apply(t, "4 imported, 0 added, 0 changed, 0 destroyed",
		"the adopting apply did not import the project, the two stores and the zone as they are")
	adopted.requirePlanEmpty(t)
}
