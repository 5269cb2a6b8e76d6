package instance

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewPluginSettingsDataSource returns the dataiku_plugin_settings data
// source.
func NewPluginSettingsDataSource() datasource.DataSource {
	return &kit.DataSource[pluginSettingsModel]{Name: "plugin_settings", Mirror: &pluginSettingsDataSourceSchema,
		Named: func(m *pluginSettingsModel) string { return m.PluginID.ValueString() },
		ReadObject: kit.ReadAsImport(pluginSettingsKind{}.Read, func(cfg *pluginSettingsModel) pluginSettingsModel {
			return pluginSettingsModel{PluginID: cfg.PluginID}
		})}
}

// pluginSettingsDataSourceSchema is the resource's schema, computed, read
// by the plugin's id. Its config is sensitive, as a preset's.
var pluginSettingsDataSourceSchema = kit.MirroredSchema{Resource: NewPluginSettingsResource,
	Description: "Reads a plugin's instance-level settings (1 API call): its parameters, its code env and its parameter sets. " +
		"Its presets are read with `dataiku_plugin_preset`.",
	Own: map[string]schema.Attribute{
		"plugin_id": schema.StringAttribute{Required: true, MarkdownDescription: "The plugin's id.",
			Validators: []validator.String{stringvalidator.RegexMatches(pluginIDPattern, pluginIDRule)}},
		"config": schema.DynamicAttribute{Computed: true, Sensitive: true,
			MarkdownDescription: "The plugin's parameters, without the keys (at any depth) whose name looks like a secret's (it holds " +
				kit.SecretKeyWordsText + "). Sensitive, since a plugin's parameters may be credentials whatever their names: " +
				"wrap a value in `nonsensitive()` to show it."},
	},
	Describe: map[string]string{
		"code_env_name":  "The code env the plugin runs in (DSS's `codeEnvName`); empty when none.",
		"parameter_sets": "The plugin's parameter sets (DSS's `parameterSets`), as a JSON list (`jsondecode` it); `[]` when none.",
	},
}
