package instance

import (
	"context"
	"fmt"
	"regexp"
	"slices"

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

// NewCodeStudioTemplateSettingsResource returns the
// dataiku_code_studio_template_settings resource.
func NewCodeStudioTemplateSettingsResource() resource.Resource {
	return kit.NewResource[codeStudioTemplateSettingsModel](codeStudioTemplateSettingsKind{})
}

// codeStudioTemplateSettingsKind is the part of a code studio template's
// settings that says which containerized execution configurations the
// template builds images for: allContainerConfs and containerConfs
// (dss/admin.py DSSCodeStudioTemplateSettings [V]). Templates are made in
// DSS's administration pages (the API cannot create or delete them), so
// creating the resource starts managing a template's settings and
// destroying it writes nothing, as dataiku_plugin_settings. Every write is
// a read-modify-write of the whole document (GET then PUT
// /admin/code-studios/{id} [V]), so the template's other keys (its type,
// label, blocks) stay as DSS has them.
type codeStudioTemplateSettingsKind struct{}

type codeStudioTemplateSettingsModel struct {
	ID                types.String  `tfsdk:"id"`
	TemplateID        types.String  `tfsdk:"template_id"`
	AllContainerConfs types.Bool    `tfsdk:"all_container_confs"`
	ContainerConfs    types.Set     `tfsdk:"container_confs"`
	Settings          types.Dynamic `tfsdk:"settings"`
}

// codeStudioTemplateModelledKeys are the settings' keys the resource
// models with attributes of their own (or that name the template):
// settings may not write them.
var codeStudioTemplateModelledKeys = []string{"id", "allContainerConfs", "containerConfs"}

// codeStudioTemplateIDKey names a template by its id. DSS chooses the ids
// (they are made in its pages); the only rule is what a path segment
// needs, so that nothing DSS holds is refused.
var codeStudioTemplateIDKey = kit.NameKey{Attr: "template_id", Label: "template_id", What: "code studio template's id",
	Pattern: regexp.MustCompile(`^[^/]+$`), Rule: "is not empty and holds no slash"}

var codeStudioTemplateSettingsAddress = kit.NamedAddress("dataiku_code_studio_template_settings", "admin/code-studios/{template_id}", codeStudioTemplateIDKey,
	func(m *codeStudioTemplateSettingsModel) *types.String { return &m.TemplateID },
	func(m *codeStudioTemplateSettingsModel) *types.String { return &m.ID })

func (codeStudioTemplateSettingsKind) Address() *kit.Address[codeStudioTemplateSettingsModel] {
	return &codeStudioTemplateSettingsAddress
}

// AdminAPI: the templates live under /admin, which DSS serves to
// administrators only.
func (codeStudioTemplateSettingsKind) AdminAPI() string { return "/admin/code-studios/" }

func (codeStudioTemplateSettingsKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Which containerized execution configurations a code studio template builds images for " +
			"(set in DSS's administration pages), as dataikuapi's `DSSCodeStudioTemplateSettings` sets them. " +
			"Templates are made in DSS's administration pages (DSS's API cannot create or delete them; `dataiku_code_studio_templates` lists them), " +
			"so creating this resource starts managing a template's settings. Every apply is a read-modify-write of the template's whole settings: " +
			"its other settings (type, label, blocks) stay as DSS has them.\n\n" +
			"**Destroying the resource writes nothing to DSS**: the template stays, with its last settings, and Terraform stops managing them.\n\n" +
			"A change of settings does not rebuild the template's images: run the `dataiku_code_studio_template_build` action after it " +
			"(an `action_trigger` in the resource's `lifecycle`, see the example). Needs an administrator's API key. Import with the template's id.\n\n" +
			"**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("The template's id."),
			"template_id": kit.RequiredReplacing("The template's id, as `dataiku_code_studio_templates` lists it; the template must exist in DSS. "+
				"Changing it manages another template's settings (the old one keeps its last settings).", codeStudioTemplateIDKey.Validators()...),
			"all_container_confs": kit.OptionalBool(false,
				"Whether the template builds an image for every containerized execution configuration of the instance (DSS's `allContainerConfs`), "+
					"including those added later. Default `false`: only those of `container_confs`. Changes in place."),
			"container_confs": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				Default: setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "With `all_container_confs = false`: the names of the containerized execution configurations the template builds images for " +
					"(DSS's `containerConfs`; `dataiku_container_exec_config`'s `name`). Default none. A name DSS does not know is accepted: " +
					"the build reports the configurations it built for. Setting names with `all_container_confs = true` is an error at plan time, " +
					"since DSS then ignores them (the list DSS holds is left as it is). A set: order means nothing to DSS. Changes in place."},
			"settings": func() schema.DynamicAttribute {
				a := kit.HCLObjectAttribute("Other keys of the template's settings document, in DSS's names, e.g. `{ label = \"VS Code (GPU)\" }`. " +
					"Only the top-level keys written are managed, each whole; the others (the template's type and blocks, say) stay as DSS has them. " +
					"`id`, `allContainerConfs` and `containerConfs` are refused: `template_id`, `all_container_confs` and `container_confs` manage them. " +
					"Unset: nothing more is managed (an import leaves it unset too). Changes in place.")
				a.Validators = []validator.Dynamic{kit.HCLObjectWithout(func(k string) bool { return slices.Contains(codeStudioTemplateModelledKeys, k) },
					"`id`, `allContainerConfs` and `containerConfs` are managed by `template_id`, `all_container_confs` and `container_confs`")}
				return a
			}(),
		},
	}
}

