package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAdoptOverTLS: against a DSS whose certificate a private CA signed,
// dss-adopt --ca-cert-file (and --insecure-skip-verify) writes the same
// setting into providers.tf, so that the Terraform it runs reaches DSS as
// its listing did: generation, the adopting apply and the next plan work.
// providers.tf once left them out, and dss-adopt's own plan failed on the
// certificate.
func TestAdoptOverTLS(t *testing.T) {
	url, caFile := startTLSEmulator(t, "127.0.0.1")
	setup := acctest.CliSetup(t)
	env := adoptEnvironment(t, setup, url, acctest.AdminKey)
	c, err := dss.NewClient(dss.Config{Host: url, APIKey: acctest.AdminKey, CACertFile: caFile})
	acctest.MustDo(t, err)
	acctest.MustDo(t, c.CreateProject(context.Background(), dss.CreateProjectRequest{ProjectKey: "OVER_TLS", Name: "Over TLS", Owner: emulator.AdminLogin}, ""))
	secrets := acctest.KeyForms(acctest.AdminKey)
	for _, tc := range []struct {
		flags []string
		want  string
	}{
		{[]string{"--ca-cert-file", caFile}, "ca_cert_file = " + `"` + caFile + `"`},
		{[]string{"--insecure-skip-verify"}, "insecure_skip_verify = true"},
	} {
		dir := t.TempDir()
		code, stdout, stderr := adoptRun(t, append([]string{"--out", dir, "--kinds", "project"}, tc.flags...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s\n%s", tc.flags, code, acctest.MaskSecrets(stdout, secrets), acctest.MaskSecrets(stderr, secrets))
		}
		providers, err := os.ReadFile(filepath.Join(dir, "providers.tf"))
		acctest.MustDo(t, err)
		if !strings.Contains(string(providers), tc.want) {
			t.Errorf("%v: providers.tf lacks %s:\n%s", tc.flags, tc.want, providers)
		}
		out := acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-input=false", "-no-color")
		if !strings.Contains(out, "1 imported, 0 added, 0 changed, 0 destroyed") {
			t.Errorf("%v: the adopting apply:\n%s", tc.flags, acctest.Tail(out, 3000))
		}
		requireAdoptedPlanEmpty(t, dir, env, secrets)
	}
}

// TestAdoptPerProjectWithNothingAtInstanceLevel: --layout per-project with
// project kinds only leaves the instance module nothing to import; it is
// reported so and Terraform is not run there, and the project's module is
// generated and adopts with an empty plan. The empty module once failed
// the whole run ("open .../generated.tf: no such file or directory").
func TestAdoptPerProjectWithNothingAtInstanceLevel(t *testing.T) {
	site := startAdoptSite(t, emulator.Options{AdminKey: "adopt-pp-empty-admin-key-2b8d", CodeEnvBuildTime: -1})
	site.createProject(context.Background(), t, "ONLY_PROJECT", "Only project")
	adopted := site.adopt(t, nil, "--layout", "per-project", "--kinds", "project", "--projects", "ONLY_PROJECT")
	expectContains(t, "the summary", adopted.stdout, filepath.Join(adopted.dir, "instance")+":\nNothing to adopt here: no object to import, so Terraform was not run.")
	if _, err := os.Stat(filepath.Join(adopted.dir, "instance", "generated.tf")); !os.IsNotExist(err) {
		t.Errorf("the instance module has a generated.tf: %v", err)
	}
	project := adoptedDir{dir: filepath.Join(adopted.dir, "projects", "ONLY_PROJECT"), env: adopted.env, secrets: adopted.secrets}
	project.apply(t, "1 imported, 0 added, 0 changed, 0 destroyed", "the project module's adopting apply")
	project.requirePlanEmpty(t)
}

// TestAdoptNonAdminKeyReadOnlyProject: a key that is no instance
// administrator sees a project it may only read: that project is listed as
// not adopted, with the reason (dataiku_project reads its grants, which
// need admin rights on it), while its datasets and the project the key
// owns are adopted, and the apply and the next plan work. The project's
// import once failed the whole run ("you may not administer project").
func TestAdoptNonAdminKeyReadOnlyProject(t *testing.T) {
	setup := acctest.CliSetup(t)
	const adminKey, bobKey = "adopt-ro-admin-key-9a1c", "adopt-ro-bob-key-4e7d"
	run, c := startAdoptEmulator(t, emulator.Options{AdminKey: adminKey, CodeEnvBuildTime: -1,
		UserKeys: []emulator.UserKey{{Login: "bob", Key: bobKey, Groups: []string{"readers"}}}})
	ctx := context.Background()
	acctest.MustDo(t, c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: "READ_ONLY", Name: "Read only", Owner: emulator.AdminLogin}, ""))
	acctest.MustDo(t, c.CreateManagedDataset(ctx, "READ_ONLY", "orders", "filesystem_managed"))
	yes := true
	_, _, err := dss.ProjectPermissionsDoc("READ_ONLY").Update(ctx, c, func(p *dss.ProjectPermissions) error {
		p.Grants = []dss.ProjectGrant{{Group: "readers", ReadProjectContent: &yes}}
		return nil
	})
	acctest.MustDo(t, err)
	bob, err := dss.NewClient(dss.Config{Host: run.URL(), APIKey: bobKey})
	acctest.MustDo(t, err)
	acctest.MustDo(t, bob.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: "BOBS", Name: "Bob's", Owner: "bob"}, ""))

	env := adoptEnvironment(t, setup, run.URL(), bobKey)
	secrets := append(acctest.KeyForms(adminKey), acctest.KeyForms(bobKey)...)
	dir := t.TempDir()
	code, stdout, stderr := adoptRun(t, "--out", dir, "--kinds", "project,dataset")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, acctest.MaskSecrets(stdout, secrets), acctest.MaskSecrets(stderr, secrets))
	}
	imports, err := os.ReadFile(filepath.Join(dir, "imports.tf"))
	acctest.MustDo(t, err)
	for _, want := range []string{`id = "BOBS"`, `id = "READ_ONLY.orders"`, "this API key may not administer the project"} {
		if !strings.Contains(string(imports), want) {
			t.Errorf("imports.tf lacks %q:\n%s", want, imports)
		}
	}
	if strings.Contains(string(imports), `id = "READ_ONLY"`+"\n") {
		t.Errorf("imports.tf imports the project the key cannot administer:\n%s", imports)
	}
	out := acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, "2 imported, 0 added, 0 changed, 0 destroyed") {
		t.Errorf("the adopting apply:\n%s", acctest.Tail(out, 3000))
	}
	requireAdoptedPlanEmpty(t, dir, env, secrets)
}

