package dataset

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Schema columns, shared by the Flow objects that carry a schema of DSS's
// column vocabulary (internal/dss/names ColumnTypes): datasets and
// streaming endpoints.

type datasetColumnModel struct {
	Name      types.String `tfsdk:"name"`
	Type      types.String `tfsdk:"type"`
	Comment   types.String `tfsdk:"comment"`
	Meaning   types.String `tfsdk:"meaning"`
	MaxLength types.Int64  `tfsdk:"max_length"`
}

var datasetColumnAttrTypes = map[string]attr.Type{
	"name": types.StringType, "type": types.StringType, "comment": types.StringType,
	"meaning": types.StringType, "max_length": types.Int64Type,
}

var DatasetColumnsType = types.ObjectType{AttrTypes: datasetColumnAttrTypes}

func datasetColumnsSchemaAttrs() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true, MarkdownDescription: "Column name, unique in the schema.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		"type": schema.StringAttribute{Required: true,
			MarkdownDescription: "DSS storage type, one of `" + strings.Join(names.ColumnTypes, "`, `") + "`.",
			Validators:          []validator.String{kit.OneOfExact("column type", names.ColumnTypes...)}},
		"comment": schema.StringAttribute{Optional: true, MarkdownDescription: "Column description shown in DSS. Null leaves none (DSS's empty comment reads as null).",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		"meaning": schema.StringAttribute{Optional: true, MarkdownDescription: "DSS meaning id, e.g. `Text`, `Integer`, `Email`. Null lets DSS infer it (DSS's empty meaning reads as null).",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		"max_length": schema.Int64Attribute{Optional: true,
			MarkdownDescription: "Maximum length of a `string` column, at least 1. Null means no limit: DSS's `-1`, `0` and an absent value all read as null, " +
				"and a null `max_length` leaves such a value as DSS has it.",
			Validators: []validator.Int64{int64validator.AtLeast(1)}},
	}
}

// schemaColumnsAttribute is schema_columns for a Flow object (what: "dataset"),
// whose schema otherwise belongs to others (others: "DSS and recipes").
func schemaColumnsAttribute(what, others string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{Optional: true,
		MarkdownDescription: "The " + what + "'s schema, in order. When set it is the schema (order matters, a reordering is a change); " +
			"when null the schema is left to " + others + " and never compared. Changes in place.",
		NestedObject: schema.NestedAttributeObject{Attributes: datasetColumnsSchemaAttrs()},
		Validators:   []validator.List{listvalidator.UniqueValues()}}
}

// schemaColumnsDescriptions are the data sources' descriptions of the
// computed copies of schemaColumnsAttribute (whole: what the whole list
// says).
func schemaColumnsDescriptions(whole string) map[string]string {
	return map[string]string{
		"schema_columns":            whole,
		"schema_columns.name":       "Column name.",
		"schema_columns.type":       "Storage type.",
		"schema_columns.comment":    "Column comment.",
		"schema_columns.meaning":    "Meaning id.",
		"schema_columns.max_length": "Maximum length; null when unlimited.",
	}
}

// validateSchemaColumns refuses configured columns of the same name.
func validateSchemaColumns(ctx context.Context, columns types.List, what string, diags *diag.Diagnostics) {
	if !kit.Known(columns) {
		return
	}
	var cols []datasetColumnModel
	diags.Append(columns.ElementsAs(ctx, &cols, false)...)
	refuseDuplicateNames(cols, func(c *datasetColumnModel) types.String { return c.Name }, "schema_columns", "Duplicate column name",
		"column names must be unique in a "+what+"'s schema", diags)
}

// schemaColumnsRead is schema_columns from DSS's schema s: what fill says
// (prior is the value managed so far).
func schemaColumnsRead(ctx context.Context, s *dss.Schema, prior types.List, fill datasetFill) (types.List, diag.Diagnostics) {
	var columns []dss.Column
	if s != nil {
		columns = s.Columns
	}
	if fill == fillAll || (fill == fillImported && len(columns) > 0) || (fill == FillManaged && !prior.IsNull()) {
		return columnsValue(ctx, columns)
	}
	return types.ListNull(DatasetColumnsType), nil
}

