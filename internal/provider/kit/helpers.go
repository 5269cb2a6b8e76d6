package kit

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// StringSetValue converts DSS's list of strings (tags, groups) into a set
// value; nil becomes an empty set, so "no tags" reads the same whether DSS
// sends [] or omits the field.
func StringSetValue(ctx context.Context, values []string) (types.Set, diag.Diagnostics) {
	return types.SetValueFrom(ctx, types.StringType, NonNilStrings(values))
}

// StringsFromSet converts a set of strings into the sorted list DSS stores
// (DSS sorts tags). A null or unknown set gives an empty, non-nil list, so
// that DSS receives [] rather than null.
func StringsFromSet(ctx context.Context, set types.Set) ([]string, diag.Diagnostics) {
	out := []string{}
	if set.IsNull() || set.IsUnknown() {
		return out, nil
	}
	diags := set.ElementsAs(ctx, &out, false)
	slices.Sort(out)
	return out, diags
}

// NullIfEmpty maps DSS's "" or absent to null.
func NullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func NonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func ComputedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

// DiagsError turns error diagnostics into one error, nil without errors.
func DiagsError(diags diag.Diagnostics) error {
	var msgs []string
	for _, d := range diags.Errors() {
		msgs = append(msgs, d.Summary()+": "+d.Detail())
	}
	if len(msgs) == 0 {
		return nil
	}
	return errors.New(strings.Join(msgs, "; "))
}

func StringsToAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// ConfigWriteOnly is the write-only string attribute name from the
// configuration (the plan and the state never hold it), nil when it is not
// set. Its error names the attribute and says the framework's problem,
// never the value.
func ConfigWriteOnly(ctx context.Context, config tfsdk.Config, name string) (*string, error) {
	var v types.String
	if d := config.GetAttribute(ctx, path.Root(name), &v); d.HasError() {
		return nil, fmt.Errorf("reading %s from the configuration: %s", name, strings.TrimSpace(fmt.Sprint(d.Errors())))
	}
	if !Known(v) {
		return nil, nil
	}
	s := v.ValueString()
	return &s, nil
}

// RefuseUnsetOnCreate is a ModifyPlan step for an attribute DSS needs to
// create an object but that an object DSS already holds may lack (so it
// is optional, and computed from DSS): on a create whose configuration
// leaves attr unset, it adds summary and detail as attr's error and
// reports true. Updates, imports and destroys pass.
func RefuseUnsetOnCreate(ctx context.Context, config tfsdk.Config, plan tfsdk.Plan, state tfsdk.State, attr, summary, detail string, diags *diag.Diagnostics) bool {
	if plan.Raw.IsNull() || !state.Raw.IsNull() {
		return false
	}
	var v types.String
	diags.Append(config.GetAttribute(ctx, path.Root(attr), &v)...)
	if !v.IsNull() {
		return false
	}
	diags.AddAttributeError(path.Root(attr), summary, detail)
	return true
}
