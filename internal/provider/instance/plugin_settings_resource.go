package instance

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewPluginSettingsResource returns the dataiku_plugin_settings resource.
func NewPluginSettingsResource() resource.Resource {
	return kit.NewResource[pluginSettingsModel](pluginSettingsKind{})
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

var pluginSettingsAddress = kit.NamedAddress("dataiku_plugin_settings", "plugins/{plugin_id}/settings", pluginIDKey,
	func(m *pluginSettingsModel) *types.String { return &m.PluginID }, func(m *pluginSettingsModel) *types.String { return &m.ID })

func (pluginSettingsKind) Address() *kit.Address[pluginSettingsModel] { return &pluginSettingsAddress }

func (pluginSettingsKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A plugin's instance-level settings (Plugins > the plugin > Settings): its `config`, its code env and its parameter sets. " +
			"Only what is written is managed: keys of `config` not written, and the presets (see `dataiku_plugin_preset`), stay as DSS has them. " +
			"The settings exist as long as the plugin does: creating the resource starts managing them, destroying it writes nothing. " +
			"Writes share the plugin's lock with its presets, so both can be applied together. Needs a key that may manage the plugin. Import with the plugin's id.\n\n" +
			"**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id":        kit.StableIDAttribute("The plugin's id."),
			"plugin_id": pluginIDAttribute("The plugin's id, e.g. `dataiku_plugin.geo.plugin_id`. Changing it manages another plugin's settings (the old ones are left as they are)."),
			"config": kit.HCLObjectAttribute("The plugin's parameters, as an object in the plugin's own names, e.g. `{ maxRows = 5000, limits = { cpu = 2 } }` (a `jsonencode` string is read too). " +
				"Only the top-level keys written are managed, each whole; the others stay as DSS has them. Unset: DSS's parameters are recorded but not managed (secret-looking keys left out). Changes in place."),
			"code_env_name": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The code env the plugin runs in (DSS's `codeEnvName`); unset: as DSS has it (`dataiku_plugin`'s `install_code_env` creates one). Changes in place.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"parameter_sets": schema.StringAttribute{Optional: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "The plugin's parameter sets (DSS's `parameterSets`), as a JSON list written with `jsonencode`, managed whole when set; unset: as DSS has them. Changes in place.",
				PlanModifiers:       []planmodifier.String{sameJSONKeepsState}},
		},
	}
}

// find: the settings exist with the plugin; managing them is what creating
// the resource means.
func (pluginSettingsKind) Find(context.Context, *dss.Client, *pluginSettingsModel) (bool, error) {
	return false, nil
}

// Post writes nothing; it reads the settings, so that a missing plugin or a
// key without rights is refused before anything is recorded.
func (pluginSettingsKind) Post(ctx context.Context, c *dss.Client, m *pluginSettingsModel) error {
	if _, err := dss.PluginSettingsDoc(m.PluginID.ValueString()).Get(ctx, c); err != nil {
		return err
	}
	m.ID = m.PluginID
	return nil
}

// delete: the settings stay; the resource stops managing them.
func (pluginSettingsKind) Delete(context.Context, *dss.Client, *pluginSettingsModel) error {
	return nil
}

