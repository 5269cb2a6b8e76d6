package emulator

import (
	"fmt"
	"testing"
)

// Agents as create_agent and DSSAgentSettings use them: the create's
// body becomes one active version (a visual agent's with empty tools);
// unknown types and a plugin agent without its plugin type are refused; a
// save keeps what it leaves out, refuses a change of type and malformed
// versions or tools; names may repeat; writes need the project's write
// rights; the settings persist.
func TestAgentRules(t *testing.T) {
	o := persistentOpts(t)
	rn, u := startWithReadersProject(t, o, "ML")
	coll := mlBase + "agents"

	// create_agent("helper", "TOOLS_USING_AGENT") sends pluginAgentType null.
	id := createdID(t, call(t, u, "POST", coll, testAdmin, `{"name": "helper", "type": "TOOLS_USING_AGENT", "pluginAgentType": null}`))
	d := call(t, u, "GET", coll+"/"+id, testAdmin, nil).obj()
	versions, _ := d["versions"].([]any)
	if d["activeVersion"] != agentFirstVersion || len(versions) != 1 || d["type"] != "TOOLS_USING_AGENT" || d["projectKey"] != "ML" || d["name"] != "helper" {
		t.Fatalf("created %v", d)
	}
	v := versions[0].(map[string]any)
	if tools, _ := v["toolsUsingAgentSettings"].(map[string]any)["tools"].([]any); v["versionId"] != agentFirstVersion || tools == nil || len(tools) != 0 {
		t.Fatalf("first version %v", v)
	}
	// The same name again is another agent; a plugin agent keeps its type.
	twin := createdID(t, call(t, u, "POST", coll, testAdmin, `{"name": "helper", "type": "PYTHON_AGENT"}`))
	plugin := createdID(t, call(t, u, "POST", coll, testAdmin, `{"name": "p", "type": "PLUGIN_AGENT", "pluginAgentType": "my-agent"}`))
	if twin == id {
		t.Fatalf("same id %s for two agents", id)
	}
	if p := call(t, u, "GET", coll+"/"+plugin, testAdmin, nil).obj(); p["pluginAgentType"] != "my-agent" {
		t.Fatalf("plugin agent %v", p)
	}
	if l := call(t, u, "GET", coll, testAdmin, nil).body.([]any); len(l) != 3 {
		t.Fatalf("list %v", l)
	}
	for _, bad := range []string{
		`{"name": "x", "type": "tools_using_agent"}`,
		`{"name": "x"}`,
		`{"name": "x", "type": "PLUGIN_AGENT"}`,
		`{"name": " ", "type": "PYTHON_AGENT"}`,
	} {
		expectError(t, call(t, u, "POST", coll, testAdmin, bad), 400, ErrTypeIllegalArgument)
	}
	expectMessage(t, call(t, u, "POST", coll, testAdmin, `{"name": "x", "type": "PLUGIN_AGENT"}`), 400, ErrTypeIllegalArgument,
		"A PLUGIN_AGENT agent needs a pluginAgentType")

	// A save: a tool and an LLM on a second version made active; a save
	// without name, type or versions keeps them.
	d["versions"] = append(versions, map[string]any{"versionId": "v2", "toolsUsingAgentSettings": map[string]any{"llmId": "openai:c:gpt-4o",
		"tools": []any{map[string]any{"toolRef": "abc", "additionalDescription": "look up"}}}})
	d["activeVersion"] = "v2"
	expectOK(t, call(t, u, "PUT", coll+"/"+id, testAdmin, d))
	delete(d, "name")
	delete(d, "versions")
	delete(d, "type")
	expectOK(t, call(t, u, "PUT", coll+"/"+id, testAdmin, d))
	got := call(t, u, "GET", coll+"/"+id, testAdmin, nil).obj()
	if gv, _ := got["versions"].([]any); got["name"] != "helper" || got["activeVersion"] != "v2" || len(gv) != 2 || got["type"] != "TOOLS_USING_AGENT" {
		t.Fatalf("after the saves %v", got)
	}
	// Malformed versions or tools, and another type, are refused.
	for i, bad := range []map[string]any{
		{"type": "PYTHON_AGENT"},
		{"versions": []any{"v1"}},
		{"versions": []any{map[string]any{"versionId": "a"}, map[string]any{"versionId": "a"}}},
		{"versions": []any{map[string]any{"versionId": "a", "toolsUsingAgentSettings": map[string]any{"llmId": 3}}}},
		{"versions": []any{map[string]any{"versionId": "a", "toolsUsingAgentSettings": map[string]any{"tools": "x"}}}},
		{"versions": []any{map[string]any{"versionId": "a", "toolsUsingAgentSettings": map[string]any{"tools": []any{map[string]any{}}}}}},
		{"versions": []any{map[string]any{"versionId": "a"}}, "activeVersion": "b"},
	} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			expectError(t, call(t, u, "PUT", coll+"/"+id, testAdmin, bad), 400, ErrTypeIllegalArgument)
		})
	}
	// A reader of the project may not create, save or delete; a stranger
	// may not read.
	expectReaderOnlyReads(t, u, coll, id, `{"name": "c", "type": "PYTHON_AGENT"}`, got)

	// The settings persist; a delete is DSS's not-found after.
	u2 := restartedURL(t, rn, o)
	if again := call(t, u2, "GET", coll+"/"+id, testAdmin, nil).obj(); again["activeVersion"] != "v2" {
		t.Fatalf("after a restart %v", again)
	}
	expectOK(t, call(t, u2, "DELETE", coll+"/"+twin, testAdmin, nil))
	expectMessage(t, call(t, u2, "GET", coll+"/"+twin, testAdmin, nil), 404, ErrTypeNotFound, "Agent does not exist: ML."+twin)
}
