package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Evaluation store settings ↔ models, shared by the resource and the data
// source.

// EvaluationStoreModel is an evaluation store as the resource and the
// dataiku_evaluation_store data source show it.
type EvaluationStoreModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Name       types.String `tfsdk:"name"`
	Flavor     types.String `tfsdk:"flavor"`
	kit.Documentation
}

// evaluationStoreResourceModel is the dataiku_evaluation_store resource:
// the store and its free-form settings, which the data source leaves out
// (the subset rule needs a configuration to say which keys are managed).
type evaluationStoreResourceModel struct {
	EvaluationStoreModel
	Settings types.Dynamic `tfsdk:"settings"`
	// posted is the lost-POST lookup's memory (postedByName).
	posted postedByName
}

// evaluationStoreReservedKeys are the settings keys other attributes own,
// or DSS does (the key, the project, the flavor fixed at creation).
var evaluationStoreReservedKeys = []string{"id", "projectKey", "name", "mesFlavor", "description", "shortDesc", "tags"}

// evaluationStoreFromDSS fills m from DSS's settings; a store DSS holds
// without a flavor is TABULAR (dss.EvaluationStore.FlavorOrTabular).
func evaluationStoreFromDSS(ctx context.Context, d *dss.EvaluationStore, m *EvaluationStoreModel) diag.Diagnostics {
	m.ID = types.StringValue(d.ID)
	m.ProjectKey = types.StringValue(d.ProjectKey)
	m.Name = types.StringValue(d.Name)
	m.Flavor = types.StringValue(d.FlavorOrTabular())
	return m.Documentation.FromDSS(ctx, d.Description, d.ShortDesc, d.Tags)
}

// evaluationStoreResourceFromDSS fills the resource's model: the store,
// and the settings keys it manages.
func evaluationStoreResourceFromDSS(ctx context.Context, d *dss.EvaluationStore, m *evaluationStoreResourceModel) diag.Diagnostics {
	diags := evaluationStoreFromDSS(ctx, d, &m.EvaluationStoreModel)
	kit.ReadFreeObject(&m.Settings, d.Extra, "evaluation store", &diags)
	return diags
}

// evaluationStoreToDSS writes the planned store into DSS's settings. The
// name is written too: DSS renames a store with its settings' PUT [I: the
// settings hold the name, as a knowledge bank's do]. The flavor is not
// written: it is the create's, and a change replaces the store.
func evaluationStoreToDSS(ctx context.Context, plan *evaluationStoreResourceModel, d *dss.EvaluationStore) diag.Diagnostics {
	var diags diag.Diagnostics
	kit.SetKnownString(plan.Name, &d.Name)
	diags.Append(plan.Documentation.ToDSS(ctx, &d.Description, &d.ShortDesc, &d.Tags)...)
	if err := kit.FreeObjectToDSS(plan.Settings, &d.Extra); err != nil {
		diags.AddAttributeError(path.Root("settings"), "Invalid settings", err.Error())
	}
	return diags
}
