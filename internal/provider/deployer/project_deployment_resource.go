package deployer

import (
	"cmp"
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
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

// NewProjectDeploymentResource returns the dataiku_project_deployment
// resource.
func NewProjectDeploymentResource() resource.Resource {
	return kit.NewResource[deploymentModel](deploymentKind{})
}

// deploymentKind is a deployment of the Project Deployer: a published
// project's bundle on an infrastructure. Its settings are written by
// read-modify-write, then its update (a DSS future) deploys them to the
// automation node; the apply waits for it.
type deploymentKind struct{}

// deploymentModel is the data source's model (what the deployment
// deploys where, its health) and what only the resource manages.
type deploymentModel struct {
	deploymentDataModel
	ProjectFolderID      types.String         `tfsdk:"project_folder_id"`
	ConnectionRemappings types.Map            `tfsdk:"connection_remappings"`
	VariableOverrides    jsontypes.Normalized `tfsdk:"variable_overrides"`
	Timeouts             timeouts.Value       `tfsdk:"timeouts"`
	kit.DeletionProtection
}

var deploymentIDPart = kit.ImportPart{Label: "deployment_id", Pattern: names.IDPattern, Rule: names.IDRule}

var deploymentAddress = kit.Address[deploymentModel]{
	TypeName: "dataiku_project_deployment",
	Path:     "project-deployer/deployments/{deployment_id}",
	Key: []kit.KeyPart[deploymentModel]{
		{Attr: "deployment_id", ImportPart: deploymentIDPart, Field: func(m *deploymentModel) *types.String { return &m.DeploymentID }, Doc: "The deployment's id."},
	},
	Example: "e.g. sales-on-prod",
	ID:      func(m *deploymentModel) *types.String { return &m.ID },
}

func (deploymentKind) Address() *kit.Address[deploymentModel] { return &deploymentAddress }

func (deploymentKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A deployment of the Project Deployer: a bundle of a published project, deployed to the automation node of an infrastructure " +
			"as a project there (`deployed_project_key`), with connection remappings and variable overrides.\n\n" +
			"**Every apply deploys.** Creating the deployment, and every change, writes its settings (a read-modify-write) and then runs DSS's update, " +
			"which imports and activates the bundle on the automation node; the apply waits for it (`timeouts`). A failed update (the automation node " +
			"unreachable, the bundle's activation refused, e.g. for a connection missing there) fails the apply with DSS's report. The deployment keeps " +
			"its new settings in DSS and in the state, its `health` says it is not deployed, and the next apply runs the update again: " +
			"a deployment is never recorded as deployed when it is not. When the failed update is the first one, on creation, Terraform marks the " +
			"resource tainted, as for any failed create: the next apply deletes the deployment (disabling it first) and creates it again, which deploys.\n\n" +
			"**Releasing a new bundle** is a change of `bundle_id`, in place. **Destroying** disables the deployment, runs the update, waits, " +
			"then deletes it (DSS deletes only a deployment disabled and updated). The project stays on the automation node.\n\n" +
			"Creating deployments needs an administrator of the Project Deployer. Import with the deployment's id.\n\n" +
			"**Refresh cost.** 2 API calls (the settings and the status).",
		Attributes: map[string]schema.Attribute{
			kit.DeletionProtectionAttributeName: kit.DeletionProtectionAttribute("the deployment, through which the deployer updates the automation node's project"),
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The deployment's id.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"deployment_id": kit.RequiredReplacing("The deployment's id; it must "+names.IDRule+". Changing it replaces the deployment.",
				kit.IDValidator),
			"published_project_key": kit.RequiredReplacing("Key of the published project whose bundle is deployed (`dataiku_published_project.x.project_key`, or the key a bundle was published into). Changing it replaces the deployment.",
				stringvalidator.RegexMatches(kit.ProjectKeyPattern, kit.ProjectKeyRule)),
			"infra_id": kit.RequiredReplacing("Id of the infrastructure to deploy to (`dataiku_project_deployer_infra.x.id`). Changing it replaces the deployment. "+
				"Refused at plan time when the infrastructure's stage is not one of the Project Deployer's stages (e.g. a stage removed from the deployer's settings).",
				kit.IDValidator),
			"bundle_id": schema.StringAttribute{Required: true,
				MarkdownDescription: "Id of the published bundle to deploy, e.g. `dataiku_project_bundle.x.bundle_id` (the bundle must be published). Changing it deploys the new bundle, in place.",
				Validators:          []validator.String{stringvalidator.RegexMatches(names.BundleIDPattern, "must "+names.BundleIDRule)}},
			"deployed_project_key": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Key of the project on the automation node. When omitted, DSS uses the published project's key. Changing it replaces the deployment.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace(), stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{stringvalidator.RegexMatches(kit.ProjectKeyPattern, kit.ProjectKeyRule)}},
			"project_folder_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Id of the project folder on the automation node to deploy into; the root when omitted. Changing it replaces the deployment.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"enabled": kit.OptionalBool(true, "Whether the deployment is enabled. Defaults to `true`. Changes in place (with an update)."),
			"connection_remappings": schema.MapAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Connections of the bundle to replace on the automation node: a map from the design node's connection name to the automation node's, " +
					"e.g. `{ pg_dev = \"pg_prod\" }` (`bundleContainerSettings.remapping.connections`). Authoritative when set; when omitted, Terraform leaves DSS's " +
					"remappings alone. Changes in place (with an update).",
				Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
					mapvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}},
			"variable_overrides": schema.StringAttribute{Optional: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "Project variables to set on the automation node (`localVariables`), a JSON object written with `jsonencode`, e.g. " +
					"`jsonencode({ env = \"prod\" })`. Authoritative when set; when omitted, left alone. Changes in place (with an update).",
				Validators: []validator.String{kit.JSONObjectValidator}},
			"health": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The deployment's health as DSS reports it after the last update: `HEALTHY`, `WARNING`, `UNHEALTHY`, `ERROR`, `OUT_OF_SYNC` " +
					"(its settings changed since) or `UNKNOWN` (never deployed). " + healthReplanDoc},
			"health_messages": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "DSS's messages about the deployment's health, e.g. the reason of a failed update."},
			"deployed_bundle_id": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The bundle the last successful update deployed; empty before one."},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(context.Background(), timeouts.Opts{Create: true, Update: true, Delete: true,
				CreateDescription: fmt.Sprintf("How long to wait for the first update. Default `%s`.", defaultDeploymentUpdateTimeout),
				UpdateDescription: fmt.Sprintf("How long to wait for an update. Default `%s`.", defaultDeploymentUpdateTimeout),
				DeleteDescription: fmt.Sprintf("How long to wait for the update that disables the deployment before it is deleted. Default `%s`.", defaultDeploymentUpdateTimeout),
			}),
		},
	}
}

