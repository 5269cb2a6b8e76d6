package provider_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adopt"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adopt/seed"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// adoptRun runs the command in-process and returns its exit status and
// outputs.
func adoptRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := adopt.Run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// expectContains reports each of wants that text (what names it) lacks.
func expectContains(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, text)
		}
	}
}

// expectGenerated reports each of wants that generated.tf lacks, its
// " = " matching however terraform aligned the attribute.
func expectGenerated(t *testing.T, generated []byte, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(want), " = ", `\s*=\s*`)).Match(generated) {
			t.Errorf("generated.tf lacks %q:\n%s", want, generated)
		}
	}
}

// requireAdoptedPlanEmpty runs terraform plan in dir after the adopting
// apply: the plan must be empty, else the test stops showing its output
// (secrets masked). It returns the plan's output.
func requireAdoptedPlanEmpty(t *testing.T, dir string, env, secrets []string) string {
	t.Helper()
	out, err := acctest.RunTerraform(t, dir, env, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if err != nil {
		t.Fatalf("the plan after adoption is not empty: %v\n%s", err, acctest.MaskSecrets(acctest.Tail(out, 12000), secrets))
	}
	return out
}

// startAdoptEmulator starts an emulator of its own for an adoption test,
// closed when the test ends, and an admin client of it (opts.AdminKey).
func startAdoptEmulator(t *testing.T, opts emulator.Options) (*emulator.Running, *dss.Client) {
	t.Helper()
	run, err := emulator.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(run.Close)
	c, err := dss.NewClient(dss.Config{Host: run.URL(), APIKey: opts.AdminKey})
	if err != nil {
		t.Fatal(err)
	}
	return run, c
}

// adoptEnvironment points this process (dss-adopt runs in-process) and
// the terraform it starts at the DSS at host with key, with the CLI
// configuration CliSetup made and no other credentials (Dataiku's own
// variables emptied), and returns the same settings as an environment for
// RunTerraform.
func adoptEnvironment(t *testing.T, setup, host, key string) []string {
	t.Helper()
	t.Setenv("HOME", filepath.Join(setup, "home"))
	t.Setenv("TF_CLI_CONFIG_FILE", filepath.Join(setup, "terraformrc"))
	t.Setenv("DATAIKU_HOST", host)
	t.Setenv("DATAIKU_API_KEY", key)
	t.Setenv("DKU_DSS_URL", "")
	t.Setenv("DKU_API_KEY", "")
	return []string{"DATAIKU_HOST=" + host, "DATAIKU_API_KEY=" + key}
}

// dirText is every file of dir (state files included), for secret checks.
func dirText(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.IsDir() && d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p + "\n" + string(data) + "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestAdoptEndToEnd adopts an emulator populated through the API, never
// through Terraform: dss-adopt writes the imports, Terraform generates the
// configuration, dss-adopt rewrites names into references, the apply
// imports everything, the next plan is empty and a change made in DSS
// afterwards shows as drift. No secret reaches the directory or
// Terraform's output.
func TestAdoptEndToEnd(t *testing.T) {
	setup := acctest.CliSetup(t)
	const adminKey = "adopt-e2e-admin-key-7f3a9c"
	const carolKey = "adopt-e2e-carol-key-1b2c3d"
	run, c := startAdoptEmulator(t, emulator.Options{
		AdminKey: adminKey,
		UserKeys: []emulator.UserKey{{Login: "carol", Key: carolKey, Groups: []string{"carol_team"}}},
		Connections: append(append([]emulator.Connection{}, emulator.DefaultConnections...),
			emulator.Connection{Name: "pg_extra", Type: "PostgreSQL", AllowManaged: true}),
		CodeEnvBuildTime: -1,
	})
	ctx := context.Background()
	secrets, err := seed.Sample(ctx, c, emulator.AdminLogin)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := c.ListGlobalAPIKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	personal, err := c.ListAllPersonalAPIKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The deployers' objects, as an administrator makes them in their UIs:
	// a bundle of SALES published, its deployment on a Project Deployer
	// infrastructure, a published API service with a version deployed on
	// an API Deployer infrastructure with API nodes (the adoption cases').
	// Their admin keys are secrets.
	_, deployerDocs := runAdoptCases(t, c, ctx, "SALES", "dataiku_project_bundle", "dataiku_project_deployer_infra", "dataiku_api_deployer_infra",
		"dataiku_published_project", "dataiku_published_api_service", "dataiku_api_deployment", "dataiku_project_deployment",
		// Project Standards: a check and two scopes (the default scope is
		// DSS's and not adopted).
		"dataiku_project_standards_scope")
	secretList := append(acctest.KeyForms(adminKey), acctest.KeyForms(carolKey)...)
	secretList = append(secretList, secrets.UserPassword, secrets.ConnectionSecret, secrets.GitToken)
	secretList = append(secretList, adoptSecrets...)
	for _, k := range keys {
		if k.Key != "" {
			secretList = append(secretList, k.Key)
		}
	}
	for _, k := range personal {
		if k.Key != "" {
			secretList = append(secretList, k.Key)
		}
	}

	env := adoptEnvironment(t, setup, run.URL(), adminKey)

	// Bad input is refused before anything is listed, with the valid values.
	before := run.Server.Stats().Requests
	code, _, stderr := adoptRun(t, "--out", t.TempDir(), "--kinds", "project,dataset,notebook")
	if code != 2 || !strings.Contains(stderr, `unknown kind "notebook"`) || !strings.Contains(stderr, "valid kinds are: agent, agent_tool, api_deployer_infra, api_deployment, api_key, azure_ad_settings, cluster, code_env, code_studio, code_studio_template_settings, connection") {
		t.Errorf("--kinds notebook: exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = adoptRun(t, "--out", t.TempDir(), "--projects", "SALES,[A-")
	if code != 2 || !strings.Contains(stderr, `"[A-" is not a valid pattern`) || !strings.Contains(stderr, "valid values are project keys or globs") {
		t.Errorf("--projects [A-: exit %d, stderr:\n%s", code, stderr)
	}
	if n := run.Server.Stats().Requests - before; n != 0 {
		t.Errorf("refused input sent %d requests to DSS", n)
	}

	// Listing only, to count its requests: auth/info, 16 instance lists
	// (6, then the plugins, the execution configs, the code studio
	// templates (whose settings are adopted), the clusters, the
	// workspaces, the data collections, the messaging channels, the
	// meanings and Project Standards' checks and scopes; no plugin is installed, so no
	// plugin settings are read), the objects of the one workspace and of
	// the one data collection,
	// the folder walk (ROOT and Finance), the deployers' 6 lists (3 each),
	// the project list, 19 lists for each of the 3 projects (the third: the
	// knowledge banks; the fourth: the retrieval-augmented LLMs; the fifth:
	// the agent tools; the sixth: the agents; the seventh and eighth: the
	// evaluation stores, DSS's default list and the AGENT one; the ninth:
	// the code studios; the tenth: the streaming endpoints; the
	// fourteenth: the wiki's settings, for its articles; the fifteenth:
	// the settings, for the exposed objects; the sixteenth: the Git
	// remotes, from the Git status; the seventeenth: the Git libraries; the
	// eighteenth: the library tree; the nineteenth: the Jupyter notebooks)
	// and one rules list per dataset (6).
	listDir := t.TempDir()
	before = run.Server.Stats().Requests
	start := time.Now()
	code, stdout, stderr := adoptRun(t, "--out", listDir, "--generate=false")
	if code != 0 {
		t.Fatalf("listing run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	const wantRequests = 1 + 16 + 1 + 1 + 2 + 6 + 1 + 19*3 + 6
	if n := run.Server.Stats().Requests - before; n != wantRequests {
		t.Errorf("the listing sent %d requests, want %d", n, wantRequests)
	}
	if !strings.Contains(stdout, "Listing: "+itoa(wantRequests)+" requests to DSS") {
		t.Errorf("the summary does not count %d requests:\n%s", wantRequests, stdout)
	}
	t.Logf("listing: %d requests, %s", wantRequests, time.Since(start))
	expectContains(t, "the summary", stdout,
		"dataiku_group.administrators (id \"administrators\"): built-in group",
		"dataiku_user.admin (id \"admin\"): the user of the API key dss-adopt connects with",
		"dataiku_connection.uploads (id \"uploads\"): type UploadedFiles is created and managed by DSS itself",
		"dataiku_flow_zone.sales_default (id \"SALES.default\"): the default zone",
		"the API key dss-adopt connects with",
		"dataiku_user.alice: password_wo and password_wo_version (a LOCAL user",
		"dataiku_connection.pg_warehouse: secret_params_wo and secret_params_wo_version (DSS returns password encrypted only",
		"dataiku_connection.s3_lake: secret_params_wo and secret_params_wo_version (DSS returns secretKey encrypted only",
		"dataiku_project_git_library.sales_lib_python_sales_utils: password_wo and password_wo_version (a reference with a login may have a password",
		"Sensitive, generated as null and left unmanaged until written: dataiku_project.local_variables",
		"Written in clear to generated.tf: dataiku_instance_variables.variables",
		"Null after the import: dataiku_api_key.secret",
		// The infrastructures' admin keys, as a LOCAL user's password.
		"dataiku_project_deployer_infra.adopt_sales: api_key_wo and api_key_wo_version (DSS does not give the automation node's admin API key back",
		"dataiku_api_deployer_infra.adopt_api_sales: api_node_keys_wo and api_node_keys_wo_version (DSS does not give the API nodes' admin API keys back",
	)
	imports, err := os.ReadFile(filepath.Join(listDir, "imports.tf"))
	if err != nil {
		t.Fatal(err)
	}
	expectContains(t, "imports.tf", string(imports),
		"to = dataiku_project.sales\n  id = \"SALES\"",
		"to = dataiku_dataset.sales_customers\n  id = \"SALES.customers\"",
		"to = dataiku_recipe.sales_compute_orders_clean\n  id = \"SALES.compute_orders_clean\"",
		"to = dataiku_exposed_object.sales_exposed_orders_clean\n  id = \"SALES.DATASET.orders_clean\"",
		"to = dataiku_project_execution_defaults.sales_execution_defaults\n  id = \"SALES\"",
		"to = dataiku_scenario.sales_nightly_build\n  id = \"SALES.Nightly_build\"",
		"to = dataiku_code_env.python_py_analytics\n  id = \"PYTHON/py_analytics\"",
		"to = dataiku_project_git_remote.sales_remote_origin\n  id = \"SALES.origin\"",
		"to = dataiku_project_git_library.sales_lib_python_sales_utils\n  id = \"SALES.python/sales_utils\"",
		"to = dataiku_project_library_file.sales_libfile_python_sales_helpers_py\n  id = \"SALES/python/sales/helpers.py\"",
		"to = dataiku_jupyter_notebook.sales_notebook_sales_checks\n  id = \"SALES.Sales checks\"",
		"# Not adopted: dataiku_group.administrators",
		"to = dataiku_project_deployer_infra.adopt_sales\n  id = \"adopt-sales\"",
		"to = dataiku_published_project.sales\n  id = \"SALES\"",
		"to = dataiku_project_deployment.sales_adopted\n  id = \"SALES-adopted\"",
		"to = dataiku_api_deployer_infra.adopt_api_sales\n  id = \"adopt-api-sales\"",
		"to = dataiku_published_api_service.adopt_svc_sales\n  id = \"adopt-svc-sales\"",
		"to = dataiku_api_deployment.adopt_apidep_sales\n  id = \"adopt-apidep-sales\"",
	)
	// Release artifacts stay out, with the reason.
	if strings.Contains(string(imports), "to = dataiku_project_bundle.") {
		t.Errorf("a bundle is adopted:\n%s", imports)
	}

	// The full run: generate and references.
	dir := t.TempDir()
	code, stdout, stderr = adoptRun(t, "--out", dir)
	if code != 0 {
		t.Fatalf("adopt: exit %d\n%s\n%s", code, stdout, acctest.MaskSecrets(stderr, secretList))
	}
	t.Log(stdout)
	again, _ := os.ReadFile(filepath.Join(dir, "imports.tf"))
	if !bytes.Equal(imports, again) {
		t.Errorf("imports.tf differs between two runs over the same instance:\n%s\n---\n%s", imports, again)
	}
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	expectGenerated(t, generated,
		"project_key = dataiku_project.sales.project_key",
		"connection_name = dataiku_connection.pg_warehouse.name",
		"dataset_name = dataiku_dataset.sales_orders.name",
		"ref = dataiku_dataset.sales_orders.name",
		"dataiku_group.analysts.name",
		"local_name = dataiku_dataset.sales_orders_clean.name",
		"project_key = dataiku_project.marketing.project_key",
		"local_name = dataiku_managed_folder.sales_reports.id",
		"resource \"dataiku_project_execution_defaults\" \"sales_execution_defaults\"",
		"python_env_name = dataiku_code_env.python_py_analytics.name",
		`ref = "${dataiku_project.sales.project_key}.${dataiku_exposed_object.sales_exposed_orders_clean.local_name}"`,
		// A deployment names its infrastructure and what it deploys.
		"infra_id = dataiku_project_deployer_infra.adopt_sales.id",
		"published_project_key = dataiku_published_project.sales.project_key",
		"infra_id = dataiku_api_deployer_infra.adopt_api_sales.id",
		"service_id = dataiku_published_api_service.adopt_svc_sales.service_id",
		// A Project Standards scope names its checks and projects.
		"[dataiku_project_standards_check.project_has_a_description.id]",
		"[dataiku_project.sales.project_key]",
		// A notebook's content, without its outputs, its template
		// sequence escaped.
		"resource \"dataiku_jupyter_notebook\" \"sales_notebook_sales_checks\"",
		`"print(\"$${region}\")"`,
		"execution_count = null",
	)
	if strings.Contains(string(generated), `"$${region}\n"`) {
		t.Errorf("the notebook's outputs are in generated.tf:\n%s", generated)
	}
	if d := regexp.MustCompile(`(?s)resource "dataiku_project_deployment" "sales_adopted" \{.*?\n\}`).Find(generated); !strings.Contains(string(d), "prevent_destroy = true") {
		t.Errorf("the adopted deployment is not protected from a destroy:\n%s", d)
	}

	docsBefore := snapshotDocs(t, c, deployerDocs)
	byRoute := run.Server.Stats().ByRoute
	out := acctest.MustTerraform(t, dir, env, secretList, "apply", "-auto-approve", "-input=false", "-no-color")
	acctest.AssertNoSecret(t, "terraform apply's output", out, secretList)
	if !strings.Contains(out, "0 added, 0 changed, 0 destroyed") {
		t.Errorf("the adopting apply changed something:\n%s", acctest.Tail(out, 4000))
	}
	if w := writeRoutes(byRoute, run.Server.Stats().ByRoute); len(w) != 0 {
		t.Errorf("the adopting apply wrote to DSS:\n%s", strings.Join(w, "\n"))
	}
	for p, doc := range snapshotDocs(t, c, deployerDocs) {
		if doc != docsBefore[p] {
			t.Errorf("the adoption changed %s:\nbefore: %s\nafter:  %s", p, docsBefore[p], doc)
		}
	}
	out = requireAdoptedPlanEmpty(t, dir, env, secretList)
	acctest.AssertNoSecret(t, "terraform plan's output", out, secretList)

	// A change made in DSS afterwards is drift.
	if _, _, err := dss.DatasetDoc("SALES", "customers").Update(ctx, c, func(d *dss.Dataset) error {
		d.Params["table"] = "customers_v2"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	out, err = acctest.RunTerraform(t, dir, env, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if err == nil || !strings.Contains(out, "dataiku_dataset.sales_customers will be updated in-place") {
		t.Errorf("a change in DSS does not show as drift (err %v):\n%s", err, acctest.Tail(out, 4000))
	}
	acctest.AssertNoSecret(t, "the output directory", dirText(t, dir), secretList)
	acctest.AssertNoSecret(t, "the listing directory", dirText(t, listDir), secretList)

	// imports.tf is never overwritten without --force.
	code, _, stderr = adoptRun(t, "--out", dir, "--generate=false")
	if code == 0 || !strings.Contains(stderr, "imports.tf already exists: pass --force to overwrite") {
		t.Errorf("a second run without --force: exit %d, stderr:\n%s", code, stderr)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "imports.tf")); !bytes.Equal(now, imports) {
		t.Error("imports.tf changed without --force")
	}
	// Nor over a directory whose state holds what it adopted: Terraform
	// would generate nothing for those objects, and the next apply would
	// destroy them.
	generatedBefore, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	acctest.MustDo(t, err)
	code, _, stderr = adoptRun(t, "--out", dir, "--generate=false", "--force", "--kinds", "project")
	if code != 1 || !strings.Contains(stderr, "holds a Terraform state with") {
		t.Errorf("--force over an applied directory: exit %d\n%s", code, stderr)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "generated.tf")); !bytes.Equal(now, generatedBefore) {
		t.Error("the refused --force changed generated.tf")
	}
	// Over a directory not applied yet, --force rewrites imports.tf and
	// sets the old generated.tf aside.
	acctest.MustDo(t, os.WriteFile(filepath.Join(listDir, "generated.tf"), generatedBefore, 0o600))
	code, _, stderr = adoptRun(t, "--out", listDir, "--generate=false", "--force", "--kinds", "project")
	if code != 0 {
		t.Errorf("--force: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(listDir, "generated.tf")); err == nil {
		t.Error("--force kept a generated.tf that no longer matches imports.tf")
	}
	if kept, _ := os.ReadFile(filepath.Join(listDir, "generated.tf.bak")); !bytes.Equal(kept, generatedBefore) {
		t.Error("--force did not set the old generated.tf aside as generated.tf.bak")
	}

	// A key without admin rights adopts what it can see and says what it
	// could not.
	t.Setenv("DATAIKU_API_KEY", carolKey)
	carolDir := t.TempDir()
	code, stdout, stderr = adoptRun(t, "--out", carolDir, "--generate=false")
	if code != 0 {
		t.Fatalf("non-admin key: exit %d\n%s\n%s", code, stdout, stderr)
	}
	expectContains(t, "the non-admin summary", stdout, "Not visible to this API key", "users (GET /admin/users/, admin only)", "connections (GET /admin/connections/, admin only)")
	acctest.AssertNoSecret(t, "the non-admin directory", dirText(t, carolDir), secretList)
}

// TestAdoptRunsTerraformInit adopts with a CLI configuration that installs
// the provider from a filesystem mirror, as a user's registry or mirror
// would, instead of dev_overrides: dss-adopt must run terraform init
// itself, and Terraform must then plan the imports with the provider init
// installed and locked, changing nothing. No direct installation: offline.
// What adoption writes is TestAdoptEndToEnd's concern.
func TestAdoptRunsTerraformInit(t *testing.T) {
	setup := acctest.CliSetup(t)
	const adminKey = "adopt-init-admin-key-4d8e2a"
	// providers.tf sets no version constraint: any version is taken.
	const version = "0.0.1"

	rc := acctest.ProviderMirror(t, version)

	run, err := emulator.Start(emulator.Options{AdminKey: adminKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(run.Close)
	c, err := dss.NewClient(dss.Config{Host: run.URL(), APIKey: adminKey})
	if err != nil {
		t.Fatal(err)
	}
	// One project and two datasets.
	if _, err := seed.Scale(t.Context(), c, emulator.AdminLogin, 1, 2); err != nil {
		t.Fatal(err)
	}

	t.Setenv("HOME", filepath.Join(setup, "home"))
	t.Setenv("TF_CLI_CONFIG_FILE", rc)
	t.Setenv("CHECKPOINT_DISABLE", "1")
	t.Setenv("DATAIKU_HOST", run.URL())
	t.Setenv("DATAIKU_API_KEY", adminKey)
	t.Setenv("DKU_DSS_URL", "")
	t.Setenv("DKU_API_KEY", "")
	dir := t.TempDir()
	code, stdout, stderr := adoptRun(t, "--out", dir, "--kinds", "project,dataset")
	if code != 0 {
		t.Fatalf("adopt: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "dss-adopt: terraform init\n") || strings.Contains(stderr, "skipping terraform init") {
		t.Errorf("dss-adopt did not say it ran terraform init:\n%s", stderr)
	}
	lock, err := os.ReadFile(filepath.Join(dir, ".terraform.lock.hcl"))
	if err != nil {
		t.Fatalf("terraform init left no lock file: %v", err)
	}
	if !strings.Contains(string(lock), `provider "registry.terraform.io/tf-dataiku/dataiku"`) ||
		!regexp.MustCompile(`version\s*=\s*"`+regexp.QuoteMeta(version)+`"`).Match(lock) {
		t.Errorf("the lock file does not hold the mirror's provider %s:\n%s", version, lock)
	}

	// Without dev_overrides Terraform runs the provider init installed,
	// after checking it against the lock file.
	env := []string{"DATAIKU_HOST=" + run.URL(), "DATAIKU_API_KEY=" + adminKey, "TF_CLI_CONFIG_FILE=" + rc}
	out := acctest.MustTerraform(t, dir, env, acctest.KeyForms(adminKey), "plan", "-input=false", "-no-color")
	if !strings.Contains(out, "Plan: 3 to import, 0 to add, 0 to change, 0 to destroy.") {
		t.Errorf("the adopted configuration does not plan 3 imports and nothing else:\n%s", acctest.Tail(acctest.MaskSecrets(out, acctest.KeyForms(adminKey)), 4000))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
