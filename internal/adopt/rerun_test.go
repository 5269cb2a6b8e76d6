package adopt

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestForceRefusesAnAppliedDirectory: --force over a directory whose
// Terraform state holds resources is refused before anything is listed or
// written, saying why: Terraform generates configuration only for objects
// not in the state, so the regenerated generated.tf would lack them and
// the next apply would destroy them. A state of data sources only, or
// none, does not stop it.
func TestForceRefusesAnAppliedDirectory(t *testing.T) {
	dir := t.TempDir()
	generated := []byte("resource \"dataiku_project\" \"sales\" {}\n")
	must(t, os.WriteFile(filepath.Join(dir, generatedFile), generated, 0o600))
	must(t, os.WriteFile(filepath.Join(dir, importsFile), []byte("# earlier\n"), 0o600))
	state := `{"version":4,"resources":[{"mode":"managed","type":"dataiku_project","name":"sales"},` +
		`{"mode":"data","type":"dataiku_instance","name":"i"},{"mode":"managed","type":"dataiku_dataset","name":"orders"}]}`
	must(t, os.WriteFile(filepath.Join(dir, "terraform.tfstate"), []byte(state), 0o600))
	var stdout, stderr strings.Builder
	code := Run(context.Background(), []string{"--out", dir, "--force"}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "holds a Terraform state with 2 resources") || !strings.Contains(stderr.String(), "--out NEW_DIR") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	if b, _ := os.ReadFile(filepath.Join(dir, generatedFile)); string(b) != string(generated) {
		t.Errorf("generated.tf was changed by the refused run: %q", b)
	}
	for _, st := range []string{`{"version":4,"resources":[{"mode":"data","type":"dataiku_instance","name":"i"}]}`, `{"version":4,"resources":[]}`} {
		must(t, os.WriteFile(filepath.Join(dir, "terraform.tfstate"), []byte(st), 0o600))
		if err := checkOutDir(context.Background(), dir, true, noTerraform); err != nil {
			t.Errorf("a state without managed resources (%s): %v", st, err)
		}
	}
	must(t, os.Remove(filepath.Join(dir, "terraform.tfstate")))
	if err := checkOutDir(context.Background(), dir, true, noTerraform); err != nil {
		t.Errorf("no state: %v", err)
	}
}

// TestForceKeepsTheOldGeneratedFile: --force sets the earlier generated.tf
// aside as generated.tf.bak (Terraform refuses to generate over it, and it
// may hold the user's edits) rather than deleting it.
func TestForceKeepsTheOldGeneratedFile(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, generatedFile), []byte("# my edits\n"), 0o600))
	must(t, writeModule("http://dss", module{dir: dir}, options{force: true}))
	if _, err := os.Stat(filepath.Join(dir, generatedFile)); !os.IsNotExist(err) {
		t.Errorf("generated.tf is still there for Terraform to refuse: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, generatedFile+".bak")); err != nil || string(b) != "# my edits\n" {
		t.Errorf("generated.tf.bak: %q, %v", b, err)
	}
}

