package provider_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// What each data source gives a key that is not an administrator's: bob's,
// granted nothing on what the admin made. Either DSS refuses it (403,
// quoted with the data source's address), or DSS lets any user read it and
// bob reads it. Which is which is the emulator's model of DSS's rights
// (dss-api.md; [I] where DSS's documentation says nothing). Every data
// source of the provider is in one of the tables below, or in
// testNonAdminDataSourcesElsewhere with the test that covers it
// (TestDataSourcesNonAdminCoverEveryDataSource), so a new data source
// comes with its non-admin test. The refusals are read from one plan with
// every refused data source (one terraform run, no write), the reads from
// one apply.

// testDSObjects name what the data sources read: for bob's reads, the
// objects the admin made outside Terraform (a project with a dataset and a
// scenario, a workspace with an object and a data collection bob has no
// entry in, a meaning, a messaging channel, a code env, and a Project
// Standards check and scope); for the not-found reads
// (TestAccDataSourcesNotFound), objects DSS does not hold.
type testDSObjects struct {
	key, scenario, workspace, workspaceObject, collection, meaning, channel, codeEnv string
	psCheck, psScope                                                                 string
}

// testRefusedToBob are the data sources DSS refuses to bob: each one's
// configuration (the block's body) and the words of DSS's refusal.
var testRefusedToBob = map[string]struct {
	body   func(o testDSObjects) string
	reason string
}{
	"dataiku_agent":               {dsInProject(`name = "helper"`), notInProject},
	"dataiku_agent_tool":          {dsInProject(`name = "search"`), notInProject},
	"dataiku_agent_tools":         {dsInProject(""), notInProject},
	"dataiku_agents":              {dsInProject(""), notInProject},
	"dataiku_api_deployer_stages": {dsBody(""), notAPIDeployerAdmin},
	"dataiku_api_deployment":      {dsBody(`id = "scoring-prod"`), notAPIDeployerAdmin},
	"dataiku_cluster":             {dsBody(`name = "k8s"`), adminRequired},
	"dataiku_clusters":            {dsBody(""), adminRequired},
	// A code env's definition is for those who may manage it.
	"dataiku_code_env": {func(o testDSObjects) string { return fmt.Sprintf("lang = \"PYTHON\"\n  name = %q", o.codeEnv) },
		"you may not manage code env"},
	"dataiku_code_studio":            {dsInProject(`name = "vscode"`), notInProject},
	"dataiku_code_studio_templates":  {dsBody(""), adminRequired},
	"dataiku_connection":             {dsBody(`name = "filesystem_managed"`), adminRequired},
	"dataiku_connections":            {dsBody(""), adminRequired},
	"dataiku_container_exec_config":  {dsBody(`name = "k8s"`), adminRequired},
	"dataiku_container_exec_configs": {dsBody(""), adminRequired},
	"dataiku_data_collection":        {func(o testDSObjects) string { return fmt.Sprintf("id = %q", o.collection) }, "You may not read data collection"},
	"dataiku_dataset":                {dsInProject(`name = "orders"`), notInProject},
	"dataiku_dataset_data_quality":   {dsInProject(`dataset_name = "orders"`), notInProject},
	"dataiku_dataset_metrics":        {dsInProject(`name = "orders"`), notInProject},
	"dataiku_dataset_partitions":     {dsInProject(`name = "orders"`), notInProject},
	"dataiku_dataset_schema":         {dsInProject(`name = "orders"`), notInProject},
	"dataiku_datasets":               {dsInProject(""), notInProject},
	"dataiku_evaluation_store":       {dsInProject(`name = "drift"`), notInProject},
	"dataiku_flow_zones":             {dsInProject(""), notInProject},
	"dataiku_group":                  {dsBody(`name = "administrators"`), adminRequired},
	"dataiku_groups":                 {dsBody(""), adminRequired},
	"dataiku_jupyter_notebook":       {dsInProject(`name = "explore"`), notInProject},
	"dataiku_knowledge_bank":         {dsInProject(`name = "faq"`), notInProject},
	"dataiku_knowledge_banks":        {dsInProject(""), notInProject},
	"dataiku_managed_folder":         {dsInProject(`name = "exports"`), notInProject},
	"dataiku_managed_folders":        {dsInProject(""), notInProject},
	// A channel's settings are an administrator's, though any user may
	// list the channels.
	"dataiku_messaging_channel":          {func(o testDSObjects) string { return fmt.Sprintf("id = %q", o.channel) }, adminRequired},
	"dataiku_model_evaluation_stores":    {dsInProject(""), notInProject},
	"dataiku_project":                    {dsInProject(""), notInProject},
	"dataiku_project_bundles":            {dsInProject(""), notInProject},
	"dataiku_project_deployer_stages":    {dsBody(""), notProjectDeployerAdmin},
	"dataiku_project_deployment":         {dsBody(`deployment_id = "sales-prod"`), notProjectDeployerAdmin},
	"dataiku_project_execution_defaults": {dsInProject(""), notInProject},
	"dataiku_project_git_status":         {dsInProject(""), notInProject},
	"dataiku_project_library_file":       {dsInProject(`path = "python/helpers.py"`), notInProject},
	"dataiku_published_api_service":      {dsBody(`service_id = "scoring"`), notAPIDeployerAdmin},
	"dataiku_published_project":          {dsInProject(""), notProjectDeployerAdmin},
	"dataiku_recipe":                     {dsInProject(`name = "compute_orders"`), notInProject},
	"dataiku_recipes":                    {dsInProject(""), notInProject},
	"dataiku_retrieval_augmented_llm":    {dsInProject(`name = "ask"`), notInProject},
	"dataiku_retrieval_augmented_llms":   {dsInProject(""), notInProject},
	"dataiku_saved_model":                {dsInProject(`name = "churn"`), notInProject},
	"dataiku_saved_models":               {dsInProject(""), notInProject},
	"dataiku_scenario":                   {func(o testDSObjects) string { return dsInProject(fmt.Sprintf("id = %q", o.scenario))(o) }, notInProject},
	"dataiku_scenarios":                  {dsInProject(""), notInProject},
	"dataiku_streaming_endpoint":         {dsInProject(`name = "events"`), notInProject},
	"dataiku_streaming_endpoints":        {dsInProject(""), notInProject},
	"dataiku_user":                       {dsBody(`login = "admin"`), adminRequired},
	"dataiku_users":                      {dsBody(""), adminRequired},
	"dataiku_wiki_article":               {dsInProject(`name = "Home"`), notInProject},
	"dataiku_workspace":                  {func(o testDSObjects) string { return fmt.Sprintf("workspace_key = %q", o.workspace) }, "you may not read workspace"},
	"dataiku_workspace_object": {func(o testDSObjects) string {
		return fmt.Sprintf("workspace_key = %q\n  id = %q", o.workspace, o.workspaceObject)
	}, "you may not read workspace"},
}

