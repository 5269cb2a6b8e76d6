package instance

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
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
	// lock, when set, serialises this document's read-modify-writes with
	// the other resources writing it in the same command.
	lock func(c *dss.Client) func()
	// validate, when set, checks the configuration's object.
	validate func(written map[string]any) (summary, detail string)
	fields   func(*M) (*types.String, *types.Dynamic)
	// secret, when set, is the document's one secret, sent from a
	// write-only attribute (the identity-provider settings).
	secret *docSecret[M]
}

// docSecret is a document's secret as a write-only attribute attr (with
// attr_version, kit.SecretVersionChanged's rule): DSS never returns it,
// so it is never in the plan, the state or a read.
type docSecret[M any] struct {
	attr    string   // the write-only attribute, e.g. bind_password_wo
	path    []string // where DSS's document holds it
	desc    string   // what it is, for the attribute's description
	version func(*M) types.Int64
}

// address: one document per instance, at a fixed path, named by a fixed
// id that is also its import ID.
func (k instanceDocKind[M]) Address() *kit.Address[M] {
	return fixedIDAddress(k.name, strings.TrimPrefix(k.doc.Path(), "/"), k.id, "such document", func(m *M) *types.String { id, _ := k.fields(m); return id })
}

// fixedIDAddress is the address of an instance's singleton of type
// typeName: the object at path, named by the fixed id, also its import
// ID (what says what the singleton is: "such document", "default scope").
func fixedIDAddress[M any](typeName, path, id, what string, field func(*M) *types.String) *kit.Address[M] {
	one := fmt.Sprintf("there is one %s per DSS instance", what)
	return &kit.Address[M]{
		TypeName: typeName,
		Path:     path,
		Key:      []kit.KeyPart[M]{{Attr: "id", ImportPart: kit.ImportPart{Label: "id"}, Field: field, Doc: "Always `" + id + "`: " + one + "."}},
		ID:       field,
		LabelOf:  func(*M) string { return typeName },
		ParseKey: func(importID string) ([]string, error) {
			if importID != id {
				return nil, fmt.Errorf("the import ID must be %q (%s), not %q", id, one, importID)
			}
			return []string{importID}, nil
		},
	}
}

// ModifyPlanInWalk refuses a second instance of the document's resource
// in one configuration (kit/singleton_plan.go).
func (k instanceDocKind[M]) ModifyPlanInWalk(ctx context.Context, data *kit.ProviderData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	kit.CheckSingletonPlan(ctx, data, k.name, req, resp)
}

// ValidateConfig applies the kind's rule to the configuration's object.
func (k instanceDocKind[M]) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if k.validate == nil {
		return
	}
	var value types.Dynamic
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(k.attr), &value)...)
	written, err := kit.HCLObjectDecode(value)
	if err != nil || written == nil {
		return
	}
	if summary, detail := k.validate(written); summary != "" {
		resp.Diagnostics.AddAttributeError(path.Root(k.attr), summary, detail)
	}
}

// delete: the document stays; destroying the resource stops managing it.
func (k instanceDocKind[M]) Delete(context.Context, *dss.Client, *M) error { return nil }

// HCLObjectAttrs: the document's attribute was JSON text in schema
// version 0.
func (k instanceDocKind[M]) HCLObjectAttrs() []string { return []string{k.attr} }

