package acctest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
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
