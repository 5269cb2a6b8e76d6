package kit

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// Partitioning has one shape for datasets and managed folders
// (dss-api-more.md §6): dimensions of type "value" or "time" (with a
// period), and for files a pattern mapping paths to partitions.

// partitionPeriods are the periods of a "time" partitioning dimension.
var partitionPeriods = []string{"YEAR", "MONTH", "DAY", "HOUR"}

type dimensionModel struct {
	Name   types.String `tfsdk:"name"`
	Type   types.String `tfsdk:"type"`
	Period types.String `tfsdk:"period"`
}

var dimensionAttrTypes = map[string]attr.Type{
	"name": types.StringType, "type": types.StringType, "period": types.StringType,
}

type partitioningModel struct {
	Dimensions      []dimensionModel `tfsdk:"dimensions"`
	FilePathPattern types.String     `tfsdk:"file_path_pattern"`
}

var PartitioningAttrTypes = map[string]attr.Type{
	"dimensions":        types.ListType{ElemType: types.ObjectType{AttrTypes: dimensionAttrTypes}},
	"file_path_pattern": types.StringType,
}

// ObjectAsOptions tolerates unknown parts of a nested object during
// validation (values from other resources are unknown until apply).
var ObjectAsOptions = basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true}

// PartitioningResourceAttribute is the partitioning attribute of a
// resource; what is the object partitioned ("dataset", "managed folder").
func PartitioningResourceAttribute(what string) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{Optional: true,
		MarkdownDescription: "Partitioning of the " + what + ". When null, DSS's partitioning is left alone; `{ dimensions = [] }` makes the " + what + " unpartitioned. Changes in place.",
		Attributes: map[string]schema.Attribute{
			"dimensions": schema.ListNestedAttribute{Required: true,
				MarkdownDescription: "Partitioning dimensions, in order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{Required: true, MarkdownDescription: "Dimension name.",
						Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"type": schema.StringAttribute{Required: true, MarkdownDescription: "`value` (discrete values) or `time`.",
						Validators: []validator.String{OneOfExact("dimension type", "value", "time")}},
					"period": schema.StringAttribute{Optional: true,
						MarkdownDescription: "For a `time` dimension (not allowed on `value`): `" + strings.Join(partitionPeriods, "`, `") + "`. " +
							"Null on a `time` dimension means none, as real DSS documents hold some: an adopted one plans no change, and a period DSS holds is removed.",
						Validators: []validator.String{OneOfExact("period", partitionPeriods...)}},
				}}},
			"file_path_pattern": schema.StringAttribute{Optional: true,
				MarkdownDescription: "For file-based storage, the pattern mapping files to partitions, e.g. `%Y/%M/%D/.*` or `/country=%{country}/.*`."},
		}}
}

// PartitioningDescriptions is how a data source describes the computed
// copy of PartitioningResourceAttribute(what).
func PartitioningDescriptions(what string) map[string]string {
	return map[string]string{
		"partitioning":                   "Partitioning of the " + what + " (no dimensions when not partitioned).",
		"partitioning.dimensions":        "Dimensions in order.",
		"partitioning.dimensions.type":   "`value` or `time`.",
		"partitioning.dimensions.period": "Period of a `time` dimension.",
		"partitioning.file_path_pattern": "File path pattern, null when there is none.",
	}
}

// ValidatePartitioning checks what the schema cannot: a value dimension
// has no period. A time dimension may lack one: real DSS documents hold
// time dimensions without params.period, which read with a null period
// (PartitioningValue), so requiring one refused the configuration that
// adopts them, and DSS accepts them.
func ValidatePartitioning(ctx context.Context, attribute path.Path, v types.Object, diags *diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	var pm partitioningModel
	diags.Append(v.As(ctx, &pm, ObjectAsOptions)...)
	for i, d := range pm.Dimensions {
		element := attribute.AtName("dimensions").AtListIndex(i)
		// The detail names the dimension: Terraform can only quote the
		// partitioning's line (see ConfigLine).
		which := fmt.Sprintf("%s (%q)", element.String(), d.Name.ValueString())
		if d.Type.ValueString() == "value" && !d.Period.IsNull() && !d.Period.IsUnknown() {
			diags.AddAttributeError(ConfigLine(element.AtName("period")), "Unexpected period",
				"Only dimensions of type \"time\" take a period; remove it from the \"value\" dimension "+which+".")
		}
	}
}

