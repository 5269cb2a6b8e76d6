package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
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
)

// NewPluginSettingsResource returns the dataiku_plugin_settings resource.
func NewPluginSettingsResource() resource.Resource {
	return newKitResource[pluginSettingsModel](pluginSettingsKind{})
}

// pluginSettingsKind is the instance-level part of a plugin's settings
// document: config, codeEnvName and parameterSets (dss/plugin.py [V]). The
// document exists as long as the plugin does, so creating the resource
// starts managing it and destroying it stops (nothing is written). Its
// writes share the plugin's lock with dataiku_plugin_preset, and leave the
// presets alone.
type pluginSettingsKind struct{}

type pluginSettingsModel struct {
	ID            types.String         `tfsdk:"id"`
	PluginID      types.String         `tfsdk:"plugin_id"`
	Config        types.Dynamic        `tfsdk:"config"`
	CodeEnvName   types.String         `tfsdk:"code_env_name"`
	ParameterSets jsontypes.Normalized `tfsdk:"parameter_sets"`
}

var pluginSettingsAddress = address[pluginSettingsModel]{
	typeName: "dataiku_plugin_settings",
	path:     "plugins/{plugin_id}/settings",
	key: []keyPart[pluginSettingsModel]{
		{"plugin_id", importPart{label: "plugin_id"}, func(m *pluginSettingsModel) *types.String { return &m.PluginID }, "The plugin's id."},
	},
	id: func(m *pluginSettingsModel) *types.String { return &m.ID },
	parseKey: func(id string) ([]string, error) {
		if !pluginIDPattern.MatchString(id) {
			return nil, fmt.Errorf("the import id is the plugin's id, which %s; got %q", pluginIDRule, id)
		}
		return []string{id}, nil
	},
}

func (pluginSettingsKind) address() *address[pluginSettingsModel] { return &pluginSettingsAddress }

func (pluginSettingsKind) schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A plugin's instance-level settings (Plugins > the plugin > Settings): its `config`, its code env and its parameter sets. " +
			"Only what is written is managed: keys of `config` not written, and the presets (see `dataiku_plugin_preset`), stay as DSS has them. " +
			"The settings exist as long as the plugin does: creating the resource starts managing them, destroying it writes nothing. " +
			"Writes share the plugin's lock with its presets, so both can be applied together. Needs a key that may manage the plugin. Import with the plugin's id.\n\n" +
			"**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id": stableIDAttribute("The plugin's id."),
			"plugin_id": schema.StringAttribute{Required: true,
				MarkdownDescription: "The plugin's id, e.g. `dataiku_plugin.geo.plugin_id`. Changing it manages another plugin's settings (the old ones are left as they are).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.RegexMatches(pluginIDPattern, pluginIDRule)}},
			"config": hclObjectAttribute("The plugin's parameters, as an object in the plugin's own names, e.g. `{ maxRows = 5000, limits = { cpu = 2 } }` (a `jsonencode` string is read too). " +
				"Only the top-level keys written are managed, each whole; the others stay as DSS has them. Unset: DSS's parameters are recorded but not managed (secret-looking keys left out). Changes in place."),
			"code_env_name": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The code env the plugin runs in (DSS's `codeEnvName`); unset: as DSS has it (`dataiku_plugin`'s `install_code_env` creates one). Changes in place.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"parameter_sets": schema.StringAttribute{Optional: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "The plugin's parameter sets (DSS's `parameterSets`), as a JSON list written with `jsonencode`, managed whole when set; unset: as DSS has them. Changes in place.",
				PlanModifiers:       []planmodifier.String{sameJSONKeepsState{}}},
		},
	}
}

// find: the settings exist with the plugin; managing them is what creating
// the resource means.
func (pluginSettingsKind) find(context.Context, *dss.Client, *pluginSettingsModel) (bool, error) {
	return false, nil
}

// post writes nothing; it reads the settings, so that a missing plugin or a
// key without rights is refused before anything is recorded.
func (pluginSettingsKind) post(ctx context.Context, c *dss.Client, m *pluginSettingsModel) error {
	if _, err := dss.PluginSettingsDoc(m.PluginID.ValueString()).Get(ctx, c); err != nil {
		return err
	}
	m.ID = m.PluginID
	return nil
}

// delete: the settings stay; the resource stops managing them.
func (pluginSettingsKind) delete(context.Context, *dss.Client, *pluginSettingsModel) error {
	return nil
}

