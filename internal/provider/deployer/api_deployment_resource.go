package deployer

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewAPIDeploymentResource returns the dataiku_api_deployment resource.
func NewAPIDeploymentResource() resource.Resource {
	return kit.NewResource[apiDeploymentModel](apiDeploymentKind{})
}

// apiDeploymentKind is a deployment of the API Deployer: a version of a
// published service on an API infrastructure. As the Project Deployer's
// deployment, its settings are written by read-modify-write and its update
// (a DSS future) follows every create and change (updateAfterSettings).
//
// What dataikuapi (apideployer.py) does not say, read the safest way
// (all of it here):
//   - [I] The version is the deployment's single generation
//     (set_single_version): a mapping of another mode, set outside
//     Terraform, reads as no version, so the plan puts the single version
//     back.
//   - [I] ignore_warnings is sent with every settings save and the create
//     (dataikuapi's parameter); DSS does not keep it, so it is the
//     configuration's, an import reads it as false, and a change of it
//     alone writes nothing and deploys nothing.
//   - [I] Destroying disables the deployment by a settings save, then
//     deletes it (dataikuapi's delete(disable_first=True)), with no update
//     in between: DSS undeploys it from the infrastructure itself
//     (ignorePreDeleteErrors, sent false, is about those actions). A save
//     that already happened sends nothing the next time, so a destroy
//     that failed after the disable is finished by the next one.
//   - [I] ignore_pre_delete_errors is sent with the delete only
//     (dataikuapi's delete parameter); DSS does not keep it, so it is the
//     state's, an import reads it as false, and a change of it alone (or
//     of the timeouts) writes nothing and deploys nothing.
type apiDeploymentKind struct{}

// apiDeploymentModel is the data source's model (what the deployment
// deploys where, its health) and what only the resource manages.
type apiDeploymentModel struct {
	apiDeploymentDataModel
	IgnoreWarnings        types.Bool     `tfsdk:"ignore_warnings"`
	IgnorePreDeleteErrors types.Bool     `tfsdk:"ignore_pre_delete_errors"`
	Settings              types.Dynamic  `tfsdk:"settings"`
	Timeouts              timeouts.Value `tfsdk:"timeouts"`
	kit.DeletionProtection
}

type apiDeploymentDataModel struct {
	ID             types.String `tfsdk:"id"`
	ServiceID      types.String `tfsdk:"service_id"`
	InfraID        types.String `tfsdk:"infra_id"`
	Version        types.String `tfsdk:"version"`
	Enabled        types.Bool   `tfsdk:"enabled"`
	Health         types.String `tfsdk:"health"`
	HealthMessages types.List   `tfsdk:"health_messages"`
}

// apiDeploymentReservedKeys are the settings keys other attributes own.
var apiDeploymentReservedKeys = []string{"id", "publishedServiceId", "infraId", "enabled", "generationsMapping"}

var apiDeploymentAddress = kit.Address[apiDeploymentModel]{
	TypeName: "dataiku_api_deployment",
	Path:     "api-deployer/deployments/{id}",
	Key: []kit.KeyPart[apiDeploymentModel]{
		{Attr: "id", ImportPart: deploymentIDPart, Field: func(m *apiDeploymentModel) *types.String { return &m.ID }, Doc: "The deployment's id."},
	},
	Example: "e.g. churn-on-prod",
	ID:      func(m *apiDeploymentModel) *types.String { return &m.ID },
}

func (apiDeploymentKind) Address() *kit.Address[apiDeploymentModel] { return &apiDeploymentAddress }

