package provider

import (
	"context"

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

// NewInstanceVariablesResource returns the dataiku_instance_variables
// resource.
func NewInstanceVariablesResource() resource.Resource {
	return newSingletonResource[instanceVariablesModel](instanceVariablesKind{})
}

// instanceVariablesKind is DSS's instance variables: one document the
// resource owns whole while it exists.
type instanceVariablesKind struct{}

func (instanceVariablesKind) typeName() string { return "dataiku_instance_variables" }

func (instanceVariablesKind) schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "DSS's instance variables (Administration > Settings > Variables; DSS's `/admin/variables` document), for an admin API key. " +
			"**Authoritative**: the whole document is the configuration's `variables`; a variable added in DSS by hand shows as a change and the next apply removes it. " +
			"The first apply replaces whatever variables DSS had: import first (`" + instanceVariablesID + "`) to see them.\n\n" +
			"**Destroying the resource writes nothing to DSS**: the variables keep their last values and Terraform stops managing them. " +
			"Projects' recipes and scenarios read these variables, so emptying them as a side effect of a destroy (or of moving the resource to another state) could break running flows; " +
			"to remove them, apply `variables = jsonencode({})` before destroying.\n\n" +
			"**One per DSS instance.** A second `dataiku_instance_variables` (another block, or `count`/`for_each` with more than one instance) for the same provider configuration is an error at plan time. " +
			"Two provider configurations (aliases) are counted apart, so do not point two aliases at the same DSS.\n\n" +
			"Import with the id `" + instanceVariablesID + "`.\n\n**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Always `" + instanceVariablesID + "`: there is one such document per DSS instance.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"variables": schema.StringAttribute{Required: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "Every instance variable, as a JSON object written with `jsonencode`, e.g. `jsonencode({ env = \"prod\", retention_days = 30 })`. " +
					"Values may be any JSON. Formatting and key order are never a change; any other difference with DSS is, and the next apply repairs it.",
				Validators: []validator.String{jsonObjectValidator{}}},
		},
	}
}

func (instanceVariablesKind) label(*instanceVariablesModel) string {
	return "dataiku_instance_variables"
}

func (instanceVariablesKind) objectPath(*instanceVariablesModel) string {
	return dss.InstanceVariablesDoc().Path()
}

// find: the document always exists; creating the resource takes it over.
func (instanceVariablesKind) find(context.Context, *dss.Client, *instanceVariablesModel) (bool, error) {
	return false, nil
}

// post creates nothing; it reads the document so that a key without admin
// rights is refused before anything is recorded in the state.
func (instanceVariablesKind) post(ctx context.Context, c *dss.Client, m *instanceVariablesModel) error {
	if _, err := dss.InstanceVariablesDoc().Get(ctx, c); err != nil {
		return err
	}
	m.ID = types.StringValue(instanceVariablesID)
	return nil
}

func (instanceVariablesKind) identity(*instanceVariablesModel) map[string]attr.Value {
	return map[string]attr.Value{"id": types.StringValue(instanceVariablesID)}
}

// apply replaces the variables with the configuration's (no PUT when they
// are already the same) and reads them back when written.
func (instanceVariablesKind) apply(ctx context.Context, c *dss.Client, op *applyOp[instanceVariablesModel]) error {
	plan := op.plan
	op.diags.Append(op.config.GetAttribute(ctx, path.Root("variables"), &plan.Variables)...)
	want, err := decodeJSONObject(plan.Variables)
	if err != nil {
		op.diags.AddAttributeError(path.Root("variables"), "Invalid JSON object", "Attribute variables "+err.Error()+".")
	}
	if op.diags.HasError() {
		return nil
	}
	doc := dss.InstanceVariablesDoc()
	got, wrote, err := doc.Update(ctx, c, func(o *dss.FreeObject) error {
		if !jsonEqual(map[string]any(*o), nonNilObject(want)) {
			fresh := dss.FreeObject{}
			mergeDeep(fresh, want)
			*o = fresh
		}
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
	plan.ID = types.StringValue(instanceVariablesID)
	plan.Variables = wholeVariables(*got, plan.Variables)
	return nil
}

func (instanceVariablesKind) read(ctx context.Context, c *dss.Client, m *instanceVariablesModel) error {
	got, err := dss.InstanceVariablesDoc().Get(ctx, c)
	if err != nil {
		return err
	}
	m.ID = types.StringValue(instanceVariablesID)
	m.Variables = wholeVariables(*got, m.Variables)
	return nil
}

// delete writes nothing: see the resource's description.
func (instanceVariablesKind) delete(context.Context, *dss.Client, *instanceVariablesModel) error {
	return nil
}

func (instanceVariablesKind) importIdentity(id string) (map[string]attr.Value, error) {
	return singletonImportID(id, instanceVariablesID)
}
