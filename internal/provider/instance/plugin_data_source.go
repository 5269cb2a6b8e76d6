package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewPluginDataSource returns the dataiku_plugin data source.
func NewPluginDataSource() datasource.DataSource {
	return &kit.DataSource[pluginDataModel]{Name: "plugin", Mirror: &pluginDataSourceSchema, ReadObject: readPluginDataSource,
		Named: func(m *pluginDataModel) string { return m.PluginID.ValueString() }}
}

// pluginDataModel is the dataiku_plugin data source: the resource's
// attributes DSS reports.
type pluginDataModel struct {
	ID           types.String `tfsdk:"id"`
	PluginID     types.String `tfsdk:"plugin_id"`
	StoreVersion types.String `tfsdk:"store_version"`
	GitURL       types.String `tfsdk:"git_url"`
	GitCheckout  types.String `tfsdk:"git_checkout"`
	GitSubpath   types.String `tfsdk:"git_subpath"`
	Version      types.String `tfsdk:"version"`
}

// pluginDataSourceSchema is the plugin resource's schema, computed, read
// by plugin id; the source is DSS's installedFrom, as an import reads it.
var pluginDataSourceSchema = kit.MirroredSchema{Resource: NewPluginResource,
	Description: "Reads one installed plugin by id: its version and where DSS says it was installed from " +
		"(1 API call: DSS's plugin list, as DSS has no call reading one plugin).",
	Own: map[string]schema.Attribute{
		"plugin_id": schema.StringAttribute{Required: true, MarkdownDescription: "The plugin's id, as its `plugin.json` says.",
			Validators: []validator.String{stringvalidator.RegexMatches(pluginIDPattern, pluginIDRule)}},
	},
	Omit: map[string]string{
		"zip_path":         "a path on the machine that ran the install; DSS does not record it",
		"zip_sha256":       "the hash of that local archive, computed at plan time; DSS does not record it",
		"install_code_env": "what an apply does after installing, not something DSS reports of the plugin",
		"force_destroy":    "how the resource's destroy behaves, not something DSS reports of the plugin",
	},
	Describe: map[string]string{
		"store_version": "The version installed, when DSS says the plugin came from Dataiku's plugin store; null otherwise.",
		"git_url":       "The git repository DSS says the plugin was installed from; null for the other sources.",
		"git_checkout":  "The branch, tag or commit DSS says it installed from `git_url`; null when not from git.",
		"git_subpath":   "The directory of `git_url` DSS says holds `plugin.json`; null when not from git or at the repository's root.",
		"version":       "The version DSS has installed.",
	},
}

func readPluginDataSource(ctx context.Context, c *dss.Client, cfg *pluginDataModel, diagnostics *diag.Diagnostics) error {
	id := cfg.PluginID.ValueString()
	p, err := findPlugin(ctx, c, id)
	if absentFromList(err) {
		diagnostics.AddAttributeError(path.Root("plugin_id"), fmt.Sprintf("Cannot read data.dataiku_plugin %q", id),
			fmt.Sprintf("DSS has no plugin %q installed: GET /plugins/ does not list it. Check the id (data.dataiku_plugins lists the installed plugins).", id))
		return nil
	}
	if err != nil {
		return err
	}
	var m pluginModel
	pluginSourceFromDSS(p, &m)
	*cfg = pluginDataModel{ID: types.StringValue(p.ID), PluginID: types.StringValue(p.ID),
		StoreVersion: m.StoreVersion, GitURL: m.GitURL, GitCheckout: m.GitCheckout, GitSubpath: m.GitSubpath,
		Version: types.StringValue(p.Version)}
	return nil
}
