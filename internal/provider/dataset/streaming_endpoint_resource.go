package dataset

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewStreamingEndpointResource returns the dataiku_streaming_endpoint
// resource.
func NewStreamingEndpointResource() resource.Resource {
	return kit.NewResource[StreamingEndpointResourceModel](StreamingEndpointKind{})
}

// StreamingEndpointKind is a streaming endpoint: named by its project and
// the name its creator chose (its id in DSS), with no rename, its whole
// definition one document.
type StreamingEndpointKind struct{}

// StreamingEndpointAddress: DSS's reference form PROJECT_KEY.name, as for
// datasets (recipes name endpoints in their inputs and outputs that way).
var StreamingEndpointAddress = kit.Address[StreamingEndpointResourceModel]{
	TypeName: "dataiku_streaming_endpoint",
	Path:     "projects/{project_key}/streamingendpoints/{name}",
	Key: []kit.KeyPart[StreamingEndpointResourceModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *StreamingEndpointResourceModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project holding the streaming endpoint."},
		{Attr: "name", ImportPart: kit.StreamingEndpointPart, Field: func(m *StreamingEndpointResourceModel) *types.String { return &m.Name }, Doc: "The streaming endpoint's name (its id in DSS)."},
	},
	Example: "DSS's reference form, e.g. SALES.orders_stream",
	ID:      func(m *StreamingEndpointResourceModel) *types.String { return &m.ID },
}

func (StreamingEndpointKind) Address() *kit.Address[StreamingEndpointResourceModel] {
	return &StreamingEndpointAddress
}

func (StreamingEndpointKind) Schema() schema.Schema {
	params := kit.HCLObjectAttribute("The type's parameters other than the connection, as an object, e.g. `{ topic = \"orders\" }` for `kafka`, " +
		"`{ url = \"https://example.com/events\" }` for `httpsse`, `{ queueName = \"orders\" }` for `SQS`. " +
		"Only the top-level keys written here are managed and compared (a nested object is compared whole): parameters DSS fills in never show as changes, " +
		"and a written key changed outside Terraform shows as drift. Removing a key stops managing it; DSS keeps its value. " +
		"After an import the state holds every parameter DSS has. Changes in place.")
	params.Validators = []validator.Dynamic{kit.HCLObjectWithout(dss.IsConnectionParam,
		"set the endpoint's connection with the connection_name attribute")}
	return schema.Schema{
		MarkdownDescription: "A DSS streaming endpoint: a Flow object standing for a stream (a Kafka topic, an SQS queue, an HTTP server-sent events URL) " +
			"that continuous recipes read and write. It can sit in a flow zone (`STREAMING_ENDPOINT` items of `dataiku_flow_zone`) and be exposed to other projects " +
			"(`dataiku_exposed_object`). Every change is a read-modify-write of the endpoint's whole definition, so settings the provider does not model " +
			"(format settings, custom fields) are kept. Destroying it deletes the endpoint from the Flow and, in DSS, the recipes using it " +
			"(so a replacement, on a change of `type`, leaves the `dataiku_recipe` resources that use it to be created again by the next apply); " +
			"the stream itself (a Kafka topic) stays. Import with `PROJECT_KEY.name`.\n\n" +
			"**Refresh cost.** 1 API call (the endpoint's definition).",
		Attributes: kit.DocumentationAttributes("streaming endpoint", map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true,
				MarkdownDescription: "`PROJECT_KEY.name`, DSS's reference form for a streaming endpoint."},
			"project_key": kit.ParentProjectKeyAttribute("Key of the DSS project holding the streaming endpoint. Changing it destroys the endpoint and creates it in the new project."),
			"name": kit.RequiredReplacing("Streaming endpoint name, unique in the project: DSS's id for it, chosen here. "+
				"It cannot be blank or hold a dot (DSS splits references such as `PROJECT.name` on it) or a slash; DSS judges anything else. "+
				"DSS has no rename for streaming endpoints: changing it replaces the endpoint.",
				kit.StreamingEndpointPart.Validator()),
			"type": kit.RequiredReplacing("Streaming system, as DSS names it: e.g. `kafka`, `httpsse`, `SQS`, `kdbplustick`. "+
				"Passed to DSS as written (DSS's own client spells some of these in several cases, and plugins add types), so DSS judges it. Changing it replaces the endpoint.",
				stringvalidator.LengthAtLeast(1)),
			"connection_name": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "DSS connection of the stream (stored by DSS as `params.connection`), e.g. a Kafka or SQS connection; an `httpsse` endpoint has none. " +
					"Named `connection_name` because `connection` is reserved by Terraform. When not set, DSS's value is kept in state. Changes in place.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)}},
			"params":                            params,
			"schema_columns":                    schemaColumnsAttribute("streaming endpoint", "DSS (its schema detection) and recipes"),
			kit.DeletionProtectionAttributeName: kit.DeletionProtectionAttribute("the streaming endpoint (DSS deletes the recipes using it with it)"),
		}),
	}
}

