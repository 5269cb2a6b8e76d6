package instance

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"sync"

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

// NewContainerExecConfigResource returns the dataiku_container_exec_config
// resource.
func NewContainerExecConfigResource() resource.Resource {
	return kit.NewResource[containerExecConfigModel](containerExecConfigKind{})
}

// containerExecConfigKind is one item of the general settings'
// containerSettings.executionConfigs, named by its name. Every write is a
// read-modify-write of the general settings that changes that item only,
// under the lock every writer of the general settings of this provider
// configuration takes (dataiku_instance_settings included).
//
// The item's wire names beyond name, usableBy and allowedGroups (which DSS's
// other usable-by objects share) are [I]: type KUBERNETES, repositoryURL,
// baseImageTag, kubernetesNamespace, cpuRequest, cpuLimit, memoryRequest,
// memoryLimit, and properties as a list of {key, value}.
type containerExecConfigKind struct{}

type containerExecConfigModel struct {
	ID              types.String `tfsdk:"id"`
	Name            types.String `tfsdk:"name"`
	ImageRepository types.String `tfsdk:"image_repository"`
	ImageTag        types.String `tfsdk:"image_tag"`
	Namespace       types.String `tfsdk:"namespace"`
	CPURequest      types.String `tfsdk:"cpu_request"`
	CPULimit        types.String `tfsdk:"cpu_limit"`
	MemoryRequest   types.String `tfsdk:"memory_request"`
	MemoryLimit     types.String `tfsdk:"memory_limit"`
	UsableBy        types.String `tfsdk:"usable_by"`
	AllowedGroups   types.Set    `tfsdk:"allowed_groups"`
	Properties      types.Map    `tfsdk:"properties"`
}

