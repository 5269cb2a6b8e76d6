package provider

import (
	"context"

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