// IsPartitioned reports whether DSS's partitioning has anything in it.
func IsPartitioned(p *dss.Partitioning) bool {
	return p != nil && (len(p.Dimensions) > 0 || (p.FilePathPattern != nil && *p.FilePathPattern != ""))
}

// PartitioningValue converts DSS's partitioning (nil reads as none). Only
// a "time" dimension's period is read: a dimension switched from time to
// value in DSS keeps its old params.period, which means nothing there and
// which ValidatePartitioning refuses on a "value" dimension, so reading it
// would make a configuration no valid one can match (adoption fails, or
// the plan never empties). ApplyPartitioning leaves it as DSS has it.
//
// prior is the value before the read (the state, or the plan after an
// apply). DSS holds no file path pattern as "" or not at all, which reads
// as null, but as "" where prior says "": a configuration writing
// file_path_pattern = "" (DSS takes it, "" is its own value of an
// unpartitioned dataset's) otherwise failed its apply with "inconsistent
// result" and planned the "" again ever after.
func PartitioningValue(ctx context.Context, p *dss.Partitioning, prior types.Object) (types.Object, diag.Diagnostics) {
	pm := partitioningModel{Dimensions: []dimensionModel{}, FilePathPattern: types.StringNull()}
	if p != nil {
		pm.FilePathPattern = NullIfEmpty(StringOrEmpty(p.FilePathPattern))
		for _, d := range p.Dimensions {
			dm := dimensionModel{Name: types.StringValue(d.Name), Type: types.StringValue(d.Type), Period: types.StringNull()}
			if d.Params != nil && d.Type == "time" {
				dm.Period = NullIfEmpty(d.Params.Period)
			}
			pm.Dimensions = append(pm.Dimensions, dm)
		}
	}
	if pm.FilePathPattern.IsNull() && priorFilePathPattern(prior) == "" {
		pm.FilePathPattern = types.StringValue("")
	}
	return types.ObjectValueFrom(ctx, PartitioningAttrTypes, pm)
}

// priorFilePathPattern is prior's file_path_pattern, "-" when it is not a
// known "" or value (null, unknown, or no prior).
func priorFilePathPattern(prior types.Object) string {
	if !Known(prior) {
		return "-"
	}
	v, ok := prior.Attributes()["file_path_pattern"].(types.String)
	if !ok || !Known(v) {
		return "-"
	}
	return v.ValueString()
}

// ApplyPartitioning writes the configured partitioning over DSS's, in
// place: each dimension starts from DSS's dimension of the same name, so
// fields the provider does not model (on the partitioning and on each
// dimension) survive. A null or unknown configuration leaves DSS's as it
// is, as the other fields of a plan do. A dimension without a period
// keeps DSS's params untouched: a "value" one's leftover period is read as
// nothing (PartitioningValue), and DSS itself keeps it when a dimension
// switches from time to value [I], so removing it would rewrite DSS's
// document behind the user's back. A "time" dimension's period is read,
// so its null is "none" (real documents hold time dimensions without
// one): DSS's period is removed, its other params kept, and a dimension
// with none stays without params.
func ApplyPartitioning(ctx context.Context, v types.Object, partitioning **dss.Partitioning) diag.Diagnostics {
	if !Known(v) {
		return nil
	}
	existing := *partitioning
	var pm partitioningModel
	diags := v.As(ctx, &pm, ObjectAsOptions)
	out := dss.Partitioning{}
	byName := map[string]dss.Dimension{}
	if existing != nil {
		out = *existing
		for _, d := range existing.Dimensions {
			byName[d.Name] = d
		}
	}
	out.Dimensions = make([]dss.Dimension, 0, len(pm.Dimensions))
	for _, d := range pm.Dimensions {
		dim := byName[d.Name.ValueString()]
		dim.Name, dim.Type = d.Name.ValueString(), d.Type.ValueString()
		switch {
		case Known(d.Period):
			params := dss.DimensionParams{}
			if dim.Params != nil {
				params = *dim.Params
			}
			params.Period = d.Period.ValueString()
			dim.Params = &params
		case d.Period.IsNull() && dim.Type == "time" && dim.Params != nil && dim.Params.Period != "":
			params := *dim.Params
			params.Period = ""
			dim.Params = &params
		}
		out.Dimensions = append(out.Dimensions, dim)
	}
	out.FilePathPattern = StringPointer(pm.FilePathPattern)
	*partitioning = &out
	return diags
}

// StringPointer is nil for a null or unknown value.
func StringPointer(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

// StringOrEmpty is *s, or "" when DSS left the field out (nil).
func StringOrEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
