// Package provider implements the Terraform provider for Dataiku DSS.
package provider

import (
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/credentials"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/deployer"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// Address is the provider's source address in the Terraform Registry.
const Address = "registry.terraform.io/tf-dataiku/dataiku"

var (
	_ provider.Provider                  = (*DataikuProvider)(nil)
	_ provider.ProviderWithActions       = (*DataikuProvider)(nil)
	_ provider.ProviderWithListResources = (*DataikuProvider)(nil)
)

type DataikuProvider struct {
	Version string
	// TestDSS is empty but in acceptance tests (see FallbackDSS).
	TestDSS FallbackDSS
	// Getenv reads the environment (DATAIKU_*, DKU_*, HOME); nil is the
	// process's. A test that serves the provider from its own process for
	// a terraform command gives it that command's environment.
	Getenv func(string) string
}

// New returns a constructor of the provider, for providerserver.Serve and
// acceptance tests.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &DataikuProvider{Version: version} }
}

type providerModel struct {
	Host                  types.String `tfsdk:"host"`
	APIKey                types.String `tfsdk:"api_key"`
	Instance              types.String `tfsdk:"instance"`
	InsecureSkipVerify    types.Bool   `tfsdk:"insecure_skip_verify"`
	CACertFile            types.String `tfsdk:"ca_cert_file"`
	MaxRetries            types.Int64  `tfsdk:"max_retries"`
	RequestTimeoutSeconds types.Int64  `tfsdk:"request_timeout_seconds"`
	RefreshMode           types.String `tfsdk:"refresh_mode"`
}

func (p *DataikuProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "dataiku"
	resp.Version = p.Version
}

func (p *DataikuProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Dataiku provider manages Dataiku DSS projects and datasets through DSS's public REST API. " +
			"Every setting can be left out: the connection is then found in the environment or in Dataiku's own client configuration file (see the resolution order on this page).",
		Attributes: map[string]schema.Attribute{
			"host": schema.StringAttribute{
				MarkdownDescription: "Base URL of the DSS instance, such as `https://dss.example.com:11200`. A trailing `/` or `/public/api` is accepted and ignored. " +
					"When not set, read from `DATAIKU_HOST`, then `DKU_DSS_URL`, then Dataiku's client configuration file `~/.dataiku/config.json`.",
				Optional:   true,
				Validators: []validator.String{kit.HostValidator},
			},
			"api_key": schema.StringAttribute{
				MarkdownDescription: "DSS API key (a personal or global key; an admin key is needed to manage projects the key's user cannot see). " +
					"When not set, read from `DATAIKU_API_KEY`, then `DKU_API_KEY`, then `~/.dataiku/config.json`. Sensitive: never logged or shown.",
				Optional:  true,
				Sensitive: true,
			},
			"instance": schema.StringAttribute{
				MarkdownDescription: "Name of an instance under `dss_instances` in Dataiku's client configuration file `~/.dataiku/config.json`. " +
					"Defaults to that file's `default_instance`. Used only for settings not given by an attribute or environment variable.",
				Optional: true,
			},
			"insecure_skip_verify": schema.BoolAttribute{
				MarkdownDescription: "Skip verification of DSS's TLS certificate. Defaults to `false`, or to the instance's `no_check_certificate` when the host comes from `~/.dataiku/config.json`. Prefer `ca_cert_file`.",
				Optional:            true,
			},
			"ca_cert_file": schema.StringAttribute{
				MarkdownDescription: "Path to a PEM bundle of certificate authorities to trust in addition to the system's, for a DSS whose certificate is issued by a private CA.",
				Optional:            true,
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a request is retried after a 429, 502, 503 or 504 answer or a network failure, with exponential backoff that honours `Retry-After`. Defaults to `%d`. "+
					"A POST (creation) is retried only when DSS certainly did not act on it; otherwise the provider checks whether the object exists before going on. "+
					"A refused connection (nothing listening at the host and port) or a host name DNS does not know is retried at most %d times, within about 2 seconds, whatever this setting: "+
					"the error then says how often it was tried.", dss.DefaultMaxRetries, dss.RefusedRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
			"request_timeout_seconds": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Time limit of each HTTP request to DSS, in seconds. Defaults to `%d`.", int(dss.DefaultRequestTimeout.Seconds())),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 3600)},
			},
			"refresh_mode": schema.StringAttribute{
				MarkdownDescription: "How resources are read from DSS during a plan or refresh, `" + kit.RefreshModeList + "` (the default) or `" + kit.RefreshModeObject + "`.\n\n" +
					"  - `" + kit.RefreshModeList + "`: the first read of a dataset (or of a managed folder) in a project fetches that project's list of datasets (or of folders) once, " +
					"and every other dataset (folder) of the project is read from it: DSS's lists carry whole definitions, so a project of 50 datasets costs 1 request instead of 50. " +
					"An object missing from the list is treated as deleted outside Terraform. The list is not used for the read that follows an import, nor after a write to the project " +
					"in the same run, and when DSS refuses the list (a key without rights on the project) each object is read with its own request, so the error is DSS's answer for that object. " +
					"Recipes and scenarios are always read one by one: DSS's lists of them hold only summaries.\n" +
					"  - `" + kit.RefreshModeObject + "`: one request per object. Use it when the key may read some objects but not list the project, or to keep each read's answer " +
					"as fresh as possible on a DSS that changes during a long plan (a list is fetched once, when the first object of the project is read).\n\n" +
					"  The trade-off: `" + kit.RefreshModeList + "` makes the requests per plan grow with the number of projects instead of the number of objects (much faster against a distant DSS), " +
					"at the cost of holding each project's list in memory until its objects are read (capped at 64 MiB; beyond it, objects are read one by one).",
				Optional:   true,
				Validators: []validator.String{kit.OneOfExact("refresh mode", kit.RefreshModeList, kit.RefreshModeObject)},
			},
		},
	}
}

