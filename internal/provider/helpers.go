package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// stringSetValue converts DSS's list of strings (tags, groups) into a set
// value; nil becomes an empty set, so "no tags" reads the same whether DSS
// sends [] or omits the field.
func stringSetValue(ctx context.Context, values []string) (types.Set, diag.Diagnostics) {
	return types.SetValueFrom(ctx, types.StringType, nonNilStrings(values))
}

// stringsFromSet converts a set of strings into the sorted list DSS stores
// (DSS sorts tags). A null or unknown set gives an empty, non-nil list, so
// that DSS receives [] rather than null.
func stringsFromSet(ctx context.Context, set types.Set) ([]string, diag.Diagnostics) {
	out := []string{}
	if set.IsNull() || set.IsUnknown() {
		return out, nil
	}
	diags := set.ElementsAs(ctx, &out, false)
	slices.Sort(out)
	return out, diags
}

// nullIfEmpty maps DSS's "" or absent to null.
func nullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
