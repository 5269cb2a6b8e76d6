package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// hostValidator checks at plan time that host is an absolute http(s) URL.
type hostValidator struct{}

func (hostValidator) Description(_ context.Context) string {
	return "must be an http:// or https:// URL such as https://dss.example.com:11200"
}

func (v hostValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v hostValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := dss.NormalizeHost(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid DSS host",
			"The host "+v.Description(ctx)+": "+err.Error()+".")
	}
}

// configLine shortens an attribute path to the part Terraform can find in
// the configuration, for a diagnostic about a nested element. Terraform
// locates a top-level attribute, or an element of it written as a list or
// map literal, but not an attribute inside that element nor anything inside
// a nested object: for a longer path it quotes the resource's first line.
// Terraform never prints the path, so the diagnostic's detail must name the
// element itself (e.g. "triggers[1]").
func configLine(p path.Path) path.Path {
	steps := p.Steps()
	if len(steps) == 0 {
		return p
	}
	name, ok := steps[0].(path.PathStepAttributeName)
	if !ok {
		return p
	}
	out := path.Root(string(name))
	if len(steps) > 1 {
		switch s := steps[1].(type) {
		case path.PathStepElementKeyInt:
			out = out.AtListIndex(int(s))
		case path.PathStepElementKeyString:
			out = out.AtMapKey(string(s))
		}
	}
	return out
}
