package instance

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewConnectionDataSource returns the dataiku_connection data source.
func NewConnectionDataSource() datasource.DataSource {
	return &kit.DataSource[ConnectionModel]{Name: "connection", Mirror: &connectionDataSourceSchema, ReadObject: readConnectionDataSource,
		Named: func(m *ConnectionModel) string { return m.Name.ValueString() }}
}

// connectionDataSourceSchema is the connection resource's schema,
// computed, read by name; the secrets are write-only there.
var connectionDataSourceSchema = kit.MirroredSchema{Resource: NewConnectionResource,
	Description: "Reads one DSS connection's definition by name (1 API call; needs an admin API key). " +
		"Secrets are never exposed, not even in DSS's encrypted form: `params` has every other parameter.",
	Own: map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true, MarkdownDescription: "The connection's name.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
	},
	Describe: map[string]string{
		"type": "Connection type, e.g. `PostgreSQL`, `Filesystem`, `EC2`.",
		"params": "The connection's parameters as an object, without its secrets (`password`, `secretKey`, `token`, ... " +
			"at the top level and inside `basicCredential` or `credentials`).",
		"description":            "Description shown in DSS.",
		"allow_write":            "Whether DSS may write through the connection.",
		"allow_managed_datasets": "Whether managed datasets may be created on it.",
		"allow_managed_folders":  "Whether managed folders may be created on it.",
		"usable_by":              "Who may use it: `ALL` or `ALLOWED` (the members of `allowed_groups`).",
		"allowed_groups":         "Groups whose members may use it when `usable_by` is `ALLOWED`.",
		"details_readable_by":    "Who may read its details: `NONE`, `ALL` or `ALLOWED`.",
		"details_allowed_groups": "Groups whose members may read its details when `details_readable_by` is `ALLOWED`.",
		"credentials_mode":       "How DSS authenticates to the data, e.g. `GLOBAL`, `PER_USER`.",
		"max_activities":         "Most activities running on it at once; `0` means no limit.",
		"use_global_proxy":       "Whether DSS reaches the data through the instance's proxy.",
	},
}

func readConnectionDataSource(ctx context.Context, c *dss.Client, cfg *ConnectionModel, diagnostics *diag.Diagnostics) error {
	conn, err := dss.ConnectionDoc(cfg.Name.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	var m ConnectionModel
	diagnostics.Append(ConnectionFromDSS(ctx, conn, &m, true)...)
	if m.Params.IsNull() {
		m.Params = kit.HCLObjectValue(map[string]any{})
	}
	*cfg = m
	return nil
}

// NewConnectionsDataSource returns the dataiku_connections data source.
func NewConnectionsDataSource() datasource.DataSource {
	return &kit.DataSource[connectionsDataSourceModel]{Name: "connections", SchemaFunc: connectionsDataSourceSchema, ReadObject: readConnectionsDataSource}
}

type connectionsDataSourceModel struct {
	ID    types.String `tfsdk:"id"`
	Type  types.String `tfsdk:"type"`
	Names types.List   `tfsdk:"names"`
}

func connectionsDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the instance's connections by name, optionally of one type (1 API call; needs an admin API key).",
		Attributes: map[string]schema.Attribute{
			"id": kit.ComputedString("The type asked for, or `all`."),
			"type": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only connections of this type, as DSS names it (e.g. `PostgreSQL`, `Filesystem`, `EC2`). When not set, every connection.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"names": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The connections' names, sorted."},
		},
	}
}

func readConnectionsDataSource(ctx context.Context, c *dss.Client, cfg *connectionsDataSourceModel, diagnostics *diag.Diagnostics) error {
	all, err := c.ListConnections(ctx)
	if err != nil {
		return err
	}
	names := []string{}
	for name, conn := range all {
		if cfg.Type.IsNull() || conn.Type == cfg.Type.ValueString() {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	list, diags := types.ListValueFrom(ctx, types.StringType, names)
	diagnostics.Append(diags...)
	cfg.ID = types.StringValue("all")
	if !cfg.Type.IsNull() {
		cfg.ID = cfg.Type
	}
	cfg.Names = list
	return nil
}
