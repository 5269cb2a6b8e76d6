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
)

const agentAddr = "dataiku_agent.test"

// testAgentRaw reads an agent's settings as DSS holds them.
func testAgentRaw(t *testing.T, key, id string) map[string]any {
	t.Helper()
	return acctest.RawDoc(t, dss.AgentDoc(key, id).Path())
}

// testAgentVersion is the raw version of id of an agent's settings (nil
// when absent).
func testAgentVersion(d map[string]any, id string) map[string]any {
	versions, _ := d["versions"].([]any)
	for _, v := range versions {
		if v, _ := v.(map[string]any); v["versionId"] == id {
			return v
		}
	}
	return nil
}

// testAgentToolsUsing is a raw version's toolsUsingAgentSettings.
func testAgentToolsUsing(v map[string]any) map[string]any {
	s, _ := v["toolsUsingAgentSettings"].(map[string]any)
	return s
}

// testAgentIDs lists the ids of a project's agents named name.
func testAgentIDs(t *testing.T, key, name string) []string {
	t.Helper()
	agents, err := acctest.Client(t).ListAgents(acctest.Ctx(t), key)
	return acctest.IDsNamed(t, agents, err, name, func(a dss.Agent) (string, string) { return a.Name, a.ID })
}

// testCheckAgentsDestroyed asserts through the admin client that every
// agent of the state is gone.
func testCheckAgentsDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckProjectObjectsGone(t, "dataiku_agent", func(key, id string) string { return dss.AgentDoc(key, id).Path() })
}

