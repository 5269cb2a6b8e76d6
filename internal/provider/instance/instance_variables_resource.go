package instance

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewInstanceVariablesResource returns the dataiku_instance_variables
// resource.
func NewInstanceVariablesResource() resource.Resource {
	return kit.NewResource[instanceVariablesModel](InstanceVariablesKind())
}

// InstanceVariablesKind is DSS's instance variables, owned whole by the
// resource while it exists (see instanceDocKind).
func InstanceVariablesKind() instanceDocKind[instanceVariablesModel] {
	return instanceDocKind[instanceVariablesModel]{
		name: "dataiku_instance_variables", id: InstanceVariablesID, attr: "variables", doc: dss.InstanceVariablesDoc(),
		// The configuration replaces the document, unless it is already the
		// same (then nothing is sent); every variable (every part) it does
		// not change keeps DSS's text, a variable it does not have is gone.
		write: func(held dss.FreeObject, written map[string]any) dss.FreeObject {
			if kit.JSONEqual(map[string]any(held), kit.NonNilObject(written)) {
				return held
			}
			fresh := dss.FreeObject{}
			kept, _ := kit.KeepEqual(map[string]any(held), kit.NonNilObject(written)).(map[string]any)
			MergeDeep(fresh, kept)
			return fresh
		},
		state:  WholeVariables,
		fields: func(m *instanceVariablesModel) (*types.String, *types.Dynamic) { return &m.ID, &m.Variables },
		description: "DSS's instance variables (Administration > Settings > Variables; DSS's `/admin/variables` document), for an admin API key. " +
			"**Authoritative**: the whole document is the configuration's `variables`; a variable added in DSS by hand shows as a change and the next apply removes it. " +
			"The first apply replaces whatever variables DSS had: import first (`" + InstanceVariablesID + "`) to see them.\n\n" +
			"**Destroying the resource writes nothing to DSS**: the variables keep their last values and Terraform stops managing them. " +
			"Projects' recipes and scenarios read these variables, so emptying them as a side effect of a destroy (or of moving the resource to another state) could break running flows; " +
			"to remove them, apply `variables = {}` before destroying.\n\n" +
			"**One per DSS instance.** A second `dataiku_instance_variables` (another block, or `count`/`for_each` with more than one instance) for the same provider configuration is an error at plan time. " +
			"Two provider configurations (aliases) are counted apart, so do not point two aliases at the same DSS.\n\n" +
			"Import with the id `" + InstanceVariablesID + "`.\n\n**Refresh cost.** 1 API call.",
		attrDesc: "Every instance variable, as an object, e.g. `{ env = \"prod\", retention_days = 30 }`. " +
			"A string holding a JSON object (`jsonencode({...})`, the form of earlier versions) is read as that object. " +
			"Values may be any JSON. Formatting and key order are never a change; any other difference with DSS is, and the next apply repairs it.",
	}
}
