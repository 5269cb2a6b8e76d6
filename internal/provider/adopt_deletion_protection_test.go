package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adopt/seed"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAdoptDeletionProtection: dss-adopt --deletion-protection writes
// deletion_protection = true for every adopted object whose resource has
// it (a project, its datasets and managed folders; not its recipes). The
// apply that imports them sets it with no write to DSS, the next plan is
// empty, and terraform destroy is refused with nothing deleted. Without
// the flag, generated.tf differs by those lines only.
func TestAdoptDeletionProtection(t *testing.T) {
	setup := acctest.CliSetup(t)
	const adminKey = "adopt-dp-admin-key-3c7e1d"
	run, c := startAdoptEmulator(t, emulator.Options{AdminKey: adminKey, CodeEnvBuildTime: -1})
	ctx := context.Background()
	secrets, err := seed.Sample(ctx, c, emulator.AdminLogin)
	if err != nil {
		t.Fatal(err)
	}
	secretList := append(acctest.KeyForms(adminKey), secrets.UserPassword, secrets.ConnectionSecret, secrets.GitToken)
	env := adoptEnvironment(t, setup, run.URL(), adminKey)
	args := []string{"--kinds", "project,dataset,managed_folder,recipe", "--projects", "SALES"}

	plain, dir := t.TempDir(), t.TempDir()
	if code, stdout, stderr := adoptRun(t, append([]string{"--out", plain}, args...)...); code != 0 {
		t.Fatalf("adopt: exit %d\n%s\n%s", code, stdout, acctest.MaskSecrets(stderr, secretList))
	}
	code, stdout, stderr := adoptRun(t, append([]string{"--out", dir, "--deletion-protection"}, args...)...)
	if code != 0 {
		t.Fatalf("adopt --deletion-protection: exit %d\n%s\n%s", code, stdout, acctest.MaskSecrets(stderr, secretList))
	}
	imports, err := os.ReadFile(filepath.Join(dir, "imports.tf"))
	if err != nil {
		t.Fatal(err)
	}
	protectable := len(regexp.MustCompile(`to = dataiku_(project|dataset|managed_folder)\.`).FindAll(imports, -1))
	if protectable < 3 || !strings.Contains(string(imports), "to = dataiku_recipe.") || !strings.Contains(string(imports), "to = dataiku_managed_folder.") {
		t.Fatalf("the sample's SALES should hold a project, datasets, a managed folder and recipes:\n%s", imports)
	}
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, blk := range regexp.MustCompile(`(?s)resource "(dataiku_\w+)" "\w+" \{.*?\n\}`).FindAllSubmatch(generated, -1) {
		has := regexp.MustCompile(`\n  deletion_protection\s*=\s*true\n`).Match(blk[0])
		if want := string(blk[1]) != "dataiku_recipe"; has != want {
			t.Errorf("deletion_protection = true written %v, want %v:\n%s", has, want, blk[0])
		}
	}
	if n := len(regexp.MustCompile(`deletion_protection\s*=\s*true`).FindAll(generated, -1)); n != protectable {
		t.Errorf("generated.tf has %d deletion_protection = true, want %d:\n%s", n, protectable, generated)
	}
	expectContains(t, "the summary", stdout, "deletion_protection: "+itoa(protectable)+" objects get deletion_protection = true")

	// Without the flag: the same configuration, without those lines.
	plainGenerated, err := os.ReadFile(filepath.Join(plain, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(plainGenerated), "deletion_protection") {
		t.Errorf("generated.tf without --deletion-protection names it:\n%s", plainGenerated)
	}
	if got, want := withoutDeletionProtection(generated), withoutDeletionProtection(plainGenerated); got != want {
		t.Errorf("generated.tf with --deletion-protection differs by more than its lines:\n%s\n---\n%s", got, want)
	}

	// The apply imports everything and sets the protection in the state
	// alone: no write to DSS.
	byRoute := run.Server.Stats().ByRoute
	out := acctest.MustTerraform(t, dir, env, secretList, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, itoa(protectable)+" changed, 0 destroyed") || !strings.Contains(out, " 0 added,") {
		t.Errorf("the adopting apply did not import and change exactly the %d protected objects:\n%s", protectable, acctest.Tail(out, 4000))
	}
	if w := writeRoutes(byRoute, run.Server.Stats().ByRoute); len(w) != 0 {
		t.Errorf("the adopting apply wrote to DSS:\n%s", strings.Join(w, "\n"))
	}
	requireAdoptedPlanEmpty(t, dir, env, secretList)

	// terraform destroy is refused, and nothing is deleted.
	byRoute = run.Server.Stats().ByRoute
	out, err = acctest.RunTerraform(t, dir, env, "destroy", "-auto-approve", "-input=false", "-no-color")
	if err == nil || !regexp.MustCompile(`deletion_protection\s+is\s+on`).MatchString(out) {
		t.Errorf("terraform destroy is not refused by deletion_protection (err %v):\n%s", err, acctest.MaskSecrets(acctest.Tail(out, 4000), secretList))
	}
	if w := writeRoutes(byRoute, run.Server.Stats().ByRoute); len(w) != 0 {
		t.Errorf("the refused destroy wrote to DSS:\n%s", strings.Join(w, "\n"))
	}
	if err := c.Get(ctx, dss.Path("projects", "SALES", "metadata"), nil, nil); err != nil {
		t.Errorf("project SALES after the refused destroy: %v", err)
	}
	if _, err := dss.DatasetDoc("SALES", "orders").Get(ctx, c); err != nil {
		t.Errorf("dataset SALES.orders after the refused destroy: %v", err)
	}
}

// withoutDeletionProtection is a generated.tf without its
// deletion_protection lines, its alignment undone (terraform fmt aligns
// each block's " = " on its longest name) and its blocks sorted
// (Terraform generates them in no set order).
func withoutDeletionProtection(b []byte) string {
	aligned := regexp.MustCompile(`^(\s*\S+)\s+=\s`)
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.Contains(l, "deletion_protection") {
			lines = append(lines, aligned.ReplaceAllString(l, "$1 = "))
		}
	}
	var blocks []string
	for blk := range strings.SplitSeq(strings.Join(lines, "\n"), "\n\n") {
		if blk = strings.TrimSpace(blk); blk != "" {
			blocks = append(blocks, blk)
		}
	}
	slices.Sort(blocks)
	return strings.Join(blocks, "\n\n")
}
