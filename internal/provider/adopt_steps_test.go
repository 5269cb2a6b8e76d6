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

// The adoption round trips take the same steps: start an emulator of
// their own, fill it through DSS's API, run dss-adopt into a new
// directory, read what it wrote, apply it (which must import and write
// nothing) and plan again (which must be empty). The steps live here once;
// each test keeps what it plants and what it checks.

// adoptSite is an adoption test's emulator, the Terraform CLI set up for
// it, and an admin client of it.
type adoptSite struct {
	setup    string // acctest.CliSetup's directory
	run      *emulator.Running
	c        *dss.Client
	adminKey string
}

// startAdoptSite sets up the Terraform CLI, then starts the test's
// emulator (startAdoptEmulator, opts.AdminKey its admin's key).
func startAdoptSite(t *testing.T, opts emulator.Options) adoptSite {
	t.Helper()
	setup := acctest.CliSetup(t)
	run, c := startAdoptEmulator(t, opts)
	return adoptSite{setup: setup, run: run, c: c, adminKey: opts.AdminKey}
}

// createProject creates the project key, named name and owned by the
// admin, that the test fills before adopting it.
func (s adoptSite) createProject(ctx context.Context, t *testing.T, key, name string) {
	t.Helper()
	if err := s.c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: key, Name: name, Owner: emulator.AdminLogin}, ""); err != nil {
		t.Fatal(err)
	}
}

// adoptedDir is what one dss-adopt run wrote, with the environment and
// the secrets the terraform runs in its directory need.
type adoptedDir struct {
	dir     string
	env     []string
	secrets []string
	stdout  string
}

// adopt points this process and terraform at the site
// (adoptEnvironment), runs dss-adopt with args into a new directory and
// stops the test when it fails, its output masked of the admin's key and
// of extraSecrets.
func (s adoptSite) adopt(t *testing.T, extraSecrets []string, args ...string) adoptedDir {
	t.Helper()
	env := adoptEnvironment(t, s.setup, s.run.URL(), s.adminKey)
	secrets := append(acctest.KeyForms(s.adminKey), extraSecrets...)
	dir := t.TempDir()
	code, stdout, stderr := adoptRun(t, append([]string{"--out", dir}, args...)...)
	if code != 0 {
		t.Fatalf("adopt: exit %d\n%s\n%s", code, acctest.MaskSecrets(stdout, secrets), acctest.MaskSecrets(stderr, secrets))
	}
	return adoptedDir{dir: dir, env: env, secrets: secrets, stdout: stdout}
}

// file is the file name (generated.tf, imports.tf) dss-adopt wrote; the
// test stops when it is not there.
func (a adoptedDir) file(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(a.dir, name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return b
}

// apply runs the adopting apply, whose output must hold want (e.g.
// "3 imported, 0 added, 0 changed, 0 destroyed"): else the test fails
// with failure and the output's tail.
func (a adoptedDir) apply(t *testing.T, want, failure string) {
	t.Helper()
	out := acctest.MustTerraform(t, a.dir, a.env, a.secrets, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, want) {
		t.Errorf("%s:\n%s", failure, acctest.Tail(out, 4000))
	}
}

// requirePlanEmpty is requireAdoptedPlanEmpty in the adoption's directory.
func (a adoptedDir) requirePlanEmpty(t *testing.T) {
	t.Helper()
	requireAdoptedPlanEmpty(t, a.dir, a.env, a.secrets)
}

// writes counts the requests the site's DSS has served that may write
// (every request but a GET), to show that an adopting apply wrote nothing.
func (s adoptSite) writes() (n int64) {
	for route, count := range s.run.Server.Stats().ByRoute {
		if !strings.HasPrefix(route, "GET ") {
			n += count
		}
	}
	return n
}

// fatalOnError returns the must of a test that plants objects step by
// step: a step's error stops the test, named by what.
func fatalOnError(t *testing.T) func(what string, err error) {
	return func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
}