func (p *DataikuProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Host or key computed from other resources (a DSS instance built in
	// the same run): nothing can be checked yet. Resources then plan
	// without the client and refresh nothing until the values are known.
	if cfg.Host.IsUnknown() || cfg.APIKey.IsUnknown() || cfg.Instance.IsUnknown() || cfg.CACertFile.IsUnknown() ||
		cfg.InsecureSkipVerify.IsUnknown() || cfg.MaxRetries.IsUnknown() || cfg.RequestTimeoutSeconds.IsUnknown() ||
		cfg.RefreshMode.IsUnknown() {
		tflog.Info(ctx, "Dataiku provider configuration is not known yet; deferring the connection to DSS")
		return
	}

	home, _ := os.UserHomeDir()
	if p.Getenv != nil {
		home = p.Getenv("HOME")
	}
	creds, err := ResolveCredentials(cfg.Host.ValueString(), cfg.APIKey.ValueString(), cfg.Instance.ValueString(), home, p.TestDSS, p.Getenv)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("instance"), "Invalid Dataiku client configuration", err.Error())
		return
	}
	if missing := creds.Missing(); len(missing) > 0 {
		resp.Diagnostics.AddError("Missing Dataiku DSS connection settings",
			fmt.Sprintf("The provider could not find %s. It looked, in this order, in:\n  - %s\n\nSet host and api_key in the provider block, or export %s and %s.",
				strings.Join(missing, " and "), strings.Join(creds.Looked, "\n  - "), credentials.EnvHost, credentials.EnvAPIKey))
		return
	}
	if _, err := dss.NormalizeHost(creds.Host); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("host"), "Invalid Dataiku DSS host", fmt.Sprintf("The host from %s is invalid: %s.", creds.HostSource, err))
		return
	}
	WarnPlainHTTP(creds.Host, &resp.Diagnostics)

	insecure := creds.InsecureFromFile
	if !cfg.InsecureSkipVerify.IsNull() {
		insecure = cfg.InsecureSkipVerify.ValueBool()
	}
	clientCfg := dss.Config{
		Host:               creds.Host,
		APIKey:             creds.APIKey,
		InsecureSkipVerify: insecure,
		CACertFile:         cfg.CACertFile.ValueString(),
		UserAgent:          fmt.Sprintf("terraform-provider-dataiku/%s (+https://%s) Terraform/%s", p.Version, Address, req.TerraformVersion),
	}
	if !cfg.MaxRetries.IsNull() {
		clientCfg.MaxRetries = int(cfg.MaxRetries.ValueInt64())
		if clientCfg.MaxRetries == 0 {
			clientCfg.MaxRetries = -1 // zero retries asked for explicitly
		}
	}
	if !cfg.RequestTimeoutSeconds.IsNull() {
		clientCfg.RequestTimeout = time.Duration(cfg.RequestTimeoutSeconds.ValueInt64()) * time.Second
	}
	client, err := dss.NewClient(clientCfg)
	if err != nil {
		resp.Diagnostics.AddError("Cannot set up the Dataiku DSS client", err.Error())
		return
	}

	info, err := client.AuthInfo(ctx)
	switch {
	case err == nil:
	case dss.IsKeyRejected(err):
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "DSS rejected the API key",
			fmt.Sprintf("DSS at %s did not accept the API key from %s.\n\nDSS answered: %s\n\nCheck that the key exists in DSS (Administration > Security > API keys, or your profile's API keys) and has not been deleted.",
				client.Host(), creds.APIKeySource, kit.DSSErrorText(err)))
		return
	default:
		detail := fmt.Sprintf("Checking the credentials with GET /public/api/auth/info on %s (from %s) failed:\n\n%s", client.Host(), creds.HostSource, err)
		summary := "Cannot reach Dataiku DSS"
		if hint := TLSErrorHint(err, client.Host()); hint != "" {
			summary = "Cannot verify the TLS certificate of Dataiku DSS"
			detail += "\n\n" + hint
		}
		resp.Diagnostics.AddAttributeError(path.Root("host"), summary, detail)
		return
	}
	tflog.Info(ctx, "connected to Dataiku DSS", map[string]any{
		"host": client.Host(), "dss_version": client.DSSVersion(), "user": info.AuthIdentifier,
	})

	data := &kit.ProviderData{Client: client, AuthInfo: info, SettingsLocks: &kit.ProjectLocks{}, PermissionsLocks: &kit.ProjectLocks{}, Checks: &kit.CheckCache{}}
	if cfg.RefreshMode.ValueString() != kit.RefreshModeObject {
		data.Lists = kit.NewListRefresh(kit.DefaultListRefreshMaxBytes)
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
	resp.ActionData = data
	resp.ListResourceData = data
}

