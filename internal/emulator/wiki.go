package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// A project's wiki (dataikuapi/dss/wiki.py [V]): its settings (the
// taxonomy, the tree of every article's id, and the home article's id)
// and its articles, each stored as its article data {article, payload}
// with every key kept as sent. What dataikuapi leaves unsaid is [I]:
//   - article names are unique in a wiki (DSS's GET takes an id or a
//     name [V], so a name must name one article): a create or rename to a
//     name another article has is refused;
//   - deleting an article moves its children, in order, to its place in
//     its parent's children (nothing is lost; neither refusing nor a
//     cascade), and clears the home article when it was that one;
//   - a settings PUT whose taxonomy leaves an article out puts it back at
//     the root, at the end (the settings document must hold every article
//     once [V get_taxonomy docstring]; the emulator repairs rather than
//     refuses); an unknown or repeated id is refused.

// wikiIDLength is the length of a generated article id [I: DSS's other
// short ids].
const wikiIDLength = 7

// Wiki is one project's wiki as stored.
type Wiki struct {
	Taxonomy []*WikiNode `json:"taxonomy"`
	// Settings holds the settings' other keys (homeArticleId included),
	// as PUT.
	Settings map[string]any `json:"settings,omitempty"`
	// Articles are the article data documents by id.
	Articles map[string]map[string]any `json:"articles,omitempty"`
}

// WikiNode is one article's place in the taxonomy.
type WikiNode struct {
	ID       string      `json:"id"`
	Children []*WikiNode `json:"children"`
}

func copyWikiNodes(nodes []*WikiNode) []*WikiNode {
	out := make([]*WikiNode, 0, len(nodes))
	for _, n := range nodes {
		out = append(out, &WikiNode{ID: n.ID, Children: copyWikiNodes(n.Children)})
	}
	return out
}

// copyWiki deep-copies a project's wiki (for copyProject).
func copyWiki(w *Wiki) *Wiki {
	if w == nil {
		return nil
	}
	return &Wiki{Taxonomy: copyWikiNodes(w.Taxonomy), Settings: copyDoc(w.Settings), Articles: copyDocs(w.Articles)}
}

func wikiOf(p *Project) *Wiki {
	if p.Wiki == nil {
		p.Wiki = &Wiki{}
	}
	ensureMap(&p.Wiki.Articles)
	return p.Wiki
}

func wireNodes(nodes []*WikiNode) []any {
	out := make([]any, 0, len(nodes))
	for _, n := range nodes {
		out = append(out, map[string]any{"id": n.ID, "children": wireNodes(n.Children)})
	}
	return out
}

// settingsWire is GET /projects/{k}/wiki/'s answer.
func (w *Wiki) settingsWire(key string) map[string]any {
	out := copyDoc(w.Settings)
	ensureMap(&out)
	out["projectKey"] = key
	out["taxonomy"] = wireNodes(w.Taxonomy)
	return out
}

// takeWikiNode removes node id from nodes, its children taking its place.
func takeWikiNode(nodes []*WikiNode, id string) ([]*WikiNode, bool) {
	for i, n := range nodes {
		if n.ID == id {
			return slices.Concat(nodes[:i:i], n.Children, nodes[i+1:]), true
		}
		if kids, ok := takeWikiNode(n.Children, id); ok {
			n.Children = kids
			return nodes, true
		}
	}
	return nodes, false
}

func findWikiNode(nodes []*WikiNode, id string) *WikiNode {
	for _, n := range nodes {
		if n.ID == id {
			return n
		}
		if f := findWikiNode(n.Children, id); f != nil {
			return f
		}
	}
	return nil
}

func wikiArticleName(d map[string]any) string {
	a, _ := d["article"].(map[string]any)
	name, _ := a["name"].(string)
	return name
}

// articleByIDOrName is the id of the article named by ref, its id first
// and then its name [V get_article].
func (w *Wiki) articleByIDOrName(ref string) (string, bool) {
	if _, ok := w.Articles[ref]; ok {
		return ref, true
	}
	for _, id := range sortedKeys(w.Articles) {
		if wikiArticleName(w.Articles[id]) == ref {
			return id, true
		}
	}
	return "", false
}

