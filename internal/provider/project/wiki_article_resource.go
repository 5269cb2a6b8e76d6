package project

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewWikiArticleResource returns the dataiku_wiki_article resource.
func NewWikiArticleResource() resource.Resource {
	return kit.NewResource[wikiArticleModel](wikiArticleKind{})
}

// wikiArticleKind is an article of a project's wiki (dataikuapi
// dss/wiki.py [V]): DSS generates its id at the POST; its name and
// markdown are its article data, written with a read-modify-write of
// that whole document; its place in the tree is the wiki settings'
// taxonomy, written with a read-modify-write of the settings. The wiki's
// home article (homeArticleId, one per project) is a setting of the
// wiki, not of an article: this resource leaves it as DSS has it.
type wikiArticleKind struct{}

// wikiArticleModel is the dataiku_wiki_article resource.
type wikiArticleModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Name       types.String `tfsdk:"name"`
	Content    types.String `tfsdk:"content"`
	ParentID   types.String `tfsdk:"parent_id"`
}

// wikiArticleIDPart is the id DSS gives an article, a path segment of its
// calls [V], so it holds no slash; it may hold dots [I: older articles
// were named by their title], hence the slash of the import ID.
var wikiArticleIDPart = kit.ImportPart{Label: "article_id", Pattern: names.IDPattern, Rule: names.IDRule}

// wikiArticleAddress: DSS generates the id; the article's name in its
// project finds it when the answer to its creation was lost (DSS's GET of
// an article takes its id or its name [V], so names name one article).
var wikiArticleAddress = kit.Address[wikiArticleModel]{
	TypeName: "dataiku_wiki_article",
	Path:     "projects/{project_key}/wiki/{id}",
	Key: []kit.KeyPart[wikiArticleModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *wikiArticleModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project whose wiki holds the article."},
		{Attr: "id", ImportPart: wikiArticleIDPart, Field: func(m *wikiArticleModel) *types.String { return &m.ID }, Doc: "The article's id DSS generated (not its name)."},
	},
	Separator: "/",
	// An article's id may hold dots [I: older articles were named by their
	// title], never a slash; a project key holds neither.
	Example:   "e.g. SALES/aB3dE5f: the article's id, not its name",
	ID:        func(m *wikiArticleModel) *types.String { return &m.ID },
	Generated: true,
	Natural:   &kit.KeyPart[wikiArticleModel]{Attr: "name", Field: func(m *wikiArticleModel) *types.String { return &m.Name }},
	Parent:    "in project",
}

func (wikiArticleKind) Address() *kit.Address[wikiArticleModel] { return &wikiArticleAddress }

func (wikiArticleKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "An article of a DSS project's wiki: its name, its markdown and its place in the wiki's tree. DSS generates its id. " +
			"Updates are read-modify-writes of the article's data, so what the provider does not model (layout, attachments, ...) stays. " +
			"The wiki's home article is a setting of the wiki, not of an article: this resource neither sets nor changes it. " +
			"Destroying an article whose children are not destroyed with it leaves them to DSS (the emulator moves them to the deleted article's place [I]); " +
			"a child that references its parent's `id` is destroyed first. Import with `PROJECT_KEY/article_id`.\n\n" +
			"**Refresh cost.** 2 API calls (the article, and the wiki's settings for its place in the tree).",
		Attributes: map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("The article id DSS generated."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the DSS project whose wiki holds the article. Changing it destroys the article and creates it in the new project."),
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Article name, as the wiki shows it, not blank. Changing it renames the article in place (its id stays). " +
					"DSS finds an article by its id or its name, so names are unique in a wiki: creating an article whose name is taken is refused with the command that imports it.",
				Validators: nonBlankValidators()},
			"content": kit.OptionalString("",
				"The article's markdown, kept byte for byte (line endings, trailing newline, `${...}` included; in HCL, write a literal `${` as `$${`, or read the text with `file()`). "+
					"Defaults to empty, which is also how an article DSS holds without content reads."),
			"parent_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The id of the parent article, e.g. `dataiku_wiki_article.runbook.id`; unset, the article is at the wiki's root. " +
					"Changing it moves the article, with its children, to the end of the new parent's children (a read-modify-write of the wiki's settings, as dataikuapi's `move_article_in_taxonomy`).",
				Validators: []validator.String{kit.IDValidator}},
		},
	}
}