func (k instanceDocKind[M]) Schema() schema.Schema {
	s := schema.Schema{
		Version:             1,
		MarkdownDescription: k.description,
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("Always `" + k.id + "`: there is one such document per DSS instance."),
			k.attr: schema.DynamicAttribute{Required: true,
				MarkdownDescription: k.attrDesc,
				PlanModifiers:       []planmodifier.Dynamic{kit.HCLObjectWholePlan},
				Validators:          []validator.Dynamic{kit.HCLObjectValidator}},
		},
	}
	if sec := k.secret; sec != nil {
		dssName := "`" + strings.Join(sec.path, ".") + "`"
		s.Attributes[sec.attr] = schema.StringAttribute{Optional: true, WriteOnly: true, Sensitive: true,
			MarkdownDescription: sec.desc + ", DSS's " + dssName + " (Terraform 1.11 or later). Write-only: sent to DSS and never stored in the plan or the state; " +
				"DSS never returns it, so Terraform cannot see it change. Sent at the first apply, then only when `" + sec.attr + "_version` changes: " +
				"to rotate it, change both. Removing it leaves DSS's secret as it is.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
		s.Attributes[sec.attr+"_version"] = schema.Int64Attribute{Optional: true,
			MarkdownDescription: "Any number you change to send `" + sec.attr + "` again (a rotation). Needs `" + sec.attr + "`.",
			Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot(sec.attr))}}
	}
	return s
}

// find: the document always exists, and adopting it is what creating the
// resource means.
func (k instanceDocKind[M]) Find(context.Context, *dss.Client, *M) (bool, error) {
	return false, nil
}

// Post creates nothing; it reads the document so that a key without admin
// rights is refused before anything is recorded in the state.
func (k instanceDocKind[M]) Post(ctx context.Context, c *dss.Client, m *M) error {
	if _, err := k.doc.Get(ctx, c); err != nil {
		return err
	}
	id, _ := k.fields(m)
	*id = types.StringValue(k.id)
	return nil
}

// Apply is one read-modify-write of the document (no PUT when DSS already
// holds the configuration), a read back when it wrote, and a check that DSS
// kept what was written.
func (k instanceDocKind[M]) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[M]) {
	id, value := k.fields(op.Plan)
	// The plan is the configuration, except when it was unknown at plan
	// time (a value from another resource): the configuration has it now.
	op.Diags.Append(op.Config.GetAttribute(ctx, path.Root(k.attr), value)...)
	written, err := kit.HCLObjectDecode(*value)
	if err != nil {
		op.Diags.AddAttributeError(path.Root(k.attr), "Invalid object", "Attribute "+k.attr+" "+err.Error()+".")
	}
	if op.Diags.HasError() {
		return
	}
	secret, err := k.configSecret(ctx, op)
	if op.Fail(err) {
		return
	}
	if secret != nil {
		// Masked in the client's log lines and errors.
		ctx = dss.WithSecrets(ctx, *secret)
	}
	if k.lock != nil {
		defer k.lock(c)()
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[M, dss.FreeObject]{
		Doc: k.doc,
		ToDSS: func(o *dss.FreeObject) diag.Diagnostics {
			*o = k.write(*o, written)
			if secret != nil {
				setAt(*o, k.secret.path, *secret)
			}
			return nil
		},
		FromDSS: func(got *dss.FreeObject) (diags diag.Diagnostics) {
			*id = types.StringValue(k.id)
			if state := k.state(*got, *value); !state.Equal(*value) {
				diags.AddAttributeError(path.Root(k.attr), "DSS did not keep the "+k.attr+" written", fmt.Sprintf(
					"After the write, DSS holds %s where the configuration says %s. DSS may normalise or refuse some values: write them as DSS stores them.",
					kit.HCLObjectText(state), kit.HCLObjectText(*value)))
			}
			return diags
		},
	})
}

// configSecret is the write-only secret to send: the configuration's, on
// the first apply and when its version changed; nil otherwise.
func (k instanceDocKind[M]) configSecret(ctx context.Context, op *kit.ApplyOp[M]) (*string, error) {
	if k.secret == nil || !op.SecretVersionChanged(k.secret.version) {
		return nil, nil
	}
	return kit.ConfigWriteOnly(ctx, op.Config, k.secret.attr)
}

// setAt writes v at path in doc, making the objects on the way.
func setAt(doc map[string]any, path []string, v any) {
	for _, key := range path[:len(path)-1] {
		next, ok := doc[key].(map[string]any)
		if !ok {
			next = map[string]any{}
			doc[key] = next
		}
		doc = next
	}
	doc[path[len(path)-1]] = v
}

