package provider_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// dss-adopt adopts a visual agent with an LLM and a tool held as
// PROJECT.id, and a plugin agent: the adopting apply imports them as they
// are, and the next plan is empty.
func TestAdoptAgent(t *testing.T) {
	site := startAdoptSite(t, emulator.Options{AdminKey: "adopt-agent-admin-key-5c81e2"})
	c, ctx := site.c, context.Background()
	const key = "SUPPORT"
	site.createProject(ctx, t, key, "Support")
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

	adopted := site.adopt(t, nil, "--kinds", "project,agent", "--projects", key)
	generated := adopted.file(t, "generated.tf")
	for _, want := range []string{`"openai:conn:gpt-4o"`, `"SUPPORT.search1"`, `"my-plugin_triage"`} {
		if !strings.Contains(string(generated), want) {
			t.Errorf("generated.tf does not hold %s:\n%s", want, generated)
		}
	}
	adopted.apply(t, "3 imported, 0 added, 0 changed, 0 destroyed",
		"the adopting apply did not import the project and the two agents as they are")
	adopted.requirePlanEmpty(t)
}
