package provider_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// What each data source says, with the admin key, of an object DSS does
// not hold: an error naming the data source's address, with DSS's
// not-found (quoted) or the provider's own words when it finds the object
// in a list. A data source listing a project's objects is asked for a
// project DSS does not have. Every data source of the provider is in
// testNotFound, in testNotFoundElsewhere with the test that covers it, or
// in testNotFoundNotApplicable with the reason
// (TestDataSourcesNotFoundCoverEveryDataSource).

// testNotFound are the data sources' configurations naming missing
// objects (o's names, in a project that exists but is empty, or in
// o.key's place a project DSS does not have) and the words of the error.
var testNotFound = map[string]struct {
	body  func(o testDSObjects) string
	words string
}{
	"dataiku_agent":                      {dsInProject(`name = "helper"`), `has no agent named "helper"`},
	"dataiku_agent_tool":                 {dsInProject(`name = "search"`), `has no agent tool named "search"`},
	"dataiku_agent_tools":                {dsMissingProject(), projectMissing},
	"dataiku_agents":                     {dsMissingProject(), projectMissing},
	"dataiku_api_deployment":             {dsBody(`id = "scoring-prod"`), "Deployment scoring-prod does not exist"},
	"dataiku_cluster":                    {dsBody(`name = "k8s"`), `No cluster is named "k8s"`},
	"dataiku_code_env":                   {dsBody("lang = \"PYTHON\"\n  name = \"no_such_env\""), "PYTHON env no_such_env doesn't exist"},
	"dataiku_code_studio":                {dsInProject(`name = "vscode"`), `has no code studio named "vscode"`},
	"dataiku_connection":                 {dsBody(`name = "no_such_connection"`), "Connection 'no_such_connection' does not exist"},
	"dataiku_container_exec_config":      {dsBody(`name = "k8s"`), `No execution config is named "k8s"`},
	"dataiku_data_collection":            {dsBody(`id = "nosuchdc"`), "Data collection nosuchdc does not exist"},
	"dataiku_dataset":                    {dsInProject(`name = "orders"`), "dataset does not exist"},
	"dataiku_dataset_data_quality":       {dsInProject(`dataset_name = "orders"`), "dataset does not exist"},
	"dataiku_dataset_metrics":            {dsInProject(`name = "orders"`), "dataset does not exist"},
	"dataiku_dataset_partitions":         {dsInProject(`name = "orders"`), "dataset does not exist"},
	"dataiku_dataset_schema":             {dsInProject(`name = "orders"`), "dataset does not exist"},
	"dataiku_datasets":                   {dsMissingProject(), projectMissing},
	"dataiku_evaluation_store":           {dsInProject(`name = "drift"`), `has no evaluation store named "drift"`},
	"dataiku_flow_zones":                 {dsMissingProject(), projectMissing},
	"dataiku_group":                      {dsBody(`name = "no_such_group"`), "Group no_such_group does not exist"},
	"dataiku_jupyter_notebook":           {dsInProject(`name = "explore"`), "Notebook explore does not exist"},
	"dataiku_knowledge_bank":             {dsInProject(`name = "faq"`), `has no knowledge bank named "faq"`},
	"dataiku_knowledge_banks":            {dsMissingProject(), projectMissing},
	"dataiku_managed_folder":             {dsInProject(`name = "exports"`), `has no managed folder named "exports"`},
	"dataiku_managed_folders":            {dsMissingProject(), projectMissing},
	"dataiku_meaning":                    {dsBody(`meaning_id = "no_such_meaning"`), "Meaning no_such_meaning does not exist"},
	"dataiku_messaging_channel":          {dsBody(`id = "no-such-channel"`), "Messaging channel no-such-channel does not exist"},
	"dataiku_model_evaluation_stores":    {dsMissingProject(), projectMissing},
	"dataiku_project":                    {dsMissingProject(), projectMissing},
	"dataiku_project_bundles":            {dsMissingProject(), projectMissing},
	"dataiku_project_deployment":         {dsBody(`deployment_id = "sales-prod"`), "Deployment sales-prod does not exist"},
	"dataiku_project_execution_defaults": {dsMissingProject(), projectMissing},
	"dataiku_project_folder":             {dsBody(`path = "/no such folder"`), `no project folder named "no such folder" in /`},
	"dataiku_project_git_status":         {dsMissingProject(), projectMissing},
	"dataiku_project_library_file":       {dsInProject(`path = "python/helpers.py"`), "lists the project's objects of this kind without it"},
	"dataiku_published_api_service":      {dsBody(`service_id = "scoring"`), "API service scoring does not exist"},
	"dataiku_published_project":          {dsInProject(""), "does not exist"},
	"dataiku_recipe":                     {dsInProject(`name = "compute_orders"`), "Recipe does not exist"},
	"dataiku_recipes":                    {dsMissingProject(), projectMissing},
	"dataiku_retrieval_augmented_llm":    {dsInProject(`name = "ask"`), `has no retrieval-augmented LLM named "ask"`},
	"dataiku_retrieval_augmented_llms":   {dsMissingProject(), projectMissing},
	"dataiku_saved_model":                {dsInProject(`name = "churn"`), `has no saved model named "churn"`},
	"dataiku_saved_models":               {dsMissingProject(), projectMissing},
	"dataiku_scenario":                   {dsInProject(`id = "NOSUCH"`), ".NOSUCH does not exist"},
	"dataiku_scenarios":                  {dsMissingProject(), projectMissing},
	"dataiku_streaming_endpoint":         {dsInProject(`name = "events"`), "Streaming endpoint does not exist"},
	"dataiku_streaming_endpoints":        {dsMissingProject(), projectMissing},
	"dataiku_user":                       {dsBody(`login = "no_such_user"`), "User no_such_user does not exist"},
	"dataiku_wiki_article":               {dsInProject(`name = "Home"`), `has no article named "Home"`},
	"dataiku_workspace":                  {dsBody(`workspace_key = "NO_SUCH_WS"`), "Workspace NO_SUCH_WS not found"},
	"dataiku_workspace_object":           {dsBody("workspace_key = \"NO_SUCH_WS\"\n  id = \"noSuchObj\""), `DSS has no workspace "NO_SUCH_WS", so no object "noSuchObj"`},
	"dataiku_project_standards_check":    {dsBody(`id = "NOSUCHCK"`), `DSS has no Project Standards check of id "NOSUCHCK"`},
	"dataiku_project_standards_scope":    {dsBody(`name = "no-such-scope"`), `DSS has no Project Standards scope named "no-such-scope"`},
}