// WarnPlainHTTP warns when the key would travel unencrypted to another
// machine. Local emulators and tunnels on the loopback are fine.
func WarnPlainHTTP(host string, diags interface {
	AddAttributeWarning(path.Path, string, string)
}) {
	u, err := dss.NormalizeHost(host)
	if err != nil || u.Scheme != "http" {
		return
	}
	name := u.Hostname()
	if strings.EqualFold(name, "localhost") { // host names are case-insensitive
		return
	}
	if ip := net.ParseIP(name); ip != nil && ip.IsLoopback() {
		return
	}
	diags.AddAttributeWarning(path.Root("host"), "API key sent over plain HTTP",
		fmt.Sprintf("The DSS host %s uses http://, so the API key crosses the network unencrypted on every request. Use https:// for any DSS that is not on this machine.", u.Redacted()))
}

func (p *DataikuProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		project.NewProjectResource,
		dataset.NewDatasetResource,
		project.NewProjectFolderResource,
		project.NewManagedFolderResource,
		project.NewKnowledgeBankResource,
		project.NewRetrievalAugmentedLLMResource,
		project.NewAgentResource,
		project.NewEvaluationStoreResource,
		project.NewAgentToolResource,
		project.NewCodeStudioResource,
		dataset.NewStreamingEndpointResource,
		dataset.NewDataQualityRuleResource,
		project.NewRecipeResource, // recipe_resource.go
		project.NewScenarioResource,
		instance.NewGroupResource,
		instance.NewUserResource,
		instance.NewAPIKeyResource,
		instance.NewPersonalAPIKeyResource,
		instance.NewInstanceSettingsResource,
		instance.NewInstanceVariablesResource,
		instance.NewLDAPSettingsResource,
		instance.NewSSOSettingsResource,
		instance.NewAzureADSettingsResource,
		instance.NewConnectionResource,
		instance.NewCodeEnvResource,
		instance.NewPluginResource,
		instance.NewPluginPresetResource,
		instance.NewPluginSettingsResource,
		instance.NewCodeStudioTemplateSettingsResource,
		instance.NewContainerExecConfigResource,
		instance.NewClusterResource,
		instance.NewWorkspaceResource,
		instance.NewWorkspaceObjectResource,
		instance.NewDataCollectionResource,
		instance.NewMessagingChannelResource,
		instance.NewMeaningResource,
		instance.NewProjectStandardsCheckResource,
		instance.NewProjectStandardsScopeResource,
		instance.NewProjectStandardsDefaultScopeResource,
		instance.NewDataCollectionDatasetResource,
		project.NewFlowZoneResource,
		project.NewWikiArticleResource,
		project.NewExposedObjectResource,
		project.NewProjectGrantResource,
		project.NewExecutionDefaultsResource,
		project.NewProjectWikiResource,
		project.NewGitLibraryResource,
		project.NewProjectGitRemoteResource,
		project.NewLibraryFileResource,
		project.NewJupyterNotebookResource,
		deployer.NewProjectBundleResource,
		deployer.NewProjectDeployerInfraResource,
		deployer.NewPublishedProjectResource,
		deployer.NewProjectDeploymentResource,
		deployer.NewAPIDeployerInfraResource,
		deployer.NewAPIServicePackageResource,
		deployer.NewPublishedAPIServiceResource,
		deployer.NewAPIDeploymentResource,
	}
}

