package emulator

import (
	"fmt"
	"testing"
)

// Agent tools as DSSAgentToolCreator and DSSAgentToolSettings use them:
// the create's creationParams become params (a VectorStoreSearch tool's
// with search defaults); an id may be chosen, and a taken or malformed
// one is refused; the list is {"tools": [list items]}; a save keeps what
// it leaves out and refuses another type; writes need the project's write
// rights; the settings persist.
func TestAgentToolRules(t *testing.T) {
	o := persistentOpts(t)
	rn, u := startWithReadersProject(t, o, "ML")
	coll := mlBase + "agents/tools"

	// new_agent_tool("VectorStoreSearch").with_knowledge_bank("kb1").create().
	id := createdID(t, call(t, u, "POST", coll, testAdmin,
		`{"type": "VectorStoreSearch", "name": "VectorStoreSearch", "id": null, "creationParams": {"knowledgeBankRef": "kb1"}}`))
	d := call(t, u, "GET", coll+"/"+id, testAdmin, nil).obj()
	params, _ := d["params"].(map[string]any)
	if d["type"] != "VectorStoreSearch" || d["projectKey"] != "ML" || d["name"] != "VectorStoreSearch" || d["id"] != id ||
		params["knowledgeBankRef"] != "kb1" || params["maxDocuments"] != 4.0 || d["creationParams"] != nil {
		t.Fatalf("created %v", d)
	}
	// A chosen id, any type (DSS decides), the same name again.
	expectOK(t, call(t, u, "POST", coll, testAdmin, `{"type": "Custom_my-plugin_lookup", "name": "VectorStoreSearch", "id": "lookup", "creationParams": {}}`))
	if c := call(t, u, "GET", coll+"/lookup", testAdmin, nil).obj(); c["type"] != "Custom_my-plugin_lookup" || fmt.Sprint(c["params"]) != "map[]" {
		t.Fatalf("chosen id %v", c)
	}
	l := call(t, u, "GET", coll+"?includeDescriptions=false&foreign=false", testAdmin, nil).obj()
	tools, _ := l["tools"].([]any)
	if len(tools) != 2 {
		t.Fatalf("list %v", l)
	}
	if item := tools[0].(map[string]any); item["id"] == nil || item["name"] != "VectorStoreSearch" || item["type"] == nil || item["params"] != nil {
		t.Fatalf("list item %v", item)
	}
	for _, bad := range []string{
		`{"name": "x"}`,
		`{"type": "VectorStoreSearch", "name": " "}`,
		`{"type": "VectorStoreSearch", "name": "x", "id": "lookup"}`,
		`{"type": "VectorStoreSearch", "name": "x", "id": "a.b"}`,
		`{"type": "VectorStoreSearch", "name": "x", "creationParams": {"knowledgeBankRef": 3}}`,
	} {
		expectError(t, call(t, u, "POST", coll, testAdmin, bad), 400, ErrTypeIllegalArgument)
	}
	expectMessage(t, call(t, u, "POST", coll, testAdmin, `{"type": "X", "name": "x", "id": "lookup"}`), 400, ErrTypeIllegalArgument,
		"Agent tool lookup already exists in project ML")

	// A save: another bank and a key of DSS's; a save without name, type
	// or params keeps them.
	params["knowledgeBankRef"] = "OTHER.kb2"
	params["filter"] = map[string]any{"enabled": true}
	d["tags"] = []any{"genai"}
	expectOK(t, call(t, u, "PUT", coll+"/"+id, testAdmin, d))
	delete(d, "name")
	delete(d, "type")
	delete(d, "params")
	expectOK(t, call(t, u, "PUT", coll+"/"+id, testAdmin, d))
	got := call(t, u, "GET", coll+"/"+id, testAdmin, nil).obj()
	if gp, _ := got["params"].(map[string]any); got["name"] != "VectorStoreSearch" || got["type"] != "VectorStoreSearch" || gp["knowledgeBankRef"] != "OTHER.kb2" || gp["filter"] == nil {
		t.Fatalf("after the saves %v", got)
	}
	for i, bad := range []map[string]any{{"type": "Other"}, {"params": "x"}, {"params": map[string]any{"knowledgeBankRef": false}}, {"name": 3}} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			expectError(t, call(t, u, "PUT", coll+"/"+id, testAdmin, bad), 400, ErrTypeIllegalArgument)
		})
	}
	// A reader of the project may not create, save or delete; a stranger
	// may not read.
	expectReaderOnlyReads(t, u, coll, id, `{"type": "X", "name": "c"}`, got)
	// The agents' own routes still answer beside the tools'.
	if a := call(t, u, "GET", mlBase+"agents", testAdmin, nil).body.([]any); len(a) != 0 {
		t.Fatalf("agents %v", a)
	}

	// The settings persist; a delete is DSS's not-found after.
	u2 := restartedURL(t, rn, o)
	if again := call(t, u2, "GET", coll+"/"+id, testAdmin, nil).obj(); fmt.Sprint(again["tags"]) != "[genai]" {
		t.Fatalf("after a restart %v", again)
	}
	expectOK(t, call(t, u2, "DELETE", coll+"/lookup", testAdmin, nil))
	expectMessage(t, call(t, u2, "GET", coll+"/lookup", testAdmin, nil), 404, ErrTypeNotFound, "Agent tool does not exist: ML.lookup")
}
