package project

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewProjectWikiResource returns the dataiku_project_wiki resource.
func NewProjectWikiResource() resource.Resource {
	return kit.NewResource[ProjectWikiModel](&ProjectWikiKind{})
}

// ProjectWikiKind is a project's wiki settings (DSSWikiSettings,
// dataikuapi dss/wiki.py [V]): GET /projects/{k}/wiki/ answers
// {taxonomy, homeArticleId, ...}, PUT saves the whole document. Of it the
// resource manages the home article only; the taxonomy (the articles'
// tree, dataiku_wiki_article's) and every other key are written back as
// read. Like dataiku_project_execution_defaults it is one per project,
// always there while the project is: creating it starts managing the
// home article, destroying it unsets it (DSS's value for a new wiki).
type ProjectWikiKind struct{}

type ProjectWikiModel struct {
	ID            types.String `tfsdk:"id"`
	ProjectKey    types.String `tfsdk:"project_key"`
	HomeArticleID types.String `tfsdk:"home_article_id"`
}

// ProjectWikiAddress: one per project, named by its key.
var ProjectWikiAddress = perProjectAddress("dataiku_project_wiki", "projects/{project_key}/wiki/", "Key of the project whose wiki this is.",
	func(m *ProjectWikiModel) *types.String { return &m.ProjectKey }, func(m *ProjectWikiModel) *types.String { return &m.ID })

func (*ProjectWikiKind) Address() *kit.Address[ProjectWikiModel] { return &ProjectWikiAddress }

func (*ProjectWikiKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A project's wiki settings: its home article, the page a user lands on when opening the wiki " +
			"(DSS wiki settings `homeArticleId`). The articles themselves, and their tree, are `dataiku_wiki_article`'s.\n\n" +
			"**Read-modify-write.** Every write reads the wiki's settings, changes only `homeArticleId` and writes the whole document back, " +
			"the taxonomy (the articles' tree) and every other key exactly as DSS sent it. A home article DSS already holds is not rewritten.\n\n" +
			"**One per project.** A second `dataiku_project_wiki` for the same project (another block, or `count`/`for_each`) in the same " +
			"provider configuration is an error at plan time, when the project key is known then.\n\n" +
			"**The home article deleted.** DSS clears the home article when that article is deleted: the next plan shows it. " +
			"With `home_article_id = dataiku_wiki_article.x.id`, Terraform creates the article again first, then sets it as home; " +
			"with a literal id, the apply fails with DSS's error for an article the wiki no longer holds.\n\n" +
			"**Rights.** Changing it needs write access to the project's content.\n\n" +
			"**Destroy.** Destroying the resource unsets the home article (DSS's value for a new wiki), as destroying " +
			"`dataiku_project_execution_defaults` puts them back to DSS's; the articles are left alone, and a project already deleted is left alone. " +
			"There is nothing to create: the first apply writes the home article into the project's existing wiki settings. " +
			"Import with the project key, e.g. `SALES`.\n\n" +
			"**Refresh cost.** 1 API call (the wiki's settings).",
		Attributes: map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("The project's key."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the project. Changing it unsets the old project's home article and manages the new project's."),
			"home_article_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The id of the wiki's home article, typically `dataiku_wiki_article.x.id` (an article's id, not its name). " +
					"Unset, the wiki has no home article: one set in DSS is unset, as in a new wiki; DSS's absent, `null` and empty home article all read as unset. " +
					"An id that is not an article of the project's wiki is refused by DSS at apply time, with its error. Changes in place.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		},
	}
}

// ModifyPlanInWalk refuses a project whose wiki another resource of this
// configuration already manages: both would write homeArticleId, each
// apply undoing the other. A key not known yet is not counted.
func (*ProjectWikiKind) ModifyPlanInWalk(ctx context.Context, data *kit.ProviderData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkProjectSingletonPlan(ctx, data, ProjectWikiAddress.TypeName, "Project wiki declared twice", func(key string) string {
		return fmt.Sprintf("This configuration declares more than one dataiku_project_wiki for project %s. A project has one wiki and one home article, "+
			"so they would overwrite each other on every apply: keep one resource for the project.", key)
	}, req, resp)
}

func (m *ProjectWikiModel) key() string { return m.ProjectKey.ValueString() }

// Find: the wiki settings exist while the project does; managing them is
// what creating the resource means.
func (*ProjectWikiKind) Find(context.Context, *dss.Client, *ProjectWikiModel) (bool, error) {
	return false, nil
}

// Post creates nothing (claimProjectSingleton: the wiki's settings).
func (*ProjectWikiKind) Post(ctx context.Context, c *dss.Client, m *ProjectWikiModel) error {
	return claimProjectSingleton(ctx, c, dss.WikiSettingsDoc(m.key()), m.key(), &m.ID)
}

// Apply is one read-modify-write of the settings (no PUT when DSS already
// holds the plan). A null home article is written as the key left out
// [I: DSS's PUT saves the whole document, so a key left out is unset;
// the emulator does so], an id as the string; an id DSS does not know is
// DSS's error, quoted.
func (*ProjectWikiKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[ProjectWikiModel]) {
	planned := *op.Plan
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[ProjectWikiModel, dss.WikiSettings]{
		Doc: dss.WikiSettingsDoc(planned.key()),
		ToDSS: func(s *dss.WikiSettings) diag.Diagnostics {
			setHomeArticle(s, planned.HomeArticleID)
			return nil
		},
		FromDSS: func(s *dss.WikiSettings) (diags diag.Diagnostics) {
			projectWikiFromDSS(s, op.Plan)
			if !op.Plan.HomeArticleID.Equal(planned.HomeArticleID) {
				diags.AddAttributeError(path.Root("home_article_id"), "DSS did not keep the home article written", fmt.Sprintf(
					"After the write, DSS's wiki of project %s has home article %s where the configuration says %s.",
					planned.key(), op.Plan.HomeArticleID, planned.HomeArticleID))
			}
			return diags
		},
	})
}

// setHomeArticle writes home into s, leaving s as it is when it already
// holds it (so that no PUT is sent).
func setHomeArticle(s *dss.WikiSettings, home types.String) {
	if kit.StringOrEmpty(s.HomeArticleID) == home.ValueString() {
		return
	}
	if home.IsNull() {
		s.HomeArticleID = nil
		return
	}
	s.HomeArticleID = home.ValueStringPointer()
}

func (*ProjectWikiKind) Read(ctx context.Context, c *dss.Client, m *ProjectWikiModel, _ bool) error {
	s, err := dss.WikiSettingsDoc(m.key()).Get(ctx, c)
	if err != nil {
		return err
	}
	projectWikiFromDSS(s, m)
	return nil
}

// projectWikiFromDSS fills m from DSS's settings: an absent, null or
// empty homeArticleId is no home article [I: DSS may hold any of them].
func projectWikiFromDSS(s *dss.WikiSettings, m *ProjectWikiModel) {
	m.ID = types.StringValue(m.key())
	m.HomeArticleID = types.StringNull()
	if home := kit.StringOrEmpty(s.HomeArticleID); home != "" {
		m.HomeArticleID = types.StringValue(home)
	}
}

// Delete unsets the home article; a project already gone is the kit's
// (its settings' not-found).
func (*ProjectWikiKind) Delete(ctx context.Context, c *dss.Client, m *ProjectWikiModel) error {
	_, _, err := dss.WikiSettingsDoc(m.key()).Update(ctx, c, func(s *dss.WikiSettings) error {
		setHomeArticle(s, types.StringNull())
		return nil
	})
	return err
}