// The words of DSS's refusals.
const (
	notInProject            = "Failed to read project permissions"
	adminRequired           = "admin rights required"
	notAPIDeployerAdmin     = "you are not an administrator of the API Deployer"
	notProjectDeployerAdmin = "you are not an administrator of the Project Deployer"
)

// dsBody is a data source's fixed configuration.
func dsBody(body string) func(testDSObjects) string {
	return func(testDSObjects) string { return body }
}

// dsInProject is a data source's configuration in the objects' project.
func dsInProject(body string) func(testDSObjects) string {
	return func(o testDSObjects) string { return fmt.Sprintf("project_key = %q\n  %s", o.key, body) }
}

// testReadByBob are the data sources DSS lets any user read: each one's
// configuration and a check of what bob reads.
var testReadByBob = map[string]struct {
	body  func(o testDSObjects) string
	check func(o testDSObjects, addr string) resource.TestCheckFunc
}{
	"dataiku_current_user": {dsBody(""), func(_ testDSObjects, addr string) resource.TestCheckFunc {
		return resource.ComposeTestCheckFunc(resource.TestCheckResourceAttr(addr, "login", acctest.BobLogin), resource.TestCheckResourceAttr(addr, "admin", "false"))
	}},
	// bob sees no project: the admin's is not his.
	"dataiku_projects": {dsBody(""), func(_ testDSObjects, addr string) resource.TestCheckFunc {
		return resource.TestCheckResourceAttr(addr, "projects.#", "0")
	}},
	"dataiku_instance": {dsBody(""), func(_ testDSObjects, addr string) resource.TestCheckFunc {
		return resource.TestCheckResourceAttr(addr, "auth_identifier", acctest.BobLogin)
	}},
	"dataiku_project_folder": {dsBody(`path = "/"`), func(_ testDSObjects, addr string) resource.TestCheckFunc {
		return resource.TestCheckResourceAttr(addr, "path", "/")
	}},
	"dataiku_project_folders": {dsBody(""), func(_ testDSObjects, addr string) resource.TestCheckFunc {
		return resource.TestCheckResourceAttrSet(addr, "id")
	}},
	// bob lists the envs he may use: not the admin's, which grants him
	// nothing.
	"dataiku_code_envs": {dsBody(""), func(_ testDSObjects, addr string) resource.TestCheckFunc {
		return resource.TestCheckResourceAttr(addr, "code_envs.#", "0")
	}},
	"dataiku_meaning": {func(o testDSObjects) string { return fmt.Sprintf("meaning_id = %q", o.meaning) },
		func(_ testDSObjects, addr string) resource.TestCheckFunc {
			return resource.TestCheckResourceAttr(addr, "label", "Not bob's")
		}},
	"dataiku_meanings": {dsBody(""), func(o testDSObjects, addr string) resource.TestCheckFunc {
		return resource.TestCheckTypeSetElemNestedAttrs(addr, "meanings.*", map[string]string{"meaning_id": o.meaning, "label": "Not bob's"})
	}},
	"dataiku_project_standards_check_specs": {dsBody(""), func(_ testDSObjects, addr string) resource.TestCheckFunc {
		return resource.TestCheckResourceAttrSet(addr, "id")
	}},
	"dataiku_project_standards_scopes": {dsBody(""), func(_ testDSObjects, addr string) resource.TestCheckFunc {
		return resource.TestCheckResourceAttrSet(addr, "id")
	}},
	// Project Standards are read by any user (the emulator's model: who
	// may read them is not documented).
	"dataiku_project_standards_check": {func(o testDSObjects) string { return fmt.Sprintf("id = %q", o.psCheck) },
		func(o testDSObjects, addr string) resource.TestCheckFunc {
			return resource.ComposeTestCheckFunc(resource.TestCheckResourceAttr(addr, "id", o.psCheck),
				resource.TestCheckResourceAttr(addr, "check_element_type", "pstd-builtin_max-datasets"))
		}},
	"dataiku_project_standards_scope": {func(o testDSObjects) string { return fmt.Sprintf("name = %q", o.psScope) },
		func(o testDSObjects, addr string) resource.TestCheckFunc {
			return resource.ComposeTestCheckFunc(resource.TestCheckResourceAttr(addr, "description", "Not bob's"),
				resource.TestCheckTypeSetElemAttr(addr, "checks.*", o.psCheck))
		}},
}

