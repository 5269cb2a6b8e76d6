package acctest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// PluginGitRepo is a local directory the emulator serves as a git
// repository: one directory per checkout, the plugin in sub/ of each.
func PluginGitRepo(t *testing.T, id string, versions map[string]string) string {
	t.Helper()
	repo := t.TempDir()
	for checkout, version := range versions {
		dir := filepath.Join(repo, checkout, "sub")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		js := fmt.Sprintf(`{"id":%q,"version":%q,"codeEnv":true,"meta":{"label":"Test plugin"}}`, id, version)
		if err := os.WriteFile(filepath.Join(dir, "plugin.json"), []byte(js), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return repo
}

// PluginOutside installs plugin id from source outside Terraform, waits
// for the install, and deletes the plugin when the test ends (a test that
// destroyed it already is left alone).
func PluginOutside(t *testing.T, c *dss.Client, id string, source dss.PluginSource) {
	t.Helper()
	f, err := c.InstallPlugin(Ctx(t), id, source)
	if err == nil {
		_, err = c.WaitFuture(Ctx(t), f, true)
	}
	MustDo(t, err)
	t.Cleanup(func() {
		if f, err := c.DeletePlugin(context.Background(), id, true); err == nil {
			_, _ = c.WaitFuture(context.Background(), f, false)
		}
	})
}