// k8sQuantityPattern is Kubernetes' own grammar of a resource quantity
// (resource.Quantity: a decimal number and a suffix, e.g. 500m, 2, 1.5Gi,
// 1e3).
var k8sQuantityPattern = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?[0-9]+))?$`)

const k8sQuantityRule = "should be a Kubernetes quantity: a number with an optional suffix, e.g. `500m`, `2`, `1.5Gi`, `512Mi`"

// k8sQuantityWarning warns of a value outside Kubernetes' grammar, without
// refusing it: the grammar is a third system's, and nothing says DSS checks
// it [I], so DSS may hold such a value ("4GB", typed in its settings page),
// which dss-adopt then writes; an error would lock that config out of
// Terraform. The warning says what Kubernetes will do with it.
var k8sQuantityWarning = kit.StringCheck("a value that is not a Kubernetes quantity is warned of, and passed to DSS as written",
	func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
		if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" || k8sQuantityPattern.MatchString(req.ConfigValue.ValueString()) {
			return
		}
		resp.Diagnostics.AddAttributeWarning(req.Path, "Not a Kubernetes quantity",
			fmt.Sprintf("Attribute %s %s; got %q. DSS stores it as written, but Kubernetes is likely to refuse the containers this config starts.",
				req.Path, k8sQuantityRule, req.ConfigValue.ValueString()))
	})

// execConfigUsableBy are who may use a config [I: as connections]. The list
// is open, since it is inferred: only a case variant is refused, another
// value is DSS's to judge.
var execConfigUsableBy = []string{"ALL", "ALLOWED"}

// containerExecConfigFields ties each typed string attribute to its key in
// DSS's item.
var containerExecConfigFields = []struct {
	attr, wire string
	field      func(m *containerExecConfigModel) *types.String
}{
	{"image_repository", "repositoryURL", func(m *containerExecConfigModel) *types.String { return &m.ImageRepository }},
	{"image_tag", "baseImageTag", func(m *containerExecConfigModel) *types.String { return &m.ImageTag }},
	{"namespace", "kubernetesNamespace", func(m *containerExecConfigModel) *types.String { return &m.Namespace }},
	{"cpu_request", "cpuRequest", func(m *containerExecConfigModel) *types.String { return &m.CPURequest }},
	{"cpu_limit", "cpuLimit", func(m *containerExecConfigModel) *types.String { return &m.CPULimit }},
	{"memory_request", "memoryRequest", func(m *containerExecConfigModel) *types.String { return &m.MemoryRequest }},
	{"memory_limit", "memoryLimit", func(m *containerExecConfigModel) *types.String { return &m.MemoryLimit }},
}

var containerExecConfigAddress = kit.Address[containerExecConfigModel]{
	TypeName: "dataiku_container_exec_config",
	Path:     "admin/general-settings",
	Key: []kit.KeyPart[containerExecConfigModel]{
		{Attr: "name", ImportPart: kit.ImportPart{Label: "name"}, Field: func(m *containerExecConfigModel) *types.String { return &m.Name }, Doc: "The execution config's name."},
	},
	ID: func(m *containerExecConfigModel) *types.String { return &m.ID },
	ParseKey: func(id string) ([]string, error) {
		if id == "" {
			return nil, fmt.Errorf("the import id is the execution config's name, which cannot be empty")
		}
		return []string{id}, nil
	},
}

func (containerExecConfigKind) Address() *kit.Address[containerExecConfigModel] {
	return &containerExecConfigAddress
}

// AdminAPI: the general settings are admin-only.
func (containerExecConfigKind) AdminAPI() string { return "/admin/general-settings" }

func (containerExecConfigKind) Schema() schema.Schema {
	quantity := func(what string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true,
			MarkdownDescription: what + ", as a Kubernetes quantity (e.g. `500m` or `2` CPUs, `512Mi` or `4Gi` of memory). Another value is passed to DSS as written, with a warning at plan time: " +
				"Kubernetes is likely to refuse it. Unset: none (the key is removed from the config; a key DSS holds as empty, which also means none, is left as it is). Changes in place.",
			// "" is refused, as by optional: DSS's "" reads as unset.
			Validators: []validator.String{stringvalidator.LengthAtLeast(1), k8sQuantityWarning}}
	}
	optional := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc + " Unset: none (the key is removed from the config; a key DSS holds as empty, which also means none, is left as it is). Changes in place.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
	}
	return schema.Schema{
		MarkdownDescription: "One containerized (Kubernetes) execution config of DSS (Administration > Settings > Containerized execution): " +
			"an item of `containerSettings.executionConfigs` in DSS's general settings, named by its `name`. " +
			"The resource reads and writes its own item only: other configs, and the item's keys the resource does not model, stay as DSS has them. " +
			"`dataiku_instance_settings` leaves `containerSettings.executionConfigs` to this resource (it refuses to write it), so both can be in one configuration. " +
			"Two configs of one name in one configuration are refused at plan time. Needs an admin API key. Import with the config's name.\n\n" +
			"The item's DSS keys for the image, namespace, resources and properties are inferred, not confirmed against a DSS: " +
			"`repositoryURL`, `baseImageTag`, `kubernetesNamespace`, `cpuRequest`, `cpuLimit`, `memoryRequest`, `memoryLimit`, `properties`.\n\n" +
			"**Refresh cost.** 1 API call (the general settings).",
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("The config's name."),
			"name": kit.RequiredReplacing("The config's name, unique among the instance's execution configs; recipes and notebooks refer to it. Changing it replaces the config (recipes naming the old one then fall back to DSS's default).",
				stringvalidator.LengthAtLeast(1)),
			"image_repository": optional("The image registry the containers' images are pushed to and pulled from, e.g. `123456789.dkr.ecr.eu-west-1.amazonaws.com/dss`."),
			"image_tag":        optional("The tag of the base image, e.g. `dss-14.3.0-py311`."),
			"namespace":        optional("The Kubernetes namespace the containers run in, e.g. `dss-jobs`."),
			"cpu_request":      quantity("The CPU each container requests"),
			"cpu_limit":        quantity("The CPU each container may use at most"),
			"memory_request":   quantity("The memory each container requests"),
			"memory_limit":     quantity("The memory each container may use at most"),
			"usable_by": kit.OptionalString("ALL",
				"Who may use the config: `ALL` (default) or `ALLOWED`, the groups in `allowed_groups`. A case variant of these (`all`) is refused at plan time; "+
					"any other non-empty value is passed to DSS, which judges it. Changes in place.",
				kit.KnownSpelling("usable_by value", execConfigUsableBy...)),
			"allowed_groups": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "With `usable_by = \"ALLOWED\"`: the groups that may use the config. Default none. A set: order means nothing to DSS. Changes in place.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}},
			"properties": schema.MapAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "The config's other Kubernetes properties, as DSS's list of key and value pairs, e.g. `{ \"dku.container.pod.serviceAccountName\" = \"dss\" }`. " +
					"Set: the whole list (properties not written are removed). Unset: the list stays as DSS has it. Changes in place."},
		},
	}
}