// testNonAdminDataSourcesElsewhere are the data sources whose non-admin
// reads are tested with their kind, by the test named.
var testNonAdminDataSourcesElsewhere = map[string]string{
	"dataiku_plugin":          "instance.TestAccPlugin_dataSource",
	"dataiku_plugins":         "instance.TestAccPluginKindsDataSources",
	"dataiku_plugin_settings": "instance.TestAccPluginSettingsDataSource",
	"dataiku_plugin_preset":   "instance.TestAccPluginPresetDataSource_nonAdmin",

	"dataiku_project_deployer_infra":  "deployer.TestAccProjectDeployerInfraDataSource_notFoundAndNonAdmin",
	"dataiku_project_deployer_infras": "deployer.TestAccProjectDeployerInfraDataSource_notFoundAndNonAdmin",
	"dataiku_api_deployer_infra":      "deployer.TestAccAPIDeployerInfraDataSource_notFoundAndNonAdmin",
	"dataiku_api_deployer_infras":     "deployer.TestAccAPIDeployerInfraDataSource_notFoundAndNonAdmin",
}

func TestAccDataSourcesNonAdmin(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.ProjectSetup(t)
	em := acctest.RequireEmulator(t)
	o := testDSObjects{key: acctest.ProjectKey("ACC_DS_BOB"), workspace: "ACC_DS_BOB_WS", meaning: "acc_bob_meaning", channel: "acc-bob-channel", codeEnv: "acc_bob_env",
		psScope: "acc-bob-scope"}
	c := acctest.ProjectOutside(t, o.key, "Not bob's")
	ctx := acctest.Ctx(t)
	acctest.MustDo(t, c.CreateManagedDataset(ctx, o.key, "orders", "filesystem_managed"))
	var err error
	if o.scenario, err = c.CreateScenario(ctx, o.key, "nightly", "step_based"); err != nil {
		t.Fatal(err)
	}
	acctest.MustDo(t, c.CreateWorkspace(ctx, dss.WorkspaceCreate{Key: o.workspace, DisplayName: "Not bob's"}))
	t.Cleanup(func() { _ = c.DeleteWorkspace(context.Background(), o.workspace) })
	linked, err := c.AddWorkspaceObject(ctx, o.workspace, dss.WorkspaceObject{HTMLLink: &dss.WorkspaceHTMLLink{Name: "Not bob's", URL: "https://example.com/not-bobs"}})
	if err != nil || linked == nil {
		t.Fatalf("adding a link to workspace %s: %v (answer %+v)", o.workspace, err, linked)
	}
	o.workspaceObject = linked.ID
	psChecks, err := c.ImportProjectStandardsChecks(ctx, []string{"pstd-builtin_max-datasets"})
	if err != nil {
		t.Fatal(err)
	}
	o.psCheck = psChecks[0].ID
	t.Cleanup(func() { _ = c.Delete(context.Background(), dss.ProjectStandardsCheckPath(o.psCheck), nil, nil) })
	acctest.MustDo(t, c.CreateProjectStandardsScope(ctx, dss.ProjectStandardsScope{Name: o.psScope, Description: "Not bob's", SelectionMethod: "BY_PROJECT",
		SelectedProjects: []string{o.key}, SelectedFolders: []string{}, SelectedTags: []string{}, Checks: []string{o.psCheck}}))
	t.Cleanup(func() { _ = c.Delete(context.Background(), dss.ProjectStandardsScopePath(o.psScope), nil, nil) })
	if o.collection, err = c.CreateDataCollection(ctx, dss.CreateDataCollectionRequest{DisplayName: "Not bob's"}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteDataCollection(context.Background(), o.collection) })
	acctest.MustDo(t, c.CreateMeaning(ctx, &dss.Meaning{ID: o.meaning, Label: "Not bob's", Type: dss.MeaningTypeDeclarative}))
	if _, err := c.CreateMessagingChannel(ctx, dss.CreateMessagingChannelRequest{ID: o.channel, Type: "msft-teams",
		Configuration: dss.Object{"webhookType": "WORKFLOWS", "useProxy": false, "webhookUrl": "https://outlook.example.com/hook"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteMessagingChannel(context.Background(), o.channel) })
	acctest.CodeEnvOutside(t, c, o.codeEnv, "DESIGN_MANAGED")

	var cfg strings.Builder
	cfg.WriteString(acctest.CliRequiredProviders)
	for _, typ := range slices.Sorted(maps.Keys(testRefusedToBob)) {
		fmt.Fprintf(&cfg, "data %q \"bob\" {\n  %s\n}\n", typ, testRefusedToBob[typ].body(o))
	}
	run := acctest.RunConfigFailingOn(t, em, cfg.String(), acctest.BobKey, "plan", "-no-color")
	for typ, r := range testRefusedToBob {
		acctest.ExpectDiagnostic(t, run.Blocks, "data."+typ+".bob", "Cannot ", "403", "UnauthorizedException", r.reason)
	}
	if other := run.Blocks["(none)"]; len(other) != 0 {
		t.Errorf("errors naming no data source: %q", other)
	}
	acctest.ExpectNoWrites(t, run.Before, run.After, "while bob read data sources")

	var readCfg strings.Builder
	var checks []resource.TestCheckFunc
	for _, typ := range slices.Sorted(maps.Keys(testReadByBob)) {
		r := testReadByBob[typ]
		fmt.Fprintf(&readCfg, "data %q \"bob\" {\n  %s\n}\n", typ, r.body(o))
		checks = append(checks, r.check(o, "data."+typ+".bob"))
	}
	acctest.Case(t, nil, []resource.TestStep{{Config: acctest.AsBob(readCfg.String()), Check: resource.ComposeAggregateTestCheckFunc(checks...)}})
}

// TestDataSourcesNonAdminCoverEveryDataSource: every data source of the
// provider has its non-admin read tested, in one table only.
func TestDataSourcesNonAdminCoverEveryDataSource(t *testing.T) {
	testEachDataSourceInOneTable(t, "non-admin", keySet(testRefusedToBob), keySet(testReadByBob), keySet(testNonAdminDataSourcesElsewhere))
}

// testEachDataSourceInOneTable checks that every data source of the
// provider stands in exactly one of tables (the what tables), and that
// the tables name no other.
func testEachDataSourceInOneTable(t *testing.T, what string, tables ...map[string]bool) {
	t.Helper()
	ctx := context.Background()
	names := map[string]bool{}
	for _, newDataSource := range dataiku.New("test")().DataSources(ctx) {
		var meta datasource.MetadataResponse
		newDataSource().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "dataiku"}, &meta)
		names[meta.TypeName] = true
	}
	for name := range names {
		n := 0
		for _, table := range tables {
			if table[name] {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s is in %d of the %s tables, want 1", name, n, what)
		}
	}
	for _, table := range tables {
		for name := range table {
			if !names[name] {
				t.Errorf("%s is no data source of the provider", name)
			}
		}
	}
}

func keySet[V any](m map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}
