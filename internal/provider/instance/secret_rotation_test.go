package instance_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// testSensitivePw declares the sensitive variable pw, through which the
// CLI tests pass a secret (TF_VAR_pw) so that no file holds it.
const testSensitivePw = `
variable "pw" {
  type      = string
  sensitive = true
}

`

// secretRotation is a configuration (cfg, given the secret's version)
// whose write-only secret comes from the sensitive variable pw, which
// runSecretRotation declares ahead of cfg's resources: applied with first
// at version 1, then with second at version 2.
type secretRotation struct {
	cfg           func(version int) string
	first, second string
	// holds checks that DSS holds secret.
	holds func(secret string) error
}

// runSecretRotation applies r's two versions with TRACE logs and checks
// that DSS holds each secret in turn, that neither secret (nor the API
// key) reaches a log, the output, the state or terraform show, that the
// state holds no encrypted form of it either, and that the plan after the
// rotation is empty.
func runSecretRotation(t *testing.T, r secretRotation) {
	t.Helper()
	config := func(version int) string { return acctest.CliRequiredProviders + testSensitivePw + r.cfg(version) }
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": config(1)})
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	secrets := append(acctest.KeyForms(acctest.APIKey), r.first, r.second)
	t.Cleanup(func() {
		_, _ = acctest.RunTerraform(t, dir, env, "destroy", "-auto-approve", "-no-color", "-var", "pw="+r.second)
	})
	for version, secret := range []string{r.first, r.second} {
		if version > 0 {
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config(version+1)), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		log := filepath.Join(dir, "trace"+string(rune('1'+version))+".log")
		acctest.MustTerraform(t, dir, append(env, "TF_LOG=TRACE", "TF_LOG_PATH="+log, "TF_VAR_pw="+secret), secrets, "apply", "-auto-approve", "-no-color")
		assertTraceLogClean(t, log, secrets)
		if err := r.holds(secret); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := acctest.RunTerraform(t, dir, append(env, "TF_VAR_pw="+r.second), "plan", "-detailed-exitcode", "-no-color"); err != nil {
		t.Fatalf("plan after the rotation is not empty: %v\n%s", err, acctest.Tail(out, 3000))
	}
	show := acctest.MustTerraform(t, dir, env, secrets, "show", "-json")
	acctest.AssertNoSecret(t, "terraform show -json", show, secrets)
	for fname, st := range acctest.StateFiles(t, dir) {
		acctest.AssertNoSecret(t, fname, st, secrets)
		if strings.Contains(st, emulator.EncryptedPrefix) {
			t.Errorf("%s holds DSS's encrypted form of a secret", fname)
		}
	}
}
