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
	const ghToken = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"
	const azurePAT = "k3xq7vyb2m5n4p6r8s9t0u1w2x3y4z5a6b7c8d9e0f1g2h3i4j5k"
	cases := map[string]bool{
		"https://ci-bot:" + token + "@github.com/acme/sales.git":                       true,
		"http://user:pw@gitlab.example.com/acme/sales.git":                             true,
		"ssh://git:pw@git.example.com:2222/acme/sales.git":                             true,
		"https://github.com/acme/sales.git":                                            false,
		"https://ci-bot@github.com/acme/sales.git":                                     false,
		"https://ci-bot:@github.com/acme/sales.git":                                    false,
		"https://" + ghToken + "@github.com/acme/sales.git":                            true,
		"https://" + azurePAT + "@dev.azure.com/acme/_git/sales":                       true,
		"https://dataiku-automation-service-account-01@git.example.com/acme/sales.git": false,
		"git@github.com:acme/sales.git":                                                false,
		"ssh://git@git.example.com/acme/sales.git":                                     false,
		"/srv/git/sales.git":                                                           false,
		"not a url at all :// @":                                                       false,
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
			if strings.Contains(d.Detail(), token) || strings.Contains(d.Detail(), ghToken) || strings.Contains(d.Detail(), azurePAT) || strings.Contains(d.Detail(), u) || strings.Contains(d.Summary(), u) {
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
