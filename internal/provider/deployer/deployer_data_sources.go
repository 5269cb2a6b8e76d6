package deployer

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// The deployers' data sources: the Project Deployer's stages, a project's
// exported bundles and one deployment with its health; the API Deployer's
// stages.

// NewProjectDeployerStagesDataSource returns the
// dataiku_project_deployer_stages data source.
func NewProjectDeployerStagesDataSource() datasource.DataSource {
	return stagesDataSource("project_deployer_stages",
		"Lists the stages infrastructures of the Project Deployer may have (`dataiku_project_deployer_infra.stage`), in DSS's order (1 API call).",
		(*dss.Client).ListDeployerStages)
}

// stagesDataSource is the stages data source of either deployer: both
// deployers hold their stages alike, so only the name, the description
// and the request differ.
func stagesDataSource(name, description string, request func(*dss.Client, context.Context) ([]dss.DeployerStage, error)) datasource.DataSource {
	return kit.CollectionDataSource[dss.DeployerStage]{
		Name: name, ID: "stages",
		Description: description,
		List:        "stages", ListDescription: "The stages.",
		Items:   stageItems,
		Request: request,
		Item:    stageItem,
	}.DataSource()
}

// stageItems and stageItem are a stage of either deployer as its stages
// data source shows it.
var stageItems = map[string]schema.Attribute{
	"id":          kit.ComputedString("The stage's id, e.g. `Production`."),
	"description": kit.ComputedString("DSS's description of the stage."),
}

func stageItem(s *dss.DeployerStage) map[string]attr.Value {
	return map[string]attr.Value{"id": types.StringValue(s.ID), "description": types.StringValue(s.Desc)}
}

// NewAPIDeployerStagesDataSource returns the dataiku_api_deployer_stages
// data source: the Project Deployer's stages data source, of the API
// Deployer.
func NewAPIDeployerStagesDataSource() datasource.DataSource {
	return stagesDataSource("api_deployer_stages",
		"Lists the stages infrastructures of the API Deployer may have (`dataiku_api_deployer_infra.stage`), in DSS's order (1 API call).",
		(*dss.Client).ListAPIDeployerStages)
}

// NewProjectBundlesDataSource returns the dataiku_project_bundles data
// source.
func NewProjectBundlesDataSource() datasource.DataSource {
	return kit.CollectionDataSource[dss.ExportedBundle]{
		Name:        "project_bundles",
		Description: "Lists the bundles exported from a design project, with where each was published (1 API call).",
		List:        "bundles", ListDescription: "The exported bundles, in DSS's order.",
		Items: map[string]schema.Attribute{
			"bundle_id":             kit.ComputedString("The bundle's id."),
			"published_project_key": kit.ComputedString("The published project the bundle was published into; null when it was not published."),
		},
		InProject: (*dss.Client).ListExportedBundles,
		Item: func(b *dss.ExportedBundle) map[string]attr.Value {
			return map[string]attr.Value{"bundle_id": types.StringValue(b.BundleID),
				"published_project_key": kit.NullIfEmpty(kit.StringOrEmpty(b.PublishedProjectKey))}
		},
	}.DataSource()
}

// NewProjectDeploymentDataSource returns the dataiku_project_deployment
// data source: the resource's schema, computed, read by id.
func NewProjectDeploymentDataSource() datasource.DataSource {
	return &kit.DataSource[deploymentDataModel]{Name: "project_deployment", Mirror: &deploymentDataSourceSchema, ReadObject: readDeploymentData,
		Named: func(m *deploymentDataModel) string { return m.DeploymentID.ValueString() }}
}

// deploymentDataModel is what the data source shows of a deployment:
// what it deploys where, and its health; the resource's model holds it
// too.
type deploymentDataModel struct {
	ID                  types.String `tfsdk:"id"`
	DeploymentID        types.String `tfsdk:"deployment_id"`
	PublishedProjectKey types.String `tfsdk:"published_project_key"`
	InfraID             types.String `tfsdk:"infra_id"`
	BundleID            types.String `tfsdk:"bundle_id"`
	DeployedProjectKey  types.String `tfsdk:"deployed_project_key"`
	Enabled             types.Bool   `tfsdk:"enabled"`
	Health              types.String `tfsdk:"health"`
	HealthMessages      types.List   `tfsdk:"health_messages"`
	DeployedBundleID    types.String `tfsdk:"deployed_bundle_id"`
}

var deploymentDataSourceSchema = kit.MirroredSchema{Resource: NewProjectDeploymentResource,
	Description: "Reads a deployment of the Project Deployer: what it deploys where, and its health after its last update (2 API calls).",
	Own: map[string]schema.Attribute{
		"deployment_id": schema.StringAttribute{Required: true, MarkdownDescription: "The deployment's id."},
	},
	Omit: map[string]string{
		// The resource reads them only where its configuration (or an
		// import) sets them; a data source has no configuration of them.
		"project_folder_id":     "read only when configured: the folder the create named",
		"connection_remappings": "authoritative only when configured",
		"variable_overrides":    "authoritative only when configured",
	},
	Describe: map[string]string{
		"published_project_key": "The published project it deploys from.",
		"infra_id":              "The infrastructure it deploys to.",
		"bundle_id":             "The bundle its settings name.",
		"deployed_project_key":  "The project's key on the automation node.",
		"enabled":               "Whether the deployment is enabled.",
		"health": "`HEALTHY`, `WARNING`, `UNHEALTHY`, `ERROR`, `OUT_OF_SYNC` (its settings changed since its last update) " +
			"or `UNKNOWN` (never deployed).",
		"health_messages":    "DSS's messages about its health.",
		"deployed_bundle_id": "The bundle its last successful update deployed; empty before one.",
	},
}

func readDeploymentData(ctx context.Context, c *dss.Client, m *deploymentDataModel, diagnostics *diag.Diagnostics) error {
	id := m.DeploymentID.ValueString()
	s, err := dss.DeploymentSettingsDoc(id).Get(ctx, c)
	if err != nil {
		return err
	}
	st, err := c.GetDeploymentStatus(ctx, id)
	if err != nil {
		return err
	}
	// Read as the resource reads them; the remappings, overrides and
	// folder the data source does not show are left null, so not read.
	var r deploymentModel
	diagnostics.Append(deploymentSettingsFromDSS(s, &r, false)...)
	deploymentStatusFromDSS(st, &r)
	r.DeploymentID = m.DeploymentID // as configured
	*m = r.deploymentDataModel
	return nil
}