// ModifyPlan runs the update again when the last one left the deployment
// other than healthy.
func (deploymentKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	replanWhenUnhealthy(ctx, req, resp, "deployed_bundle_id")
}

func (deploymentKind) Post(ctx context.Context, c *dss.Client, m *deploymentModel) error {
	m.ID = m.DeploymentID
	return c.CreateDeployment(ctx, dss.DeploymentCreate{
		DeploymentID:        m.DeploymentID.ValueString(),
		PublishedProjectKey: m.PublishedProjectKey.ValueString(),
		InfraID:             m.InfraID.ValueString(),
		BundleID:            m.BundleID.ValueString(),
		DeployedProjectKey:  m.DeployedProjectKey.ValueString(),
		ProjectFolderID:     m.ProjectFolderID.ValueString(),
	})
}

// remapsFromMap turns the map attribute into DSS's list, sorted.
func remapsFromMap(ctx context.Context, m types.Map) ([]dss.ConnectionRemap, diag.Diagnostics) {
	var in map[string]string
	diags := m.ElementsAs(ctx, &in, false)
	return dss.ConnectionRemapsFrom(in), diags
}

// Apply writes the settings, then runs the update and waits for it.
func (k deploymentKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[deploymentModel]) {
	plan := op.Plan
	id := plan.DeploymentID.ValueString()
	plan.ID = plan.DeploymentID
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[deploymentModel, dss.DeploymentSettings]{
		Doc: dss.DeploymentSettingsDoc(id),
		ToDSS: func(s *dss.DeploymentSettings) diag.Diagnostics {
			var diags diag.Diagnostics
			s.BundleID = plan.BundleID.ValueString()
			enabled := plan.Enabled.ValueBool()
			s.Enabled = &enabled
			if kit.Known(plan.ConnectionRemappings) {
				remaps, d := remapsFromMap(ctx, plan.ConnectionRemappings)
				diags.Append(d...)
				s.SetConnectionRemaps(remaps)
			}
			if kit.Known(plan.VariableOverrides) {
				vars, err := kit.DecodeJSONObject(plan.VariableOverrides)
				if err != nil {
					diags.AddAttributeError(path.Root("variable_overrides"), "Invalid variable_overrides", err.Error())
				}
				// The configuration's variables, with DSS's text of every
				// one (every part) it does not change.
				s.LocalVariables, _ = kit.KeepEqual(s.LocalVariables, vars).(map[string]any)
			}
			return diags
		},
		FromDSS: func(s *dss.DeploymentSettings) diag.Diagnostics {
			return deploymentSettingsFromDSS(s, plan, false)
		},
		KeepPlanned: func(got, planned, _ *deploymentModel) {
			if kit.Known(planned.VariableOverrides) && kit.SameJSONValue(got.VariableOverrides, planned.VariableOverrides) {
				got.VariableOverrides = planned.VariableOverrides
			}
		},
	})
	if op.Diags.HasError() {
		return
	}
	updateAfterSettings(ctx, op, plan.Timeouts, id, deploymentUpdate[deploymentModel]{
		Run: c.UpdateDeployment,
		Failed: func(prior, plan *deploymentModel) {
			deployed := prior.DeployedBundleID
			*prior = *plan
			prior.Health, prior.HealthMessages, prior.DeployedBundleID = types.StringValue("ERROR"), types.ListValueMust(types.StringType, nil), deployed
		},
		ReadStatus: func(ctx context.Context, m *deploymentModel) error { return k.readStatus(ctx, c, m) },
	})
}

