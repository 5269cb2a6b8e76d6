package adopt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLineHoldingKey: a long key counts wherever it stands; a short one,
// which the docs' emulator commands use ("secret"), counts only as a whole
// token outside a comment, so that dss-adopt's own comment ("no secret is
// written here") and attribute names (secret_params_wo) are not taken for
// it, while a value equal to it, or holding it between separators, is.
func TestLineHoldingKey(t *testing.T) {
	const long = "dkuaps-Xq7vT2mN9pL4rS8wK3yB6cF1hJ5gD0e"
	for _, tc := range []struct {
		key, text string
		want      int
	}{
		{"secret", string(renderProviders(providerSettings{})), 0},
		{"secret", "resource \"dataiku_connection\" \"c\" {\n  secret_params_wo = null\n  secret_params_wo_version = null\n}\n", 0},
		{"secret", "  description = \"secrets of the trade\"\n  x = \"topsecret\"\n", 0},
		{"secret", "resource \"x\" \"y\" {\n  api_key = \"secret\"\n}\n", 2},
		{"secret", "  url = \"https://h/?k=secret&v=1\"\n", 1},
		{"secret", "  # api_key = \"secret\"\n  // secret\n", 0},
		{"admin", "  groups = [\"administrators\", \"admin-team\"]\n", 0},
		{long, "# a comment that leaks " + long + "\n", 1},
		{long, "x = 1\n  token = \"Bearer" + long + "\"\n", 2},
		{long, string(renderProviders(providerSettings{instance: "prod"})), 0},
		{"", "anything", 0},
	} {
		if got := lineHoldingKey(tc.text, tc.key); got != tc.want {
			t.Errorf("key %q in %q: line %d, want %d", tc.key, tc.text, got, tc.want)
		}
	}
}

// TestCheckNoSecretNamesTheFileAndLine: a directory whose files hold a
// short key only in words passes; one that holds it as a value fails,
// naming the file and the line, and never quoting the key.
func TestCheckNoSecretNamesTheFileAndLine(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "providers.tf"), renderProviders(providerSettings{}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "generated.tf"), []byte("resource \"dataiku_connection\" \"c\" {\n  secret_params_wo = null\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := checkNoSecret(dir, "secret"); err != nil {
		t.Fatalf("a directory without the key: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "generated.tf"), []byte("resource \"x\" \"y\" {\n  a = 1\n  key = \"secret\"\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := checkNoSecret(dir, "secret")
	if err == nil || !strings.Contains(err.Error(), "generated.tf holds the API key on line 3") || strings.Contains(err.Error(), `"secret"`) {
		t.Fatalf("a directory with the key: %v", err)
	}
}
