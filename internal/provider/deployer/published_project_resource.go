package deployer

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewPublishedProjectResource returns the dataiku_published_project
// resource.
func NewPublishedProjectResource() resource.Resource {
	return kit.NewResource[publishedProjectModel](publishedProjectKind{})
}

// publishedProjectKind is a project on the Project Deployer: where
// bundles are published, and which deployments deploy from.
type publishedProjectKind struct{}

type publishedProjectModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	deployerAccess
}

var publishedProjectReservedKeys = []string{"id", "permissions"}

var publishedProjectAddress = kit.Address[publishedProjectModel]{
	TypeName: "dataiku_published_project",
	Path:     "project-deployer/projects/{project_key}",
	Key: []kit.KeyPart[publishedProjectModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *publishedProjectModel) *types.String { return &m.ProjectKey }, Doc: "The published project's key."},
	},
	Example: "e.g. SALES",
	ID:      func(m *publishedProjectModel) *types.String { return &m.ID },
}

func (publishedProjectKind) Address() *kit.Address[publishedProjectModel] {
	return &publishedProjectAddress
}

func (publishedProjectKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A published project of the Project Deployer: where the bundles of a design project are published " +
			"(`dataiku_project_bundle` with `publish = true`), and which deployments (`dataiku_project_deployment`) deploy from.\n\n" +
			"**Created by a publish, or by itself.** Publishing a bundle creates the published project when none has its key. " +
			"To manage the permissions of such a project, import it (`import { to = dataiku_published_project.x, id = \"SALES\" }`). " +
			"Or create it with this resource first and publish into it: set the bundle's `published_project_key = dataiku_published_project.x.project_key`, " +
			"so that the publish happens after the creation.\n\n" +
			"Every update is a read-modify-write of its settings. Destroying it deletes the published project and its published bundles; " +
			"DSS refuses while deployments use it. Import with the published project's key.\n\n" +
			"**Refresh cost.** 1 API call (the settings).",
		Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "The published project's key."},
			"project_key": kit.ParentProjectKeyAttribute("The published project's key, usually the design project's key. Changing it replaces the published project."),
			"permissions": schema.StringAttribute{Optional: true, Computed: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "Who may see, deploy and administer the published project: its permission entries as a JSON array written with `jsonencode`, " +
					"e.g. `[{ group = \"release-managers\", read = true, write = true, deploy = true, admin = false }]`, passed to DSS as written. " +
					"Authoritative when set; when omitted, Terraform leaves them alone. Changes in place.",
				PlanModifiers: []planmodifier.String{kit.UnmanagedWhenNull},
				Validators:    []validator.String{kit.JSONArrayValidator}},
			"settings": kit.FreeObjectAttribute("The published project's other settings, e.g. `{ owner = \"release-bot\", basicInfo = { name = \"Sales\" } }`. Changes in place.",
				publishedProjectReservedKeys...),
		},
	}
}

func (publishedProjectKind) Post(ctx context.Context, c *dss.Client, m *publishedProjectModel) error {
	return c.CreatePublishedProject(ctx, m.ProjectKey.ValueString())
}

func (publishedProjectKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[publishedProjectModel]) {
	op.Plan.ID = op.Plan.ProjectKey
	syncPublished(ctx, c, op, dss.PublishedProjectSettingsDoc(op.Plan.ProjectKey.ValueString()), publishedProjectAccess, "the published project's")
}

func publishedProjectAccess(m *publishedProjectModel) *deployerAccess { return &m.deployerAccess }

// Read costs 1 GET.
func (publishedProjectKind) Read(ctx context.Context, c *dss.Client, m *publishedProjectModel, imported bool) error {
	m.ID = m.ProjectKey
	return readPublished(ctx, c, dss.PublishedProjectSettingsDoc(m.ProjectKey.ValueString()), m.deployerAccess.fromDSS, imported, "the published project's")
}

// syncPublished is the apply of a published project or API service: a
// read-modify-write of its settings document, whose permissions and other
// settings are the model's access (whose names it in an error).
func syncPublished[M any](ctx context.Context, c *dss.Client, op *kit.ApplyOp[M], doc dss.Document[dss.PublishedProjectSettings], access func(*M) *deployerAccess, whose string) {
	plan := access(op.Plan)
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[M, dss.PublishedProjectSettings]{
		Doc:   doc,
		ToDSS: func(s *dss.PublishedProjectSettings) diag.Diagnostics { return plan.toDSS(&s.Permissions, &s.Extra) },
		FromDSS: func(s *dss.PublishedProjectSettings) diag.Diagnostics {
			return plan.fromDSS(s.Permissions, s.Extra, false, whose)
		},
		KeepPlanned: func(got, planned, written *M) {
			access(got).keepPlanned(access(planned), access(written))
		},
	})
}

// readPublished reads a published project's or API service's settings
// into fill (deployerAccess.fromDSS): 1 GET.
func readPublished(ctx context.Context, c *dss.Client, doc dss.Document[dss.PublishedProjectSettings],
	fill func(permissions json.RawMessage, extra dss.Extra, imported bool, whose string) diag.Diagnostics, imported bool, whose string) error {
	s, err := doc.Get(ctx, c)
	if err != nil {
		return err
	}
	return kit.DiagsError(fill(s.Permissions, s.Extra, imported, whose))
}

// IsGone: the kind reads the settings, whose not-found says the published
// project is gone.
func (publishedProjectKind) IsGone(err error, objectPath string) bool {
	return dss.IsGone(err, objectPath+"/settings")
}