func (pluginSettingsKind) apply(ctx context.Context, c *dss.Client, op *applyOp[pluginSettingsModel]) {
	plan := op.plan
	id := plan.PluginID.ValueString()
	var configured types.Dynamic
	op.diags.Append(op.config.GetAttribute(ctx, path.Root("config"), &configured)...)
	op.diags.Append(op.config.GetAttribute(ctx, path.Root("parameter_sets"), &plan.ParameterSets)...)
	written, err := hclObjectDecode(configured)
	if err != nil {
		op.diags.AddAttributeError(path.Root("config"), "Invalid config", "Attribute config "+err.Error()+".")
	}
	var sets any
	if known(plan.ParameterSets) {
		if sets, err = decodeJSONValue(plan.ParameterSets.ValueString()); err != nil {
			op.diags.AddAttributeError(path.Root("parameter_sets"), "Invalid JSON", "Attribute parameter_sets: "+err.Error()+".")
		}
	}
	if op.diags.HasError() {
		return
	}
	unlock := lockPluginSettings(c, id)
	_, _, err = c.UpdatePluginSettings(ctx, id, func(d *dss.FreeObject) error {
		if written != nil {
			cfg, _ := (*d)["config"].(map[string]any)
			(*d)["config"] = hclObjectWrite(cfg, written)
		}
		if known(plan.CodeEnvName) {
			(*d)["codeEnvName"] = plan.CodeEnvName.ValueString()
		}
		if known(plan.ParameterSets) && !jsonEqual((*d)["parameterSets"], sets) {
			(*d)["parameterSets"] = sets
		}
		return nil
	})
	unlock()
	if op.fail(err) {
		return
	}
	doc, err := dss.PluginSettingsDoc(id).Get(ctx, c)
	if op.fail(err) {
		return
	}
	plan.Config = configured
	op.diags.Append(pluginSettingsFromDSS(*doc, plan, false)...)
	hclObjectKeepPlanned(&plan.Config, op.planned.Config, configured)
}

// pluginSettingsFromDSS fills m: of config the keys written (everything
// but secret-looking keys after an import or when unmanaged), parameter
// sets when managed.
func pluginSettingsFromDSS(doc dss.FreeObject, m *pluginSettingsModel, imported bool) (diags diag.Diagnostics) {
	m.ID = m.PluginID
	cfg, _ := doc["config"].(map[string]any)
	m.Config = hclObjectRead(cfg, m.Config, imported, true)
	name, _ := doc["codeEnvName"].(string)
	m.CodeEnvName = types.StringValue(name)
	if imported || known(m.ParameterSets) {
		sets := doc["parameterSets"]
		if sets == nil {
			sets = []any{}
		}
		if known(m.ParameterSets) {
			if prior, err := decodeJSONValue(m.ParameterSets.ValueString()); err == nil && jsonEqual(prior, sets) {
				return diags
			}
		}
		b, err := json.Marshal(sets)
		if err != nil {
			diags.AddError("Cannot encode DSS's parameterSets", err.Error())
			return diags
		}
		m.ParameterSets = jsontypes.NewNormalizedValue(string(b))
	}
	return diags
}

// read costs 1 GET.
func (pluginSettingsKind) read(ctx context.Context, c *dss.Client, m *pluginSettingsModel, imported bool) error {
	doc, err := dss.PluginSettingsDoc(m.PluginID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	if d := pluginSettingsFromDSS(*doc, m, imported); d.HasError() {
		return diagsError(d)
	}
	return nil
}

// Free-form objects of the issue 29 kinds (a plugin's config, a preset's
// config, a cluster's params) are HCL objects (hcl_object.go): written
// top-level key by top-level key, read back with the subset rule.

// hclObjectWrite writes the top-level keys of written into held (nil:
// a new object), and returns it.
func hclObjectWrite(held map[string]any, written map[string]any) map[string]any {
	if held == nil {
		held = map[string]any{}
	}
	for k, v := range written {
		held[k] = v
	}
	return held
}

// hclObjectRead is the state's value of a free-form object DSS holds:
// after an import, everything but secret-looking keys; when managed, the
// keys prior writes (in prior's form); otherwise whole gives whether the
// unmanaged object is recorded (without secret-looking keys) or null.
func hclObjectRead(held map[string]any, prior types.Dynamic, imported, whole bool) types.Dynamic {
	managed := !prior.IsNull() && !prior.IsUnknown() && !prior.IsUnderlyingValueNull()
	switch {
	case imported || (!managed && whole):
		return hclObjectValue(withoutSecretKeys(nonNilObject(held)))
	case !managed:
		return types.DynamicNull()
	}
	return hclObjectSubset(nonNilObject(held), prior)
}

// sameJSONKeepsState plans the state's value when the configuration holds
// the same JSON in another form (spacing, key order, 2.0 for 2): Terraform
// accepts the prior value in place of an equivalent configuration, so a
// reformatted configuration is no change.
type sameJSONKeepsState struct{}

func (sameJSONKeepsState) Description(context.Context) string {
	return "The same JSON written in another form is no change."
}

func (m sameJSONKeepsState) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (sameJSONKeepsState) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !known(req.ConfigValue) || !known(req.StateValue) {
		return
	}
	if sameJSONValue(jsontypes.NewNormalizedValue(req.ConfigValue.ValueString()), jsontypes.NewNormalizedValue(req.StateValue.ValueString())) {
		resp.PlanValue = req.StateValue
	}
}
