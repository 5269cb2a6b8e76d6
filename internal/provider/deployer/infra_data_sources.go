package deployer

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// The deployers' infrastructures read by id, and listed: a platform team
// manages them, a project team's configuration names one in a
// deployment's infra_id and must fail at plan time when it does not exist.
//
// Secrets: the resources never read the admin keys DSS returns (the
// automation node's adminApiKey, each API node's adminAPIKey), and these
// data sources do not either: the write-only attributes are left out of
// their schemas and api_nodes holds only URLs and prefixes. The other
// settings are shown whole, but [I] a Kubernetes or cloud infrastructure's
// settings may hold credentials (a registry's, a cloud's) under names
// dataikuapi does not document: the keys that look like a secret's are
// left out at any depth (kit.WithoutSecretKeys), and the rest is
// sensitive, as dataiku_plugin_settings's config.

// infraIDAttribute is the lookup key of both infrastructure data sources.
func infraIDAttribute(deployer string) schema.StringAttribute {
	return schema.StringAttribute{Required: true,
		MarkdownDescription: "The infrastructure's id (the `id` of a `dataiku_" + deployer + "_infra`, its import id).",
		Validators:          []validator.String{kit.IDValidator}}
}

// infraSettingsDataSourceAttribute is the settings of both infrastructure
// data sources: the resource's type, sensitive.
func infraSettingsDataSourceAttribute() schema.DynamicAttribute {
	return schema.DynamicAttribute{Computed: true, Sensitive: true,
		MarkdownDescription: "Every other key of the infrastructure's settings, as DSS holds them, in DSS's names, without the keys (at any depth) " +
			"whose name looks like a secret's (it holds " + kit.SecretKeyWordsText + "). Sensitive, since a Kubernetes or cloud infrastructure's " +
			"settings may hold credentials whatever their names: wrap a value in `nonsensitive()` to show it."}
}

// infraPermissionsDoc is the data sources' wording of permissions.
const infraPermissionsDoc = "The permission entries DSS holds, as a JSON array (`jsondecode` it), each " +
	"`{\"group\":\"...\",\"read\":true,\"deploy\":true,\"admin\":false}`; `[]` when none."

// infraNotFound is the error of an infrastructure id the deployer does
// not hold: which, and how to list those it holds.
func infraNotFound(deployer, noun, id string) string {
	return fmt.Sprintf("The %s has no infrastructure %q. The `dataiku_%s_infras` data source lists the infrastructures it holds "+
		"(so does `terraform query` with a `list \"dataiku_%s_infra\"` block).", noun, id, deployer, deployer)
}

// infraSettingsShown is an infrastructure's other settings (extra) as its
// data source shows them: whole, without the keys that name a secret.
func infraSettingsShown(extra dss.Extra) (types.Dynamic, error) {
	all, err := extraObject(extra, nil)
	if err != nil {
		return types.DynamicNull(), err
	}
	return kit.HCLObjectValue(kit.WithoutSecretKeys(all)), nil
}

// NewProjectDeployerInfraDataSource returns the
// dataiku_project_deployer_infra data source.
func NewProjectDeployerInfraDataSource() datasource.DataSource {
	return &kit.DataSource[deployerInfraDataModel]{Name: "project_deployer_infra", Mirror: &projectDeployerInfraDataSourceSchema,
		Named: func(m *deployerInfraDataModel) string { return m.ID.ValueString() },
		NotFound: func(m *deployerInfraDataModel) string {
			return infraNotFound("project_deployer", "Project Deployer", m.ID.ValueString())
		},
		ReadObject: readProjectDeployerInfraData}
}

var projectDeployerInfraDataSourceSchema = kit.MirroredSchema{Resource: NewProjectDeployerInfraResource,
	Description: "Reads an infrastructure of the Project Deployer by id (1 API call: its settings), e.g. so that a " +
		"`dataiku_project_deployment` names an infrastructure another team manages, and the plan fails, naming the id, when it does not exist.\n\n" +
		"**Secrets.** The automation node's admin API key DSS holds is never read (the resource's `api_key_wo` is write-only); " +
		"`settings` leaves out the keys that look like a secret's and is sensitive.\n\n" +
		"Needs a key of an administrator of the Project Deployer, as the resource.",
	Own: map[string]schema.Attribute{
		"id":       infraIDAttribute("project_deployer"),
		"settings": infraSettingsDataSourceAttribute(),
	},
	Describe: map[string]string{
		"stage":               "The infrastructure's stage, e.g. `Production`.",
		"govern_check_policy": "What the deployer does with Dataiku Govern's sign-off when deploying here: `NO_CHECK`, `WARN` or `PREVENT`.",
		"automation_node_url": "Base URL of the automation node (`automationNodeUrl`); empty when it has none yet.",
		"permissions":         infraPermissionsDoc,
	},
}

