package dss

import (
	"context"
	"errors"
	"fmt"
)

// A project's wiki (dataikuapi/dss/wiki.py [V]): its settings at
// /projects/{k}/wiki/ (GET, and PUT of the whole document) hold the
// taxonomy, the tree of every article's id, and the home article's id;
// each article is at /projects/{k}/wiki/{id} (GET answers {article,
// payload}, PUT takes that whole document back, DELETE removes it).
// POST /projects/{k}/wiki/ {projectKey, name, parent} creates an article
// and answers {article: {id, ...}, ...}, DSS generating the id. The GET of
// one article takes its id or its name [V get_article].

// WikiSettings is GET/PUT /projects/{k}/wiki/ (DSSWikiSettings [V]).
// HomeArticleID is a pointer so that a wiki without one keeps it absent
// through a read-modify-write.
type WikiSettings struct {
	Taxonomy      []WikiTaxonomyNode `json:"taxonomy" dss:"nonnull"`
	HomeArticleID *string            `json:"homeArticleId,omitempty"`
	Extra         Extra              `json:"-"`
}

func (d *WikiSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d WikiSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// WikiTaxonomyNode is one article's place in the taxonomy: its id and its
// children, in DSS's order [V get_taxonomy docstring].
type WikiTaxonomyNode struct {
	ID       string             `json:"id"`
	Children []WikiTaxonomyNode `json:"children" dss:"nonnull"`
	Extra    Extra              `json:"-"`
}

func (d *WikiTaxonomyNode) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d WikiTaxonomyNode) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// WikiArticleData is GET/PUT /projects/{k}/wiki/{id} (DSSWikiArticleData
// [V]): the article's metadata and its markdown. Payload is a pointer:
// get_body answers None when DSS sends none [V], and a read-modify-write
// that does not change it keeps it absent.
type WikiArticleData struct {
	Article WikiArticle `json:"article"`
	Payload *string     `json:"payload,omitempty"`
	Extra   Extra       `json:"-"`
}

func (d *WikiArticleData) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d WikiArticleData) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

func (d *WikiArticleData) createdKey() (string, string) { return "article.id", d.Article.ID }

// WikiArticle is an article's metadata (get_metadata [V]: id, name,
// projectKey; layout, attachments and the rest are kept in Extra).
type WikiArticle struct {
	ID         string `json:"id"`
	ProjectKey string `json:"projectKey,omitempty"`
	Name       string `json:"name"`
	Extra      Extra  `json:"-"`
}

func (d *WikiArticle) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d WikiArticle) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// WikiSettingsDoc is a project's wiki settings document.
func WikiSettingsDoc(projectKey string) Document[WikiSettings] {
	return DocumentAt[WikiSettings](Path("projects", projectKey, "wiki") + "/")
}

// WikiArticleDoc is one article's data document; idOrName may be the
// article's name for a GET [V get_article].
func WikiArticleDoc(projectKey, idOrName string) Document[WikiArticleData] {
	return DocumentAt[WikiArticleData](Path("projects", projectKey, "wiki", idOrName))
}

// CreateWikiArticle creates an article named name under parent ("" for
// the root) and returns it as DSS answered, with the id DSS generated.
// The body is dataikuapi's create_article's [V]: parent null for the root.
func (c *Client) CreateWikiArticle(ctx context.Context, projectKey, name, parent string) (*WikiArticleData, error) {
	var p *string
	if parent != "" {
		p = &parent
	}
	return postCreate[WikiArticleData](ctx, c, Path("projects", projectKey, "wiki")+"/",
		map[string]any{"projectKey": projectKey, "name": name, "parent": p}, "created the wiki article")
}

// DeleteWikiArticle deletes an article.
func (c *Client) DeleteWikiArticle(ctx context.Context, projectKey, id string) error {
	return c.Delete(ctx, Path("projects", projectKey, "wiki", id), nil, nil)
}

// ListWikiArticleIDs lists the ids of a project's articles from its wiki's
// taxonomy, depth first in DSS's order, as dataikuapi's list_articles
// walks it [V]: one request.
func (c *Client) ListWikiArticleIDs(ctx context.Context, projectKey string) ([]string, error) {
	s, err := WikiSettingsDoc(projectKey).Get(ctx, c)
	if err != nil {
		return nil, err
	}
	return s.ArticleIDs(), nil
}

// ArticleIDs lists the ids of the taxonomy's articles, depth first in
// DSS's order.
func (d *WikiSettings) ArticleIDs() []string {
	var out []string
	var walk func([]WikiTaxonomyNode)
	walk = func(nodes []WikiTaxonomyNode) {
		for _, n := range nodes {
			out = append(out, n.ID)
			walk(n.Children)
		}
	}
	walk(d.Taxonomy)
	return out
}

// ParentOf answers the id of the parent of article id in the taxonomy ("",
// true at the root), and false when the taxonomy does not hold it.
func (d *WikiSettings) ParentOf(id string) (string, bool) {
	var find func(nodes []WikiTaxonomyNode, parent string) (string, bool)
	find = func(nodes []WikiTaxonomyNode, parent string) (string, bool) {
		for _, n := range nodes {
			if n.ID == id {
				return parent, true
			}
			if p, ok := find(n.Children, n.ID); ok {
				return p, true
			}
		}
		return "", false
	}
	return find(d.Taxonomy, "")
}

// ErrWikiArticleNotInTaxonomy is MoveArticle's error for an article the
// taxonomy does not hold.
var ErrWikiArticleNotInTaxonomy = errors.New("the wiki's taxonomy does not hold the article")

// MoveArticle moves article id, with its children, to the end of parent's
// children ("" for the root), as dataikuapi's move_article_in_taxonomy
// does [V]: a parent that is missing or is one of the article's
// descendants is an error and leaves the settings as they were.
func (d *WikiSettings) MoveArticle(id, parent string) error {
	tax := cloneTaxonomy(d.Taxonomy)
	node, ok := takeNode(&tax, id)
	if !ok {
		return fmt.Errorf("cannot move wiki article %s: %w", id, ErrWikiArticleNotInTaxonomy)
	}
	if parent == "" {
		d.Taxonomy = append(tax, node)
		return nil
	}
	p := findNode(tax, parent)
	if p == nil {
		return fmt.Errorf("cannot move wiki article %s under %s: the parent article is not in the wiki's taxonomy, or is one of the article's descendants", id, parent)
	}
	p.Children = append(p.Children, node)
	d.Taxonomy = tax
	return nil
}

func cloneTaxonomy(nodes []WikiTaxonomyNode) []WikiTaxonomyNode {
	out := make([]WikiTaxonomyNode, len(nodes))
	for i, n := range nodes {
		out[i] = n
		out[i].Children = cloneTaxonomy(n.Children)
	}
	return out
}

// takeNode removes the node id (with its subtree) from nodes.
func takeNode(nodes *[]WikiTaxonomyNode, id string) (WikiTaxonomyNode, bool) {
	for i, n := range *nodes {
		if n.ID == id {
			*nodes = append((*nodes)[:i:i], (*nodes)[i+1:]...)
			return n, true
		}
		if got, ok := takeNode(&(*nodes)[i].Children, id); ok {
			return got, true
		}
	}
	return WikiTaxonomyNode{}, false
}

func findNode(nodes []WikiTaxonomyNode, id string) *WikiTaxonomyNode {
	for i := range nodes {
		if nodes[i].ID == id {
			return &nodes[i]
		}
		if n := findNode(nodes[i].Children, id); n != nil {
			return n
		}
	}
	return nil
}
