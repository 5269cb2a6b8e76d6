package credentials

import (
	"slices"
	"testing"
)

// TestResolveWithoutExplicitValues is how dss-adopt resolves: no explicit
// values, so the environment comes first and Looked does not mention a
// provider block.
func TestResolveWithoutExplicitValues(t *testing.T) {
	t.Setenv(EnvHost, "")
	t.Setenv(EnvAPIKey, "")
	t.Setenv(EnvDkuHost, "https://dku.example.com")
	t.Setenv(EnvDkuAPIKey, "")
	rc, err := Resolve(Explicit{}, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if rc.Host != "https://dku.example.com" || rc.HostSource != "the DKU_DSS_URL environment variable" {
		t.Errorf("host %q from %q", rc.Host, rc.HostSource)
	}
	if !slices.Equal(rc.Missing(), []string{"the DSS API key"}) {
		t.Errorf("missing: %v", rc.Missing())
	}
	if len(rc.Looked) != 3 {
		t.Errorf("looked: %v", rc.Looked)
	}
}
