package emulator

import (
	"fmt"
	"testing"
)

// Retrieval-augmented LLMs as create_retrieval_augmented_llm and
// DSSRetrievalAugmentedLLMSettings use them: the create's flat body
// becomes one active version; a bank that does not exist is refused; a
// save keeps what it leaves out and refuses malformed versions; names may
// repeat; writes need the project's write rights; the settings persist.
func TestRetrievalAugmentedLLMRules(t *testing.T) {
	o := persistentOpts(t)
	rn, u := startWithReadersProject(t, o, "ML")
	expectOK(t, createProject(t, u, "OTHER", testAdmin, nil))
	kb := createdID(t, call(t, u, "POST", mlBase+"knowledge-banks/", testAdmin, `{"name": "faq", "vectorStoreType": "CHROMA", "embeddingLLMId": "emb"}`))
	otherKB := createdID(t, call(t, u, "POST", "/dip/publicapi/projects/OTHER/knowledge-banks/", testAdmin, `{"name": "faq", "vectorStoreType": "CHROMA", "embeddingLLMId": "emb"}`))
	coll := mlBase + "retrieval-augmented-llms"

	// create_retrieval_augmented_llm("ask", kb, "openai:conn:gpt-4o")
	id := createdID(t, call(t, u, "POST", coll, testAdmin, fmt.Sprintf(`{"name": "ask", "knowledgeBankRef": %q, "llmId": "openai:conn:gpt-4o"}`, kb)))
	d := call(t, u, "GET", coll+"/"+id, testAdmin, nil).obj()
	versions, _ := d["versions"].([]any)
	if d["activeVersion"] != ragLLMFirstVersion || len(versions) != 1 || d["llmId"] != nil || d["knowledgeBankRef"] != nil || d["projectKey"] != "ML" || d["name"] != "ask" {
		t.Fatalf("created %v", d)
	}
	v := versions[0].(map[string]any)
	s := v["ragllmSettings"].(map[string]any)
	if v["versionId"] != ragLLMFirstVersion || s["llmId"] != "openai:conn:gpt-4o" || s["knowledgeBankRef"] != kb || s["maxDocuments"] != 4.0 {
		t.Fatalf("first version %v", v)
	}
	// Another project's bank, as PROJECT.id; the same name again is another LLM.
	twin := createdID(t, call(t, u, "POST", coll, testAdmin, `{"name": "ask", "knowledgeBankRef": "OTHER.`+otherKB+`", "llmId": "x"}`))
	if twin == id {
		t.Fatalf("same id %s for two LLMs", id)
	}
	if l := call(t, u, "GET", coll, testAdmin, nil).body.([]any); len(l) != 2 {
		t.Fatalf("list %v", l)
	}
	// A bank that does not exist, in the project or another, and a body
	// without a bank or an LLM are refused.
	for _, bad := range []string{
		`{"name": "x", "knowledgeBankRef": "nosuchkb", "llmId": "x"}`,
		`{"name": "x", "knowledgeBankRef": "OTHER.` + kb + `", "llmId": "x"}`,
		`{"name": "x", "knowledgeBankRef": "NOPE.` + kb + `", "llmId": "x"}`,
		`{"name": "x", "llmId": "x"}`,
		`{"name": "x", "knowledgeBankRef": "` + kb + `"}`,
		`{"name": " ", "knowledgeBankRef": "` + kb + `", "llmId": "x"}`,
	} {
		expectError(t, call(t, u, "POST", coll, testAdmin, bad), 400, ErrTypeIllegalArgument)
	}
	expectMessage(t, call(t, u, "POST", coll, testAdmin, `{"name": "x", "knowledgeBankRef": "nosuchkb", "llmId": "x"}`), 400, ErrTypeIllegalArgument,
		"Knowledge bank does not exist: ML.nosuchkb")

	// A save: a second version made active; the first is kept; a save
	// without name or versions keeps them.
	d["versions"] = append(versions, map[string]any{"versionId": "v2", "ragllmSettings": map[string]any{"llmId": "other", "knowledgeBankRef": kb}})
	d["activeVersion"] = "v2"
	expectOK(t, call(t, u, "PUT", coll+"/"+id, testAdmin, d))
	delete(d, "name")
	delete(d, "versions")
	expectOK(t, call(t, u, "PUT", coll+"/"+id, testAdmin, d))
	got := call(t, u, "GET", coll+"/"+id, testAdmin, nil).obj()
	if gv, _ := got["versions"].([]any); got["name"] != "ask" || got["activeVersion"] != "v2" || len(gv) != 2 {
		t.Fatalf("after the saves %v", got)
	}
	// Malformed versions are refused.
	for i, bad := range []map[string]any{
		{"versions": map[string]any{"v1": map[string]any{}}},
		{"versions": []any{"v1"}},
		{"versions": []any{map[string]any{"ragllmSettings": map[string]any{}}}},
		{"versions": []any{map[string]any{"versionId": "a"}, map[string]any{"versionId": "a"}}},
		{"versions": []any{map[string]any{"versionId": "a", "ragllmSettings": "x"}}},
		{"versions": []any{map[string]any{"versionId": "a", "ragllmSettings": map[string]any{"llmId": 3}}}},
		{"versions": []any{map[string]any{"versionId": "a"}}, "activeVersion": "b"},
		{"versions": []any{map[string]any{"versionId": "a"}}, "activeVersion": 1},
	} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			expectError(t, call(t, u, "PUT", coll+"/"+id, testAdmin, bad), 400, ErrTypeIllegalArgument)
		})
	}
	// A reader of the project may not create, save or delete; a stranger
	// may not read.
	body := `{"name": "c", "knowledgeBankRef": "` + kb + `", "llmId": "x"}`
	expectReaderOnlyReads(t, u, coll, id, body, got)

	// The settings persist; a delete is DSS's not-found after.
	u2 := restartedURL(t, rn, o)
	if again := call(t, u2, "GET", coll+"/"+id, testAdmin, nil).obj(); again["activeVersion"] != "v2" {
		t.Fatalf("after a restart %v", again)
	}
	expectOK(t, call(t, u2, "DELETE", coll+"/"+twin, testAdmin, nil))
	expectMessage(t, call(t, u2, "GET", coll+"/"+twin, testAdmin, nil), 404, ErrTypeNotFound, "Retrieval-augmented LLM does not exist: ML."+twin)
}
