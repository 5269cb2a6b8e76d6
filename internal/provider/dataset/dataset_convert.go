package dataset

import (
	"context"

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

	m.SchemaColumns, dd = schemaColumnsRead(ctx, d.Schema, m.SchemaColumns, fill)
	diags.Append(dd...)
	if fill == fillAll || (fill == fillImported && kit.IsPartitioned(d.Partitioning)) || (fill == FillManaged && !m.Partitioning.IsNull()) {
		m.Partitioning, dd = kit.PartitioningValue(ctx, d.Partitioning, m.Partitioning)
		diags.Append(dd...)
	} else {
		m.Partitioning = types.ObjectNull(kit.PartitioningAttrTypes)
	}

	diags.Append(m.Documentation.FromDSS(ctx, d.Description, d.ShortDesc, d.Tags)...)
	return diags
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
	diags.Append(applySchemaColumns(ctx, m.SchemaColumns, &d.Schema)...)
	diags.Append(kit.ApplyPartitioning(ctx, m.Partitioning, &d.Partitioning)...)
	diags.Append(m.Documentation.ToDSS(ctx, &d.Description, &d.ShortDesc, &d.Tags)...)
	return diags
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
