package adopt

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// stateResources counts the managed resources in the state the next plan
// in dir would read, 0 when there is none.
//
// A directory on Terraform's default (a local backend with no settings,
// in the default workspace) keeps that state in dir/terraform.tfstate,
// read here. Anywhere else (a backend block or `cloud` block, even a local
// backend with its own path, or another workspace) only Terraform can say
// where the state is and read it: `terraform state list` is asked, and a
// failure refuses the run, since --force over a state it could not count
// is how adopted objects get destroyed.
func stateResources(ctx context.Context, dir string, terraform func() (string, error)) (int, error) {
	where, err := stateElsewhere(dir)
	if err != nil {
		return 0, err
	}
	if where == "" {
		return localStateResources(filepath.Join(dir, "terraform.tfstate"))
	}
	bin, err := terraform()
	if err != nil {
		return 0, fmt.Errorf("%s keeps its Terraform state in %s, and only Terraform can count what it holds: %w", dir, where, err)
	}
	// Its stdout alone: each line an address (a warning goes to stderr).
	cmd := terraformRunner{bin: bin, dir: dir}.command(ctx, "state", "list", "-no-color")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if strings.Contains(stderr.String(), "No state file was found") {
			return 0, nil
		}
		return 0, fmt.Errorf("%s keeps its Terraform state in %s, and `terraform state list` could not read it (%w): %s\n"+
			"Fix that (run terraform init there, or move a broken %s away), or adopt into a new directory (--out NEW_DIR)",
			dir, where, err, strings.TrimSpace(stderr.String()), generatedFile)
	}
	n := 0
	for line := range strings.Lines(stdout.String()) {
		address := strings.TrimSpace(line)
		if address != "" && !strings.HasPrefix(address, "data.") && !strings.Contains(address, ".data.") {
			n++
		}
	}
	return n, nil
}

// backendBlock finds a backend or cloud block in a configuration file.
var backendBlock = regexp.MustCompile(`(?m)^\s*(?:backend\s+"([^"]*)"|cloud)\s*\{`)

// stateElsewhere says where dir's state is when it is not Terraform's
// default dir/terraform.tfstate ("" when it is): what `terraform init`
// recorded (.terraform/terraform.tfstate names the backend, and
// .terraform/environment a workspace other than default), else a backend
// the configuration declares but init has not set up yet.
func stateElsewhere(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, ".terraform", "terraform.tfstate"))
	switch {
	case err == nil:
		var meta struct {
			Backend struct {
				Type string `json:"type"`
			} `json:"backend"`
		}
		if json.Unmarshal(b, &meta) == nil && meta.Backend.Type != "" {
			return fmt.Sprintf("the %q backend that terraform init set up", meta.Backend.Type), nil
		}
		return "the backend that terraform init set up", nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", err
	}
	if ws, err := os.ReadFile(filepath.Join(dir, ".terraform", "environment")); err == nil {
		if name := strings.TrimSpace(string(ws)); name != "" && name != "default" {
			return fmt.Sprintf("workspace %q", name), nil
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", nil
		}
		return "", err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return "", err
		}
		if m := backendBlock.FindSubmatch(commentLine.ReplaceAll(b, nil)); m != nil {
			if len(m[1]) > 0 {
				return fmt.Sprintf("the %q backend that %s declares", m[1], e.Name()), nil
			}
			return "the HCP Terraform workspace that " + e.Name() + " declares", nil
		}
	}
	return "", nil
}

// localStateResources counts the managed resources of a local state file,
// 0 when there is none.
func localStateResources(path string) (int, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var st struct {
		Resources []struct {
			Mode string `json:"mode"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return 0, fmt.Errorf("%s: not a Terraform state: %w", path, err)
	}
	n := 0
	for _, r := range st.Resources {
		if r.Mode == "managed" {
			n++
		}
	}
	return n, nil
}