// ValidateConfig refuses names with all_container_confs = true: DSS builds
// for every configuration then, and the names would say otherwise. An
// empty set is what the default writes, and no contradiction.
func (codeStudioTemplateSettingsKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var all types.Bool
	var confs types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("all_container_confs"), &all)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("container_confs"), &confs)...)
	if !kit.Known(all) || !all.ValueBool() || confs.IsNull() || confs.IsUnknown() || len(confs.Elements()) == 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("container_confs"), "container_confs with all_container_confs = true",
		fmt.Sprintf("container_confs names %d configurations, but all_container_confs = true builds the template for every configuration and DSS ignores the names. "+
			"Remove container_confs, or set all_container_confs = false to build for these only.", len(confs.Elements())))
}

// Find: the settings exist with the template; managing them is what
// creating the resource means.
func (codeStudioTemplateSettingsKind) Find(context.Context, *dss.Client, *codeStudioTemplateSettingsModel) (bool, error) {
	return false, nil
}

// Post writes nothing; it reads the settings, so that a missing template
// or a key without rights is refused, with DSS's message, before anything
// is recorded.
func (codeStudioTemplateSettingsKind) Post(ctx context.Context, c *dss.Client, m *codeStudioTemplateSettingsModel) error {
	if _, err := dss.CodeStudioTemplateDoc(m.TemplateID.ValueString()).Get(ctx, c); err != nil {
		return err
	}
	m.ID = m.TemplateID
	return nil
}

// Delete: the template stays, with its last settings; destroying the
// resource stops managing them.
func (codeStudioTemplateSettingsKind) Delete(context.Context, *dss.Client, *codeStudioTemplateSettingsModel) error {
	return nil
}

// Apply read-modify-writes the settings: no PUT when DSS already holds
// the planned flag and names (in any order).
func (codeStudioTemplateSettingsKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[codeStudioTemplateSettingsModel]) {
	plan := op.Plan
	configured, written := configuredHCLObject(ctx, op.Config, "settings", &op.Diags)
	if op.Diags.HasError() {
		return
	}
	plan.Settings = configured
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[codeStudioTemplateSettingsModel, dss.FreeObject]{
		Doc: dss.CodeStudioTemplateDoc(plan.TemplateID.ValueString()),
		ToDSS: func(d *dss.FreeObject) diag.Diagnostics {
			if written != nil {
				// Each key written replaces DSS's, DSS's text kept where
				// it holds the same JSON.
				kit.MergeKeepingEqual(*d, written)
			}
			all := plan.AllContainerConfs.ValueBool()
			if held, ok := (*d)["allContainerConfs"].(bool); !ok || held != all {
				(*d)["allContainerConfs"] = all
			}
			if all {
				// DSS ignores the names then; dataikuapi leaves them too.
				return nil
			}
			confs, diags := kit.StringsFromSet(ctx, plan.ContainerConfs)
			if !slices.Equal(sortedStrings((*d)["containerConfs"]), confs) {
				(*d)["containerConfs"] = confs
			}
			return diags
		},
		FromDSS: func(d *dss.FreeObject) diag.Diagnostics { return codeStudioTemplateSettingsFromDSS(ctx, *d, plan) },
		KeepPlanned: func(got, planned, _ *codeStudioTemplateSettingsModel) {
			kit.HCLObjectKeepPlanned(&got.Settings, planned.Settings, configured)
		},
	})
}

// Read costs 1 GET.
func (codeStudioTemplateSettingsKind) Read(ctx context.Context, c *dss.Client, m *codeStudioTemplateSettingsModel, _ bool) error {
	doc, err := dss.CodeStudioTemplateDoc(m.TemplateID.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	return kit.DiagsError(codeStudioTemplateSettingsFromDSS(ctx, *doc, m))
}

// codeStudioTemplateSettingsFromDSS fills m from the settings: settings
// holds the keys it writes, null when unset (an import included). With
// allContainerConfs the names DSS may still hold mean nothing, and show
// as none, as the configuration writes them.
func codeStudioTemplateSettingsFromDSS(ctx context.Context, doc dss.FreeObject, m *codeStudioTemplateSettingsModel) diag.Diagnostics {
	m.ID = m.TemplateID
	all, _ := doc["allContainerConfs"].(bool)
	m.AllContainerConfs = types.BoolValue(all)
	var confs []string
	if !all {
		confs = sortedStrings(doc["containerConfs"])
	}
	var diags diag.Diagnostics
	m.ContainerConfs, diags = kit.StringSetValue(ctx, confs)
	// The subset rule: of DSS's settings, the keys written.
	m.Settings = hclObjectRead(doc, m.Settings, false, false)
	return diags
}

// sortedStrings is a JSON list of strings, sorted (other elements left
// out); nil reads as empty, as dataikuapi's default.
func sortedStrings(v any) []string {
	out := anyStrings(v)
	slices.Sort(out)
	return out
}