// ModifyPlanInWalk refuses a name another config of this configuration
// already has: both would write the same item.
func (containerExecConfigKind) ModifyPlanInWalk(ctx context.Context, data *kit.ProviderData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var m containerExecConfigModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if !kit.Known(m.Name) {
		return
	}
	kit.CheckKeyedSingletonPlan(ctx, data, "dataiku_container_exec_config", m.Name.ValueString(), path.Root("name"), "Execution config name used twice", fmt.Sprintf(
		"This configuration declares more than one dataiku_container_exec_config named %q. DSS keeps one execution config per name, so they would overwrite each other: give each a distinct name.",
		m.Name.ValueString()), req, resp)
}

// generalSettingsLocks serialise, per client (one per provider
// configuration and command), the read-modify-writes of DSS's general
// settings: dataiku_instance_settings and every execution config write the
// same document.
var generalSettingsLocks sync.Map // *dss.Client → *sync.Mutex

func lockGeneralSettings(c *dss.Client) func() {
	v, _ := generalSettingsLocks.LoadOrStore(c, &sync.Mutex{})
	mu, _ := v.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

// listExecConfigs reads the general settings for their execution configs:
// DSS has no list of its own for them.
func listExecConfigs(c *dss.Client, ctx context.Context) ([]any, error) {
	doc, err := dss.GeneralSettingsDoc().Get(ctx, c)
	if err != nil {
		return nil, err
	}
	return ExecConfigs(*doc, false), nil
}

// ExecConfigs is the general settings' containerSettings.executionConfigs,
// created when create is set.
func ExecConfigs(doc dss.FreeObject, create bool) []any {
	cs, _ := doc["containerSettings"].(map[string]any)
	if cs == nil {
		if !create {
			return nil
		}
		cs = map[string]any{}
		doc["containerSettings"] = cs
	}
	list, _ := cs["executionConfigs"].([]any)
	return list
}

func SetExecConfigs(doc dss.FreeObject, list []any) {
	cs, _ := doc["containerSettings"].(map[string]any)
	cs["executionConfigs"] = list
}

// ExecConfigItem is the item named name and its index, -1 when absent.
func ExecConfigItem(list []any, name string) (map[string]any, int) {
	for i, x := range list {
		if m, ok := x.(map[string]any); ok && m["name"] == name {
			return m, i
		}
	}
	return nil, -1
}

// readExecConfig is the item named name, or AbsentFromListError.
func readExecConfig(ctx context.Context, c *dss.Client, name string) (map[string]any, error) {
	doc, err := dss.GeneralSettingsDoc().Get(ctx, c)
	if err != nil {
		return nil, err
	}
	item, _ := ExecConfigItem(ExecConfigs(*doc, false), name)
	if item == nil {
		return nil, &kit.AbsentFromListError{ListPath: "/admin/general-settings (containerSettings.executionConfigs)"}
	}
	return item, nil
}

func (containerExecConfigKind) Find(ctx context.Context, c *dss.Client, m *containerExecConfigModel) (bool, error) {
	return kit.FoundInList(readExecConfig(ctx, c, m.Name.ValueString()))
}

// Post adds the item with its name and type; apply writes the rest.
func (containerExecConfigKind) Post(ctx context.Context, c *dss.Client, m *containerExecConfigModel) error {
	defer lockGeneralSettings(c)()
	name := m.Name.ValueString()
	m.ID = m.Name
	_, _, err := dss.GeneralSettingsDoc().Update(ctx, c, func(doc *dss.FreeObject) error {
		list := ExecConfigs(*doc, true)
		if item, _ := ExecConfigItem(list, name); item != nil {
			return nil
		}
		SetExecConfigs(*doc, append(list, map[string]any{"name": name, "type": "KUBERNETES", "usableBy": "ALL", "allowedGroups": []any{}, "properties": []any{}}))
		return nil
	})
	return kit.EntryWriteOutcome(err)
}

func (containerExecConfigKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[containerExecConfigModel]) {
	plan := op.Plan
	name := plan.Name.ValueString()
	groups, d := kit.StringsFromSet(ctx, plan.AllowedGroups)
	if op.Diags.Append(d...); op.Diags.HasError() {
		return
	}
	unlock := lockGeneralSettings(c)
	_, _, err := dss.GeneralSettingsDoc().Update(ctx, c, func(doc *dss.FreeObject) error {
		list := ExecConfigs(*doc, true)
		item, i := ExecConfigItem(list, name)
		if item == nil {
			return fmt.Errorf("DSS's general settings no longer hold execution config %q (deleted while the apply ran)", name)
		}
		for _, f := range containerExecConfigFields {
			if v := *f.field(plan); kit.Known(v) {
				item[f.wire] = v.ValueString()
			} else if !v.IsUnknown() && item[f.wire] != "" {
				// Unset: none. A key DSS holds as "" already says none
				// (the read gives null): left as DSS has it.
				delete(item, f.wire)
			}
		}
		if kit.Known(plan.UsableBy) {
			item["usableBy"] = plan.UsableBy.ValueString()
		}
		if kit.Known(plan.AllowedGroups) && !sameStringSet(anyStrings(item["allowedGroups"]), groups) {
			item["allowedGroups"] = kit.StringsToAny(groups)
		}
		if kit.Known(plan.Properties) {
			props := map[string]string{}
			op.Diags.Append(plan.Properties.ElementsAs(ctx, &props, false)...)
			if !samePropertyList(item["properties"], props) {
				item["properties"] = propertyList(props)
			}
		}
		list[i] = item
		SetExecConfigs(*doc, list)
		return nil
	})
	unlock()
	if op.Fail(err) || op.Diags.HasError() {
		return
	}
	item, err := readExecConfig(ctx, c, name)
	if op.Fail(err) {
		return
	}
	op.Diags.Append(execConfigFromDSS(ctx, item, plan, false)...)
}

// Read costs 1 GET (the general settings).
func (containerExecConfigKind) Read(ctx context.Context, c *dss.Client, m *containerExecConfigModel, imported bool) error {
	item, err := readExecConfig(ctx, c, m.Name.ValueString())
	if err != nil {
		return err
	}
	if d := execConfigFromDSS(ctx, item, m, imported); d.HasError() {
		return fmt.Errorf("converting DSS's answer: %v", d)
	}
	return nil
}

// Delete removes the item (an item already gone is no error).
func (containerExecConfigKind) Delete(ctx context.Context, c *dss.Client, m *containerExecConfigModel) error {
	defer lockGeneralSettings(c)()
	_, _, err := dss.GeneralSettingsDoc().Update(ctx, c, func(doc *dss.FreeObject) error {
		list := ExecConfigs(*doc, false)
		if _, i := ExecConfigItem(list, m.Name.ValueString()); i >= 0 {
			SetExecConfigs(*doc, append(list[:i:i], list[i+1:]...))
		}
		return nil
	})
	return err
}

// execConfigFromDSS fills m from DSS's item. Properties are read when
// managed (or after an import, when DSS has some).
func execConfigFromDSS(ctx context.Context, item map[string]any, m *containerExecConfigModel, imported bool) (diags diag.Diagnostics) {
	name, _ := item["name"].(string)
	m.ID, m.Name = types.StringValue(name), types.StringValue(name)
	for _, f := range containerExecConfigFields {
		// Absent, null and "" all mean none to DSS, which holds a field
		// left empty in its UI as "": each reads as null, so an adopted
		// config leaves the attribute out and plans no change.
		*f.field(m) = types.StringNull()
		switch v := item[f.wire].(type) {
		case nil:
		case string:
			if v != "" {
				*f.field(m) = types.StringValue(v)
			}
		default:
			*f.field(m) = types.StringValue(fmt.Sprint(v))
		}
	}
	m.UsableBy = types.StringValue("ALL")
	if s, _ := item["usableBy"].(string); s != "" {
		m.UsableBy = types.StringValue(s)
	}
	groups, d := kit.StringSetValue(ctx, anyStrings(item["allowedGroups"]))
	diags.Append(d...)
	m.AllowedGroups = groups
	if !m.Properties.IsNull() || imported {
		props := propertyMap(item["properties"])
		if imported && len(props) == 0 {
			m.Properties = types.MapNull(types.StringType)
		} else {
			v, d := types.MapValueFrom(ctx, types.StringType, props)
			diags.Append(d...)
			m.Properties = v
		}
	}
	return diags
}

func anyStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// propertyMap reads DSS's [{key, value}] list.
func propertyMap(v any) map[string]string {
	out := map[string]string{}
	list, _ := v.([]any)
	for _, x := range list {
		p, _ := x.(map[string]any)
		k, _ := p["key"].(string)
		if k == "" {
			continue
		}
		switch val := p["value"].(type) {
		case string:
			out[k] = val
		case nil:
			out[k] = ""
		default:
			out[k] = fmt.Sprint(val)
		}
	}
	return out
}

// propertyList is props as DSS's list, sorted by key.
func propertyList(props map[string]string) []any {
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = map[string]any{"key": k, "value": props[k]}
	}
	return out
}

func samePropertyList(held any, props map[string]string) bool {
	got := propertyMap(held)
	if len(got) != len(props) {
		return false
	}
	for k, v := range props {
		if w, ok := got[k]; !ok || w != v {
			return false
		}
	}
	return true
}