// checkWikiName refuses a blank name and one another article has [I].
func (w *Wiki) checkWikiName(name, self string) *APIError {
	if strings.TrimSpace(name) == "" {
		return errIllegalArgument("Article name cannot be empty")
	}
	for id, d := range w.Articles {
		if id != self && wikiArticleName(d) == name {
			return errIllegalArgument(fmt.Sprintf("An article named '%s' already exists in the wiki", name))
		}
	}
	return nil
}

func wikiArticleNotFound(key, ref string) *APIError {
	return errNotFound(fmt.Sprintf("Article %s not found in the wiki of project %s", ref, key))
}

// wikiRoutes serves /projects/{k}/wiki/ (the trailing slash is stripped
// before routing) and its articles.
func (s *Server) wikiRoutes() {
	const coll = "/projects/{projectKey}/wiki"
	const one = coll + "/{articleId}"
	s.handle("GET "+coll, s.handleGetWikiSettings)
	s.handle("PUT "+coll, s.handlePutWikiSettings)
	s.handle("POST "+coll, s.handleCreateWikiArticle)
	s.handle("GET "+one, s.handleGetWikiArticle)
	s.handle("PUT "+one, s.handlePutWikiArticle)
	s.handle("DELETE "+one, s.handleDeleteWikiArticle)
}

func (s *Server) handleGetWikiSettings(w http.ResponseWriter, r *http.Request) {
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) {
		return wikiOf(p).settingsWire(p.ProjectKey), nil
	})
}

// parseWikiNodes reads a PUT taxonomy: every id an article's, none twice.
func parseWikiNodes(raw any, wk *Wiki, seen map[string]bool) ([]*WikiNode, *APIError) {
	if raw == nil {
		return nil, nil
	}
	list, ok := raw.([]any)
	if !ok {
		return nil, errIllegalArgument("taxonomy must be a list of {id, children}")
	}
	var out []*WikiNode
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, errIllegalArgument("taxonomy must be a list of {id, children}")
		}
		id, _ := m["id"].(string)
		if _, ok := wk.Articles[id]; !ok {
			return nil, errIllegalArgument(fmt.Sprintf("Article %q of the taxonomy does not exist", id))
		}
		if seen[id] {
			return nil, errIllegalArgument(fmt.Sprintf("Article %q is more than once in the taxonomy", id))
		}
		seen[id] = true
		kids, err := parseWikiNodes(m["children"], wk, seen)
		if err != nil {
			return nil, err
		}
		out = append(out, &WikiNode{ID: id, Children: kids})
	}
	return out, nil
}

// PUT /projects/{k}/wiki/: the whole settings; answers them as stored
// (dataikuapi's save keeps the answer [V]).
func (s *Server) handlePutWikiSettings(w http.ResponseWriter, r *http.Request) {
	s.changeInProject(w, r, func(p *Project, body map[string]any) (any, error) {
		wk := wikiOf(p)
		seen := map[string]bool{}
		tax, err := parseWikiNodes(body["taxonomy"], wk, seen)
		if err != nil {
			return nil, err
		}
		if home, ok := body["homeArticleId"].(string); ok && home != "" {
			if _, ok := wk.Articles[home]; !ok {
				return nil, wikiArticleNotFound(p.ProjectKey, home)
			}
		}
		for _, id := range sortedKeys(wk.Articles) {
			if !seen[id] {
				tax = append(tax, &WikiNode{ID: id})
			}
		}
		wk.Taxonomy, wk.Settings = tax, nil
		for field, v := range body {
			if field != "taxonomy" && field != "projectKey" {
				ensureMap(&wk.Settings)
				wk.Settings[field] = deepCopy(v)
			}
		}
		return wk.settingsWire(p.ProjectKey), nil
	})
}

