package deployer

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewPublishedAPIServiceResource returns the dataiku_published_api_service
// resource.
func NewPublishedAPIServiceResource() resource.Resource {
	return kit.NewResource[publishedAPIServiceModel](publishedAPIServiceKind{})
}

// publishedAPIServiceKind is a service on the API Deployer: where the
// packages of a design node's API service are published as versions, and
// which API deployments deploy from. It is the published project's
// counterpart and shares its apply (syncPublished). [I] Its settings have
// a published project's layout (permissions, owner, basicInfo): dataikuapi
// shows them only as a raw document.
type publishedAPIServiceKind struct{}

type publishedAPIServiceModel struct {
	ID        types.String `tfsdk:"id"`
	ServiceID types.String `tfsdk:"service_id"`
	Versions  types.List   `tfsdk:"versions"`
	deployerAccess
}

var publishedAPIServiceReservedKeys = []string{"id", "permissions"}

var serviceIDPart = kit.ImportPart{Label: "service_id", Pattern: names.IDPattern, Rule: names.IDRule}

var publishedAPIServiceAddress = kit.Address[publishedAPIServiceModel]{
	TypeName: "dataiku_published_api_service",
	Path:     "api-deployer/services/{service_id}",
	Key: []kit.KeyPart[publishedAPIServiceModel]{
		{Attr: "service_id", ImportPart: serviceIDPart, Field: func(m *publishedAPIServiceModel) *types.String { return &m.ServiceID }, Doc: "The published service's id."},
	},
	Example: "e.g. churn-scoring",
	ID:      func(m *publishedAPIServiceModel) *types.String { return &m.ID },
}

func (publishedAPIServiceKind) Address() *kit.Address[publishedAPIServiceModel] {
	return &publishedAPIServiceAddress
}

func (publishedAPIServiceKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A service of the API Deployer: where the packages of a design node's API service are published as versions, " +
			"and which API deployments (`dataiku_api_deployment`) deploy from.\n\n" +
			"**Created by a publish, or by itself.** Publishing a package creates the service when none has its id. " +
			"To manage the permissions of such a service, import it (`import { to = dataiku_published_api_service.x, id = \"churn-scoring\" }`). " +
			"The versions it holds are read (`versions`), never managed: they are published from the design node or uploaded.\n\n" +
			"Every update is a read-modify-write of its settings. Destroying it deletes the service and its versions; " +
			"DSS refuses while deployments use it. Creating services needs an administrator of the API Deployer. Import with the service's id.\n\n" +
			"**Refresh cost.** 2 API calls (the settings and the status, for the versions).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The published service's id."},
			"service_id": kit.RequiredReplacing("The published service's id, usually the design node's API service id; it must "+names.IDRule+
				". Changing it replaces the published service.",
				kit.IDValidator),
			"versions": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				// No UseStateForUnknown: an update reads the versions again,
				// and a package published in the same apply adds one, which
				// the prior versions planned would have refused.
				MarkdownDescription: "The ids of the versions the service holds (its packages), in DSS's order. " +
					"Known after apply when the service is updated: a package published in the same apply adds its version."},
			"permissions": schema.StringAttribute{Optional: true, Computed: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "Who may see, deploy and administer the service: its permission entries as a JSON array written with `jsonencode`, " +
					"e.g. `[{ group = \"ml-ops\", read = true, write = true, deploy = true, admin = false }]`, passed to DSS as written. " +
					"Authoritative when set; when omitted, Terraform leaves them alone. Changes in place.",
				PlanModifiers: []planmodifier.String{kit.UnmanagedWhenNull},
				Validators:    []validator.String{kit.JSONArrayValidator}},
			"settings": kit.FreeObjectAttribute("The service's other settings, e.g. `{ owner = \"ml-bot\", basicInfo = { name = \"Churn scoring\" } }`. Changes in place.",
				publishedAPIServiceReservedKeys...),
		},
	}
}

func (publishedAPIServiceKind) Post(ctx context.Context, c *dss.Client, m *publishedAPIServiceModel) error {
	return c.CreatePublishedAPIService(ctx, m.ServiceID.ValueString())
}

func publishedAPIServiceAccess(m *publishedAPIServiceModel) *deployerAccess { return &m.deployerAccess }

const publishedAPIServiceWhose = "the published API service's"

func (k publishedAPIServiceKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[publishedAPIServiceModel]) {
	op.Plan.ID = op.Plan.ServiceID
	syncPublished(ctx, c, op, dss.PublishedAPIServiceSettingsDoc(op.Plan.ServiceID.ValueString()), publishedAPIServiceAccess, publishedAPIServiceWhose)
	if !op.Diags.HasError() {
		op.Fail(k.readVersions(ctx, c, op.Plan))
	}
}

// readVersions reads the versions from the light status.
func (publishedAPIServiceKind) readVersions(ctx context.Context, c *dss.Client, m *publishedAPIServiceModel) error {
	st, err := c.GetPublishedAPIService(ctx, m.ServiceID.ValueString())
	if err != nil {
		return err
	}
	versions := make([]attr.Value, 0, len(st.Packages))
	for _, p := range st.Packages {
		versions = append(versions, types.StringValue(p.ID))
	}
	m.Versions = types.ListValueMust(types.StringType, versions)
	return nil
}

// Read costs 2 GETs: the settings and the light status.
func (k publishedAPIServiceKind) Read(ctx context.Context, c *dss.Client, m *publishedAPIServiceModel, imported bool) error {
	m.ID = m.ServiceID
	if err := readPublished(ctx, c, dss.PublishedAPIServiceSettingsDoc(m.ServiceID.ValueString()), m.deployerAccess.fromDSS, imported, publishedAPIServiceWhose); err != nil {
		return err
	}
	return k.readVersions(ctx, c, m)
}

// IsGone: the kind reads the settings, whose not-found says the service
// is gone.
func (publishedAPIServiceKind) IsGone(err error, objectPath string) bool {
	return settingsGone(err, objectPath)
}