func readProjectDeployerInfraData(ctx context.Context, c *dss.Client, cfg *deployerInfraDataModel, diagnostics *diag.Diagnostics) error {
	s, err := dss.InfraSettingsDoc(cfg.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	var r deployerInfraModel
	r.ID = cfg.ID
	diagnostics.Append(deployerInfraFromDSS(s, &r, true)...)
	if r.Settings, err = infraSettingsShown(s.Extra); err != nil {
		diagnostics.AddError("Cannot read the infrastructure's settings", err.Error())
	}
	*cfg = r.deployerInfraDataModel
	return nil
}

// NewAPIDeployerInfraDataSource returns the dataiku_api_deployer_infra
// data source.
func NewAPIDeployerInfraDataSource() datasource.DataSource {
	return &kit.DataSource[apiInfraDataModel]{Name: "api_deployer_infra", Mirror: &apiDeployerInfraDataSourceSchema,
		Named: func(m *apiInfraDataModel) string { return m.ID.ValueString() },
		NotFound: func(m *apiInfraDataModel) string {
			return infraNotFound("api_deployer", "API Deployer", m.ID.ValueString())
		},
		ReadObject: readAPIDeployerInfraData}
}

var apiDeployerInfraDataSourceSchema = kit.MirroredSchema{Resource: NewAPIDeployerInfraResource,
	Description: "Reads an infrastructure of the API Deployer by id (1 API call: its settings), e.g. so that a " +
		"`dataiku_api_deployment` names an infrastructure another team manages, and the plan fails, naming the id, when it does not exist.\n\n" +
		"**Secrets.** The API nodes' admin API keys DSS holds are never read (the resource's `api_node_keys_wo` is write-only): " +
		"`api_nodes` holds their URLs and prefixes only. `settings` (a Kubernetes or cloud infrastructure's own settings) leaves out " +
		"the keys that look like a secret's and is sensitive.\n\n" +
		"Needs a key of an administrator of the API Deployer, as the resource.",
	Own: map[string]schema.Attribute{
		"id":       infraIDAttribute("api_deployer"),
		"settings": infraSettingsDataSourceAttribute(),
	},
	Describe: map[string]string{
		"stage":               "The infrastructure's stage, e.g. `Production`.",
		"type":                "The infrastructure's type, e.g. `STATIC`, `K8S` or `SAGEMAKER`.",
		"govern_check_policy": "What the deployer does with Dataiku Govern's sign-off when deploying here: `NO_CHECK`, `WARN` or `PREVENT`.",
		"api_nodes":           "A `STATIC` infrastructure's API nodes, in DSS's order, without their admin keys; null for another type.",
		"api_nodes.url":       "Base URL of the API node.",
		"permissions":         infraPermissionsDoc,
	},
}

func readAPIDeployerInfraData(ctx context.Context, c *dss.Client, cfg *apiInfraDataModel, diagnostics *diag.Diagnostics) error {
	s, err := dss.APIInfraSettingsDoc(cfg.ID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	var r apiInfraModel
	r.ID = cfg.ID
	diagnostics.Append(apiInfraFromDSS(s, &r, true)...)
	if r.Settings, err = infraSettingsShown(s.Extra); err != nil {
		diagnostics.AddError("Cannot read the infrastructure's settings", err.Error())
	}
	*cfg = r.apiInfraDataModel
	return nil
}

// infrasDataSource is the list of either deployer's infrastructures: one
// request (list, e.g. GET /project-deployer/infras), optionally of one
// stage, sorted by id.
func infrasDataSource(deployer, noun, route string, list func(*dss.Client, context.Context) ([]dss.DeployerLight, error)) datasource.DataSource {
	return kit.ListDataSource[dss.DeployerLight]{Name: deployer + "_infras",
		Description: "Lists the infrastructures of the " + noun + ", optionally of one stage (1 API call: `GET " + route + "`). " +
			"Read one with `dataiku_" + deployer + "_infra`. Needs a key of an administrator of the " + noun + ".",
		IDDescription: "The stage when `stage` is set, else `infras`.",
		IDOf: func(cfg kit.ListConfig) string {
			if st := kit.Optional(cfg.String("stage")); st != "" {
				return st
			}
			return "infras"
		},
		Config: map[string]schema.Attribute{
			"stage": schema.StringAttribute{Optional: true, MarkdownDescription: "Only the infrastructures of this stage (e.g. `Production`), as DSS spells it.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		},
		Keys: "ids", KeysDescription: "The infrastructures' ids, sorted.",
		List: "infras", ListDescription: "The infrastructures, sorted by id.",
		Item: map[string]schema.Attribute{
			"id":    kit.ComputedString("The infrastructure's id."),
			"stage": kit.ComputedString("Its stage."),
		},
		Read:    kit.ReadAll(list),
		SortKey: func(x *dss.DeployerLight) string { return x.InfraBasicInfo.ID },
		Row: func(_ context.Context, cfg kit.ListConfig, x *dss.DeployerLight, _ *diag.Diagnostics) map[string]attr.Value {
			b := x.InfraBasicInfo
			if st := kit.Optional(cfg.String("stage")); b.ID == "" || (st != "" && b.Stage != st) {
				return nil
			}
			return map[string]attr.Value{"id": types.StringValue(b.ID), "stage": types.StringValue(b.Stage)}
		},
	}.DataSource()
}

// NewProjectDeployerInfrasDataSource returns the
// dataiku_project_deployer_infras data source.
func NewProjectDeployerInfrasDataSource() datasource.DataSource {
	return infrasDataSource("project_deployer", "Project Deployer", "/project-deployer/infras", (*dss.Client).ListInfras)
}

// NewAPIDeployerInfrasDataSource returns the dataiku_api_deployer_infras
// data source.
func NewAPIDeployerInfrasDataSource() datasource.DataSource {
	return infrasDataSource("api_deployer", "API Deployer", "/api-deployer/infras", (*dss.Client).ListAPIInfras)
}