func (k instanceDocKind[M]) Read(ctx context.Context, c *dss.Client, m *M, _ bool) error {
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
	return kit.NewResource[instanceSettingsModel](InstanceSettingsKind())
}

// mergeWritten is the write of a settings document managed by the deep
// subset rule (the general settings, the identity providers' settings):
// the keys written are merged into what DSS holds (MergeDeep), every
// other key kept as DSS has it.
func mergeWritten(held dss.FreeObject, written map[string]any) dss.FreeObject {
	if held == nil {
		held = dss.FreeObject{}
	}
	MergeDeep(held, written)
	return held
}

// InstanceSettingsKind is DSS's general settings, of which the resource
// manages the keys written, at any depth.
func InstanceSettingsKind() instanceDocKind[instanceSettingsModel] {
	return instanceDocKind[instanceSettingsModel]{
		name: "dataiku_instance_settings", id: GeneralSettingsID, attr: "settings", doc: dss.GeneralSettingsDoc(),
		write: mergeWritten,
		state: ManagedSettings,
		lock:  lockGeneralSettings,
		validate: func(written map[string]any) (string, string) {
			key, res := dedicatedSettingWritten(written)
			if key == "" {
				return "", ""
			}
			return "dataiku_instance_settings cannot write " + key, fmt.Sprintf(
				"%s is managed item by item by %s, so dataiku_instance_settings leaves it out (two resources writing it would undo each other). Declare each item as a %s instead.", key, res, res)
		},
		fields: func(m *instanceSettingsModel) (*types.String, *types.Dynamic) { return &m.ID, &m.Settings },
		description: "Keys of DSS's general settings (Administration > Settings; DSS's `/admin/general-settings` document), for an admin API key. " +
			"Only the keys written in `settings` are managed, **at any depth**: writing `{ ldapSettings = { enabled = true } }` manages `ldapSettings.enabled` and nothing else of `ldapSettings`. " +
			"DSS's other settings and defaults never show as a change. Each apply is one read-modify-write of the whole document that changes only the written keys.\n\n" +
			"A key removed from `settings` stops being managed: DSS keeps its current value. **Destroying the resource writes nothing to DSS**: the settings keep their values and Terraform stops managing them. " +
			"There is nothing to create either: the first apply writes the keys into DSS's existing settings.\n\n" +
			"**One per DSS instance.** A second `dataiku_instance_settings` (another block, or `count`/`for_each` with more than one instance) for the same provider configuration is an error at plan time. " +
			"Two provider configurations (aliases) are counted apart, so do not point two aliases at the same DSS.\n\n" +
			"**Settings managed by dedicated resources are left out**: `containerSettings.executionConfigs` belongs to `dataiku_container_exec_config`; writing it here is refused, and an import leaves it out of the state.\n\n" +
			"Import with the id `" + GeneralSettingsID + "`; right after an import the state holds the whole document but the keys that name secrets (any key containing password, secret, token, private key, passphrase, API key or credential, at any depth: " +
			"they stay out of the state and of the configuration `terraform plan -generate-config-out` writes, and are not managed unless written), and the next apply narrows it to the keys written (writing nothing when they already hold).\n\n" +
			"**Refresh cost.** 1 API call.",
		attrDesc: "The settings to manage, as an object in DSS's own names, e.g. `{ maxRunningActivities = 10, ldapSettings = { enabled = false } }`. " +
			"A string holding a JSON object (`jsonencode({...})`, the form of earlier versions) is read as that object. " +
			"Where an object is written, only the keys inside it are managed; any other value (string, number, list, null) is managed whole. " +
			"Formatting and key order are never a change. The state holds, of DSS's settings, the keys written.",
	}
}

// AdminAPI is the document's path, which only an admin may read or write.
func (k instanceDocKind[M]) AdminAPI() string { return k.doc.Path() }
