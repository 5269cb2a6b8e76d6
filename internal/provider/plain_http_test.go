package provider_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// TestWarnPlainHTTP: the key may travel over plain http only to this
// machine; any other host gets a warning on the host attribute that names
// the host without credentials embedded in the URL.
func TestWarnPlainHTTP(t *testing.T) {
	cases := []struct {
		host string
		warn bool
	}{
		{"http://localhost:11200", false},
		{"http://LOCALHOST:11200", false},
		{"http://127.0.0.1:11200", false},
		{"http://127.0.0.53", false},
		{"http://[::1]:11200/public/api", false},
		{"http://dss.example.com", true},
		{"http://dss.example.com:11200/public/api/", true},
		{"http://10.0.0.5:11200", true},
		{"http://[2001:db8::1]:11200", true},
		{"http://localhost.example.com", true},
		{"http://user:secret@dss.example.com", false}, // refused elsewhere: credentials do not belong in the host
		{"https://dss.example.com", false},
		{"https://10.0.0.5:11200", false},
		{"not a url", false}, // refused elsewhere with its own error
	}
	for _, c := range cases {
		var diags diag.Diagnostics
		dataiku.WarnPlainHTTP(c.host, &diags)
		if got := diags.WarningsCount() == 1; got != c.warn || diags.ErrorsCount() != 0 || diags.WarningsCount() > 1 {
			t.Errorf("%s: diagnostics %v, want warning=%v", c.host, diags, c.warn)
			continue
		}
		if !c.warn {
			continue
		}
		d := diags.Warnings()[0]
		withPath, ok := d.(diag.DiagnosticWithPath)
		if !ok || !withPath.Path().Equal(path.Root("host")) {
			t.Errorf("%s: warning not attached to host: %v", c.host, d)
		}
		if !strings.Contains(d.Summary(), "plain HTTP") || !strings.Contains(d.Detail(), "https://") {
			t.Errorf("%s: warning does not say what to do: %s / %s", c.host, d.Summary(), d.Detail())
		}
		if strings.Contains(d.Detail(), "secret") {
			t.Errorf("%s: warning repeats the URL's password: %s", c.host, d.Detail())
		}
	}
}
