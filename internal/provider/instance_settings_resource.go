package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// NewInstanceSettingsResource returns the dataiku_instance_settings
// resource.
func NewInstanceSettingsResource() resource.Resource {
	return newSingletonResource[instanceSettingsModel](instanceSettingsKind{})
}

// instanceSettingsKind is DSS's general settings: a document that always
// exists, of which the resource manages the keys written.
type instanceSettingsKind struct{}

func (instanceSettingsKind) typeName() string { return "dataiku_instance_settings" }

func (instanceSettingsKind) schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Keys of DSS's general settings (Administration > Settings; DSS's `/admin/general-settings` document), for an admin API key. " +
			"Only the keys written in `settings` are managed, **at any depth**: writing `{ ldapSettings = { enabled = true } }` manages `ldapSettings.enabled` and nothing else of `ldapSettings`. " +
			"DSS's other settings and defaults never show as a change. Each apply is one read-modify-write of the whole document that changes only the written keys.\n\n" +
			"A key removed from `settings` stops being managed: DSS keeps its current value. **Destroying the resource writes nothing to DSS**: the settings keep their values and Terraform stops managing them. " +
			"There is nothing to create either: the first apply writes the keys into DSS's existing settings.\n\n" +
			"**One per DSS instance.** A second `dataiku_instance_settings` (another block, or `count`/`for_each` with more than one instance) for the same provider configuration is an error at plan time. " +
			"Two provider configurations (aliases) are counted apart, so do not point two aliases at the same DSS.\n\n" +
			"Import with the id `" + generalSettingsID + "`; right after an import the state holds the whole document, and the next apply narrows it to the keys written (writing nothing when they already hold).\n\n" +
			"**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Always `" + generalSettingsID + "`: there is one such document per DSS instance.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"settings": schema.StringAttribute{Required: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "The settings to manage, as a JSON object written with `jsonencode`, in DSS's own names, e.g. `jsonencode({ maxRunningActivities = 10, ldapSettings = { enabled = false } })`. " +
					"Where an object is written, only the keys inside it are managed; any other value (string, number, list, null) is managed whole. " +
					"Formatting and key order are never a change. The state holds, of DSS's settings, the keys written.",
				Validators: []validator.String{jsonObjectValidator{}}},
		},
	}
}

func (instanceSettingsKind) label(*instanceSettingsModel) string { return "dataiku_instance_settings" }

func (instanceSettingsKind) objectPath(*instanceSettingsModel) string {
	return dss.GeneralSettingsDoc().Path()
}

// find: the document always exists and belongs to the instance, not to
// anyone's Terraform; creating the resource starts managing keys of it.
func (instanceSettingsKind) find(context.Context, *dss.Client, *instanceSettingsModel) (bool, error) {
	return false, nil
}

// post creates nothing; it reads the document so that a key without admin
// rights is refused before anything is recorded in the state.
func (instanceSettingsKind) post(ctx context.Context, c *dss.Client, m *instanceSettingsModel) error {
	if _, err := dss.GeneralSettingsDoc().Get(ctx, c); err != nil {
		return err
	}
	m.ID = types.StringValue(generalSettingsID)
	return nil
}

func (instanceSettingsKind) identity(*instanceSettingsModel) map[string]attr.Value {
	return map[string]attr.Value{"id": types.StringValue(generalSettingsID)}
}

// apply merges the configuration's keys into DSS's settings in one
// read-modify-write (no PUT when they already hold), reads them back when
// written, and checks that DSS kept what was written.
func (instanceSettingsKind) apply(ctx context.Context, c *dss.Client, op *applyOp[instanceSettingsModel]) error {
	plan := op.plan
	// The plan is the configuration, except when it was unknown at plan
	// time (a value from another resource): the configuration has it now.
	op.diags.Append(op.config.GetAttribute(ctx, path.Root("settings"), &plan.Settings)...)
	written, err := decodeJSONObject(plan.Settings)
	if err != nil {
		op.diags.AddAttributeError(path.Root("settings"), "Invalid JSON object", "Attribute settings "+err.Error()+".")
	}
	if op.diags.HasError() {
		return nil
	}
	doc := dss.GeneralSettingsDoc()
	got, wrote, err := doc.Update(ctx, c, func(o *dss.FreeObject) error {
		if *o == nil {
			*o = dss.FreeObject{}
		}
		mergeDeep(*o, written)
		return nil
	})
	if err != nil {
		return err
	}
	if wrote {
		if got, err = doc.Get(ctx, c); err != nil {
			return err
		}
	}
	plan.ID = types.StringValue(generalSettingsID)
	state := managedSettings(*got, plan.Settings)
	if !state.Equal(plan.Settings) {
		op.diags.AddAttributeError(path.Root("settings"), "DSS did not keep the settings written", fmt.Sprintf(
			"After writing the settings, DSS holds %s for the keys of the configuration, which says %s. "+
				"DSS may normalise or refuse some values: write them as DSS stores them.", state.ValueString(), plan.Settings.ValueString()))
		return nil
	}
	plan.Settings = state
	return nil
}

// read projects DSS's settings onto the keys the state manages (all of them
// right after an import).
func (instanceSettingsKind) read(ctx context.Context, c *dss.Client, m *instanceSettingsModel) error {
	got, err := dss.GeneralSettingsDoc().Get(ctx, c)
	if err != nil {
		return err
	}
	m.ID = types.StringValue(generalSettingsID)
	m.Settings = managedSettings(*got, m.Settings)
	return nil
}

// delete writes nothing: destroying the resource stops managing the keys,
// DSS keeps its settings (there is no "no settings" state to go back to).
func (instanceSettingsKind) delete(context.Context, *dss.Client, *instanceSettingsModel) error {
	return nil
}

func (instanceSettingsKind) importIdentity(id string) (map[string]attr.Value, error) {
	return singletonImportID(id, generalSettingsID)
}

// singletonImportID accepts only the singleton's fixed id.
func singletonImportID(id, want string) (map[string]attr.Value, error) {
	if id != want {
		return nil, fmt.Errorf("the import ID must be %q (there is one such document per DSS instance), not %q", want, id)
	}
	return map[string]attr.Value{"id": types.StringValue(want)}, nil
}