func (p *DataikuProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		instance.NewInstanceDataSource,
		project.NewProjectDataSource,
		project.NewProjectsDataSource,
		dataset.NewDatasetDataSource,
		dataset.NewDatasetsDataSource,
		dataset.NewDatasetSchemaDataSource,
		dataset.NewDatasetPartitionsDataSource,
		dataset.NewDatasetMetricsDataSource,
		dataset.NewStreamingEndpointDataSource,
		dataset.NewStreamingEndpointsDataSource,
		project.NewProjectFolderDataSource,
		project.NewProjectFoldersDataSource,
		project.NewManagedFolderDataSource,
		project.NewManagedFoldersDataSource,
		project.NewSavedModelDataSource,
		project.NewSavedModelsDataSource,
		project.NewModelEvaluationStoresDataSource,
		project.NewKnowledgeBankDataSource,
		project.NewCodeStudioDataSource,
		project.NewKnowledgeBanksDataSource,
		project.NewRetrievalAugmentedLLMDataSource,
		project.NewRetrievalAugmentedLLMsDataSource,
		project.NewAgentDataSource,
		project.NewAgentsDataSource,
		project.NewEvaluationStoreDataSource,
		project.NewAgentToolDataSource,
		project.NewAgentToolsDataSource,
		project.NewFlowZonesDataSource,
		project.NewWikiArticleDataSource,
		dataset.NewDatasetDataQualityDataSource,
		project.NewExecutionDefaultsDataSource,
		project.NewLibraryFileDataSource,
		project.NewJupyterNotebookDataSource,
		project.NewProjectGitStatusDataSource,
		project.NewRecipeDataSource,  // recipe_data_source.go
		project.NewRecipesDataSource, // recipe_data_source.go
		project.NewScenarioDataSource,
		project.NewScenariosDataSource,
		instance.NewGroupDataSource,
		instance.NewGroupsDataSource,
		instance.NewUserDataSource,
		instance.NewUsersDataSource,
		instance.NewCurrentUserDataSource,
		instance.NewConnectionDataSource,
		instance.NewConnectionsDataSource,
		instance.NewCodeEnvDataSource,
		instance.NewCodeEnvsDataSource,
		instance.NewPluginDataSource,  // plugin_data_source.go
		instance.NewPluginsDataSource, // plugin_data_sources.go
		instance.NewPluginSettingsDataSource,
		instance.NewPluginPresetDataSource,
		instance.NewClusterDataSource,
		instance.NewClustersDataSource,
		instance.NewCodeStudioTemplatesDataSource, // action_container_exec.go
		instance.NewWorkspaceDataSource,
		instance.NewWorkspaceObjectDataSource,
		instance.NewDataCollectionDataSource,
		instance.NewMessagingChannelDataSource,
		instance.NewMeaningDataSource,
		instance.NewMeaningsDataSource,
		instance.NewProjectStandardsCheckSpecsDataSource, // project_standards_data_sources.go
		instance.NewProjectStandardsScopesDataSource,
		instance.NewProjectStandardsCheckDataSource,
		instance.NewProjectStandardsScopeDataSource,
		instance.NewContainerExecConfigDataSource,
		instance.NewContainerExecConfigsDataSource,
		deployer.NewProjectBundlesDataSource,
		deployer.NewProjectDeployerStagesDataSource,
		deployer.NewProjectDeployerInfraDataSource,
		deployer.NewProjectDeployerInfrasDataSource,
		deployer.NewProjectDeploymentDataSource,
		deployer.NewPublishedProjectDataSource,
		deployer.NewAPIDeployerStagesDataSource,
		deployer.NewAPIDeployerInfraDataSource,
		deployer.NewAPIDeployerInfrasDataSource,
		deployer.NewAPIDeploymentDataSource,
		deployer.NewPublishedAPIServiceDataSource,
	}
}

