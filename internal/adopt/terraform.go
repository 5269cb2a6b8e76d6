package adopt

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

// providerSource is the provider's source address in required_providers.
const providerSource = "tf-dataiku/dataiku"

// cliConfigFile is the Terraform CLI configuration Terraform itself would
// read: TF_CLI_CONFIG_FILE, else ~/.terraformrc (terraform.rc in
// %APPDATA% on Windows).
func cliConfigFile() string {
	if p := os.Getenv("TF_CLI_CONFIG_FILE"); p != "" {
		return p
	}
	if runtime.GOOS == "windows" {
		return filepath.Join(os.Getenv("APPDATA"), "terraform.rc")
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".terraformrc")
}

// devOverridePattern finds the provider as a key of a dev_overrides block,
// by its short or its fully-qualified source address: Terraform takes both.
var devOverridePattern = regexp.MustCompile(`(?s)dev_overrides\s*\{[^}]*"(?i:registry\.terraform\.io/)?` + regexp.QuoteMeta(providerSource) + `"\s*=`)

// commentLine is a line holding only a comment, such as an override
// commented out to go back to the installed provider.
var commentLine = regexp.MustCompile(`(?m)^\s*(#|//).*$`)

// devOverridden reports whether the CLI configuration points the provider
// at a local build (dev_overrides): then Terraform uses it without
// `terraform init`, and init would only try the registry for nothing.
func devOverridden() bool {
	b, err := os.ReadFile(cliConfigFile())
	return err == nil && devOverridePattern.Match(commentLine.ReplaceAll(b, nil))
}

// terraformRunner runs Terraform in the output directory.
type terraformRunner struct {
	bin    string
	dir    string
	stderr io.Writer
}

// command is terraform with args, to run in the directory, never asking
// for input.
func (t terraformRunner) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, t.bin, args...)
	cmd.Dir = t.dir
	cmd.Env = append(os.Environ(), "TF_IN_AUTOMATION=1", "TF_INPUT=0")
	return cmd
}

// run runs terraform with args and returns its combined output.
func (t terraformRunner) run(ctx context.Context, args ...string) (string, error) {
	cmd := t.command(ctx, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil {
		return out.String(), fmt.Errorf("terraform %s: %w", strings.Join(args, " "), err)
	}
	return out.String(), nil
}

// generate runs `terraform init` (unless dev_overrides make it needless)
// and `terraform plan -generate-config-out=generated.tf`.
func (t terraformRunner) generate(ctx context.Context) (string, error) {
	if devOverridden() {
		fmt.Fprintf(t.stderr, "dss-adopt: the Terraform CLI configuration (%s) has dev_overrides for %s: skipping terraform init\n", cliConfigFile(), providerSource)
	} else {
		fmt.Fprintln(t.stderr, "dss-adopt: terraform init")
		if out, err := t.run(ctx, "init", "-input=false", "-no-color"); err != nil {
			return out, err
		}
	}
	fmt.Fprintln(t.stderr, "dss-adopt: terraform plan -generate-config-out="+generatedFile)
	return t.run(ctx, "plan", "-input=false", "-no-color", "-generate-config-out="+generatedFile)
}