// testAgentOutside creates a visual agent through the admin client, as
// dataikuapi's create_agent would.
func testAgentOutside(t *testing.T, key, name string) string {
	t.Helper()
	id, err := acctest.Client(t).CreateAgent(acctest.Ctx(t), key, name, dss.AgentTypeToolsUsing, "")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func testAccAgentConfig(key, project, agent string) string {
	return testTwoProjectsConfig(key, "Agents") + fmt.Sprintf(`
resource "dataiku_agent" "test" {
  project_key = dataiku_project.%[1]s.project_key
%[2]s
}
`, project, agent)
}

func TestAccAgent_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_AGENT")
	created := `  name   = "helper"
  type   = "TOOLS_USING_AGENT"
  llm_id = "openai:conn:gpt-4o"
  tools  = [{ tool_ref = "search1" }]
  tags   = ["genai"]
  settings = {
    notes = { owner = "team" }
  }`
	updated := `  name   = "helper v2"
  type   = "TOOLS_USING_AGENT"
  llm_id = "openai:conn:gpt-4o-mini"
  tools  = [{ tool_ref = "search1", additional_description = "the FAQ" }, { tool_ref = "OTHER.calc" }]
  tags   = ["genai"]
  settings = {
    notes = { owner = "team" }
  }`
	var agentID string
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testCheckAgentsDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config: testAccAgentConfig(key, "one", created),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{8}$`))),
				statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("active_version"), knownvalue.StringExact("v1")),
				statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("plugin_agent_type"), knownvalue.Null()),
			},
			Check: func(s *terraform.State) error {
				agentID = s.RootModule().Resources[agentAddr].Primary.ID
				d := testAgentRaw(t, key, agentID)
				v1 := testAgentVersion(d, "v1")
				tu := testAgentToolsUsing(v1)
				notes, _ := v1["notes"].(map[string]any)
				if d["name"] != "helper" || d["type"] != "TOOLS_USING_AGENT" || d["activeVersion"] != "v1" || fmt.Sprint(d["tags"]) != "[genai]" ||
					tu["llmId"] != "openai:conn:gpt-4o" || fmt.Sprint(tu["tools"]) != "[map[toolRef:search1]]" || notes["owner"] != "team" {
					return fmt.Errorf("agent in DSS: %v", d)
				}
				return nil
			},
		},
		{
			// In place: renamed, another LLM, a description and a tool
			// added. A second version, a top-level key, a key of the
			// active version, of its toolsUsingAgentSettings and of a tool
			// set in DSS by someone else survive the read-modify-write,
			// which rewrites the active version only.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.AgentDoc(key, agentID).Path(), func(d map[string]any) {
					d["customFields"] = map[string]any{"owner_team": "genai"}
					d["versions"] = append(d["versions"].([]any), map[string]any{"versionId": "draft", "toolsUsingAgentSettings": map[string]any{"llmId": "draft:llm", "tools": []any{}}})
					v1 := testAgentVersion(d, "v1")
					v1["comment"] = "kept"
					tu := testAgentToolsUsing(v1)
					tu["systemPromptAppend"] = "Be brief."
					tu["tools"].([]any)[0].(map[string]any)["toolCallingParams"] = "kept"
				})
			},
			Config: testAccAgentConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: agentAddr, Attrs: []string{"name", "llm_id", "tools"}},
			}},
			Check: func(s *terraform.State) error {
				if id := s.RootModule().Resources[agentAddr].Primary.ID; id != agentID {
					return fmt.Errorf("the agent was recreated: id %s, was %s", id, agentID)
				}
				d := testAgentRaw(t, key, agentID)
				v1 := testAgentVersion(d, "v1")
				tu := testAgentToolsUsing(v1)
				draft := testAgentToolsUsing(testAgentVersion(d, "draft"))
				custom, _ := d["customFields"].(map[string]any)
				tools, _ := tu["tools"].([]any)
				var search map[string]any
				for _, tool := range tools {
					if tool := tool.(map[string]any); tool["toolRef"] == "search1" {
						search = tool
					}
				}
				if d["name"] != "helper v2" || tu["llmId"] != "openai:conn:gpt-4o-mini" || len(tools) != 2 || search["additionalDescription"] != "the FAQ" ||
					search["toolCallingParams"] != "kept" || tu["systemPromptAppend"] != "Be brief." || v1["comment"] != "kept" || custom["owner_team"] != "genai" ||
					draft["llmId"] != "draft:llm" || d["activeVersion"] != "v1" {
					return fmt.Errorf("after the update: %v", d)
				}
				return nil
			},
		},
		// settings: an import reads none (the configuration names the keys it manages).
		acctest.ImportVerifyStep(agentAddr, acctest.ProjectObjectImportID(agentAddr), "settings"),
		acctest.ImportIdentityStep(t, agentAddr, "settings"),
		{
			// DSS holds the same tool as PROJECT.id and in another order: no change.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.AgentDoc(key, agentID).Path(), func(d map[string]any) {
					tu := testAgentToolsUsing(testAgentVersion(d, "v1"))
					tools := tu["tools"].([]any)
					for _, tool := range tools {
						if tool := tool.(map[string]any); tool["toolRef"] == "search1" {
							tool["toolRef"] = key + ".search1"
						}
					}
					slices.Reverse(tools)
				})
			},
			Config:           testAccAgentConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{
			// Changed outside Terraform: drift on the LLM, a tool and a
			// managed settings key only; the apply repairs them.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.AgentDoc(key, agentID).Path(), func(d map[string]any) {
					v1 := testAgentVersion(d, "v1")
					v1["notes"] = map[string]any{"owner": "someone else"}
					tu := testAgentToolsUsing(v1)
					tu["llmId"] = "edited:in:dss"
					tu["tools"] = append(tu["tools"].([]any), map[string]any{"toolRef": "added"})
				})
			},
			Config: testAccAgentConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: agentAddr, Attrs: []string{"llm_id", "tools", "settings"}},
			}},
			Check: func(*terraform.State) error {
				v1 := testAgentVersion(testAgentRaw(t, key, agentID), "v1")
				tu := testAgentToolsUsing(v1)
				notes, _ := v1["notes"].(map[string]any)
				if tools, _ := tu["tools"].([]any); tu["llmId"] != "openai:conn:gpt-4o-mini" || len(tools) != 2 || notes["owner"] != "team" {
					return fmt.Errorf("after the repair: %v", v1)
				}
				return nil
			},
		},
		{
			// Another version made active in DSS: the resource now shows
			// that version, and the apply writes into it, leaving v1.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.AgentDoc(key, agentID).Path(), func(d map[string]any) { d["activeVersion"] = "draft" })
			},
			Config: testAccAgentConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: agentAddr, Attrs: []string{"llm_id", "tools", "settings"}},
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("active_version"), knownvalue.StringExact("draft")),
			},
			Check: func(*terraform.State) error {
				d := testAgentRaw(t, key, agentID)
				draft := testAgentToolsUsing(testAgentVersion(d, "draft"))
				v1 := testAgentVersion(d, "v1")
				if tools, _ := draft["tools"].([]any); draft["llmId"] != "openai:conn:gpt-4o-mini" || len(tools) != 2 || v1["comment"] != "kept" {
					return fmt.Errorf("after the switch: %v", d)
				}
				return nil
			},
		},
		{
			// No active version declared in DSS [I]: the apply makes one,
			// named after the versions DSS holds, and declares it active.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.AgentDoc(key, agentID).Path(), func(d map[string]any) { d["activeVersion"] = nil })
			},
			Config: testAccAgentConfig(key, "one", updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: agentAddr, Attrs: []string{"llm_id", "tools", "settings"}},
				plancheck.ExpectUnknownValue(agentAddr, tfjsonpath.New("active_version")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("active_version"), knownvalue.StringExact("v2")),
			},
			Check: func(*terraform.State) error {
				d := testAgentRaw(t, key, agentID)
				v2 := testAgentToolsUsing(testAgentVersion(d, "v2"))
				if versions, _ := d["versions"].([]any); len(versions) != 3 || d["activeVersion"] != "v2" || v2["llmId"] != "openai:conn:gpt-4o-mini" {
					return fmt.Errorf("after the repair of the active version: %v", d)
				}
				return nil
			},
		},
		{
			// Another type: replaced, the old agent is gone.
			Config: testAccAgentConfig(key, "one", `  name              = "helper v2"
  type              = "PLUGIN_AGENT"
  plugin_agent_type = "my-plugin-agent"
  settings = {
    pluginAgentConfig = { temperature = 0 }
  }`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(agentAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("llm_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("tools"), knownvalue.Null()),
			},
			Check: func(s *terraform.State) error {
				id := s.RootModule().Resources[agentAddr].Primary.ID
				if id == agentID {
					return fmt.Errorf("the agent was not replaced")
				}
				if _, err := dss.AgentDoc(key, agentID).Get(acctest.Ctx(t), acctest.Client(t)); !dss.IsNotFound(err) {
					return fmt.Errorf("the old agent %s: %w", agentID, err)
				}
				d := testAgentRaw(t, key, id)
				cfg, _ := testAgentVersion(d, "v1")["pluginAgentConfig"].(map[string]any)
				if d["type"] != "PLUGIN_AGENT" || d["pluginAgentType"] != "my-plugin-agent" || cfg["temperature"] != 0.0 {
					return fmt.Errorf("the plugin agent: %v", d)
				}
				return nil
			},
		},
		// Another project: replaced, the old agent is gone.
		movedToProject{config: testAccAgentConfig(key, "two", `  name = "coder"
  type = "PYTHON_AGENT"`),
			addr: agentAddr, what: "agents", key: key, oldName: "helper v2", newName: "coder",
			ids: func(k, n string) []string { return testAgentIDs(t, k, n) }}.step(),
	})
}

// An agent adopted with an import block plans no change; one deleted
// outside Terraform is created again. One whose name another has is
// created beside it: DSS does not keep names unique.
func TestAccAgent_importBlockAndDeletedOutside(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_AGENTIMP")
	c := acctest.ProjectOutside(t, key, "Adopted agents")
	id := testAgentOutside(t, key, "helper")
	acctest.EditOutside(t, dss.AgentDoc(key, id), func(d *dss.Agent) {
		v := d.ActiveVersionSettings()
		v.ToolsUsing.LLMID = "openai:conn:outside"
		*v.ToolsUsing.Tools = append(*v.ToolsUsing.Tools, dss.AgentTool{ToolRef: key + ".search1"})
	})
	resourceCfg := fmt.Sprintf(`resource "dataiku_agent" "test" {
  project_key = %q
  name        = "helper"
  type        = "TOOLS_USING_AGENT"
  llm_id      = "openai:conn:outside"
  tools       = [{ tool_ref = "search1" }]
}
`, key)
	twin := fmt.Sprintf(`resource "dataiku_agent" "twin" {
  project_key = %q
  name        = "helper"
  type        = "PYTHON_AGENT"
}
`, key)
	importCfg := acctest.ImportBlock(agentAddr, key+"."+id) + resourceCfg
	acctest.Case(t, testCheckAgentsDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(agentAddr, importCfg,
			statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
			statecheck.ExpectKnownValue(agentAddr, tfjsonpath.New("tools"), knownvalue.SetExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{"tool_ref": knownvalue.StringExact(key + ".search1"), "additional_description": knownvalue.Null()})}))),
		acctest.DeletedOutsideStep(t, agentAddr, resourceCfg,
			func() error { return c.DeleteAgent(acctest.Ctx(t), key, id) },
			func(s *terraform.State) error {
				return acctest.OnlyStateID(s, agentAddr, "agents named helper", testAgentIDs(t, key, "helper"), id)
			}),
		twinStep(resourceCfg+twin, agentAddr, "dataiku_agent.twin", "agents named helper", func() []string { return testAgentIDs(t, key, "helper") }),
	})
}

// A lost answer to the create POST adopts the one agent with the planned
// name that was not there before it: not the older one of the same name.
func TestAccAgent_lostPostRecovered(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_AGENTLOST")
	testLostPostByName(t, lostPostByName{key: key, collection: "agents", addr: agentAddr, what: "agents",
		outside: func(name string) string { return testAgentOutside(t, key, name) },
		config: func(name string) string {
			return fmt.Sprintf(`resource "dataiku_agent" "test" {
  project_key = %q
  name        = %q
  type        = "TOOLS_USING_AGENT"
  llm_id      = "openai:conn:a"
}
`, key, name)
		},
		ids:       func(name string) []string { return testAgentIDs(t, key, name) },
		destroyed: testCheckAgentsDestroyed(t)})
}

// A key without rights on the project is refused by DSS, quoted with the
// resource's address, and nothing is created.
func TestAccAgent_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_AGENTBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	refusedToBobNamedBobs(t, "dataiku_agent", key, fmt.Sprintf(`resource "dataiku_agent" "test" {
  project_key = %q
  name        = "bobs"
  type        = "PYTHON_AGENT"
}
`, key), "agents", func(name string) []string { return testAgentIDs(t, key, name) })
}

// A plugin agent without its plugin type is DSS's refusal [I: the
// emulator's 400], quoted with the address; nothing is left in the state
// or in DSS.
func TestAccAgent_pluginAgentWithoutType(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_AGENTNOPL")
	acctest.ProjectOutside(t, key, "No plugin type")
	acctest.Case(t, testCheckAgentsDestroyed(t), []resource.TestStep{{
		Config: fmt.Sprintf(`resource "dataiku_agent" "test" {
  project_key = %q
  name        = "noplugin"
  type        = "PLUGIN_AGENT"
}
`, key),
		ExpectError: regexp.MustCompile(`(?s)dataiku_agent.*PLUGIN_AGENT\s+agent\s+needs\s+a\s+pluginAgentType`),
	}})
	acctest.NoneInDSS(t, "agents named noplugin", testAgentIDs(t, key, "noplugin"))
}

// What DSS could not take is refused at plan time, saying what is allowed.
func TestAccAgent_badInput(t *testing.T) {
	acctest.Parallel(t)
	testBadAttrs(t, []badAttr{
		{"name", `name = "  "`, `must not be blank`},
		{"type", `type = "python_agent"`, `DSS spells this agent type "PYTHON_AGENT"`},
		{"llm_id", `llm_id = ""`, `must not be blank`},
		{"tools", `tools = [{ tool_ref = "a/b" }]`, `must be an object's name or id, or PROJECT_KEY.name`},
		{"settings", `settings = { toolsUsingAgentSettings = {} }`, `has an attribute of its own`},
	}, lineConfig("dataiku_agent", map[string]string{"name": `name = "ok"`, "type": `type = "TOOLS_USING_AGENT"`}, "name", "type", "llm_id", "tools", "settings"))
}