// projectMissing is DSS's not-found of a project, testMissingProject.
const projectMissing = "Project " + testMissingProject + " does not exist"

const testMissingProject = "ACC_NO_SUCH_PROJECT"

// dsMissingProject is a data source's configuration in a project DSS does
// not have.
func dsMissingProject() func(testDSObjects) string {
	return func(testDSObjects) string { return fmt.Sprintf("project_key = %q", testMissingProject) }
}

// testNotFoundElsewhere are the data sources whose not-found read is
// tested with their kind, by the test named.
var testNotFoundElsewhere = map[string]string{
	"dataiku_plugin":          "instance.TestAccPlugin_dataSourceNotFound",
	"dataiku_plugin_settings": "instance.TestAccPluginSettingsDataSource",
	"dataiku_plugin_preset":   "instance.TestAccPluginPresetDataSource",

	"dataiku_project_deployer_infra": "deployer.TestAccProjectDeployerInfraDataSource_notFoundAndNonAdmin",
	"dataiku_api_deployer_infra":     "deployer.TestAccAPIDeployerInfraDataSource_notFoundAndNonAdmin",
}

// testNotFoundNotApplicable are the data sources that name nothing that
// could be missing: they read the instance, the caller, or an instance-wide
// list (empty when DSS holds none).
var testNotFoundNotApplicable = map[string]string{
	"dataiku_api_deployer_infras":           "an instance-wide list",
	"dataiku_api_deployer_stages":           "an instance-wide list",
	"dataiku_clusters":                      "an instance-wide list",
	"dataiku_code_envs":                     "an instance-wide list",
	"dataiku_code_studio_templates":         "an instance-wide list",
	"dataiku_connections":                   "an instance-wide list",
	"dataiku_container_exec_configs":        "an instance-wide list",
	"dataiku_current_user":                  "the caller",
	"dataiku_groups":                        "an instance-wide list",
	"dataiku_instance":                      "the instance",
	"dataiku_meanings":                      "an instance-wide list",
	"dataiku_plugins":                       "an instance-wide list",
	"dataiku_project_deployer_infras":       "an instance-wide list",
	"dataiku_project_deployer_stages":       "an instance-wide list",
	"dataiku_project_folders":               "an instance-wide list (from the root by default)",
	"dataiku_project_standards_check_specs": "an instance-wide list",
	"dataiku_project_standards_scopes":      "an instance-wide list",
	"dataiku_projects":                      "an instance-wide list",
	"dataiku_users":                         "an instance-wide list",
}

func TestAccDataSourcesNotFound(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.ProjectSetup(t)
	em := acctest.RequireEmulator(t)
	o := testDSObjects{key: acctest.ProjectKey("ACC_DS_NF")}
	acctest.ProjectOutside(t, o.key, "Empty")
	var cfg strings.Builder
	cfg.WriteString(acctest.CliRequiredProviders)
	for _, typ := range slices.Sorted(maps.Keys(testNotFound)) {
		fmt.Fprintf(&cfg, "data %q \"missing\" {\n  %s\n}\n", typ, testNotFound[typ].body(o))
	}
	run := acctest.RunConfigFailingOn(t, em, cfg.String(), acctest.APIKey, "plan", "-no-color")
	for typ, nf := range testNotFound {
		acctest.ExpectDiagnostic(t, run.Blocks, "data."+typ+".missing", nf.words)
	}
	if other := run.Blocks["(none)"]; len(other) != 0 {
		t.Errorf("errors naming no data source: %q", other)
	}
	acctest.ExpectNoWrites(t, run.Before, run.After, "while reading missing objects")
}

// TestDataSourcesNotFoundCoverEveryDataSource: every data source of the
// provider has its not-found read tested, or a reason why it has none,
// in one table only.
func TestDataSourcesNotFoundCoverEveryDataSource(t *testing.T) {
	testEachDataSourceInOneTable(t, "not-found", keySet(testNotFound), keySet(testNotFoundElsewhere), keySet(testNotFoundNotApplicable))
}