// POST /projects/{k}/wiki/ {projectKey, name, parent}: the new article's
// data, its payload empty [I], appended to parent's children (the root's
// for a null parent).
func (s *Server) handleCreateWikiArticle(w http.ResponseWriter, r *http.Request) {
	s.changeInProject(w, r, func(p *Project, body map[string]any) (any, error) {
		wk := wikiOf(p)
		name, _ := body["name"].(string)
		if err := wk.checkWikiName(name, ""); err != nil {
			return nil, err
		}
		var parent *WikiNode
		if pid, ok := body["parent"].(string); ok && pid != "" {
			if parent = findWikiNode(wk.Taxonomy, pid); parent == nil {
				return nil, wikiArticleNotFound(p.ProjectKey, pid)
			}
		}
		id := randomID(wikiIDLength)
		for wk.Articles[id] != nil {
			id = randomID(wikiIDLength)
		}
		doc := map[string]any{"article": map[string]any{"id": id, "projectKey": p.ProjectKey, "name": name}, "payload": ""}
		wk.Articles[id] = doc
		node := &WikiNode{ID: id}
		if parent != nil {
			parent.Children = append(parent.Children, node)
		} else {
			wk.Taxonomy = append(wk.Taxonomy, node)
		}
		return copyDoc(doc), nil
	})
}

// wikiArticleCall runs fn on the article the path names (by id, or by
// name when byName).
func (s *Server) wikiArticleCall(w http.ResponseWriter, r *http.Request, lock func(func(*State) error) error, need Access, byName bool,
	fn func(p *Project, wk *Wiki, id string) (any, error),
) {
	ref := r.PathValue("articleId")
	s.answerInProject(w, r, lock, need, func(p *Project) (any, error) {
		wk := wikiOf(p)
		id := ref
		if _, ok := wk.Articles[ref]; !ok {
			found := false
			if byName {
				id, found = wk.articleByIDOrName(ref)
			}
			if !found {
				return nil, wikiArticleNotFound(p.ProjectKey, ref)
			}
		}
		return fn(p, wk, id)
	})
}

func (s *Server) handleGetWikiArticle(w http.ResponseWriter, r *http.Request) {
	s.wikiArticleCall(w, r, s.read, AccessRead, true, func(_ *Project, wk *Wiki, id string) (any, error) {
		return copyDoc(wk.Articles[id]), nil
	})
}

// PUT /projects/{k}/wiki/{id}: the whole article data, kept as sent; the
// id and project cannot change, the name must stay unique [I].
func (s *Server) handlePutWikiArticle(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	s.wikiArticleCall(w, r, s.mutate, AccessWrite, false, func(p *Project, wk *Wiki, id string) (any, error) {
		art, ok := body["article"].(map[string]any)
		if !ok {
			return nil, errIllegalArgument("The article data must hold the article's metadata (article)")
		}
		if v, ok := art["id"].(string); ok && v != id {
			return nil, errIllegalArgument(fmt.Sprintf("Cannot change the id of article %s (got %s)", id, v))
		}
		if v, ok := body["payload"]; ok && v != nil {
			if _, isString := v.(string); !isString {
				return nil, errIllegalArgument("payload must be a string")
			}
		}
		name, _ := art["name"].(string)
		if err := wk.checkWikiName(name, id); err != nil {
			return nil, err
		}
		doc := copyDoc(body)
		a, _ := doc["article"].(map[string]any)
		a["id"], a["projectKey"] = id, p.ProjectKey
		wk.Articles[id] = doc
		return copyDoc(doc), nil
	})
}

// DELETE /projects/{k}/wiki/{id}: its children take its place [I].
func (s *Server) handleDeleteWikiArticle(w http.ResponseWriter, r *http.Request) {
	s.wikiArticleCall(w, r, s.mutate, AccessWrite, false, func(p *Project, wk *Wiki, id string) (any, error) {
		delete(wk.Articles, id)
		wk.Taxonomy, _ = takeWikiNode(wk.Taxonomy, id)
		if home, _ := wk.Settings["homeArticleId"].(string); home == id {
			delete(wk.Settings, "homeArticleId")
		}
		return map[string]any{"msg": fmt.Sprintf("Deleted article %s", id)}, nil
	})
}
