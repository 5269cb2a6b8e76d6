package acctest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestMain(m *testing.M) { os.Exit(RunTests(m)) }

// Which commands take the provider binary: those whose test asked for it,
// whose own environment speaks to the provider process or to how Terraform
// finds it, and whose configuration has several provider blocks.
func TestNeedsProviderBinary(t *testing.T) {
	write := func(files map[string]string) string { return NewTerraformDir(t, files) }
	one := write(map[string]string{"main.tf": CliRequiredProviders + "provider \"dataiku\" {}\n", "other.tf": "data \"dataiku_instance\" \"x\" {}\n"})
	none := write(map[string]string{"main.tf": CliRequiredProviders})
	aliased := write(map[string]string{"main.tf": CliRequiredProviders + "provider \"dataiku\" {}\n",
		"automation.tf": "provider \"dataiku\" {\n  alias = \"automation\"\n}\n"})
	for _, c := range []struct {
		name string
		dir  string
		env  []string
		want bool
	}{
		{"one provider block", one, []string{"DATAIKU_HOST=http://x", "DATAIKU_API_KEY=k", "TF_VAR_x=1"}, false},
		{"no provider block", none, nil, false},
		{"two provider blocks in two files", aliased, nil, true},
		{"TF_LOG", one, []string{"TF_LOG=TRACE"}, true},
		{"TF_LOG_PROVIDER", one, []string{"TF_LOG_PROVIDER=DEBUG"}, true},
		{"its own CLI configuration", one, []string{"TF_CLI_CONFIG_FILE=/x/rc"}, true},
		{"the provider's profiles", one, []string{"TF_DATAIKU_PPROF=/x/p"}, true},
	} {
		if got := needsProviderBinary(t, c.dir, c.env); got != c.want {
			t.Errorf("%s: needsProviderBinary = %v, want %v", c.name, got, c.want)
		}
	}
	t.Run("asked", func(t *testing.T) {
		ProviderBinary(t)
		t.Run("subtest", func(t *testing.T) {
			if !needsProviderBinary(t, one, nil) {
				t.Error("a subtest of a test that asked for the binary must take it too")
			}
		})
	})
	if needsProviderBinary(t, one, nil) {
		t.Error("a sibling's request for the binary must not carry over")
	}
}

// Terraform reaches the provider served from the test process, and that
// provider reads the command's environment: with a dev_overrides
// directory that holds no binary, an apply that reads the caller's
// identity answers the command's key's user (bob), though this process
// has no DATAIKU_API_KEY and the provider no test DSS.
func TestServeProviderReachedByTerraform(t *testing.T) {
	t.Parallel()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs terraform: set TF_ACC=1")
	}
	running := Emulator(t)
	if running == nil {
		t.Skip("needs the emulator's bob")
	}
	noBinary := t.TempDir()
	rc := filepath.Join(t.TempDir(), "terraformrc")
	if err := os.WriteFile(rc, []byte("provider_installation {\n  dev_overrides {\n    \"tf-dataiku/dataiku\" = \""+noBinary+"\"\n  }\n  direct {}\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := NewTerraformDir(t, map[string]string{"main.tf": CliRequiredProviders + `
provider "dataiku" {}
data "dataiku_current_user" "me" {}
output "who" { value = data.dataiku_current_user.me.auth_identifier }
`})
	env := append(CleanTerraformEnv(), "HOME="+t.TempDir(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1", "DATAIKU_HOST="+running.URL(), "DATAIKU_API_KEY="+BobKey)
	reattach, stop, err := serveProvider(t, env)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	cmd := exec.Command(TerraformBinary(t), "apply", "-auto-approve", "-no-color")
	cmd.Dir = dir
	cmd.Env = append(env, "TF_REATTACH_PROVIDERS="+reattach)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("terraform apply through the served provider failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), `who = "`+BobLogin+`"`) {
		t.Errorf("the served provider did not act as the command's key's user %q:\n%s", BobLogin, out)
	}
}
