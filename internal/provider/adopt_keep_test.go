package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adopt/seed"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAdoptOutputYouCanKeep checks what makes an adopted folder safe to
// keep: DSS's built-in connections and other users' personal keys are left
// out unless --include-builtin, instance-level objects refuse
// `terraform plan -destroy`, DSS's defaults are not spelled out (the CSV
// dataset is a few lines) while the next plan stays empty, and no message
// or header points at a step that is already done or has nothing to do.
func TestAdoptOutputYouCanKeep(t *testing.T) {
	setup := acctest.CliSetup(t)
	const adminKey = "adopt-keep-admin-key-5e1f0b"
	const carolKey = "adopt-keep-carol-key-9a8b7c"
	run, c := startAdoptEmulator(t, emulator.Options{
		AdminKey:         adminKey,
		UserKeys:         []emulator.UserKey{{Login: "carol", Key: carolKey, Groups: []string{"carol_team"}}},
		CodeEnvBuildTime: -1,
	})
	ctx := context.Background()
	secrets, err := seed.Sample(ctx, c, emulator.AdminLogin)
	if err != nil {
		t.Fatal(err)
	}
	secretList := append(acctest.KeyForms(adminKey), acctest.KeyForms(carolKey)...)
	secretList = append(secretList, secrets.UserPassword, secrets.ConnectionSecret)

	env := adoptEnvironment(t, setup, run.URL(), adminKey)

	dir := t.TempDir()
	code, stdout, stderr := adoptRun(t, "--out", dir)
	if code != 0 {
		t.Fatalf("adopt: exit %d\n%s\n%s", code, stdout, acctest.MaskSecrets(stderr, secretList))
	}
	imports, err := os.ReadFile(filepath.Join(dir, "imports.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"filesystem_managed", "filesystem_root", "filesystem_folders"} {
		if !strings.Contains(string(imports), "# Not adopted: dataiku_connection."+name+", id \""+name+"\": built-in connection") {
			t.Errorf("the built-in connection %s is adopted:\n%s", name, imports)
		}
	}
	if !regexp.MustCompile(`# Not adopted: dataiku_personal_api_key\.alice_[a-z_]+, id "[^"]+": a personal API key of another user \(alice\)`).Match(imports) {
		t.Errorf("alice's personal API key is adopted:\n%s", imports)
	}
	if strings.Contains(string(imports), "Next: terraform plan -generate-config-out") {
		t.Errorf("imports.tf still says to run the generation dss-adopt already ran:\n%s", imports)
	}

	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	instanceImports := regexp.MustCompile(`to = dataiku_(user|group|connection|code_env|api_key|instance_settings|instance_variables|ldap_settings|sso_settings|azure_ad_settings|project_folder|workspace)\.`).FindAll(imports, -1)
	if n := strings.Count(string(generated), "prevent_destroy = true"); n == 0 || n != len(instanceImports) {
		t.Errorf("generated.tf has %d prevent_destroy, want one per instance-level object (%d)", n, len(instanceImports))
	}
	orders := regexp.MustCompile(`(?s)resource "dataiku_dataset" "sales_orders" \{.*?\n\}`).Find(generated)
	if orders == nil {
		t.Fatalf("generated.tf has no sales_orders dataset:\n%s", generated)
	}
	if lines := strings.Count(string(orders), "\n") + 1; lines > 20 || strings.Contains(string(orders), "charset") || strings.Contains(string(orders), "= null") {
		t.Errorf("the CSV dataset spells out DSS's defaults (%d lines):\n%s", lines, orders)
	}

	out := acctest.MustTerraform(t, dir, env, secretList, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, "0 added, 0 changed, 0 destroyed") {
		t.Errorf("the adopting apply changed something:\n%s", acctest.Tail(out, 4000))
	}
	requireAdoptedPlanEmpty(t, dir, env, secretList)
	out, err = acctest.RunTerraform(t, dir, env, "plan", "-destroy", "-input=false", "-no-color")
	if err == nil || !strings.Contains(out, "Instance cannot be destroyed") || !strings.Contains(out, "prevent_destroy") {
		t.Errorf("terraform plan -destroy does not refuse (err %v):\n%s", err, acctest.MaskSecrets(acctest.Tail(out, 4000), secretList))
	}

	// --include-builtin adopts them; --no-prevent-destroy leaves lifecycle out.
	code, stdout, stderr = adoptRun(t, "--out", t.TempDir(), "--include-builtin", "--generate=false")
	if code != 0 || !strings.Contains(stdout, "dataiku_connection ") {
		t.Fatalf("--include-builtin: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, stderr = adoptRun(t, "--out", filepath.Join(t.TempDir(), "builtin"), "--include-builtin", "--generate=false", "--kinds", "connection,personal_api_key")
	if code != 0 {
		t.Fatalf("--include-builtin: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if strings.Contains(stdout, "built-in connection") || strings.Contains(stdout, "a personal API key of another user") {
		t.Errorf("--include-builtin still leaves them out:\n%s", stdout)
	}
	noProtect := t.TempDir()
	code, stdout, stderr = adoptRun(t, "--out", noProtect, "--no-prevent-destroy", "--kinds", "group,project")
	if code != 0 {
		t.Fatalf("--no-prevent-destroy: exit %d\n%s\n%s", code, stdout, acctest.MaskSecrets(stderr, secretList))
	}
	if b, _ := os.ReadFile(filepath.Join(noProtect, "generated.tf")); !strings.Contains(string(b), `resource "dataiku_group"`) || strings.Contains(string(b), "prevent_destroy") {
		t.Errorf("--no-prevent-destroy: generated.tf:\n%s", b)
	}
	// Nothing write-only among groups and projects: no such step to take.
	if strings.Contains(stdout, "write-only values listed above") {
		t.Errorf("the run asks to add write-only values when none were listed:\n%s", stdout)
	}

	// A non-admin key sees no user or connection, so nothing write-only.
	t.Setenv("DATAIKU_API_KEY", carolKey)
	code, stdout, stderr = adoptRun(t, "--out", t.TempDir())
	if code != 0 {
		t.Fatalf("non-admin key: exit %d\n%s\n%s", code, stdout, acctest.MaskSecrets(stderr, secretList))
	}
	if strings.Contains(stdout, "write-only values listed above") || !strings.Contains(stdout, "Next, in ") {
		t.Errorf("the non-admin run asks to add write-only values when none were listed:\n%s", stdout)
	}
}
