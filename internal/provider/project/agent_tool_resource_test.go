package project_test

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

const agentToolAddr = "dataiku_agent_tool.test"

// testAgentToolRaw reads an agent tool's settings as DSS holds them.
func testAgentToolRaw(t *testing.T, key, id string) map[string]any {
	t.Helper()
	return acctest.RawDoc(t, dss.AgentToolDoc(key, id).Path())
}

// testAgentToolParams is a raw tool's params.
func testAgentToolParams(d map[string]any) map[string]any {
	p, _ := d["params"].(map[string]any)
	return p
}

// testAgentToolIDs lists the ids of a project's agent tools named name.
func testAgentToolIDs(t *testing.T, key, name string) []string {
	t.Helper()
	tools, err := acctest.Client(t).ListAgentTools(acctest.Ctx(t), key)
	return acctest.IDsNamed(t, tools, err, name, func(a dss.AgentToolListItem) (string, string) { return a.Name, a.ID })
}

// testCheckAgentToolsDestroyed asserts through the admin client that
// every agent tool of the state is gone.
func testCheckAgentToolsDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckProjectObjectsGone(t, "dataiku_agent_tool", func(key, id string) string { return dss.AgentToolDoc(key, id).Path() })
}

// testAgentToolOutside creates a bank search tool through the admin
// client, as dataikuapi's new_agent_tool(...).create() would.
func testAgentToolOutside(t *testing.T, key, name, id string) string {
	t.Helper()
	got, err := acctest.Client(t).CreateAgentTool(acctest.Ctx(t), key, dss.AgentToolTypeVectorStoreSearch, name, id, "kb1")
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func testAccAgentToolConfig(key, project, tool string) string {
	return testTwoProjectsConfig(key, "Agent tools") + fmt.Sprintf(`
resource "dataiku_knowledge_bank" "faq" {
  project_key       = dataiku_project.one.project_key
  name              = "faq"
  vector_store_type = "CHROMA"
}

resource "dataiku_agent_tool" "test" {
  project_key = dataiku_project.%[1]s.project_key
%[2]s
}
`, project, tool)
}

func TestAccAgentTool_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_AGTOOL")
	created := `  name              = "search faq"
  type              = "VectorStoreSearch"
  knowledge_bank_id = dataiku_knowledge_bank.faq.id
  tags              = ["genai"]
  params = {
    maxDocuments = 8
  }`
	updated := `  name              = "search the FAQ"
  type              = "VectorStoreSearch"
  knowledge_bank_id = dataiku_knowledge_bank.faq.id
  description       = "Searches the product FAQ."
  tags              = ["genai"]
  params = {
    maxDocuments = 6
  }`
	var toolID, bankID string
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testCheckAgentToolsDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: testAccAgentToolConfig(key, "one", created),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(agentToolAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{8}$`))),
			},
			Check: func(s *terraform.State) error {
				toolID = s.RootModule().Resources[agentToolAddr].Primary.ID
				bankID = s.RootModule().Resources["dataiku_knowledge_bank.faq"].Primary.ID
				d := testAgentToolRaw(t, key, toolID)
				p := testAgentToolParams(d)
				// searchType is DSS's default [I], not written: kept.
				if d["name"] != "search faq" || d["type"] != "VectorStoreSearch" || fmt.Sprint(d["tags"]) != "[genai]" ||
					p["knowledgeBankRef"] != bankID || p["maxDocuments"] != 8.0 || p["searchType"] != "SIMILARITY" {
					return fmt.Errorf("tool in DSS: %v", d)
				}
				return nil
			},
		},
		{
			// In place: renamed, a description, another maxDocuments. A
			// top-level key and a params key set in DSS by someone else
			// survive the read-modify-write.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.AgentToolDoc(key, toolID).Path(), func(d map[string]any) {
					d["customFields"] = map[string]any{"owner_team": "genai"}
					testAgentToolParams(d)["filter"] = map[string]any{"enabled": true}
				})
			},
			Config: testAccAgentToolConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: agentToolAddr, Attrs: []string{"name", "description", "params"}},
			}},
			Check: func(s *terraform.State) error {
				if id := s.RootModule().Resources[agentToolAddr].Primary.ID; id != toolID {
					return fmt.Errorf("the tool was recreated: id %s, was %s", id, toolID)
				}
				d := testAgentToolRaw(t, key, toolID)
				p := testAgentToolParams(d)
				custom, _ := d["customFields"].(map[string]any)
				filter, _ := p["filter"].(map[string]any)
				if d["name"] != "search the FAQ" || d["description"] != "Searches the product FAQ." || p["maxDocuments"] != 6.0 ||
					custom["owner_team"] != "genai" || filter["enabled"] != true || p["knowledgeBankRef"] != bankID {
					return fmt.Errorf("after the update: %v", d)
				}
				return nil
			},
		},
		// params: an import reads none (the configuration names the keys it manages).
		acctest.ImportVerifyStep(agentToolAddr, acctest.ProjectObjectImportID(agentToolAddr), "params"),
		acctest.ImportIdentityStep(t, agentToolAddr, "params"),
		{
			// DSS holds the same bank as PROJECT.id: no change.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.AgentToolDoc(key, toolID).Path(), func(d map[string]any) {
					testAgentToolParams(d)["knowledgeBankRef"] = key + "." + bankID
				})
			},
			Config:           testAccAgentToolConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{
			// Changed outside Terraform: drift on the name, the bank and a
			// managed params key only; the apply repairs them.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.AgentToolDoc(key, toolID).Path(), func(d map[string]any) {
					d["name"] = "renamed in DSS"
					p := testAgentToolParams(d)
					p["maxDocuments"] = 20.0
					p["knowledgeBankRef"] = "OTHER.kb"
					p["searchType"] = "MMR"
				})
			},
			Config: testAccAgentToolConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: agentToolAddr, Attrs: []string{"name", "knowledge_bank_id", "params"}},
			}},
			Check: func(*terraform.State) error {
				d := testAgentToolRaw(t, key, toolID)
				p := testAgentToolParams(d)
				if d["name"] != "search the FAQ" || p["maxDocuments"] != 6.0 || p["knowledgeBankRef"] != bankID || p["searchType"] != "MMR" {
					return fmt.Errorf("after the repair: %v", d)
				}
				return nil
			},
		},
		{
			// A chosen id: replaced, the old tool is gone.
			Config: testAccAgentToolConfig(key, "one", `  id                = "faqSearch"
`+updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(agentToolAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(agentToolAddr, tfjsonpath.New("id"), knownvalue.StringExact("faqSearch")),
			},
			Check: func(*terraform.State) error {
				if _, err := dss.AgentToolDoc(key, toolID).Get(acctest.Ctx(t), acctest.Client(t)); !dss.IsNotFound(err) {
					return fmt.Errorf("the old tool %s: %w", toolID, err)
				}
				if p := testAgentToolParams(testAgentToolRaw(t, key, "faqSearch")); p["knowledgeBankRef"] != bankID || p["maxDocuments"] != 6.0 {
					return fmt.Errorf("the tool of the chosen id: %v", p)
				}
				return nil
			},
		},
		{
			// The id left out of the configuration: kept, no change.
			Config:           testAccAgentToolConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{
			// Another type (a plugin's, passed as written): replaced.
			Config: testAccAgentToolConfig(key, "one", `  name = "lookup"
  type = "Custom_my-plugin_lookup"
  params = {
    endpoint = "https://example.com"
  }`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(agentToolAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(agentToolAddr, tfjsonpath.New("knowledge_bank_id"), knownvalue.Null()),
			},
			Check: func(s *terraform.State) error {
				id := s.RootModule().Resources[agentToolAddr].Primary.ID
				d := testAgentToolRaw(t, key, id)
				if d["type"] != "Custom_my-plugin_lookup" || testAgentToolParams(d)["endpoint"] != "https://example.com" {
					return fmt.Errorf("the plugin tool: %v", d)
				}
				if ids := testAgentToolIDs(t, key, "search the FAQ"); len(ids) != 0 {
					return fmt.Errorf("the bank search tool is still there: %v", ids)
				}
				return nil
			},
		},
		// Another project: replaced, the old tool is gone.
		movedToProject{config: testAccAgentToolConfig(key, "two", `  name              = "remote search"
  type              = "VectorStoreSearch"
  knowledge_bank_id = "${dataiku_project.one.project_key}.${dataiku_knowledge_bank.faq.id}"`),
			addr: agentToolAddr, what: "tools", key: key, oldName: "lookup", newName: "remote search",
			ids: func(k, n string) []string { return testAgentToolIDs(t, k, n) },
			more: func(id string) error {
				if ref := testAgentToolParams(testAgentToolRaw(t, key+"_2", id))["knowledgeBankRef"]; ref != key+"."+bankID {
					return fmt.Errorf("the tool's bank in %s_2: %v", key, ref)
				}
				return nil
			}}.step(),
	})
}

// A tool adopted with an import block plans no change; one deleted
// outside Terraform is created again. One whose name another has is
// created beside it: DSS does not keep names unique.
func TestAccAgentTool_importBlockAndDeletedOutside(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_AGTOOLIMP")
	c := acctest.ProjectOutside(t, key, "Adopted agent tools")
	id := testAgentToolOutside(t, key, "search", "")
	resourceCfg := fmt.Sprintf(`resource "dataiku_agent_tool" "test" {
  project_key       = %q
  name              = "search"
  type              = "VectorStoreSearch"
  knowledge_bank_id = "kb1"
}
`, key)
	twin := fmt.Sprintf(`resource "dataiku_agent_tool" "twin" {
  project_key = %q
  name        = "search"
  type        = "VectorStoreSearch"
}
`, key)
	importCfg := acctest.ImportBlock(agentToolAddr, key+"."+id) + resourceCfg
	acctest.Case(t, testCheckAgentToolsDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(agentToolAddr, importCfg,
			statecheck.ExpectKnownValue(agentToolAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
			statecheck.ExpectKnownValue(agentToolAddr, tfjsonpath.New("knowledge_bank_id"), knownvalue.StringExact("kb1"))),
		acctest.DeletedOutsideStep(t, agentToolAddr, resourceCfg,
			func() error { return c.DeleteAgentTool(acctest.Ctx(t), key, id) },
			func(s *terraform.State) error {
				return acctest.OnlyStateID(s, agentToolAddr, "agent tools named search", testAgentToolIDs(t, key, "search"), id)
			}),
		twinStep(resourceCfg+twin, agentToolAddr, "dataiku_agent_tool.twin", "agent tools named search", func() []string { return testAgentToolIDs(t, key, "search") },
			// Unset: null, as DSS holds none.
			statecheck.ExpectKnownValue("dataiku_agent_tool.twin", tfjsonpath.New("knowledge_bank_id"), knownvalue.Null())),
	})
}

// A chosen id that another tool has is DSS's refusal, answered with the
// import hint; nothing is created.
func TestAccAgentTool_chosenIDTaken(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_AGTOOLTAKEN")
	acctest.ProjectOutside(t, key, "Taken ids")
	testAgentToolOutside(t, key, "theirs", "search")
	acctest.Case(t, nil, []resource.TestStep{{
		Config: fmt.Sprintf(`resource "dataiku_agent_tool" "test" {
  project_key = %q
  id          = "search"
  name        = "mine"
  type        = "VectorStoreSearch"
}
`, key),
		ExpectError: regexp.MustCompile(`(?s)already\s+exists\s+in\s+DSS.*terraform\s+import\s+dataiku_agent_tool.<name>\s+` + key + `\.search`),
	}})
	acctest.NoneInDSS(t, "agent tools named mine", testAgentToolIDs(t, key, "mine"))
	if d := testAgentToolRaw(t, key, "search"); d["name"] != "theirs" {
		t.Errorf("the other tool was changed: %v", d)
	}
}

// A lost answer to the create POST adopts the one tool with the planned
// name that was not there before it (and, with a chosen id, of that id):
// not the older one of the same name.
func TestAccAgentTool_lostPostRecovered(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_AGTOOLLOST")
	acctest.ProjectOutside(t, key, "Lost posts")
	for i, fault := range acctest.LostPostFaults("/projects/" + key + "/agents/tools/?$") {
		for _, chosen := range []string{"", fmt.Sprintf("chosen%d", i)} {
			name := fmt.Sprintf("lost_%d_%t", i, chosen != "")
			older := testAgentToolOutside(t, key, name, "")
			idLine := ""
			if chosen != "" {
				idLine = fmt.Sprintf("  id          = %q\n", chosen)
			}
			t.Run(name, func(t *testing.T) {
				acctest.Case(t, testCheckAgentToolsDestroyed(t), []resource.TestStep{
					acctest.LostPostStep(t, em, fault, fmt.Sprintf(`resource "dataiku_agent_tool" "test" {
  project_key = %q
%s  name        = %q
  type        = "VectorStoreSearch"
}
`, key, idLine, name),
						func(s *terraform.State) error {
							ids := slices.DeleteFunc(testAgentToolIDs(t, key, name), func(id string) bool { return id == older })
							if chosen != "" && (len(ids) != 1 || ids[0] != chosen) {
								return fmt.Errorf("new tools named %s: %v, want %s", name, ids, chosen)
							}
							return acctest.OnlyStateID(s, agentToolAddr, "new agent tools named "+name, ids, older)
						}),
				})
			})
		}
	}
}

// A key without rights on the project is refused by DSS, quoted with the
// resource's address, and nothing is created.
func TestAccAgentTool_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_AGTOOLBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	refusedToBobNamedBobs(t, "dataiku_agent_tool", key, fmt.Sprintf(`resource "dataiku_agent_tool" "test" {
  project_key = %q
  name        = "bobs"
  type        = "VectorStoreSearch"
}
`, key), "agent tools", func(name string) []string { return testAgentToolIDs(t, key, name) })
}

// What DSS could not take is refused at plan time, saying what is
// allowed, with no write to DSS (acctest.AssertRefusedAtPlan).
func TestAccAgentTool_badInput(t *testing.T) {
	acctest.Parallel(t)
	bad := acctest.BadCaseOf("dataiku_agent_tool", "  project_key = \"BADIN\"\n  name = \"ok\"\n  type = \"VectorStoreSearch\"\n")
	acctest.AssertRefusedAtPlan(t, []acctest.BadInputCase{
		bad("name", `name = "  "`, `must not be blank`),
		bad("type", `type = "vectorstoresearch"`, `DSS spells this agent tool type\s+"VectorStoreSearch"`),
		bad("type", `type = ""`, `at least 1`),
		bad("id", `id = "a.b"`, `must not be blank nor contain a dot`),
		bad("id", `id = "a/b"`, `must not be blank nor contain a dot`),
		bad("knowledge_bank_id", `knowledge_bank_id = "a/b"`, `must be an object's name or id, or PROJECT_KEY.name`),
		bad("params", `params = { knowledgeBankRef = "kb" }`, `has an attribute of its own`),
		bad("project_key", `project_key = "BAD-KEY"`, regexp.QuoteMeta(kit.ProjectKeyRule)),
	}, "tool")
}

