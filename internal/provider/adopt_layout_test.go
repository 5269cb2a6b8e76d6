package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adopt/seed"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAdoptPerProjectLayout adopts the sample instance with --layout
// per-project: one root module for the instance-level objects and one per
// project, each holding only its own import blocks. Each module then
// applies on its own, all of them at once as separate teams would,
// importing without a change, and plans empty; references across modules
// stay literal names, so no module needs another's state.
func TestAdoptPerProjectLayout(t *testing.T) {
	setup := acctest.CliSetup(t)
	const adminKey = "adopt-layout-admin-key-5c1e8b"
	run, c := startAdoptEmulator(t, emulator.Options{
		AdminKey: adminKey,
		Connections: append(append([]emulator.Connection{}, emulator.DefaultConnections...),
			emulator.Connection{Name: "pg_extra", Type: "PostgreSQL", AllowManaged: true}),
		CodeEnvBuildTime: -1,
	})
	secrets, err := seed.Sample(context.Background(), c, emulator.AdminLogin)
	if err != nil {
		t.Fatal(err)
	}
	secretList := append(acctest.KeyForms(adminKey), secrets.UserPassword, secrets.ConnectionSecret)
	env := adoptEnvironment(t, setup, run.URL(), adminKey)

	code, _, stderr := adoptRun(t, "--out", t.TempDir(), "--layout", "per-team")
	if code != 2 || !strings.Contains(stderr, `--layout "per-team": want single or per-project`) {
		t.Errorf("--layout per-team: exit %d, stderr:\n%s", code, stderr)
	}

	dir := t.TempDir()
	code, stdout, stderr := adoptRun(t, "--out", dir, "--layout", "per-project")
	if code != 0 {
		t.Fatalf("adopt: exit %d\n%s\n%s", code, stdout, acctest.MaskSecrets(stderr, secretList))
	}
	modules := []string{"instance"}
	summaries, err := c.ListProjects(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var projects []string
	for _, p := range summaries {
		projects = append(projects, p.ProjectKey)
	}
	slices.Sort(projects)
	for _, key := range projects {
		modules = append(modules, filepath.Join("projects", key))
	}
	if !strings.Contains(stdout, "Layout per-project: "+itoa(len(modules))+" root modules") {
		t.Errorf("the summary does not announce %d modules:\n%s", len(modules), stdout)
	}
	for _, m := range modules {
		imports, err := os.ReadFile(filepath.Join(dir, m, "imports.tf"))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(imports), "\n") {
			id, ok := strings.CutPrefix(strings.TrimSpace(line), "id = ")
			if !ok {
				continue
			}
			id = strings.Trim(id, `"`)
			inProject := ""
			for _, key := range projects {
				if id == key || strings.HasPrefix(id, key+".") || strings.HasPrefix(id, key+"/") {
					inProject = key
				}
			}
			if m == "instance" && inProject != "" || m != "instance" && filepath.Join("projects", inProject) != m {
				t.Errorf("%s/imports.tf imports %q, which belongs elsewhere", m, id)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, m, "generated.tf")); err != nil {
			t.Errorf("%s has no generated.tf: %v", m, err)
		}
	}
	if generated, _ := os.ReadFile(filepath.Join(dir, "instance", "generated.tf")); !strings.Contains(string(generated), "prevent_destroy = true") {
		t.Error("the instance module's objects lack prevent_destroy")
	}

	// Every module applies on its own, all at once.
	var wg sync.WaitGroup
	outs := make([]string, len(modules))
	errs := make([]error, len(modules))
	for i, m := range modules {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = acctest.RunTerraform(t, filepath.Join(dir, m), env, "apply", "-auto-approve", "-input=false", "-no-color")
		}()
	}
	wg.Wait()
	for i, m := range modules {
		if errs[i] != nil {
			t.Fatalf("apply in %s: %v\n%s", m, errs[i], acctest.MaskSecrets(acctest.Tail(outs[i], 4000), secretList))
		}
		acctest.AssertNoSecret(t, "terraform apply's output in "+m, outs[i], secretList)
		if !strings.Contains(outs[i], " imported, 0 added, 0 changed, 0 destroyed") {
			t.Errorf("the adopting apply in %s changed something:\n%s", m, acctest.Tail(outs[i], 3000))
		}
	}
	for _, m := range modules {
		out, err := acctest.RunTerraform(t, filepath.Join(dir, m), env, "plan", "-detailed-exitcode", "-input=false", "-no-color")
		if err != nil {
			t.Errorf("the plan in %s after adoption is not empty: %v\n%s", m, err, acctest.MaskSecrets(acctest.Tail(out, 4000), secretList))
		}
	}
	acctest.AssertNoSecret(t, "the output directory", dirText(t, dir), secretList)

	// --force over the applied modules is refused before any module is
	// written, even one whose own state is empty (here the instance
	// module's, set aside): the projects' states hold resources.
	if err := os.Rename(filepath.Join(dir, "instance", "terraform.tfstate"), filepath.Join(dir, "instance", "set-aside.tfstate")); err != nil {
		t.Fatal(err)
	}
	before := dirText(t, dir)
	code, _, stderr = adoptRun(t, "--out", dir, "--layout", "per-project", "--force")
	if code != 1 || !strings.Contains(stderr, "holds a Terraform state with") {
		t.Errorf("--force over applied modules: exit %d, stderr:\n%s", code, stderr)
	}
	if after := dirText(t, dir); after != before {
		t.Error("the refused --force run changed the output directory")
	}
}