func (apiDeploymentKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A deployment of the API Deployer: a version of a published service (`dataiku_published_api_service`) " +
			"served by an API infrastructure (`dataiku_api_deployer_infra`).\n\n" +
			"**Every apply deploys.** Creating the deployment, and every change, writes its settings (a read-modify-write) and then runs DSS's update, " +
			"which deploys them to the infrastructure; the apply waits for it (`timeouts`). A failed update fails the apply with DSS's report. " +
			"The deployment keeps its new settings in DSS and in the state, its `health` says it is not deployed, and the next apply runs the update again. " +
			"When the failed update is the first one, on creation, Terraform marks the resource tainted, as for any failed create: the next apply " +
			"deletes the deployment (disabling it first) and creates it again, which deploys.\n\n" +
			"**Releasing a new version** is a change of `version`, in place: the deployment then serves that version alone. " +
			"**Destroying** disables the deployment, then deletes it (DSS deletes only a disabled deployment); a destroy that fails after the disable " +
			"is finished by the next one. When DSS cannot remove the deployment from its infrastructure (an API node that is down), " +
			"set `ignore_pre_delete_errors = true`, apply, then destroy.\n\n" +
			"Creating deployments needs an administrator of the API Deployer. Import with the deployment's id.\n\n" +
			"**Refresh cost.** 2 API calls (the settings and the status).",
		Attributes: map[string]schema.Attribute{
			kit.DeletionProtectionAttributeName: kit.DeletionProtectionAttribute("the deployment (DSS removes the service from its API nodes with it)"),
			"id": kit.RequiredReplacing("The deployment's id; it must "+names.IDRule+". Changing it replaces the deployment.",
				kit.IDValidator),
			"service_id": kit.RequiredReplacing("Id of the published service whose version is deployed (`dataiku_published_api_service.x.service_id`). Changing it replaces the deployment.",
				kit.IDValidator),
			"infra_id": kit.RequiredReplacing("Id of the API infrastructure to deploy to (`dataiku_api_deployer_infra.x.id`). Changing it replaces the deployment.",
				kit.IDValidator),
			"version": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The version of the service to deploy, one the published service holds (its `versions`). The deployment serves it alone " +
					"(`generationsMapping` of mode `SINGLE_GENERATION`). Changing it deploys the new version, in place. Needed to create a deployment. " +
					"Unset on a deployment that exists, the versions it serves stay as DSS holds them: a deployment that shares its traffic between several " +
					"versions (set in DSS's screens) reads as null and imports with no change, and setting `version` makes it serve that one alone.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"enabled": kit.OptionalBool(true, "Whether the deployment is enabled. Defaults to `true`. Changes in place (with an update)."),
			"ignore_warnings": kit.OptionalBool(false, "Whether DSS ignores the warnings about the governance status of the version deployed "+
				"(`ignoreWarnings`, sent with the create and every settings save). Defaults to `false`. DSS does not keep it: an import reads `false`, and changing it alone "+
				"writes nothing to DSS and deploys nothing (the next save, with any other change, sends it)."),
			"ignore_pre_delete_errors": kit.OptionalBool(false, "Whether destroying the deployment deletes it even when what DSS does first fails, "+
				"such as removing it from an API node that cannot be reached (`ignorePreDeleteErrors`, dataikuapi's `ignore_pre_delete_errors`). "+
				"Defaults to `false`. Sent with the delete only: DSS does not keep it, so an import reads `false`, and changing it alone "+
				"writes nothing to DSS and deploys nothing. To destroy a deployment whose nodes are gone, set it to `true`, apply, then destroy."),
			"settings": kit.FreeObjectAttribute("The deployment's other settings, e.g. `{ tags = [\"prod\"] }`. Changes in place (with an update).",
				apiDeploymentReservedKeys...),
			"health": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The deployment's health as DSS reports it after the last update, e.g. `HEALTHY`, `WARNING`, `UNHEALTHY`, `ERROR`, " +
					"`OUT_OF_SYNC` (its settings changed since) or `UNKNOWN` (never deployed). " + healthReplanDoc},
			"health_messages": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "DSS's messages about the deployment's health, e.g. the reason of a failed update."},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(context.Background(), timeouts.Opts{Create: true, Update: true,
				CreateDescription: fmt.Sprintf("How long to wait for the first update. Default `%s`.", defaultDeploymentUpdateTimeout),
				UpdateDescription: fmt.Sprintf("How long to wait for an update. Default `%s`.", defaultDeploymentUpdateTimeout),
			}),
		},
	}
}

// ModifyPlan refuses a new deployment without a version (DSS creates one
// only with the version it serves [V create_deployment]), and runs the
// update again when the last one left the deployment other than healthy.
// A deployment that exists may have no single version (several share its
// traffic): none is then planned, and its mapping stays as DSS holds it.
func (apiDeploymentKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if kit.RefuseUnsetOnCreate(ctx, req.Config, req.Plan, req.State, "version", "A new API deployment needs a version",
		"DSS creates an API deployment only with the version of the service it serves: set version. "+
			"It may be left unset on a deployment that exists, whose versions then stay as DSS holds them.", &resp.Diagnostics) {
		return
	}
	replanWhenUnhealthy(ctx, req, resp)
}

// StateOnlyAttrs: ignore_pre_delete_errors is sent with the delete only,
// and ignore_warnings with each save, which DSS does not keep: a change of
// them alone (or of the timeouts) has nothing to tell DSS, so it deploys
// nothing and keeps the health (the kit plans and applies it without
// DSS). It redeployed the service. A deployment an earlier update left
// unhealthy is planned an update anyway (ModifyPlan), which then saves
// with the new ignore_warnings.
func (apiDeploymentKind) StateOnlyAttrs() []string {
	return []string{"ignore_pre_delete_errors", "ignore_warnings"}
}

