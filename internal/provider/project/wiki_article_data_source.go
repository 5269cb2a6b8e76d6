package project

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewWikiArticleDataSource returns the dataiku_wiki_article data source.
func NewWikiArticleDataSource() datasource.DataSource {
	return &kit.DataSource[wikiArticleModel]{Name: "wiki_article", Mirror: &wikiArticleDataSourceSchema,
		ReadObject: readWikiArticleDataSource, Summary: wikiArticleDataSourceSummary}
}

func wikiArticleDataSourceSummary(m *wikiArticleModel) string {
	return kit.IDOrNameSummary("dataiku_wiki_article", m.ProjectKey.ValueString(), m.ID, m.Name)
}

// wikiArticleDataSourceSchema is the resource's schema, computed, read by
// project_key and either id or name (DSS's GET takes either [V]).
var wikiArticleDataSourceSchema = func() kit.MirroredSchema {
	id, name := kit.IDOrName("The article's id.", "The article's name.")
	return kit.MirroredSchema{Resource: NewWikiArticleResource,
		Description: "Reads one article of a project's wiki, by id (2 API calls: the article, and the wiki's settings for its parent) or by name (one more: the article found by its name).",
		Own: map[string]schema.Attribute{
			"project_key": kit.ProjectKeyAttribute("the wiki"),
			"id":          id,
			"name":        name,
		},
		Describe: map[string]string{
			"content":   "The article's markdown, as DSS holds it (empty when it has none).",
			"parent_id": "The parent article's id; null for an article at the wiki's root.",
		},
	}
}()

func readWikiArticleDataSource(ctx context.Context, c *dss.Client, cfg *wikiArticleModel, diagnostics *diag.Diagnostics) error {
	key := cfg.ProjectKey.ValueString()
	if !kit.Known(cfg.ID) {
		// By name: the resource's Find, which checks that the article DSS
		// answers has that name.
		found, err := wikiArticleKind{}.Find(ctx, c, cfg)
		if err != nil {
			return err
		}
		if !found {
			diagnostics.AddError(wikiArticleDataSourceSummary(cfg), fmt.Sprintf("The wiki of project %s has no article named %q.", key, cfg.Name.ValueString()))
			return nil
		}
	}
	d, err := dss.WikiArticleDoc(key, cfg.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	s, err := dss.WikiSettingsDoc(key).Get(ctx, c)
	if err != nil {
		return err
	}
	var m wikiArticleModel
	wikiArticleFromDSS(d, s, key, &m)
	*cfg = m
	return nil
}
