package names

// The provider's resource kinds, named once for the provider's tests and
// for dss-adopt, which writes import blocks and takes --kinds by these
// names. The provider's resources state their type names themselves; a
// test of the provider (kinds_test.go) checks they are exactly these.

// TypePrefix starts every resource type of the provider.
const TypePrefix = "dataiku_"

// Resource kinds: a resource type without TypePrefix.
const (
	KindProject                      = "project"
	KindProjectFolder                = "project_folder"
	KindDataset                      = "dataset"
	KindManagedFolder                = "managed_folder"
	KindKnowledgeBank                = "knowledge_bank"
	KindRetrievalAugmentedLLM        = "retrieval_augmented_llm"
	KindAgent                        = "agent"
	KindEvaluationStore              = "evaluation_store"
	KindAgentTool                    = "agent_tool"
	KindCodeStudio                   = "code_studio"
	KindStreamingEndpoint            = "streaming_endpoint"
	KindRecipe                       = "recipe"
	KindScenario                     = "scenario"
	KindFlowZone                     = "flow_zone"
	KindWikiArticle                  = "wiki_article"
	KindProjectWiki                  = "project_wiki"
	KindDataQualityRule              = "data_quality_rule"
	KindProjectGrant                 = "project_grant"
	KindExposedObject                = "exposed_object"
	KindExecutionDefaults            = "project_execution_defaults"
	KindProjectGitLibrary            = "project_git_library"
	KindProjectGitRemote             = "project_git_remote"
	KindProjectLibraryFile           = "project_library_file"
	KindJupyterNotebook              = "jupyter_notebook"
	KindUser                         = "user"
	KindGroup                        = "group"
	KindAPIKey                       = "api_key"
	KindPersonalAPIKey               = "personal_api_key"
	KindConnection                   = "connection"
	KindCodeEnv                      = "code_env"
	KindInstanceSettings             = "instance_settings"
	KindInstanceVariables            = "instance_variables"
	KindLDAPSettings                 = "ldap_settings"
	KindSSOSettings                  = "sso_settings"
	KindAzureADSettings              = "azure_ad_settings"
	KindPlugin                       = "plugin"
	KindContainerExecConfig          = "container_exec_config"
	KindCodeStudioTemplateSettings   = "code_studio_template_settings"
	KindPluginPreset                 = "plugin_preset"
	KindPluginSettings               = "plugin_settings"
	KindCluster                      = "cluster"
	KindWorkspace                    = "workspace"
	KindWorkspaceObject              = "workspace_object"
	KindDataCollection               = "data_collection"
	KindMessagingChannel             = "messaging_channel"
	KindMeaning                      = "meaning"
	KindProjectStandardsCheck        = "project_standards_check"
	KindProjectStandardsScope        = "project_standards_scope"
	KindProjectStandardsDefaultScope = "project_standards_default_scope"
	KindDataCollectionDataset        = "data_collection_dataset"
	// The Project Deployer's kinds (bundles live in a design project).
	KindProjectBundle        = "project_bundle"
	KindProjectDeployerInfra = "project_deployer_infra"
	KindProjectDeployment    = "project_deployment"
	KindPublishedProject     = "published_project"
	// The API Deployer's (packages live in a design project's API service).
	KindAPIServicePackage   = "api_service_package"
	KindAPIDeployerInfra    = "api_deployer_infra"
	KindPublishedAPIService = "published_api_service"
	KindAPIDeployment       = "api_deployment"
)

// Kinds is every resource kind, instance-wide kinds first, then those of
// a project, a parent before its children: the order in which dss-adopt's
// imports.tf lists them, so that the file reads top-down.
var Kinds = []string{
	KindInstanceSettings, KindInstanceVariables, KindLDAPSettings, KindSSOSettings, KindAzureADSettings, KindGroup, KindUser, KindAPIKey, KindPersonalAPIKey,
	KindConnection, KindCodeEnv, KindPlugin, KindPluginSettings, KindPluginPreset, KindContainerExecConfig, KindCodeStudioTemplateSettings, KindCluster, KindWorkspace, KindWorkspaceObject, KindDataCollection, KindMessagingChannel, KindMeaning, KindProjectStandardsCheck, KindProjectStandardsScope, KindProjectStandardsDefaultScope, KindProjectFolder, KindProject, KindProjectGrant, KindDataset, KindManagedFolder, KindKnowledgeBank, KindRetrievalAugmentedLLM, KindAgentTool, KindAgent, KindEvaluationStore, KindCodeStudio, KindStreamingEndpoint,
	KindRecipe, KindScenario, KindFlowZone, KindWikiArticle, KindProjectWiki, KindDataQualityRule, KindExposedObject, KindExecutionDefaults, KindProjectGitRemote, KindProjectGitLibrary, KindProjectLibraryFile, KindJupyterNotebook, KindDataCollectionDataset,
	KindProjectBundle, KindProjectDeployerInfra, KindProjectDeployment, KindPublishedProject,
	KindAPIServicePackage, KindAPIDeployerInfra, KindPublishedAPIService, KindAPIDeployment,
}

// The fixed ids (and import ids) of the instance singletons: the provider
// parses them and dss-adopt writes them.
const (
	GeneralSettingsID              = "general-settings"
	InstanceVariablesID            = "instance-variables"
	LDAPSettingsID                 = "ldap-settings"
	SSOSettingsID                  = "sso-settings"
	AzureADSettingsID              = "azure-ad-settings"
	ProjectStandardsDefaultScopeID = "default-scope"
)
