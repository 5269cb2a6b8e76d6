package acctest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

const actionsOptOutEnv = "DATAIKU_TEST_SKIP_ACTIONS"

var (
	actionsTerraformOnce sync.Once
	actionsTerraformVer  string
	actionsTerraformErr  error
)

func RequireActionsTerraform(t *testing.T) {
	t.Helper()
	PreCheck(t)
	actionsTerraformOnce.Do(func() {
		out, err := exec.Command(TerraformBinary(t), "version", "-json").Output()
		if err != nil {
			actionsTerraformErr = fmt.Errorf("terraform version: %w", err)
			return
		}
		var v struct {
			Version string `json:"terraform_version"`
		}
		if err := json.Unmarshal(out, &v); err != nil {
			actionsTerraformErr = fmt.Errorf("terraform version -json: %w", err)
			return
		}
		actionsTerraformVer = v.Version
	})
	if actionsTerraformErr != nil {
		t.Fatal(actionsTerraformErr)
	}
	var major, minor int
	if _, err := fmt.Sscanf(actionsTerraformVer, "%d.%d", &major, &minor); err != nil {
		t.Fatalf("terraform reports version %q: %v", actionsTerraformVer, err)
	}
	if major < 1 || major == 1 && minor < 14 {
		if os.Getenv(actionsOptOutEnv) == "1" {
			t.Skipf("terraform %s has no actions and %s=1", actionsTerraformVer, actionsOptOutEnv)
		}
		t.Fatalf("actions need Terraform >= 1.14 (this is %s): run with TF_ACC_TERRAFORM_PATH=$(scripts/terraform-pinned.sh), or set %s=1 to skip them",
			actionsTerraformVer, actionsOptOutEnv)
	}
}

// InvokeDir writes a configuration and initialises it.
func InvokeDir(t *testing.T, hcl string) string {
	t.Helper()
	dir := NewTerraformDir(t, map[string]string{"main.tf": providerBlockForCLI() + hcl})
	return dir
}

func providerBlockForCLI() string {
	return `
terraform {
  required_providers {
    dataiku = { source = "tf-dataiku/dataiku" }
  }
}
`
}

func MustContain(t *testing.T, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Fatalf("output lacks %q:\n%s", w, Tail(out, 6000))
		}
	}
}

// InvokeAction runs terraform apply -invoke=action.<address> on hcl in a
// new directory and returns its output; the test fails, saying what was
// run, unless terraform's exit is the one wanted (ok: zero), and unless the
// output holds each of wants.
func InvokeAction(t *testing.T, hcl, address string, ok bool, what string, wants ...string) string {
	t.Helper()
	out, code := TerraformRun(t, InvokeDir(t, hcl), "apply", "-auto-approve", "-no-color", "-invoke=action."+address)
	if (code == 0) != ok {
		t.Fatalf("%s: terraform exited %d:\n%s", what, code, out)
	}
	MustContain(t, out, wants...)
	return out
}
