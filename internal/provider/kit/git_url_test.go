package kit

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestGitURLPasswordWarning(t *testing.T) {
	const token = "ghp_s3cr3tT0ken"
	cases := map[string]bool{
		"https://ci-bot:" + token + "@github.com/acme/sales.git": true,
		"http://user:pw@gitlab.example.com/acme/sales.git":       true,
		"ssh://git:pw@git.example.com:2222/acme/sales.git":       true,
		"https://github.com/acme/sales.git":                      false,
		"https://ci-bot@github.com/acme/sales.git":               false,
		"https://ci-bot:@github.com/acme/sales.git":              false,
		"git@github.com:acme/sales.git":                          false,
		"ssh://git@git.example.com/acme/sales.git":               false,
		"/srv/git/sales.git":                                     false,
		"not a url at all :// @":                                 false,
	}
	for u, wantWarning := range cases {
		resp := &validator.StringResponse{}
		GitURLPasswordWarning.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("url"), ConfigValue: types.StringValue(u)}, resp)
		if resp.Diagnostics.HasError() {
			t.Errorf("%q: refused (%v); DSS accepts it, so only a warning is allowed", u, resp.Diagnostics)
		}
		if got := resp.Diagnostics.WarningsCount() == 1; got != wantWarning {
			t.Errorf("%q: warning %v, want %v", u, got, wantWarning)
		}
		for _, d := range resp.Diagnostics {
			if strings.Contains(d.Detail(), token) || strings.Contains(d.Detail(), u) || strings.Contains(d.Summary(), u) {
				t.Errorf("%q: the warning repeats the URL or its secret: %s", u, d.Detail())
			}
		}
	}
	for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
		resp := &validator.StringResponse{}
		GitURLPasswordWarning.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("url"), ConfigValue: v}, resp)
		if len(resp.Diagnostics) != 0 {
			t.Errorf("%v: %v, want nothing", v, resp.Diagnostics)
		}
	}
}