func (apiDeploymentKind) Post(ctx context.Context, c *dss.Client, m *apiDeploymentModel) error {
	return c.CreateAPIDeployment(ctx, dss.APIDeploymentCreate{
		DeploymentID:       m.ID.ValueString(),
		PublishedServiceID: m.ServiceID.ValueString(),
		InfraID:            m.InfraID.ValueString(),
		Version:            m.Version.ValueString(),
	}, m.IgnoreWarnings.ValueBool())
}

// Apply writes the settings, then runs the update and waits for it.
func (k apiDeploymentKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[apiDeploymentModel]) {
	plan := op.Plan
	id := plan.ID.ValueString()
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[apiDeploymentModel, dss.APIDeploymentSettings]{
		Doc: dss.APIDeploymentSettingsDoc(id, plan.IgnoreWarnings.ValueBool()),
		ToDSS: func(s *dss.APIDeploymentSettings) diag.Diagnostics {
			var diags diag.Diagnostics
			if kit.Known(plan.Version) {
				s.SetSingleVersion(plan.Version.ValueString())
			}
			enabled := plan.Enabled.ValueBool()
			s.Enabled = &enabled
			if err := kit.FreeObjectToDSS(plan.Settings, &s.Extra); err != nil {
				diags.AddAttributeError(path.Root("settings"), "Invalid settings", err.Error())
			}
			return diags
		},
		FromDSS: func(s *dss.APIDeploymentSettings) diag.Diagnostics { return apiDeploymentFromDSS(s, plan) },
		KeepPlanned: func(got, planned, written *apiDeploymentModel) {
			kit.HCLObjectKeepPlanned(&got.Settings, planned.Settings, written.Settings)
		},
	})
	if op.Diags.HasError() {
		return
	}
	updateAfterSettings(ctx, op, plan.Timeouts, id, deploymentUpdate[apiDeploymentModel]{
		Run: c.UpdateAPIDeployment,
		Failed: func(prior, plan *apiDeploymentModel) {
			*prior = *plan
			prior.Health, prior.HealthMessages = types.StringValue("ERROR"), types.ListValueMust(types.StringType, nil)
		},
		ReadStatus: func(ctx context.Context, m *apiDeploymentModel) error { return k.readStatus(ctx, c, m) },
	})
}

func apiDeploymentFromDSS(s *dss.APIDeploymentSettings, m *apiDeploymentModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(s.ID)
	m.ServiceID = types.StringValue(s.PublishedServiceID)
	m.InfraID = types.StringValue(s.InfraID)
	// Several versions sharing the traffic: no single one to name.
	m.Version = kit.NullIfEmpty(s.SingleVersion())
	m.Enabled = types.BoolValue(s.Enabled == nil || *s.Enabled)
	// DSS keeps neither: an import reads false.
	if m.IgnoreWarnings.IsNull() || m.IgnoreWarnings.IsUnknown() {
		m.IgnoreWarnings = types.BoolValue(false)
	}
	if m.IgnorePreDeleteErrors.IsNull() || m.IgnorePreDeleteErrors.IsUnknown() {
		m.IgnorePreDeleteErrors = types.BoolValue(false)
	}
	settings, err := kit.FreeObjectFromDSS(m.Settings, s.Extra)
	if err != nil {
		diags.AddError("Cannot read the API deployment's settings", err.Error())
	}
	m.Settings = settings
	return diags
}

func (apiDeploymentKind) readStatus(ctx context.Context, c *dss.Client, m *apiDeploymentModel) error {
	st, err := c.GetAPIDeploymentStatus(ctx, m.ID.ValueString())
	if err != nil {
		return err
	}
	apiDeploymentStatusFromDSS(st, &m.apiDeploymentDataModel)
	return nil
}

func apiDeploymentStatusFromDSS(st *dss.APIDeploymentStatus, m *apiDeploymentDataModel) {
	m.Health = types.StringValue(st.Health)
	m.HealthMessages = healthMessageList(st.HealthMessages.Messages)
}

// Read costs 2 GETs: the settings and the status.
func (k apiDeploymentKind) Read(ctx context.Context, c *dss.Client, m *apiDeploymentModel, _ bool) error {
	s, err := dss.APIDeploymentSettingsDoc(m.ID.ValueString(), false).Get(ctx, c)
	if err != nil {
		return err
	}
	if err := kit.DiagsError(apiDeploymentFromDSS(s, m)); err != nil {
		return err
	}
	if m.Timeouts.Object.IsNull() {
		m.Timeouts = timeouts.Value{Object: types.ObjectNull(m.Timeouts.Object.AttributeTypes(ctx))}
	}
	return k.readStatus(ctx, c, m)
}

// IsGone: the kind reads the settings, whose not-found says the deployment
// is gone.
func (apiDeploymentKind) IsGone(err error, objectPath string) bool {
	return settingsGone(err, objectPath)
}