func (StreamingEndpointKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var columns types.List
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("schema_columns"), &columns)...)
	validateSchemaColumns(ctx, columns, "streaming endpoint", &resp.Diagnostics)
}

// ModifyPlan keeps id known when project_key and name are: both replace
// the endpoint, so the id is known from the configuration.
func (StreamingEndpointKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planReferenceID(ctx, req, resp)
}

func streamingEndpointDoc(m *StreamingEndpointResourceModel) dss.Document[dss.StreamingEndpoint] {
	return dss.StreamingEndpointDoc(m.ProjectKey.ValueString(), m.Name.ValueString())
}

// Post creates the endpoint with its whole planned definition, built as
// apply would write it over an empty one ({id, projectKey, type, params}
// as DSS's own client sends, plus schema and documentation), so that
// apply's read-modify-write usually finds nothing left to write. What DSS
// leaves out at creation shows in apply's GET, and apply writes it. The
// kit checks first that no endpoint of that name exists (a GET), and a
// POST whose answer was lost is found by the same GET.
func (StreamingEndpointKind) Post(ctx context.Context, c *dss.Client, m *StreamingEndpointResourceModel) error {
	e := dss.StreamingEndpoint{ID: m.Name.ValueString(), ProjectKey: m.ProjectKey.ValueString(), Type: m.Type.ValueString()}
	if err := kit.DiagsError(applyStreamingEndpoint(ctx, &m.StreamingEndpointModel, &e)); err != nil {
		return err
	}
	return c.CreateStreamingEndpointFrom(ctx, &e)
}

// Apply does one read-modify-write of the endpoint's definition (nothing
// else changes in place: name and type replace it).
func (StreamingEndpointKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[StreamingEndpointResourceModel]) {
	plan := op.Plan
	// Write the configuration's params keys: the plan may hold more (the
	// state's, when the written ones already match) or be unknown.
	if op.Diags.Append(op.Config.GetAttribute(ctx, path.Root("params"), &plan.Params)...); op.Diags.HasError() {
		return
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[StreamingEndpointResourceModel, dss.StreamingEndpoint]{
		Doc: streamingEndpointDoc(plan),
		ToDSS: func(e *dss.StreamingEndpoint) diag.Diagnostics {
			return applyStreamingEndpoint(ctx, &plan.StreamingEndpointModel, e)
		},
		FromDSS: func(e *dss.StreamingEndpoint) diag.Diagnostics {
			return streamingEndpointFromDSS(ctx, e, &plan.StreamingEndpointModel, FillManaged)
		},
		KeepPlanned: func(state, planned, written *StreamingEndpointResourceModel) {
			kit.HCLObjectKeepPlanned(&state.Params, planned.Params, written.Params)
		},
	})
}

// Read costs one GET: the definition carries params, schema, tags and
// descriptions. (No list refresh: the list items' shape is documented only
// in part [V DSSStreamingEndpointListItem: id, type, params, schema, tags],
// so they are not read as whole definitions [I].)
func (StreamingEndpointKind) Read(ctx context.Context, c *dss.Client, m *StreamingEndpointResourceModel, imported bool) error {
	e, err := streamingEndpointDoc(m).Get(ctx, c)
	if err != nil {
		return err
	}
	fill := FillManaged
	if imported {
		fill = fillImported
	}
	return kit.DiagsError(streamingEndpointFromDSS(ctx, e, &m.StreamingEndpointModel, fill))
}