func (p *DataikuProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		instance.NewEphemeralPersonalAPIKey,
		instance.NewEphemeralAPIKey,
	}
}

// Actions are the operations Terraform >= 1.14 can run (actions.go).
func (p *DataikuProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{
		project.NewScenarioRunAction,
		project.NewCodeStudioRestartAction, // action_code_studio.go
		project.NewCodeStudioStopAction,
		project.NewProjectGitPushAction,
		project.NewProjectGitPullAction,
		dataset.NewDatasetBuildAction,
		dataset.NewDataQualityComputeAction,
		instance.NewCodeEnvUpdateAction,
		instance.NewClusterStartAction, // action_cluster.go
		instance.NewClusterStopAction,
		instance.NewBaseImagesPushAction, // action_container_exec.go
		instance.NewKubernetesPoliciesApplyAction,
		instance.NewCDEPluginsImageBuildAction,
		instance.NewCodeStudioTemplateBuildAction,
		instance.NewProjectStandardsRunAction, // action_project_standards_run.go
		instance.NewInstanceSanityCheckAction, // action_sanity_check.go
		instance.NewUsersResyncAction,         // action_users_resync.go
		deployer.NewProjectDeploymentUpdateAction,
		deployer.NewBundleActivateAction,
	}
}

func (p *DataikuProvider) Functions(_ context.Context) []func() function.Function {
	return nil
}

// ListResources are the provider's list resources.
func (p *DataikuProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		project.NewProjectList,
		project.NewProjectFolderList,
		dataset.NewDatasetList,
		dataset.NewStreamingEndpointList,
		project.NewManagedFolderList,
		project.NewKnowledgeBankList,
		project.NewRetrievalAugmentedLLMList,
		project.NewAgentList,
		project.NewEvaluationStoreList,
		project.NewAgentToolList,
		project.NewCodeStudioList,
		project.NewRecipeList,
		project.NewScenarioList,
		project.NewFlowZoneList,
		project.NewWikiArticleList,
		dataset.NewDataQualityRuleList,
		project.NewExposedObjectList,
		project.NewProjectGrantList,
		project.NewExecutionDefaultsList,
		project.NewProjectWikiList,
		project.NewGitLibraryList,
		project.NewProjectGitRemoteList,
		project.NewLibraryFileList,
		project.NewJupyterNotebookList,
		instance.NewUserList,
		instance.NewGroupList,
		instance.NewAPIKeyList,
		instance.NewPersonalAPIKeyList,
		instance.NewConnectionList,
		instance.NewCodeEnvList,
		instance.NewPluginList,
		instance.NewPluginSettingsList,
		instance.NewCodeStudioTemplateSettingsList,
		instance.NewPluginPresetList,
		instance.NewContainerExecConfigList,
		instance.NewClusterList,
		instance.NewWorkspaceList,
		instance.NewWorkspaceObjectList,
		instance.NewDataCollectionList,
		instance.NewMessagingChannelList,
		instance.NewMeaningList,
		instance.NewProjectStandardsCheckList,
		instance.NewProjectStandardsScopeList,
		instance.NewDataCollectionDatasetList,
		deployer.NewProjectDeployerInfraList,
		deployer.NewPublishedProjectList,
		deployer.NewProjectDeploymentList,
		deployer.NewAPIDeployerInfraList,
		deployer.NewPublishedAPIServiceList,
		deployer.NewAPIDeploymentList,
	}
}
