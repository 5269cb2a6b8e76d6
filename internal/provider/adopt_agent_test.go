package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// dss-adopt adopts a visual agent with an LLM and a tool held as
// PROJECT.id, and a plugin agent: the adopting apply imports them as they
// are, and the next plan is empty.
func TestAdoptAgent(t *testing.T) {
	setup := acctest.CliSetup(t)
	const adminKey = "adopt-agent-admin-key-5c81e2"
	run, c := startAdoptEmulator(t, emulator.Options{AdminKey: adminKey})
	ctx := context.Background()
	const key = "SUPPORT"
	if err := c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: key, Name: "Support", Owner: emulator.AdminLogin}, ""); err != nil {
		t.Fatal(err)
	}
	helper, err := c.CreateAgent(ctx, key, "helper", dss.AgentTypeToolsUsing, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateAgent(ctx, key, "triage", dss.AgentTypePlugin, "my-plugin_triage"); err != nil {
		t.Fatal(err)
	}
	doc := dss.AgentDoc(key, helper)
	d, err := doc.Get(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	v := d.ActiveVersionSettings()
	v.ToolsUsing.LLMID = "openai:conn:gpt-4o"
	*v.ToolsUsing.Tools = []dss.AgentTool{{ToolRef: key + ".search1", AdditionalDescription: "the FAQ"}}
	if err := doc.Put(ctx, c, d); err != nil {
		t.Fatal(err)
	}

	env := adoptEnvironment(t, setup, run.URL(), adminKey)
	secrets := acctest.KeyForms(adminKey)
	dir := t.TempDir()
	code, stdout, stderr := adoptRun(t, "--out", dir, "--kinds", "project,agent", "--projects", key)
	if code != 0 {
		t.Fatalf("adopt: exit %d\n%s\n%s", code, stdout, acctest.MaskSecrets(stderr, secrets))
	}
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"openai:conn:gpt-4o"`, `"SUPPORT.search1"`, `"my-plugin_triage"`} {
		if !strings.Contains(string(generated), want) {
			t.Errorf("generated.tf does not hold %s:\n%s", want, generated)
		}
	}
	out := acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, "3 imported, 0 added, 0 changed, 0 destroyed") {
		t.Errorf("the adopting apply did not import the project and the two agents as they are:\n%s", acctest.Tail(out, 4000))
	}
	requireAdoptedPlanEmpty(t, dir, env, secrets)
}