func TestAccAgentDataSource(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_AGENTDS")
	cfg := fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Agent data sources"
}

resource "dataiku_agent" "a" {
  project_key = dataiku_project.p.project_key
  name        = "alpha"
  type        = "TOOLS_USING_AGENT"
  llm_id      = "llm:a"
  tools       = [{ tool_ref = "t1", additional_description = "first" }]
  tags        = ["genai"]
}

resource "dataiku_agent" "b" {
  project_key = dataiku_project.p.project_key
  name        = "beta"
  type        = "PYTHON_AGENT"
}
`, key) + readBothWaysConfig("dataiku_agent") + listAllConfig("dataiku_agent")
	twin := `
resource "dataiku_agent" "twin" {
  project_key = dataiku_project.p.project_key
  name        = "alpha"
  type        = "PYTHON_AGENT"
}
`
	acctest.Case(t, testCheckAgentsDestroyed(t), []resource.TestStep{
		{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_agent.by_name", tfjsonpath.New("llm_id"), knownvalue.StringExact("llm:a")),
				statecheck.ExpectKnownValue("data.dataiku_agent.by_name", tfjsonpath.New("type"), knownvalue.StringExact("TOOLS_USING_AGENT")),
				statecheck.ExpectKnownValue("data.dataiku_agent.by_name", tfjsonpath.New("tools"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"tool_ref": knownvalue.StringExact("t1"), "additional_description": knownvalue.StringExact("first")})})),
				statecheck.ExpectKnownValue("data.dataiku_agent.by_name", tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("genai")})),
				statecheck.ExpectKnownValue("data.dataiku_agent.by_id", tfjsonpath.New("name"), knownvalue.StringExact("beta")),
				statecheck.ExpectKnownValue("data.dataiku_agent.by_id", tfjsonpath.New("type"), knownvalue.StringExact("PYTHON_AGENT")),
				statecheck.ExpectKnownValue("data.dataiku_agent.by_id", tfjsonpath.New("active_version"), knownvalue.StringExact("v1")),
				statecheck.ExpectKnownValue("data.dataiku_agent.by_id", tfjsonpath.New("llm_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.dataiku_agents.all", tfjsonpath.New("items"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.dataiku_agents.all", tfjsonpath.New("items").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("alpha")),
			},
			Check: resource.TestCheckResourceAttrPair("data.dataiku_agent.by_name", "id", "dataiku_agent.a", "id"),
		},
		// Two agents named alpha: the name no longer says which.
		twoNamedStep(cfg+twin, "agents"),
	})
}
