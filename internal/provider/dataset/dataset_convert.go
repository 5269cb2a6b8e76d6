package dataset

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Dataset documents ↔ models, shared by the resource and the data source.

// DatasetModel is a dataset as the resource and the dataiku_dataset data
// source show it.
type DatasetModel struct {
	ID            types.String  `tfsdk:"id"`
	ProjectKey    types.String  `tfsdk:"project_key"`
	Name          types.String  `tfsdk:"name"`
	Type          types.String  `tfsdk:"type"`
	Connection    types.String  `tfsdk:"connection_name"`
	Params        types.Dynamic `tfsdk:"params"`
	Managed       types.Bool    `tfsdk:"managed"`
	FormatType    types.String  `tfsdk:"format_type"`
	FormatParams  types.Dynamic `tfsdk:"format_params"`
	SchemaColumns types.List    `tfsdk:"schema_columns"`
	Partitioning  types.Object  `tfsdk:"partitioning"`
	kit.Documentation
}

// DatasetResourceModel is the dataiku_dataset resource: the dataset and
// what happens to its data on destroy.
type DatasetResourceModel struct {
	DatasetModel
	DropDataOnDestroy types.Bool `tfsdk:"drop_data_on_destroy"`
	kit.DeletionProtection

	// Metrics and checks: see dataset_metrics_convert.go.
	Metrics types.Object `tfsdk:"metrics"`
	Checks  types.List   `tfsdk:"checks"`
}

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

func datasetID(projectKey, name string) string { return projectKey + "." + name }

// datasetFill says what DatasetFromDSS takes from DSS.
type datasetFill int

const (
	// FillManaged fills what the model manages: of params and
	// format_params the keys it wrote, schema_columns and partitioning
	// when not null.
	FillManaged datasetFill = iota
	// fillImported fills everything DSS has, for a resource just
	// imported: schema_columns and partitioning only when DSS has some.
	fillImported
	// fillAll fills everything, schema_columns and partitioning always
	// (empty when DSS has none), for the data source.
	fillAll
)

// DatasetFromDSS fills m from DSS's definition.
func DatasetFromDSS(ctx context.Context, d *dss.Dataset, m *DatasetModel, fill datasetFill) diag.Diagnostics {
	var diags, dd diag.Diagnostics
	if d.ProjectKey != "" {
		m.ProjectKey = types.StringValue(d.ProjectKey)
	}
	m.Name = types.StringValue(d.Name)
	m.ID = types.StringValue(datasetID(m.ProjectKey.ValueString(), d.Name))
	m.Type = types.StringValue(d.Type)
	m.Connection = kit.NullIfEmpty(d.Connection())
	m.Managed = types.BoolValue(d.Managed)
	m.FormatType = kit.NullIfEmpty(d.FormatType)
	m.Params = kit.HCLObjectRead(dss.ParamsWithoutConnection(d.Params), m.Params, fill != FillManaged)
	m.FormatParams = kit.HCLObjectRead(d.FormatParams, m.FormatParams, fill != FillManaged)

	var columns []dss.Column
	if d.Schema != nil {
		columns = d.Schema.Columns
	}
	if fill == fillAll || (fill == fillImported && len(columns) > 0) || (fill == FillManaged && !m.SchemaColumns.IsNull()) {
		m.SchemaColumns, dd = columnsValue(ctx, columns)
		diags.Append(dd...)
	} else {
		m.SchemaColumns = types.ListNull(DatasetColumnsType)
	}
	if fill == fillAll || (fill == fillImported && kit.IsPartitioned(d.Partitioning)) || (fill == FillManaged && !m.Partitioning.IsNull()) {
		m.Partitioning, dd = kit.PartitioningValue(ctx, d.Partitioning)
		diags.Append(dd...)
	} else {
		m.Partitioning = types.ObjectNull(kit.PartitioningAttrTypes)
	}

	diags.Append(m.Documentation.FromDSS(ctx, d.Description, d.ShortDesc, d.Tags)...)
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

// applyDataset writes the model's managed fields over DSS's definition for
// the read-modify-write. params and format_params are merged key by key
// (m holds the keys the configuration writes), each part equal to DSS's
// kept in DSS's text (kit.MergeKeepingEqual); schema_columns and
// partitioning, when null, leave DSS's alone. Fields DSS has that the
// model does not, on the dataset, its columns and its dimensions, are kept.
func applyDataset(ctx context.Context, m *DatasetModel, d *dss.Dataset) diag.Diagnostics {
	var diags diag.Diagnostics
	if kit.Known(m.Managed) && m.Managed.ValueBool() && !d.Managed && d.Connection() == "" && !kit.Known(m.Connection) {
		// A connectionless managed dataset whose flag DSS dropped at
		// creation (see DatasetKind.post). Changing managed otherwise
		// replaces the dataset, so this never flips a managed one.
		d.Managed = true
	}
	written, _ := kit.HCLObjectDecode(m.Params)
	if d.Params == nil {
		d.Params = dss.Object{}
	}
	kit.MergeKeepingEqual(d.Params, written)
	if kit.Known(m.Connection) {
		d.SetConnection(m.Connection.ValueString())
	}
	kit.SetKnownString(m.FormatType, &d.FormatType)
	if fp, _ := kit.HCLObjectDecode(m.FormatParams); fp != nil {
		if d.FormatParams == nil {
			d.FormatParams = dss.Object{}
		}
		kit.MergeKeepingEqual(d.FormatParams, fp)
	}
	if kit.Known(m.SchemaColumns) {
		var cols []datasetColumnModel
		diags.Append(m.SchemaColumns.ElementsAs(ctx, &cols, false)...)
		if d.Schema == nil {
			d.Schema = &dss.Schema{}
		}
		columns := applyColumns(cols, d.Schema.Columns)
		if !kit.JSONEqual(columns, d.Schema.Columns) {
			// Set by hand: DSS must not infer it again.
			d.Schema.UserModified = new(true)
		}
		d.Schema.Columns = columns
	}
	diags.Append(kit.ApplyPartitioning(ctx, m.Partitioning, &d.Partitioning)...)
	diags.Append(m.Documentation.ToDSS(ctx, &d.Description, &d.ShortDesc, &d.Tags)...)
	return diags
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

// The subset rule for params and format_params: the state keeps, of DSS's
// object, only the top-level keys the configuration writes, with DSS's
// current values. Keys DSS filled in never appear, so never diff; a
// written key whose value changed in DSS (compared as whole JSON values,
// nested objects included) or that DSS dropped shows as drift. A nested
// object the user wrote is compared whole, so DSS adding a key inside it
// shows as a change.

// managedNeedsConnection reports whether a managed dataset of this type
// stores its data on a connection, so that managed = true needs
// connection_name: the file-based and SQL types, whose managed datasets DSS
// creates on a connection, choosing the path or table there [V
// dss/dataset.py DSSManagedDatasetCreationHelper: creationSettings
// carry a connectionId; I for the list]. Datasets DSS keeps itself
// (Inline, JobsDB, StatsDB, Labels: managed with no params.connection in
// real DSS documents, issue 23) and unknown or plugin types are not
// checked: DSS judges them.
func managedNeedsConnection(datasetType string) bool {
	switch datasetType {
	case "Filesystem", "HDFS", "S3", "GCS", "Azure", "FTP", "SCP", "SFTP",
		"PostgreSQL", "MySQL", "Vertica", "Snowflake", "Redshift", "Greenplum", "Teradata", "Oracle", "SQLServer",
		"SAPHANA", "Netezza", "BigQuery", "Athena", "Synapse", "Databricks", "JDBC":
		return true
	}
	return false
}