// Find looks for the article by its name: DSS's GET of an article takes
// its name [V]. An answer naming another article (an id equal to the name
// comes first [I]) falls back to reading each article of the taxonomy.
func (wikiArticleKind) Find(ctx context.Context, c *dss.Client, m *wikiArticleModel) (bool, error) {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	var d *dss.WikiArticleData
	exists, err := kit.ExistsCheck(func() (err error) {
		d, err = dss.WikiArticleDoc(key, name).Get(ctx, c)
		return err
	})()
	switch {
	case err != nil || !exists:
		return false, err
	case d.Article.Name == name:
		m.ID = types.StringValue(d.Article.ID)
		return true, nil
	}
	ids, err := c.ListWikiArticleIDs(ctx, key)
	if err != nil {
		return false, err
	}
	var found []string
	for _, id := range ids {
		a, err := dss.WikiArticleDoc(key, id).Get(ctx, c)
		if err != nil {
			return false, err
		}
		if a.Article.Name == name {
			found = append(found, id)
		}
	}
	return kit.FindCreated(found, &m.ID, func(id *string) (bool, string) { return true, *id }, func(ids []string) error {
		return fmt.Errorf("project %s has %d wiki articles named %q (ids %s); the provider cannot tell which one is meant: rename or delete the extra ones in DSS",
			key, len(ids), name, strings.Join(ids, ", "))
	})
}

func (wikiArticleKind) Post(ctx context.Context, c *dss.Client, m *wikiArticleModel) error {
	d, err := c.CreateWikiArticle(ctx, m.ProjectKey.ValueString(), m.Name.ValueString(), m.ParentID.ValueString())
	if err != nil {
		return err
	}
	m.ID = types.StringValue(d.Article.ID)
	return nil
}

// Apply writes the name and the markdown with a read-modify-write of the
// article data (no PUT when they match), then the article's place with a
// read-modify-write of the wiki's settings (no PUT when it is right).
func (wikiArticleKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[wikiArticleModel]) {
	plan := op.Plan
	key, id := plan.ProjectKey.ValueString(), plan.ID.ValueString()
	d, _, err := dss.WikiArticleDoc(key, id).Update(ctx, c, func(d *dss.WikiArticleData) error {
		d.Article.Name = plan.Name.ValueString()
		if content := plan.Content.ValueString(); kit.Known(plan.Content) && (d.Payload != nil || content != "") {
			d.Payload = &content
		}
		return nil
	})
	if op.Fail(err) {
		return
	}
	s, _, err := dss.WikiSettingsDoc(key).Update(ctx, c, func(s *dss.WikiSettings) error {
		if parent, ok := s.ParentOf(id); ok && parent == plan.ParentID.ValueString() {
			return nil
		}
		return s.MoveArticle(id, plan.ParentID.ValueString())
	})
	if op.Fail(err) {
		return
	}
	wikiArticleFromDSS(d, s, key, plan)
}

// Read costs 2 GETs: the article, then the wiki's settings for its parent.
func (wikiArticleKind) Read(ctx context.Context, c *dss.Client, m *wikiArticleModel, _ bool) error {
	key := m.ProjectKey.ValueString()
	d, err := dss.WikiArticleDoc(key, m.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	s, err := dss.WikiSettingsDoc(key).Get(ctx, c)
	if err != nil {
		return err
	}
	wikiArticleFromDSS(d, s, key, m)
	return nil
}

// wikiArticleFromDSS fills m from the article data and the wiki's
// settings: no payload reads as empty content, an article the taxonomy
// does not hold (or holds at its root) has no parent.
func wikiArticleFromDSS(d *dss.WikiArticleData, s *dss.WikiSettings, projectKey string, m *wikiArticleModel) {
	m.ID = types.StringValue(d.Article.ID)
	m.ProjectKey = types.StringValue(projectKey)
	m.Name = types.StringValue(d.Article.Name)
	m.Content = types.StringValue("")
	if d.Payload != nil {
		m.Content = types.StringValue(*d.Payload)
	}
	m.ParentID = types.StringNull()
	if parent, ok := s.ParentOf(d.Article.ID); ok && parent != "" {
		m.ParentID = types.StringValue(parent)
	}
}