// An agent names tools by their ids: a tool of its project bare, another
// project's as PROJECT_KEY.id; DSS holds what the agent's tools say, and
// the next plan is empty.
func TestAccAgentTool_usedByAgent(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_AGTOOLUSE")
	cfg := fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Agent and tools"
}

resource "dataiku_project" "shared" {
  project_key = "%[1]s_SH"
  name        = "Shared tools"
}

resource "dataiku_agent_tool" "local" {
  project_key = dataiku_project.p.project_key
  name        = "search"
  type        = "VectorStoreSearch"
}

resource "dataiku_agent_tool" "shared" {
  project_key = dataiku_project.shared.project_key
  id          = "ticketLookup"
  name        = "tickets"
  type        = "Custom_tickets"
}

resource "dataiku_agent" "a" {
  project_key = dataiku_project.p.project_key
  name        = "helper"
  type        = "TOOLS_USING_AGENT"
  tools = [
    { tool_ref = dataiku_agent_tool.local.id, additional_description = "the FAQ" },
    { tool_ref = "${dataiku_agent_tool.shared.project_key}.${dataiku_agent_tool.shared.id}" },
  ]
}
`, key)
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testCheckAgentToolsDestroyed(t), testCheckAgentsDestroyed(t)), []resource.TestStep{{
		Config: cfg,
		Check: func(s *terraform.State) error {
			local := s.RootModule().Resources["dataiku_agent_tool.local"].Primary.ID
			agent := s.RootModule().Resources["dataiku_agent.a"].Primary.ID
			tu := testAgentToolsUsing(testAgentVersion(testAgentRaw(t, key, agent), "v1"))
			var refs []string
			for _, tool := range tu["tools"].([]any) {
				refs = append(refs, tool.(map[string]any)["toolRef"].(string))
			}
			slices.Sort(refs)
			want := []string{key + "_SH.ticketLookup", local}
			slices.Sort(want)
			if !slices.Equal(refs, want) {
				return fmt.Errorf("the agent's tools in DSS: %v, want %v", refs, want)
			}
			return nil
		},
	}})
}

func TestAccAgentToolDataSource(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_AGTOOLDS")
	cfg := fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Agent tool data sources"
}

resource "dataiku_agent_tool" "a" {
  project_key       = dataiku_project.p.project_key
  name              = "alpha"
  type              = "VectorStoreSearch"
  knowledge_bank_id = "kb1"
  tags              = ["genai"]
}

resource "dataiku_agent_tool" "b" {
  project_key = dataiku_project.p.project_key
  id          = "betaTool"
  name        = "beta"
  type        = "Custom_beta"
}
`, key) + readBothWaysConfig("dataiku_agent_tool") + listAllConfig("dataiku_agent_tool")
	twin := `
resource "dataiku_agent_tool" "twin" {
  project_key = dataiku_project.p.project_key
  name        = "alpha"
  type        = "Custom_beta"
}
`
	acctest.Case(t, testCheckAgentToolsDestroyed(t), []resource.TestStep{
		{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_agent_tool.by_name", tfjsonpath.New("type"), knownvalue.StringExact("VectorStoreSearch")),
				statecheck.ExpectKnownValue("data.dataiku_agent_tool.by_name", tfjsonpath.New("knowledge_bank_id"), knownvalue.StringExact("kb1")),
				statecheck.ExpectKnownValue("data.dataiku_agent_tool.by_name", tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("genai")})),
				statecheck.ExpectKnownValue("data.dataiku_agent_tool.by_id", tfjsonpath.New("name"), knownvalue.StringExact("beta")),
				statecheck.ExpectKnownValue("data.dataiku_agent_tool.by_id", tfjsonpath.New("type"), knownvalue.StringExact("Custom_beta")),
				statecheck.ExpectKnownValue("data.dataiku_agent_tool.by_id", tfjsonpath.New("knowledge_bank_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.dataiku_agent_tools.all", tfjsonpath.New("items"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("alpha"), "type": knownvalue.StringExact("VectorStoreSearch"),
						"tags": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("genai")})}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("beta"), "id": knownvalue.StringExact("betaTool"), "type": knownvalue.StringExact("Custom_beta")}),
				})),
			},
			Check: resource.TestCheckResourceAttrPair("data.dataiku_agent_tool.by_name", "id", "dataiku_agent_tool.a", "id"),
		},
		// Two tools named alpha: the name no longer says which.
		twoNamedStep(cfg+twin, "agent tools"),
	})
}
