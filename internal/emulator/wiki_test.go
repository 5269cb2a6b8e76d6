package emulator

import (
	"encoding/json"
	"testing"
)

const wBase = "/public/api/projects/WK/wiki"

// wikiTaxonomy prints a settings answer's taxonomy as JSON, for comparisons.
func wikiTaxonomy(t *testing.T, s map[string]any) string {
	t.Helper()
	b, err := json.Marshal(s["taxonomy"])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWikiDataikuapiShapes replays what dataikuapi's DSSWiki sends
// (dss/wiki.py): create_article under the root and under a parent,
// get_article by id and by name, get_data and save (the whole article
// data, unmodelled keys kept), get_settings, move_article_in_taxonomy's
// save, and delete.
func TestWikiDataikuapiShapes(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	py := pyCaller(t, u+"/dip/publicapi/projects/WK/wiki")
	expectOK(t, createProject(t, u, "WK", testAdmin, nil))

	if got := wikiTaxonomy(t, py("GET", "/", "").obj()); got != `[]` {
		t.Fatalf("a new wiki's taxonomy: %s", got)
	}
	a := py("POST", "/", `{"projectKey": "WK", "name": "Runbook", "parent": null}`).obj()
	aID, _ := a["article"].(map[string]any)["id"].(string)
	if len(aID) != wikiIDLength || a["payload"] != "" {
		t.Fatalf("create_article answered %v", a)
	}
	b := py("POST", "/", `{"projectKey": "WK", "name": "On call", "parent": "`+aID+`"}`).obj()
	bID, _ := b["article"].(map[string]any)["id"].(string)
	if got, want := wikiTaxonomy(t, py("GET", "/", "").obj()), `[{"children":[{"children":[],"id":"`+bID+`"}],"id":"`+aID+`"}]`; got != want {
		t.Fatalf("taxonomy %s, want %s", got, want)
	}
	// get_article by name answers the article with its id.
	if got := py("GET", "/On%20call", "").obj()["article"].(map[string]any)["id"]; got != bID {
		t.Fatalf("get_article by name: id %v, want %s", got, bID)
	}
	// save: the whole article data, with keys DSS has and the client does
	// not model, kept.
	d := py("GET", "/"+bID, "").obj()
	d["payload"] = "# On call\r\n${x}\n"
	d["article"].(map[string]any)["layout"] = "WIDE"
	d["article"].(map[string]any)["name"] = "On-call"
	body, _ := json.Marshal(d)
	py("PUT", "/"+bID, string(body))
	d = py("GET", "/"+bID, "").obj()
	if d["payload"] != "# On call\r\n${x}\n" || d["article"].(map[string]any)["layout"] != "WIDE" || d["article"].(map[string]any)["name"] != "On-call" {
		t.Fatalf("after save: %v", d)
	}
	// move_article_in_taxonomy(b, None) then save: b at the root, after a;
	// the settings' other keys are kept.
	s := py("GET", "/", "").obj()
	s["taxonomy"] = []any{map[string]any{"id": aID, "children": []any{}}, map[string]any{"id": bID, "children": []any{}}}
	s["homeArticleId"] = aID
	body, _ = json.Marshal(s)
	saved := py("PUT", "/", string(body)).obj()
	if got, want := wikiTaxonomy(t, saved), `[{"children":[],"id":"`+aID+`"},{"children":[],"id":"`+bID+`"}]`; got != want || saved["homeArticleId"] != aID {
		t.Fatalf("settings save answered %v, want taxonomy %s", saved, want)
	}
	// Deleting the home article clears the home; deleting a parent moves
	// its children to its place.
	c := py("POST", "/", `{"projectKey": "WK", "name": "Child", "parent": "`+aID+`"}`).obj()["article"].(map[string]any)["id"].(string)
	py("DELETE", "/"+aID, "")
	s = py("GET", "/", "").obj()
	if got, want := wikiTaxonomy(t, s), `[{"children":[],"id":"`+c+`"},{"children":[],"id":"`+bID+`"}]`; got != want || s["homeArticleId"] != nil {
		t.Fatalf("after deleting the parent and home: %v, want taxonomy %s", s, want)
	}
	expectError(t, call(t, u, "GET", wBase+"/"+aID, testAdmin, nil), 404, ErrTypeNotFound)
	if rn.Server.Stats().ByRoute["POST /public/api/projects/{projectKey}/wiki"] != 3 {
		t.Fatalf("wiki creates counted: %v", rn.Server.Stats().ByRoute)
	}
}

func TestWikiRefusalsAndRights(t *testing.T) {
	_, u := startWithReadersProject(t, testOpts(), "WK")
	id := call(t, u, "POST", wBase, testAdmin, map[string]any{"projectKey": "WK", "name": "A", "parent": nil}).obj()["article"].(map[string]any)["id"].(string)
	other := call(t, u, "POST", wBase, testAdmin, map[string]any{"projectKey": "WK", "name": "B", "parent": nil}).obj()["article"].(map[string]any)["id"].(string)

	// Names: not blank, unique; a parent must exist.
	expectError(t, call(t, u, "POST", wBase, testAdmin, map[string]any{"name": " "}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", wBase, testAdmin, map[string]any{"name": "A"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", wBase, testAdmin, map[string]any{"name": "C", "parent": "ghost"}), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "PUT", wBase+"/"+other, testAdmin, map[string]any{"article": map[string]any{"id": other, "name": "A"}}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "PUT", wBase+"/"+other, testAdmin, map[string]any{"article": map[string]any{"id": id, "name": "B"}}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "PUT", wBase+"/ghost", testAdmin, map[string]any{"article": map[string]any{"name": "X"}}), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "DELETE", wBase+"/ghost", testAdmin, nil), 404, ErrTypeNotFound)
	// A taxonomy naming an unknown article, or one twice, is refused; one
	// leaving an article out gets it back at the root.
	expectError(t, call(t, u, "PUT", wBase, testAdmin, map[string]any{"taxonomy": []any{map[string]any{"id": "ghost"}}}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "PUT", wBase, testAdmin, map[string]any{"taxonomy": []any{
		map[string]any{"id": id, "children": []any{map[string]any{"id": id}}}}}), 400, ErrTypeIllegalArgument)
	s := call(t, u, "PUT", wBase, testAdmin, map[string]any{"taxonomy": []any{map[string]any{"id": other, "children": []any{}}}}).obj()
	if got := wikiTaxonomy(t, s); got != `[{"children":[],"id":"`+other+`"},{"children":[],"id":"`+id+`"}]` {
		t.Fatalf("taxonomy missing an article, after the PUT: %s", got)
	}
	// carol reads, may not write; bob, with no grant, may not read.
	expectOK(t, call(t, u, "GET", wBase+"/"+id, testCarol, nil))
	expectOK(t, call(t, u, "GET", wBase, testCarol, nil))
	expectError(t, call(t, u, "POST", wBase, testCarol, map[string]any{"name": "C"}), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "PUT", wBase+"/"+id, testCarol, map[string]any{"article": map[string]any{"id": id, "name": "A2"}}), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "PUT", wBase, testCarol, map[string]any{"taxonomy": []any{}}), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "DELETE", wBase+"/"+id, testCarol, nil), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "GET", wBase+"/"+id, testBob, nil), 403, ErrTypeUnauthorized)
}
