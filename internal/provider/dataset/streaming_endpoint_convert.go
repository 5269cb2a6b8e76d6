package dataset

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Streaming endpoint definitions ↔ models, shared by the resource and the
// data sources. The kind lives beside datasets because it shares their
// schema columns (schema_columns.go) and their params handling: an
// endpoint is a dataset's streaming twin, a Flow object of a project with
// a connection, type parameters and a schema.

// StreamingEndpointModel is a streaming endpoint as the resource and the
// dataiku_streaming_endpoint data source show it.
type StreamingEndpointModel struct {
	ID            types.String  `tfsdk:"id"`
	ProjectKey    types.String  `tfsdk:"project_key"`
	Name          types.String  `tfsdk:"name"`
	Type          types.String  `tfsdk:"type"`
	Connection    types.String  `tfsdk:"connection_name"`
	Params        types.Dynamic `tfsdk:"params"`
	SchemaColumns types.List    `tfsdk:"schema_columns"`
	kit.Documentation
}

// StreamingEndpointResourceModel is the dataiku_streaming_endpoint
// resource: the endpoint and Terraform's own deletion_protection, which
// the data source leaves out.
type StreamingEndpointResourceModel struct {
	StreamingEndpointModel
	kit.DeletionProtection
}

// streamingEndpointFromDSS fills m from DSS's definition; fill says what
// of params and schema_columns is read (datasetFill, as for datasets).
func streamingEndpointFromDSS(ctx context.Context, e *dss.StreamingEndpoint, m *StreamingEndpointModel, fill datasetFill) diag.Diagnostics {
	var diags, dd diag.Diagnostics
	if e.ProjectKey != "" {
		m.ProjectKey = types.StringValue(e.ProjectKey)
	}
	m.Name = types.StringValue(e.ID)
	m.ID = types.StringValue(datasetID(m.ProjectKey.ValueString(), e.ID))
	m.Type = types.StringValue(e.Type)
	m.Connection = kit.NullIfEmpty(e.Connection())
	m.Params = kit.HCLObjectRead(dss.ParamsWithoutConnection(e.Params), m.Params, fill != FillManaged)
	m.SchemaColumns, dd = schemaColumnsRead(ctx, e.Schema, m.SchemaColumns, fill)
	diags.Append(dd...)
	diags.Append(m.Documentation.FromDSS(ctx, e.Description, e.ShortDesc, e.Tags)...)
	return diags
}

// applyStreamingEndpoint writes the model's managed fields over DSS's
// definition for the read-modify-write: params merged key by key (the
// subset rule, as a dataset's), the connection when known, the schema
// columns when set, the documentation. Everything else DSS holds is kept.
// The type is not written: changing it replaces the endpoint.
func applyStreamingEndpoint(ctx context.Context, m *StreamingEndpointModel, e *dss.StreamingEndpoint) diag.Diagnostics {
	var diags diag.Diagnostics
	written, _ := kit.HCLObjectDecode(m.Params)
	if e.Params == nil {
		e.Params = dss.Object{}
	}
	kit.MergeKeepingEqual(e.Params, written)
	if kit.Known(m.Connection) {
		e.SetConnection(m.Connection.ValueString())
	}
	diags.Append(applySchemaColumns(ctx, m.SchemaColumns, &e.Schema)...)
	diags.Append(m.Documentation.ToDSS(ctx, &e.Description, &e.ShortDesc, &e.Tags)...)
	return diags
}