func (pluginSettingsKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[pluginSettingsModel]) {
	plan := op.Plan
	id := plan.PluginID.ValueString()
	configured, written := configuredHCLObject(ctx, op.Config, "config", &op.Diags)
	op.Diags.Append(op.Config.GetAttribute(ctx, path.Root("parameter_sets"), &plan.ParameterSets)...)
	var sets any
	var err error
	if kit.Known(plan.ParameterSets) {
		if sets, err = kit.DecodeJSONValue(plan.ParameterSets.ValueString()); err != nil {
			op.Diags.AddAttributeError(path.Root("parameter_sets"), "Invalid JSON", "Attribute parameter_sets: "+err.Error()+".")
		}
	}
	if op.Diags.HasError() {
		return
	}
	unlock := lockPluginSettings(c, id)
	_, _, err = c.UpdatePluginSettings(ctx, id, func(d *dss.FreeObject) error {
		if written != nil {
			cfg, _ := (*d)["config"].(map[string]any)
			(*d)["config"] = hclObjectWrite(cfg, written)
		}
		if kit.Known(plan.CodeEnvName) {
			(*d)["codeEnvName"] = plan.CodeEnvName.ValueString()
		}
		if kit.Known(plan.ParameterSets) && !kit.JSONEqual((*d)["parameterSets"], sets) {
			(*d)["parameterSets"] = kit.KeepEqual((*d)["parameterSets"], sets)
		}
		return nil
	})
	unlock()
	if op.Fail(err) {
		return
	}
	doc, err := dss.PluginSettingsDoc(id).Get(ctx, c)
	if op.Fail(err) {
		return
	}
	plan.Config = configured
	op.Diags.Append(pluginSettingsFromDSS(*doc, plan, false)...)
	kit.HCLObjectKeepPlanned(&plan.Config, op.Planned.Config, configured)
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
	if imported || kit.Known(m.ParameterSets) {
		sets := doc["parameterSets"]
		if sets == nil {
			sets = []any{}
		}
		if kit.Known(m.ParameterSets) {
			if prior, err := kit.DecodeJSONValue(m.ParameterSets.ValueString()); err == nil && kit.JSONEqual(prior, sets) {
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

// Read costs 1 GET.
func (pluginSettingsKind) Read(ctx context.Context, c *dss.Client, m *pluginSettingsModel, imported bool) error {
	doc, err := dss.PluginSettingsDoc(m.PluginID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	return kit.DiagsError(pluginSettingsFromDSS(*doc, m, imported))
}

// Free-form objects of the issue 29 kinds (a plugin's config, a preset's
// config, a cluster's params) are HCL objects (hcl_object.go): written
// top-level key by top-level key, read back with the subset rule.

// hclObjectWrite writes the top-level keys of written into held (nil:
// a new object), DSS's text kept for every part that does not change
// (kit.MergeKeepingEqual), and returns it.
func hclObjectWrite(held map[string]any, written map[string]any) map[string]any {
	if held == nil {
		held = map[string]any{}
	}
	kit.MergeKeepingEqual(held, written)
	return held
}

// configuredHCLObject reads a free-form object attribute as the
// configuration writes it (the plan may hold the prior state's extra keys,
// or be unknown at plan time) and the keys it writes to DSS (nil when
// unset); a value that is not an object is an attribute error in diags.
func configuredHCLObject(ctx context.Context, config tfsdk.Config, attr string, diags *diag.Diagnostics) (configured types.Dynamic, written map[string]any) {
	diags.Append(config.GetAttribute(ctx, path.Root(attr), &configured)...)
	written, err := kit.HCLObjectDecode(configured)
	if err != nil {
		diags.AddAttributeError(path.Root(attr), "Invalid "+attr, "Attribute "+attr+" "+err.Error()+".")
	}
	return configured, written
}

// hclObjectRead is the state's value of a free-form object DSS holds:
// after an import, everything but secret-looking keys; when managed, the
// keys prior writes (in prior's form); otherwise whole gives whether the
// unmanaged object is recorded (without secret-looking keys) or null.
func hclObjectRead(held map[string]any, prior types.Dynamic, imported, whole bool) types.Dynamic {
	managed := !prior.IsNull() && !prior.IsUnknown() && !prior.IsUnderlyingValueNull()
	switch {
	case imported || (!managed && whole):
		return kit.HCLObjectValue(kit.WithoutSecretKeys(kit.NonNilObject(held)))
	case !managed:
		return types.DynamicNull()
	}
	return kit.HCLObjectSubset(kit.NonNilObject(held), prior)
}

// sameJSONKeepsState plans the state's value when the configuration holds
// the same JSON in another form (spacing, key order, 2.0 for 2): Terraform
// accepts the prior value in place of an equivalent configuration, so a
// reformatted configuration is no change.
var sameJSONKeepsState = kit.StringPlan("The same JSON written in another form is no change.", func(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !kit.Known(req.ConfigValue) || !kit.Known(req.StateValue) {
		return
	}
	if kit.SameJSONValue(jsontypes.NewNormalizedValue(req.ConfigValue.ValueString()), jsontypes.NewNormalizedValue(req.StateValue.ValueString())) {
		resp.PlanValue = req.StateValue
	}
})
