package dataset

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewStreamingEndpointDataSource returns the dataiku_streaming_endpoint
// data source.
func NewStreamingEndpointDataSource() datasource.DataSource {
	return &kit.DataSource[StreamingEndpointModel]{Name: "streaming_endpoint", Mirror: &streamingEndpointDataSourceSchema,
		ReadObject: readStreamingEndpointDataSource,
		Named: func(m *StreamingEndpointModel) string {
			return datasetID(m.ProjectKey.ValueString(), m.Name.ValueString())
		}}
}

// streamingEndpointDataSourceSchema is the resource's schema, computed,
// read by project_key and name.
var streamingEndpointDataSourceSchema = kit.MirroredSchema{Resource: NewStreamingEndpointResource,
	Description: "Reads one DSS streaming endpoint's definition (DSS's `GET /projects/{key}/streamingendpoints/{name}`, 1 API call), e.g. to reuse its connection or schema.",
	Own: map[string]schema.Attribute{
		"project_key": kit.ProjectKeyAttribute("the streaming endpoint"),
		"name":        schema.StringAttribute{Required: true, MarkdownDescription: "Streaming endpoint name (its id in DSS)."},
	},
	Describe: kit.Describing(kit.DocumentationDescriptions("streaming endpoint"), schemaColumnsDescriptions("Schema columns in order (empty when DSS has none)."), map[string]string{
		"id":              "`PROJECT_KEY.name`.",
		"type":            "Streaming system, e.g. `kafka` or `httpsse`.",
		"connection_name": "DSS connection of the stream (`params.connection`); null when the type has none.",
		"params":          "All the type's parameters other than the connection, as an object, including those DSS filled in.",
	}),
}

func readStreamingEndpointDataSource(ctx context.Context, c *dss.Client, m *StreamingEndpointModel, diagnostics *diag.Diagnostics) error {
	e, err := dss.StreamingEndpointDoc(m.ProjectKey.ValueString(), m.Name.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	diagnostics.Append(streamingEndpointFromDSS(ctx, e, m, fillAll)...)
	return nil
}

// NewStreamingEndpointsDataSource returns the dataiku_streaming_endpoints
// data source.
func NewStreamingEndpointsDataSource() datasource.DataSource {
	return kit.InProject((*dss.Client).ListStreamingEndpoints, kit.ListDataSource[dss.StreamingEndpoint]{Name: "streaming_endpoints",
		Description: "Lists a project's streaming endpoints (DSS's `GET /projects/{key}/streamingendpoints/`, 1 API call).",
		List:        "streaming_endpoints", ListDescription: "The streaming endpoints, sorted by name.",
		Item: map[string]schema.Attribute{
			"name":            kit.ComputedString("Streaming endpoint name (its id in DSS)."),
			"type":            kit.ComputedString("Streaming system, e.g. `kafka`."),
			"connection_name": kit.ComputedString("DSS connection of the stream; null when the type has none."),
			"tags":            schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags."},
		},
		SortKey: func(e *dss.StreamingEndpoint) string { return e.ID },
		Row: func(ctx context.Context, _ kit.ListConfig, e *dss.StreamingEndpoint, diagnostics *diag.Diagnostics) map[string]attr.Value {
			t, dd := kit.StringSetValue(ctx, e.Tags)
			diagnostics.Append(dd...)
			return map[string]attr.Value{"name": types.StringValue(e.ID), "type": types.StringValue(e.Type),
				"connection_name": kit.NullIfEmpty(e.Connection()), "tags": t}
		},
	})
}
