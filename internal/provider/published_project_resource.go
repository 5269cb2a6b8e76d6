package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// NewPublishedProjectResource returns the dataiku_published_project
// resource.
func NewPublishedProjectResource() resource.Resource {
	return newKitResource[publishedProjectModel](publishedProjectKind{})
}

// publishedProjectKind is a project on the Project Deployer: where
// bundles are published, and which deployments deploy from.
type publishedProjectKind struct{}

type publishedProjectModel struct {
	ID          types.String         `tfsdk:"id"`
	ProjectKey  types.String         `tfsdk:"project_key"`
	Permissions jsontypes.Normalized `tfsdk:"permissions"`
	Settings    types.Dynamic        `tfsdk:"settings"`
}

var publishedProjectReservedKeys = []string{"id", "permissions"}

var publishedProjectAddress = address[publishedProjectModel]{
	typeName: "dataiku_published_project",
	path:     "project-deployer/projects/{project_key}",
	key: []keyPart[publishedProjectModel]{
		{"project_key", projectKeyPart, func(m *publishedProjectModel) *types.String { return &m.ProjectKey }, "The published project's key."},
	},
	example: "e.g. SALES",
	id:      func(m *publishedProjectModel) *types.String { return &m.ID },
}

func (publishedProjectKind) address() *address[publishedProjectModel] {
	return &publishedProjectAddress
}

func (publishedProjectKind) schema() schema.Schema {
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
			"project_key": parentProjectKeyAttribute("The published project's key, usually the design project's key. Changing it replaces the published project."),
			"permissions": schema.StringAttribute{Optional: true, Computed: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "Who may see, deploy and administer the published project: its permission entries as a JSON array written with `jsonencode`, " +
					"e.g. `[{ group = \"release-managers\", read = true, write = true, deploy = true, admin = false }]`, passed to DSS as written. " +
					"Authoritative when set; when omitted, Terraform leaves them alone. Changes in place.",
				PlanModifiers: []planmodifier.String{unmanagedWhenNull{}},
				Validators:    []validator.String{jsonArrayValidator{}}},
			"settings": freeObjectAttribute("The published project's other settings, e.g. `{ owner = \"release-bot\", basicInfo = { name = \"Sales\" } }`. Changes in place.",
				publishedProjectReservedKeys...),
		},
	}
}

func (publishedProjectKind) post(ctx context.Context, c *dss.Client, m *publishedProjectModel) error {
	return c.CreatePublishedProject(ctx, m.ProjectKey.ValueString())
}

func (publishedProjectKind) apply(ctx context.Context, c *dss.Client, op *applyOp[publishedProjectModel]) {
	plan := op.plan
	plan.ID = plan.ProjectKey
	syncDocument(ctx, c, op, documentSync[publishedProjectModel, dss.PublishedProjectSettings]{
		doc: dss.PublishedProjectSettingsDoc(plan.ProjectKey.ValueString()),
		toDSS: func(s *dss.PublishedProjectSettings) diag.Diagnostics {
			var diags diag.Diagnostics
			if known(plan.Permissions) {
				s.Permissions = json.RawMessage(plan.Permissions.ValueString())
			}
			if err := freeObjectToDSS(plan.Settings, &s.Extra); err != nil {
				diags.AddAttributeError(path.Root("settings"), "Invalid settings", err.Error())
			}
			return diags
		},
		fromDSS: func(s *dss.PublishedProjectSettings) diag.Diagnostics { return publishedProjectFromDSS(s, plan, false) },
		keepPlanned: func(got, planned, written *publishedProjectModel) {
			if known(planned.Permissions) && sameJSONValue(got.Permissions, planned.Permissions) {
				got.Permissions = planned.Permissions
			}
			hclObjectKeepPlanned(&got.Settings, planned.Settings, written.Settings)
		},
	})
}

func publishedProjectFromDSS(s *dss.PublishedProjectSettings, m *publishedProjectModel, imported bool) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = m.ProjectKey
	readDeployerPermissions(s.Permissions, &m.Permissions, imported)
	settings, err := freeObjectFromDSS(m.Settings, s.Extra)
	if err != nil {
		diags.AddError("Cannot read the published project's settings", err.Error())
	}
	m.Settings = settings
	return diags
}

// read costs 1 GET.
func (publishedProjectKind) read(ctx context.Context, c *dss.Client, m *publishedProjectModel, imported bool) error {
	s, err := dss.PublishedProjectSettingsDoc(m.ProjectKey.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	return diagsError(publishedProjectFromDSS(s, m, imported))
}

// isGone: the kind reads the settings, whose not-found says the published
// project is gone.
func (publishedProjectKind) isGone(err error, objectPath string) bool {
	return dss.IsGone(err, objectPath+"/settings")
}
