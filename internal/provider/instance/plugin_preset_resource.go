package instance

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewPluginPresetResource returns the dataiku_plugin_preset resource.
func NewPluginPresetResource() resource.Resource {
	return kit.NewResource[pluginPresetModel](pluginPresetKind{})
}

// pluginPresetKind is one preset of a plugin's settings document
// (presets[{name, type, config, pluginConfig, defaultPermission,
// permissions}], dss/plugin.py [V]), named by its plugin, its type (the
// parameter set's element type) and its name. Every write is a
// read-modify-write of the whole settings document under the plugin's
// lock, so presets of one plugin applied together never overwrite each
// other. Permissions are [{group, use}] entries [I].
type pluginPresetKind struct{}

// pluginPresetFields are what DSS holds of a preset, and the data
// source's model.
type pluginPresetFields struct {
	ID          types.String  `tfsdk:"id"`
	PluginID    types.String  `tfsdk:"plugin_id"`
	Type        types.String  `tfsdk:"type"`
	Name        types.String  `tfsdk:"name"`
	Config      types.Dynamic `tfsdk:"config"`
	Permissions types.Set     `tfsdk:"permissions"`
}

// pluginPresetModel adds the write-only secrets.
type pluginPresetModel struct {
	pluginPresetFields
	SecretConfigWO        types.String `tfsdk:"secret_config_wo"`
	SecretConfigWOVersion types.Int64  `tfsdk:"secret_config_wo_version"`
}

var pluginPresetAddress = kit.Address[pluginPresetModel]{
	TypeName: "dataiku_plugin_preset",
	Path:     "plugins/{plugin_id}/settings",
	Key: []kit.KeyPart[pluginPresetModel]{
		{Attr: "plugin_id", ImportPart: kit.ImportPart{Label: "plugin_id"}, Field: func(m *pluginPresetModel) *types.String { return &m.PluginID }, Doc: "The plugin's id."},
		{Attr: "type", ImportPart: kit.ImportPart{Label: "type"}, Field: func(m *pluginPresetModel) *types.String { return &m.Type }, Doc: "The preset's type (its parameter set)."},
		{Attr: "name", ImportPart: kit.ImportPart{Label: "name"}, Field: func(m *pluginPresetModel) *types.String { return &m.Name }, Doc: "The preset's name."},
	},
	Separator: "/",
	ID:        func(m *pluginPresetModel) *types.String { return &m.ID },
	ParseKey: func(id string) ([]string, error) {
		parts := strings.SplitN(id, "/", 3)
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" || !pluginIDPattern.MatchString(parts[0]) {
			return nil, fmt.Errorf("the import id is plugin_id/type/name, e.g. geoadmin/parameter-set-geoadmin-credentials/prod; got %q", id)
		}
		return parts, nil
	},
}

func (pluginPresetKind) Address() *kit.Address[pluginPresetModel] { return &pluginPresetAddress }

func (pluginPresetKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A preset of a plugin (Plugins > the plugin > Settings): a named set of parameters, often credentials, that the plugin's recipes and datasets use. " +
			"Each preset is its own resource: every write is a read-modify-write of the plugin's settings document that changes this preset only, and presets of one plugin applied together are written one after the other. " +
			"Non-secret parameters go in `config`; secrets (passwords, keys, tokens) in the write-only `secret_config_wo`, which never reaches the plan, the state or the logs. " +
			"Needs a key that may manage the plugin (an administrator's, or one of a group that may develop plugins). Import with `plugin_id/type/name`.\n\n" +
			"**Refresh cost.** 1 API call (the plugin's settings).",
		Attributes: map[string]schema.Attribute{
			"id":        kit.StableIDAttribute("`plugin_id/type/name`."),
			"plugin_id": pluginIDAttribute("The plugin's id, e.g. `dataiku_plugin.geo.plugin_id`. Changing it replaces the preset."),
			"type": kit.RequiredReplacing("The preset's type: the parameter set it belongs to, as DSS names it (e.g. `parameter-set-geoadmin-credentials`). Changing it replaces the preset.",
				stringvalidator.LengthAtLeast(1)),
			"name": kit.RequiredReplacing("The preset's name, unique among its type's presets; recipes and datasets refer to it. Changing it replaces the preset.",
				stringvalidator.LengthAtLeast(1)),
			"config": kit.HCLObjectAttribute("The preset's non-secret parameters, as an object, e.g. `{ endpoint = \"https://api.example.com\" }` (a `jsonencode` string is read too). " +
				"Only the top-level keys written are managed, each whole; the others (the secrets of `secret_config_wo` among them) stay as DSS has them and out of the state. Changes in place."),
			"permissions": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "The groups that may use the preset. Default none (administrators only). A set. Changes in place.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}},
			"secret_config_wo": schema.StringAttribute{Optional: true, WriteOnly: true, Sensitive: true,
				MarkdownDescription: "The preset's secret parameters, as a JSON object written with `jsonencode`, e.g. `jsonencode({ api_key = var.geo_key })`: merged into the preset's parameters. " +
					"Write-only (Terraform 1.11+): never in the plan, the state or the logs. Sent when the preset is created, and afterwards only when `secret_config_wo_version` changes: to rotate a secret, change both."},
			"secret_config_wo_version": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Any number you change to send `secret_config_wo` again (a rotation). Needs `secret_config_wo`.",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("secret_config_wo"))}},
		},
	}
}