// TestTerraformLookedForFirst: without Terraform (none on PATH, or a
// --terraform that does not exist) the run fails at once, exit 1, before
// it connects to DSS or writes anything, and says what to do; it once
// listed, wrote imports.tf and exited 0 without generated.tf.
func TestTerraformLookedForFirst(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("DATAIKU_HOST", "http://127.0.0.1:1")
	t.Setenv("DATAIKU_API_KEY", "unused-key-for-this-test")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "terraform is not on PATH: install Terraform 1.5 or later, pass --terraform PATH, or --generate=false"},
		{[]string{"--terraform", "/nonexistent/terraform"}, "--terraform /nonexistent/terraform"},
	} {
		out := filepath.Join(t.TempDir(), "adopted")
		var stdout, stderr strings.Builder
		code := Run(context.Background(), append([]string{"--out", out}, tc.args...), &stdout, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, stderr.String(), tc.want)
		}
		if _, err := os.Stat(filepath.Join(out, importsFile)); !os.IsNotExist(err) {
			t.Errorf("%v: imports.tf written before Terraform was found: %v", tc.args, err)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestNoProvidersFileBesideAnExistingConfiguration: adopting into a
// directory whose own configuration has a provider "dataiku" block writes
// no providers.tf (Terraform would refuse the duplicate configuration);
// a directory without one gets it.
func TestNoProvidersFileBesideAnExistingConfiguration(t *testing.T) {
	existing := t.TempDir()
	main := "terraform {\n  required_providers {\n    dataiku = { source = \"tf-dataiku/dataiku\" }\n  }\n}\n\nprovider \"dataiku\" {\n  host = var.host\n}\n"
	must(t, os.WriteFile(filepath.Join(existing, "main.tf"), []byte(main), 0o600))
	must(t, writeModule("http://dss", module{dir: existing}, options{}))
	if _, err := os.Stat(filepath.Join(existing, providersFile)); !os.IsNotExist(err) {
		t.Errorf("providers.tf written beside main.tf's provider block: %v", err)
	}
	required := t.TempDir()
	must(t, os.WriteFile(filepath.Join(required, "versions.tf"), []byte("terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n    dataiku = {\n      source = \"tf-dataiku/dataiku\"\n    }\n  }\n}\n"), 0o600))
	must(t, writeModule("http://dss", module{dir: required}, options{}))
	if _, err := os.Stat(filepath.Join(required, providersFile)); !os.IsNotExist(err) {
		t.Errorf("providers.tf written beside versions.tf's required_providers: %v", err)
	}
	fresh := t.TempDir()
	must(t, os.WriteFile(filepath.Join(fresh, "notes.tf"), []byte("# provider \"dataiku\" is configured in providers.tf\n"), 0o600))
	must(t, writeModule("http://dss", module{dir: fresh}, options{}))
	if _, err := os.Stat(filepath.Join(fresh, providersFile)); err != nil {
		t.Errorf("no providers.tf in a directory without a provider block: %v", err)
	}
}

// TestLayoutChangeRefused: a run in one layout over an adoption in the
// other is refused (even with --force), before anything is listed: the
// old root module would stay and import the same objects again.
func TestLayoutChangeRefused(t *testing.T) {
	single := t.TempDir()
	must(t, os.WriteFile(filepath.Join(single, importsFile), []byte("# single\n"), 0o600))
	var stdout, stderr strings.Builder
	if code := Run(context.Background(), []string{"--out", single, "--force", "--layout", "per-project"}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "holds an adoption in the other layout") {
		t.Errorf("per-project over single: exit %d, %q", code, stderr.String())
	}
	perProject := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(perProject, "instance"), 0o755))
	must(t, os.WriteFile(filepath.Join(perProject, "instance", importsFile), []byte("# instance\n"), 0o600))
	stderr.Reset()
	if code := Run(context.Background(), []string{"--out", perProject}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "holds an adoption in the other layout") {
		t.Errorf("single over per-project: exit %d, %q", code, stderr.String())
	}
	if err := checkOtherLayout(t.TempDir(), layoutSingle); err != nil {
		t.Errorf("an empty directory: %v", err)
	}
}

func noTerraform() (string, error) { return "", errors.New("no Terraform in this test") }

// testTerraform is the Terraform the tests run (make test's pinned one),
// else the one on PATH. As the provider's CLI tests, it wants TF_ACC set
// (make unit runs no terraform).
func testTerraform(t *testing.T) func() (string, error) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the terraform CLI: set TF_ACC=1")
	}
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("terraform"); err != nil {
			t.Skip("needs Terraform: none on PATH and TF_ACC_TERRAFORM_PATH is not set")
		}
	}
	return func() (string, error) { return bin, nil }
}

func runTerraform(t *testing.T, dir string, terraform func() (string, error), args ...string) {
	t.Helper()
	bin, _ := terraform()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("terraform %v: %v\n%s", args, err, out)
	}
}

// TestForceCountsTheStateWhereverItIs: --force is refused over a state
// that is not the directory's terraform.tfstate. Reading that file alone
// let --force regenerate over a directory whose backend (here a local one
// with its own path, as good as a remote one for the check) held the
// adopted objects, and the next apply destroyed them.
func TestForceCountsTheStateWhereverItIs(t *testing.T) {
	terraform := testTerraform(t)
	ctx := context.Background()
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "backend.tf"), []byte("terraform {\n  backend \"local\" {\n    path = \"states/adopted.tfstate\"\n  }\n}\n"), 0o600))
	must(t, os.WriteFile(filepath.Join(dir, generatedFile), []byte("resource \"terraform_data\" \"a\" {}\nresource \"terraform_data\" \"b\" {}\n"), 0o600))
	runTerraform(t, dir, terraform, "init", "-input=false", "-no-color")
	if err := checkOutDir(ctx, dir, true, terraform); err != nil {
		t.Errorf("an initialised backend without a state yet: %v", err)
	}
	runTerraform(t, dir, terraform, "apply", "-auto-approve", "-input=false", "-no-color")
	if _, err := os.Stat(filepath.Join(dir, "terraform.tfstate")); !os.IsNotExist(err) {
		t.Fatalf("the test wants the state away from terraform.tfstate: %v", err)
	}
	err := checkOutDir(ctx, dir, true, terraform)
	if err == nil || !strings.Contains(err.Error(), "holds a Terraform state with 2 resources") {
		t.Errorf("--force over a backend's state of 2 resources: %v", err)
	}
	if err := checkOutDir(ctx, dir, true, noTerraform); err == nil || !strings.Contains(err.Error(), `the "local" backend that terraform init set up`) {
		t.Errorf("without Terraform to ask: %v", err)
	}
	runTerraform(t, dir, terraform, "workspace", "new", "empty")
	if err := checkOutDir(ctx, dir, true, terraform); err != nil {
		t.Errorf("a workspace with no state: %v", err)
	}
}

