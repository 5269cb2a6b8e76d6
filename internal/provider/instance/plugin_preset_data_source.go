package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewPluginPresetDataSource returns the dataiku_plugin_preset data source.
func NewPluginPresetDataSource() datasource.DataSource {
	return &kit.DataSource[pluginPresetFields]{Name: "plugin_preset", Mirror: &pluginPresetDataSourceSchema,
		ReadObject: readPluginPresetDataSource, Named: func(m *pluginPresetFields) string {
			return m.PluginID.ValueString() + "/" + m.Type.ValueString() + "/" + m.Name.ValueString()
		}}
}

// pluginPresetDataSourceSchema is the resource's schema, computed, read by
// plugin, type and name. Its config is sensitive: a preset's parameters
// are often credentials, whatever their names.
var pluginPresetDataSourceSchema = kit.MirroredSchema{Resource: NewPluginPresetResource,
	Description: "Reads one preset of a plugin (1 API call: the plugin's settings), e.g. to check that the preset a recipe or a dataset names exists, " +
		"or which groups may use it.",
	Own: map[string]schema.Attribute{
		"plugin_id": schema.StringAttribute{Required: true, MarkdownDescription: "The plugin's id.",
			Validators: []validator.String{stringvalidator.RegexMatches(pluginIDPattern, pluginIDRule)}},
		"type": schema.StringAttribute{Required: true, MarkdownDescription: "The preset's type: the parameter set it belongs to, as DSS names it.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		"name": schema.StringAttribute{Required: true, MarkdownDescription: "The preset's name.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		"config": schema.DynamicAttribute{Computed: true, Sensitive: true,
			MarkdownDescription: "The preset's parameters, without the keys (at any depth) whose name looks like a secret's (it holds " +
				kit.SecretKeyWordsText + "). Sensitive, since a preset's parameters are often credentials whatever their names: " +
				"wrap a value in `nonsensitive()` to show it."},
	},
	Describe: map[string]string{
		"permissions": "The groups that may use the preset; empty: administrators only.",
	},
}

func readPluginPresetDataSource(ctx context.Context, c *dss.Client, cfg *pluginPresetFields, diagnostics *diag.Diagnostics) error {
	m := pluginPresetFields{PluginID: cfg.PluginID, Type: cfg.Type, Name: cfg.Name}
	p, err := readPreset(ctx, c, &m)
	if absentFromList(err) {
		diagnostics.AddError(fmt.Sprintf("Plugin %s has no preset %q of type %q", m.PluginID.ValueString(), m.Name.ValueString(), m.Type.ValueString()),
			"The plugin's settings hold no preset of that type and name.")
		return nil
	}
	if err != nil {
		return err
	}
	diagnostics.Append(presetFromDSS(ctx, p, &m, true)...)
	*cfg = m
	return nil
}