// applySchemaColumns writes the configured columns, when known, into
// DSS's schema *s (made when absent), keeping what DSS has of each column
// that the model does not hold; a schema changed this way is marked as set
// by hand.
func applySchemaColumns(ctx context.Context, configured types.List, s **dss.Schema) diag.Diagnostics {
	var diags diag.Diagnostics
	if !kit.Known(configured) {
		return diags
	}
	var cols []datasetColumnModel
	diags.Append(configured.ElementsAs(ctx, &cols, false)...)
	if *s == nil {
		*s = &dss.Schema{}
	}
	columns := applyColumns(cols, (*s).Columns)
	if !kit.JSONEqual(columns, (*s).Columns) {
		// Set by hand: DSS must not infer it again.
		(*s).UserModified = new(true)
	}
	(*s).Columns = columns
	return diags
}

// columnsValue converts DSS's schema columns. An empty or absent comment
// or meaning reads as null; so does a maxLength that sets no limit: an
// absent one, -1 (DSS's "unlimited", its default) or 0 (real documents use
// both -1 and 0 as sentinels, dss-real-shapes.md; a string column of
// length 0 would hold nothing [I]).
func columnsValue(ctx context.Context, columns []dss.Column) (types.List, diag.Diagnostics) {
	cols := make([]datasetColumnModel, 0, len(columns))
	for _, c := range columns {
		cols = append(cols, datasetColumnModel{
			Name: types.StringValue(c.Name), Type: types.StringValue(c.Type),
			Comment: kit.NullIfEmpty(kit.StringOrEmpty(c.Comment)), Meaning: kit.NullIfEmpty(kit.StringOrEmpty(c.Meaning)),
			MaxLength: maxLengthValue(c.MaxLength),
		})
	}
	return types.ListValueFrom(ctx, DatasetColumnsType, cols)
}

// maxLengthValue reads DSS's maxLength: null when it sets no limit
// (absent, -1 or 0), else the limit.
//
// Why 0 reads as null rather than the validator allowing 0 (a column with
// maxLength 0 could not be adopted: its imported value failed AtLeast(1)):
// applyColumns writes maxLength only when the configured value differs
// from what DSS's value reads as, so a null max_length over DSS's 0 (or -1,
// or none) sends nothing and DSS keeps its value byte for byte; the
// adopted configuration omits max_length and plans empty. Allowing 0 would
// instead let the provider write a sentinel whose meaning is inferred [I]
// and that DSS may normalise (a perpetual diff). A user who sets a limit
// writes 1 or more, as before.
func maxLengthValue(n *int64) types.Int64 {
	if n == nil || *n <= 0 {
		return types.Int64Null()
	}
	return types.Int64Value(*n)
}

// applyColumns builds DSS's columns from the configured ones, each starting
// from DSS's column of the same name. A field already reading as the
// configured value is left as DSS has it ("" and absent both read as null).
func applyColumns(cols []datasetColumnModel, existing []dss.Column) []dss.Column {
	byName := map[string]dss.Column{}
	for _, c := range existing {
		byName[c.Name] = c
	}
	out := make([]dss.Column, 0, len(cols))
	for _, c := range cols {
		col := byName[c.Name.ValueString()]
		col.Name, col.Type = c.Name.ValueString(), c.Type.ValueString()
		if !kit.NullIfEmpty(kit.StringOrEmpty(col.Comment)).Equal(c.Comment) {
			col.Comment = kit.StringPointer(c.Comment)
		}
		if !kit.NullIfEmpty(kit.StringOrEmpty(col.Meaning)).Equal(c.Meaning) {
			col.Meaning = kit.StringPointer(c.Meaning)
		}
		if !maxLengthValue(col.MaxLength).Equal(c.MaxLength) {
			col.MaxLength = c.MaxLength.ValueInt64Pointer()
		}
		out = append(out, col)
	}
	return out
}