func deploymentSettingsFromDSS(s *dss.DeploymentSettings, m *deploymentModel, imported bool) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(s.ID)
	m.DeploymentID = types.StringValue(s.ID)
	m.PublishedProjectKey = types.StringValue(s.PublishedProjectKey)
	m.InfraID = types.StringValue(s.InfraID)
	m.BundleID = types.StringValue(s.BundleID)
	m.DeployedProjectKey = types.StringValue(cmp.Or(s.DeployedProjectKey, s.PublishedProjectKey))
	if s.ProjectFolderID != "" && (kit.Known(m.ProjectFolderID) || imported) {
		m.ProjectFolderID = types.StringValue(s.ProjectFolderID)
	}
	m.Enabled = types.BoolValue(s.Enabled == nil || *s.Enabled)
	if kit.Known(m.ConnectionRemappings) || (imported && len(s.ConnectionRemaps()) > 0) {
		elems := map[string]attr.Value{}
		for _, r := range s.ConnectionRemaps() {
			elems[r.Source] = types.StringValue(r.Target)
		}
		v, d := types.MapValue(types.StringType, elems)
		diags.Append(d...)
		m.ConnectionRemappings = v
	}
	if kit.Known(m.VariableOverrides) || (imported && len(s.LocalVariables) > 0) {
		vars := s.LocalVariables
		if vars == nil {
			vars = dss.Object{}
		}
		got := kit.EncodeJSONObject(kit.TerraformNumbersObject(vars))
		if !kit.Known(m.VariableOverrides) || !kit.SameJSONValue(got, m.VariableOverrides) {
			m.VariableOverrides = got
		}
	}
	return diags
}

func deploymentStatusFromDSS(st *dss.DeploymentStatus, m *deploymentModel) {
	m.Health = types.StringValue(st.Health)
	m.HealthMessages = healthMessageList(st.HealthMessages.Messages)
	m.DeployedBundleID = types.StringValue(st.DeployedBundleID)
}

func (deploymentKind) readStatus(ctx context.Context, c *dss.Client, m *deploymentModel) error {
	st, err := c.GetDeploymentStatus(ctx, m.DeploymentID.ValueString())
	if err != nil {
		return err
	}
	deploymentStatusFromDSS(st, m)
	return nil
}

// Read costs 2 GETs: the settings and the status.
func (k deploymentKind) Read(ctx context.Context, c *dss.Client, m *deploymentModel, imported bool) error {
	s, err := dss.DeploymentSettingsDoc(m.DeploymentID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	if err := kit.DiagsError(deploymentSettingsFromDSS(s, m, imported)); err != nil {
		return err
	}
	if m.Timeouts.Object.IsNull() {
		m.Timeouts = timeouts.Value{Object: types.ObjectNull(m.Timeouts.Object.AttributeTypes(ctx))}
	}
	return k.readStatus(ctx, c, m)
}

// IsGone: the kind reads the settings, whose not-found says the deployment
// is gone.
func (deploymentKind) IsGone(err error, objectPath string) bool {
	return dss.IsGone(err, objectPath+"/settings")
}

// Delete disables the deployment, runs the update, waits, then deletes it:
// DSS deletes only a deployment disabled and updated.
func (deploymentKind) Delete(ctx context.Context, c *dss.Client, m *deploymentModel) error {
	id := m.DeploymentID.ValueString()
	timeout, d := m.Timeouts.Delete(ctx, defaultDeploymentUpdateTimeout)
	if d.HasError() {
		return fmt.Errorf("reading timeouts.delete: %v", d)
	}
	if _, _, err := dss.DeploymentSettingsDoc(id).Update(ctx, c, func(s *dss.DeploymentSettings) error {
		off := false
		s.Enabled = &off
		return nil
	}); err != nil {
		return err
	}
	if err := runDeploymentUpdate(ctx, c, id, timeout, deleteFailedNext); err != nil {
		return err
	}
	return c.Delete(ctx, dss.DeploymentPath(id), nil, nil)
}
