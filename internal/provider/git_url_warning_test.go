package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestGitURLAttributesWarnOfPasswords checks that every attribute naming a
// Git repository warns, and only warns, when its URL holds a password or a
// token as its user name: run
// through the attribute's own validators, as Terraform's validation does.
func TestGitURLAttributesWarnOfPasswords(t *testing.T) {
	ctx := context.Background()
	want := map[string]string{
		"dataiku_project_git_remote":  "url",
		"dataiku_project_git_library": "repository",
		"dataiku_plugin":              "git_url",
	}
	found := 0
	for _, newResource := range New("test")().Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "dataiku"}, &meta)
		name, ok := want[meta.TypeName]
		if !ok {
			continue
		}
		found++
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		attr, ok := s.Schema.Attributes[name].(schema.StringAttribute)
		if !ok {
			t.Errorf("%s.%s is not a string attribute", meta.TypeName, name)
			continue
		}
		for u, wantWarnings := range map[string]int{
			"https://ci-bot:ghp_t0ken@github.com/acme/repo.git":                         1,
			"https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com/acme/repo.git": 1,
			"https://ci-bot@github.com/acme/repo.git":                                   0,
			"git@github.com:acme/repo.git":                                              0,
			"https://github.com/acme/repo.git":                                          0,
		} {
			resp := &validator.StringResponse{}
			for _, v := range attr.Validators {
				v.ValidateString(ctx, validator.StringRequest{Path: path.Root(name), ConfigValue: types.StringValue(u)}, resp)
			}
			if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != wantWarnings {
				t.Errorf("%s.%s = %q: %v, want %d warning(s) and no error", meta.TypeName, name, u, resp.Diagnostics, wantWarnings)
			}
		}
	}
	if found != len(want) {
		t.Errorf("found %d of the %d resources with a Git URL", found, len(want))
	}
}