// TestForceRefusesABackendNotInitialised: a configuration that declares a
// backend, in a directory terraform init has not set up, gives no state to
// count: --force is refused with what to do, whether or not Terraform is
// there to say so; a backend block commented out is no backend.
func TestForceRefusesABackendNotInitialised(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "backend.tf"), []byte("terraform {\n  backend \"s3\" {\n    bucket = \"tf\"\n  }\n}\n"), 0o600))
	if err := checkOutDir(ctx, dir, true, noTerraform); err == nil || !strings.Contains(err.Error(), `the "s3" backend that backend.tf declares`) {
		t.Errorf("without Terraform: %v", err)
	}
	err := checkOutDir(ctx, dir, true, testTerraform(t))
	if err == nil || !strings.Contains(err.Error(), "terraform state list` could not read it") || !strings.Contains(err.Error(), "--out NEW_DIR") {
		t.Errorf("with Terraform: %v", err)
	}
	must(t, os.WriteFile(filepath.Join(dir, "backend.tf"), []byte("terraform {\n  # backend \"s3\" {\n  # }\n}\n"), 0o600))
	if err := checkOutDir(ctx, dir, true, noTerraform); err != nil {
		t.Errorf("a backend commented out: %v", err)
	}
	must(t, os.WriteFile(filepath.Join(dir, "cloud.tf"), []byte("terraform {\n  cloud {\n    organization = \"acme\"\n  }\n}\n"), 0o600))
	if err := checkOutDir(ctx, dir, true, noTerraform); err == nil || !strings.Contains(err.Error(), "HCP Terraform workspace that cloud.tf declares") {
		t.Errorf("a cloud block: %v", err)
	}
}

// TestForceKeepsTheUsersProvidersBlocks: --force over a providers.tf the
// user added to (a backend, another provider, a version constraint)
// updates only the dataiku settings dss-adopt writes and keeps the rest,
// and keeps the earlier file as providers.tf.bak; over its own unchanged
// file it writes nothing. It once rewrote the file whole, and a backend
// block declared there was gone.
func TestForceKeepsTheUsersProvidersBlocks(t *testing.T) {
	dir := t.TempDir()
	users := `# our remote state
terraform {
  backend "s3" {
    bucket = "tf-states"
  }
  required_providers {
    dataiku = {
      source  = "tf-dataiku/dataiku"
      version = "~> 1.4"
    }
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "dataiku" {
  instance             = "staging"
  insecure_skip_verify = true
}

provider "aws" {
  region = "eu-west-1"
}
`
	must(t, os.WriteFile(filepath.Join(dir, providersFile), []byte(users), 0o600))
	must(t, writeModule("http://dss", module{dir: dir}, options{force: true, instance: "prod"}))
	got, err := os.ReadFile(filepath.Join(dir, providersFile))
	must(t, err)
	for _, want := range []string{`backend "s3" {`, `bucket = "tf-states"`, `version = "~> 1.4"`, `source = "hashicorp/aws"`,
		`provider "aws" {`, `region = "eu-west-1"`, "# our remote state", `instance = "prod"`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("providers.tf lost %q:\n%s", want, got)
		}
	}
	for _, gone := range []string{"staging", "insecure_skip_verify"} {
		if strings.Contains(string(got), gone) {
			t.Errorf("providers.tf still has %q, which this run did not ask for:\n%s", gone, got)
		}
	}
	if strings.Count(string(got), `provider "dataiku"`) != 1 {
		t.Errorf("providers.tf should hold one dataiku provider block:\n%s", got)
	}
	if b, err := os.ReadFile(filepath.Join(dir, providersFile+".bak")); err != nil || string(b) != users {
		t.Errorf("providers.tf.bak: %q, %v", b, err)
	}

	// dss-adopt's own file, under the same settings: left as it is.
	own := t.TempDir()
	fresh := renderProviders(providerSettings{instance: "prod"})
	must(t, os.WriteFile(filepath.Join(own, providersFile), fresh, 0o600))
	must(t, writeModule("http://dss", module{dir: own}, options{force: true, instance: "prod"}))
	if b, _ := os.ReadFile(filepath.Join(own, providersFile)); string(b) != string(fresh) {
		t.Errorf("an unchanged providers.tf was rewritten:\n%s\nwant\n%s", b, fresh)
	}
	if _, err := os.Stat(filepath.Join(own, providersFile+".bak")); !os.IsNotExist(err) {
		t.Errorf("an unchanged providers.tf was kept aside: %v", err)
	}
	// Without a dataiku block or requirement, both are added.
	bare := t.TempDir()
	must(t, os.WriteFile(filepath.Join(bare, providersFile), []byte("terraform {\n  backend \"local\" {}\n}\n"), 0o600))
	must(t, writeModule("http://dss", module{dir: bare}, options{force: true}))
	got, _ = os.ReadFile(filepath.Join(bare, providersFile))
	for _, want := range []string{`backend "local" {}`, `source = "tf-dataiku/dataiku"`, `provider "dataiku" {`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("providers.tf without a dataiku block: %q missing:\n%s", want, got)
		}
	}
}