// Delete disables the deployment by a settings save, when it is enabled,
// then deletes it: DSS refuses to delete an enabled deployment. The delete
// says whether DSS may ignore the errors of what it does first.
func (apiDeploymentKind) Delete(ctx context.Context, c *dss.Client, m *apiDeploymentModel) error {
	id := m.ID.ValueString()
	if _, _, err := dss.APIDeploymentSettingsDoc(id, m.IgnoreWarnings.ValueBool()).Update(ctx, c, func(s *dss.APIDeploymentSettings) error {
		off := false
		s.Enabled = &off
		return nil
	}); err != nil {
		return err
	}
	return c.DeleteAPIDeployment(ctx, id, m.IgnorePreDeleteErrors.ValueBool())
}

// NewAPIDeploymentDataSource returns the dataiku_api_deployment data
// source: the resource's schema, computed, read by id, and the service's
// URLs.
func NewAPIDeploymentDataSource() datasource.DataSource {
	return &kit.DataSource[apiDeploymentDataSourceModel]{Name: "api_deployment", Mirror: &apiDeploymentDataSourceSchema, ReadObject: readAPIDeploymentData,
		Named: func(m *apiDeploymentDataSourceModel) string { return m.ID.ValueString() }}
}

// apiDeploymentDataSourceModel is the data source's model: what the
// resource reads, and where the service answers, which only the data
// source reads (one more request, which the resource's refresh does not
// pay).
type apiDeploymentDataSourceModel struct {
	apiDeploymentDataModel
	ServiceURLs types.List `tfsdk:"service_urls"`
}

var apiDeploymentDataSourceSchema = kit.MirroredSchema{Resource: NewAPIDeploymentResource,
	Description: "Reads a deployment of the API Deployer: which version of which service it deploys where, its health after its last update, " +
		"and the service's URLs (3 API calls: the settings, the status and the light status).",
	Own: map[string]dschema.Attribute{
		"id": dschema.StringAttribute{Required: true, MarkdownDescription: "The deployment's id."},
		"service_urls": dschema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The service's base URLs, as dataikuapi's `get_service_urls` reads them from the deployment's status: " +
				"`<url>/public/api/v1/<service id>` for each API node of a `STATIC` infrastructure, in the infrastructure's order, " +
				"or for the public URL of another type's (Kubernetes); the service id is the `deployedServiceId` DSS reports for the deployment, else the published service's. " +
				"An endpoint's URL adds the endpoint's id and the call, e.g. `<service URL>/<endpoint id>/predict` for a prediction endpoint. " +
				"Empty, not an error, while DSS has none (e.g. a Kubernetes deployment still initializing): reading the deployment does not fail for it."},
	},
	Omit: map[string]string{
		"ignore_warnings":          "DSS does not keep it: it is sent with each save",
		"ignore_pre_delete_errors": "DSS does not keep it: it is sent with the delete",
		"settings":                 "a free object whose managed keys are the configuration's; a data source has none",
	},
	Describe: map[string]string{
		"service_id": "The published service it deploys from.",
		"infra_id":   "The API infrastructure it deploys to.",
		"version":    "The version it serves alone; empty when its settings map several versions.",
		"enabled":    "Whether the deployment is enabled.",
		"health": "The deployment's health after its last update, e.g. `HEALTHY`, `WARNING`, `UNHEALTHY`, `ERROR`, `OUT_OF_SYNC` " +
			"(its settings changed since) or `UNKNOWN` (never deployed).",
	},
}

// readAPIDeploymentData reads the settings and the status as the resource
// does, and the light status for the service's id on the infrastructure.
func readAPIDeploymentData(ctx context.Context, c *dss.Client, m *apiDeploymentDataSourceModel, diagnostics *diag.Diagnostics) error {
	id := m.ID.ValueString()
	var r apiDeploymentModel
	r.ID = m.ID
	s, err := dss.APIDeploymentSettingsDoc(id, false).Get(ctx, c)
	if err != nil {
		return err
	}
	// Read as the resource reads it; the settings the data source does not
	// show are left null, so not read.
	diagnostics.Append(apiDeploymentFromDSS(s, &r)...)
	st, err := c.GetAPIDeploymentStatus(ctx, id)
	if err != nil {
		return err
	}
	apiDeploymentStatusFromDSS(st, &r.apiDeploymentDataModel)
	light, err := c.GetAPIDeploymentLight(ctx, id)
	if err != nil {
		return err
	}
	urls, d := types.ListValueFrom(ctx, types.StringType, dss.APIDeploymentServiceURLs(light, st))
	diagnostics.Append(d...)
	r.ID = m.ID // as configured
	*m = apiDeploymentDataSourceModel{apiDeploymentDataModel: r.apiDeploymentDataModel, ServiceURLs: urls}
	return nil
}
