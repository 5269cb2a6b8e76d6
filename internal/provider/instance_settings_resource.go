package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// instanceDocKind is one of DSS's instance-wide documents (the general
// settings, the instance variables) as a resource: the document always
// exists and belongs to the instance, so creating the resource starts
// managing it, destroying it stops, and neither writes anything beyond the
// configuration's values. M is the model: an id and one JSON attribute,
// which fields returns.
type instanceDocKind[M any] struct {
	name string // the resource type
	id   string // the fixed id, also the import id
	attr string // the JSON attribute
	doc  dss.Document[dss.FreeObject]
	// write brings DSS's document held to the configuration's object.
	write func(held dss.FreeObject, written map[string]any) dss.FreeObject
	// state is what the state holds of DSS's document, given the prior
	// value of the attribute (null right after an import).
	state       func(held map[string]any, prior types.Dynamic) types.Dynamic
	description string
	attrDesc    string
	fields      func(*M) (*types.String, *types.Dynamic)
}

// address: one document per instance, at a fixed path, named by a fixed
// id that is also its import ID.
func (k instanceDocKind[M]) address() *address[M] {
	return &address[M]{
		typeName: k.name,
		path:     strings.TrimPrefix(k.doc.Path(), "/"),
		key: []keyPart[M]{{"id", importPart{label: "id"}, func(*M) *types.String {
			id := types.StringValue(k.id)
			return &id
		}, "Always `" + k.id + "`: there is one such document per DSS instance."}},
		id:      func(m *M) *types.String { id, _ := k.fields(m); return id },
		labelOf: func(*M) string { return k.name },
		parseKey: func(id string) ([]string, error) {
			if id != k.id {
				return nil, fmt.Errorf("the import ID must be %q (there is one such document per DSS instance), not %q", k.id, id)
			}
			return []string{id}, nil
		},
	}
}

// modifyPlanInWalk refuses a second instance of the document's resource
// in one configuration (instance_settings_singleton.go).
func (k instanceDocKind[M]) modifyPlanInWalk(ctx context.Context, data *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkSingletonPlan(ctx, data, k.name, req, resp)
}

// delete: the document stays; destroying the resource stops managing it.
func (k instanceDocKind[M]) delete(context.Context, *dss.Client, *M) error { return nil }

// hclObjectAttrs: the document's attribute was JSON text in schema
// version 0.
func (k instanceDocKind[M]) hclObjectAttrs() []string { return []string{k.attr} }

func (k instanceDocKind[M]) schema() schema.Schema {
	return schema.Schema{
		Version:             1,
		MarkdownDescription: k.description,
		Attributes: map[string]schema.Attribute{
			"id": stableIDAttribute("Always `" + k.id + "`: there is one such document per DSS instance."),
			k.attr: schema.DynamicAttribute{Required: true,
				MarkdownDescription: k.attrDesc,
				PlanModifiers:       []planmodifier.Dynamic{hclObjectWholePlan{}},
				Validators:          []validator.Dynamic{hclObjectValidator{}}},
		},
	}
}

// find: the document always exists, and adopting it is what creating the
// resource means.
func (k instanceDocKind[M]) find(context.Context, *dss.Client, *M) (bool, error) {
	return false, nil
}

// post creates nothing; it reads the document so that a key without admin
// rights is refused before anything is recorded in the state.
func (k instanceDocKind[M]) post(ctx context.Context, c *dss.Client, m *M) error {
	if _, err := k.doc.Get(ctx, c); err != nil {
		return err
	}
	id, _ := k.fields(m)
	*id = types.StringValue(k.id)
	return nil
}