// pluginSettingsLocks serialise, per client and plugin, the
// read-modify-writes of a plugin's settings document (presets and
// dataiku_plugin_settings).
var pluginSettingsLocks sync.Map // pluginSettingsLockKey → *sync.Mutex

type pluginSettingsLockKey struct {
	c  *dss.Client
	id string
}

func lockPluginSettings(c *dss.Client, id string) func() {
	v, _ := pluginSettingsLocks.LoadOrStore(pluginSettingsLockKey{c, id}, &sync.Mutex{})
	mu, _ := v.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

// PresetsOf is the settings document's presets.
func PresetsOf(doc dss.FreeObject) []any {
	list, _ := doc["presets"].([]any)
	return list
}

// PresetItem is the preset of type typ named name, and its index (-1).
func PresetItem(list []any, typ, name string) (map[string]any, int) {
	for i, x := range list {
		if p, ok := x.(map[string]any); ok && p["type"] == typ && p["name"] == name {
			return p, i
		}
	}
	return nil, -1
}

// readPreset is m's preset as DSS holds it, or AbsentFromListError.
func readPreset(ctx context.Context, c *dss.Client, m *pluginPresetFields) (map[string]any, error) {
	doc, err := dss.PluginSettingsDoc(m.PluginID.ValueString()).Get(ctx, c)
	if err != nil {
		return nil, err
	}
	p, _ := PresetItem(PresetsOf(*doc), m.Type.ValueString(), m.Name.ValueString())
	if p == nil {
		return nil, &kit.AbsentFromListError{ListPath: dss.PluginPath(m.PluginID.ValueString()) + "/settings (presets)"}
	}
	return p, nil
}

func (pluginPresetKind) Find(ctx context.Context, c *dss.Client, m *pluginPresetModel) (bool, error) {
	return kit.FoundInList(readPreset(ctx, c, &m.pluginPresetFields))
}

// presetSecrets reads secret_config_wo from the configuration; an error
// never quotes it.
func presetSecrets(ctx context.Context, op *kit.ApplyOp[pluginPresetModel]) (map[string]any, error) {
	var s types.String
	if d := op.Config.GetAttribute(ctx, path.Root("secret_config_wo"), &s); d.HasError() {
		return nil, errors.New("reading secret_config_wo from the configuration failed")
	}
	if !kit.Known(s) {
		return nil, nil
	}
	m, err := kit.DecodeJSONObject(jsontypes.NewNormalizedValue(s.ValueString()))
	if err != nil || m == nil {
		return nil, fmt.Errorf("secret_config_wo %w", kit.ErrNotJSONObject)
	}
	return m, nil
}

// Post adds the preset (name and type only) to the plugin's settings;
// apply writes the rest, the secrets included.
func (pluginPresetKind) Post(ctx context.Context, c *dss.Client, m *pluginPresetModel) error {
	id := m.PluginID.ValueString()
	m.ID = types.StringValue(pluginPresetAddress.ImportID(m))
	defer lockPluginSettings(c, id)()
	_, _, err := c.UpdatePluginSettings(ctx, id, func(doc *dss.FreeObject) error {
		list := PresetsOf(*doc)
		if p, _ := PresetItem(list, m.Type.ValueString(), m.Name.ValueString()); p != nil {
			return nil
		}
		(*doc)["presets"] = append(list, map[string]any{"name": m.Name.ValueString(), "type": m.Type.ValueString(),
			"config": map[string]any{}, "pluginConfig": map[string]any{}, "defaultPermission": map[string]any{}, "permissions": []any{}})
		return nil
	})
	return kit.EntryWriteOutcome(err)
}

// apply: one read-modify-write of the settings document under the
// plugin's lock, the secrets merged in on create and when their version
// changed, then a read back.
func (pluginPresetKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[pluginPresetModel]) {
	plan := op.Plan
	id := plan.PluginID.ValueString()
	secrets, err := presetSecrets(ctx, op)
	if op.Fail(err) {
		return
	}
	if !op.SecretVersionChanged(func(m *pluginPresetModel) types.Int64 { return m.SecretConfigWOVersion }) {
		secrets = nil
	}
	// What is written is the configuration (the plan may hold the prior
	// state's extra keys, or be unknown at plan time).
	configured, written := configuredHCLObject(ctx, op.Config, "config", &op.Diags)
	groups, d := kit.StringsFromSet(ctx, plan.Permissions)
	if op.Diags.Append(d...); op.Diags.HasError() {
		return
	}
	unlock := lockPluginSettings(c, id)
	_, _, err = c.UpdatePluginSettings(ctx, id, func(doc *dss.FreeObject) error {
		list := PresetsOf(*doc)
		p, i := PresetItem(list, plan.Type.ValueString(), plan.Name.ValueString())
		if p == nil {
			return fmt.Errorf("plugin %s's settings no longer hold preset %s (deleted while the apply ran)", id, plan.Name.ValueString())
		}
		cfg, _ := p["config"].(map[string]any)
		cfg = hclObjectWrite(cfg, written)
		for k, v := range secrets {
			cfg[k] = v
		}
		p["config"] = cfg
		if kit.Known(plan.Permissions) && !sameStringSet(presetGroups(p), groups) {
			perms := make([]any, len(groups))
			for j, g := range groups {
				perms[j] = map[string]any{"group": g, "use": true}
			}
			p["permissions"] = perms
		}
		list[i] = p
		(*doc)["presets"] = list
		return nil
	})
	unlock()
	if op.Fail(err) {
		return
	}
	p, err := readPreset(ctx, c, &plan.pluginPresetFields)
	if op.Fail(err) {
		return
	}
	plan.Config = configured
	op.Diags.Append(presetFromDSS(ctx, p, &plan.pluginPresetFields, false)...)
	kit.HCLObjectKeepPlanned(&plan.Config, op.Planned.Config, configured)
}

// presetGroups are the groups a preset's permissions let use it.
func presetGroups(p map[string]any) []string {
	var out []string
	perms, _ := p["permissions"].([]any)
	for _, x := range perms {
		pm, _ := x.(map[string]any)
		if g, _ := pm["group"].(string); g != "" && pm["use"] == true {
			out = append(out, g)
		}
	}
	return out
}

// presetFromDSS fills m from DSS's preset: of config, the keys written
// (everything but secret-looking keys after an import).
func presetFromDSS(ctx context.Context, p map[string]any, m *pluginPresetFields, imported bool) (diags diag.Diagnostics) {
	m.ID = types.StringValue(pluginPresetAddress.ImportID(&pluginPresetModel{pluginPresetFields: *m}))
	// Unmanaged config stays null: a preset's keys not written may be
	// secrets whatever their names.
	cfg, _ := p["config"].(map[string]any)
	m.Config = hclObjectRead(cfg, m.Config, imported, false)
	groups, d := kit.StringSetValue(ctx, presetGroups(p))
	diags.Append(d...)
	m.Permissions = groups
	return diags
}

// Read costs 1 GET (the plugin's settings).
func (pluginPresetKind) Read(ctx context.Context, c *dss.Client, m *pluginPresetModel, imported bool) error {
	p, err := readPreset(ctx, c, &m.pluginPresetFields)
	if err != nil {
		return err
	}
	return kit.DiagsError(presetFromDSS(ctx, p, &m.pluginPresetFields, imported))
}

// DeletePath: a not-found of the settings means the plugin, and so the
// preset, is gone.
func (pluginPresetKind) DeletePath(m *pluginPresetModel) string {
	return dss.PluginPath(m.PluginID.ValueString()) + "/settings"
}

// Delete removes the preset from the settings (already gone: no error).
func (pluginPresetKind) Delete(ctx context.Context, c *dss.Client, m *pluginPresetModel) error {
	id := m.PluginID.ValueString()
	defer lockPluginSettings(c, id)()
	_, _, err := c.UpdatePluginSettings(ctx, id, func(doc *dss.FreeObject) error {
		list := PresetsOf(*doc)
		if _, i := PresetItem(list, m.Type.ValueString(), m.Name.ValueString()); i >= 0 {
			(*doc)["presets"] = append(list[:i:i], list[i+1:]...)
		}
		return nil
	})
	return err
}