// TestAdoptSummarySaysWhatHappened: the summary says where the imports
// went with --layout per-project (no top-level imports.tf exists), gives
// next steps that work from inside each module, and says when --exclude
// or --projects matched nothing (a pattern meant to leave objects out
// that left nothing out). These once named a file that did not exist,
// gave a garbled command, or said nothing.
func TestAdoptSummarySaysWhatHappened(t *testing.T) {
	site := startAdoptSite(t, emulator.Options{AdminKey: "adopt-summary-admin-key-8c3f", CodeEnvBuildTime: -1})
	ctx := context.Background()
	site.createProject(ctx, t, "SUMMARY", "Summary")
	acctest.MustDo(t, site.c.CreateManagedDataset(ctx, "SUMMARY", "orders", "filesystem_managed"))
	perProject := site.adopt(t, nil, "--layout", "per-project", "--generate=false", "--kinds", "project,dataset,group",
		"--exclude", "dataiku_dataset:*.scratch_*")
	expectContains(t, "the per-project summary", perProject.stdout,
		"Listed 2 objects to adopt, in 2 root modules under "+perProject.dir+" (an imports.tf in each).",
		"--exclude dataset:*.scratch_* matched no object: nothing was left out by it.",
		"Next, in each root module under "+perProject.dir+" (cd there): terraform init, terraform plan -generate-config-out=generated.tf, dss-adopt references --out ., terraform apply.")
	if strings.Contains(perProject.stdout, "Wrote "+filepath.Join(perProject.dir, "imports.tf")) {
		t.Errorf("the summary names a top-level imports.tf that per-project does not write:\n%s", perProject.stdout)
	}
	none := site.adopt(t, nil, "--generate=false", "--kinds", "project,group", "--projects", "NOPE_*")
	expectContains(t, "the summary of a --projects that matches nothing", none.stdout,
		"--projects NOPE_* matched none of the projects this key can see: only instance-level objects were listed.")
}