// apply is one read-modify-write of the document (no PUT when DSS already
// holds the configuration), a read back when it wrote, and a check that DSS
// kept what was written.
func (k instanceDocKind[M]) apply(ctx context.Context, c *dss.Client, op *applyOp[M]) {
	id, value := k.fields(op.plan)
	// The plan is the configuration, except when it was unknown at plan
	// time (a value from another resource): the configuration has it now.
	op.diags.Append(op.config.GetAttribute(ctx, path.Root(k.attr), value)...)
	written, err := hclObjectDecode(*value)
	if err != nil {
		op.diags.AddAttributeError(path.Root(k.attr), "Invalid object", "Attribute "+k.attr+" "+err.Error()+".")
	}
	if op.diags.HasError() {
		return
	}
	syncDocument(ctx, c, op, documentSync[M, dss.FreeObject]{
		doc: k.doc,
		toDSS: func(o *dss.FreeObject) diag.Diagnostics {
			*o = k.write(*o, written)
			return nil
		},
		fromDSS: func(got *dss.FreeObject) (diags diag.Diagnostics) {
			*id = types.StringValue(k.id)
			if state := k.state(*got, *value); !state.Equal(*value) {
				diags.AddAttributeError(path.Root(k.attr), "DSS did not keep the "+k.attr+" written", fmt.Sprintf(
					"After the write, DSS holds %s where the configuration says %s. DSS may normalise or refuse some values: write them as DSS stores them.",
					hclObjectText(state), hclObjectText(*value)))
			}
			return diags
		},
	})
}

func (k instanceDocKind[M]) read(ctx context.Context, c *dss.Client, m *M, _ bool) error {
	got, err := k.doc.Get(ctx, c)
	if err != nil {
		return err
	}
	id, value := k.fields(m)
	*id = types.StringValue(k.id)
	*value = k.state(*got, *value)
	return nil
}

// NewInstanceSettingsResource returns the dataiku_instance_settings
// resource.
func NewInstanceSettingsResource() resource.Resource {
	return newKitResource[instanceSettingsModel](instanceSettingsKind())
}

// instanceSettingsKind is DSS's general settings, of which the resource
// manages the keys written, at any depth.
func instanceSettingsKind() instanceDocKind[instanceSettingsModel] {
	return instanceDocKind[instanceSettingsModel]{
		name: "dataiku_instance_settings", id: generalSettingsID, attr: "settings", doc: dss.GeneralSettingsDoc(),
		write: func(held dss.FreeObject, written map[string]any) dss.FreeObject {
			if held == nil {
				held = dss.FreeObject{}
			}
			mergeDeep(held, written)
			return held
		},
		state:  managedSettings,
		fields: func(m *instanceSettingsModel) (*types.String, *types.Dynamic) { return &m.ID, &m.Settings },
		description: "Keys of DSS's general settings (Administration > Settings; DSS's `/admin/general-settings` document), for an admin API key. " +
			"Only the keys written in `settings` are managed, **at any depth**: writing `{ ldapSettings = { enabled = true } }` manages `ldapSettings.enabled` and nothing else of `ldapSettings`. " +
			"DSS's other settings and defaults never show as a change. Each apply is one read-modify-write of the whole document that changes only the written keys.\n\n" +
			"A key removed from `settings` stops being managed: DSS keeps its current value. **Destroying the resource writes nothing to DSS**: the settings keep their values and Terraform stops managing them. " +
			"There is nothing to create either: the first apply writes the keys into DSS's existing settings.\n\n" +
			"**One per DSS instance.** A second `dataiku_instance_settings` (another block, or `count`/`for_each` with more than one instance) for the same provider configuration is an error at plan time. " +
			"Two provider configurations (aliases) are counted apart, so do not point two aliases at the same DSS.\n\n" +
			"Import with the id `" + generalSettingsID + "`; right after an import the state holds the whole document but the keys that name secrets (any key containing password, secret, token, private key, passphrase, API key or credential, at any depth: " +
			"they stay out of the state and of the configuration `terraform plan -generate-config-out` writes, and are not managed unless written), and the next apply narrows it to the keys written (writing nothing when they already hold).\n\n" +
			"**Refresh cost.** 1 API call.",
		attrDesc: "The settings to manage, as an object in DSS's own names, e.g. `{ maxRunningActivities = 10, ldapSettings = { enabled = false } }`. " +
			"A string holding a JSON object (`jsonencode({...})`, the form of earlier versions) is read as that object. " +
			"Where an object is written, only the keys inside it are managed; any other value (string, number, list, null) is managed whole. " +
			"Formatting and key order are never a change. The state holds, of DSS's settings, the keys written.",
	}
}
