package provider_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// dss-adopt adopts a bank search tool, a plugin's tool and a visual agent
// using both: the tool's bank (held as PROJECT.id) becomes a reference to
// the adopted bank, the agent's tool refs (one bare, one PROJECT.id)
// references to the adopted tools; the adopting apply imports them as
// they are, and the next plan is empty.
func TestAdoptAgentTool(t *testing.T) {
	site := startAdoptSite(t, emulator.Options{AdminKey: "adopt-agent-tool-admin-key-4b27d9"})
	c, ctx := site.c, context.Background()
	const key = "TOOLS"
	site.createProject(ctx, t, key, "Tools")
	bank, err := c.CreateKnowledgeBank(ctx, &dss.KnowledgeBank{ProjectKey: key, Name: "faq", VectorStoreType: "CHROMA"})
	if err != nil {
		t.Fatal(err)
	}
	search, err := c.CreateAgentTool(ctx, key, dss.AgentToolTypeVectorStoreSearch, "search", "", key+"."+bank)
	if err != nil {
		t.Fatal(err)
	}
	lookup, err := c.CreateAgentTool(ctx, key, "Custom_my-plugin_lookup", "lookup", "lookupTool", "")
	if err != nil {
		t.Fatal(err)
	}
	helper, err := c.CreateAgent(ctx, key, "helper", dss.AgentTypeToolsUsing, "")
	if err != nil {
		t.Fatal(err)
	}
	doc := dss.AgentDoc(key, helper)
	d, err := doc.Get(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	*d.ActiveVersionSettings().ToolsUsing.Tools = []dss.AgentTool{{ToolRef: search, AdditionalDescription: "the FAQ"}, {ToolRef: key + "." + lookup}, {ToolRef: "OTHER.elsewhere"}}
	if err := doc.Put(ctx, c, d); err != nil {
		t.Fatal(err)
	}

	adopted := site.adopt(t, nil, "--kinds", "project,knowledge_bank,agent_tool,agent", "--projects", key)
	generated := adopted.file(t, "generated.tf")
	for _, want := range []string{
		`knowledge_bank_id\s*=\s*dataiku_knowledge_bank\.tools_faq\.id`,
		`tool_ref\s*=\s*dataiku_agent_tool\.tools_search\.id`,
		`tool_ref\s*=\s*dataiku_agent_tool\.tools_lookup\.id`,
		`tool_ref\s*=\s*"OTHER\.elsewhere"`,
		`type\s*=\s*"Custom_my-plugin_lookup"`,
	} {
		if !regexp.MustCompile(want).Match(generated) {
			t.Errorf("generated.tf does not match %s:\n%s", want, generated)
		}
	}
	adopted.apply(t, "5 imported, 0 added, 0 changed, 0 destroyed",
		"the adopting apply did not import the project, the bank, the two tools and the agent as they are")
	adopted.requirePlanEmpty(t)
}
