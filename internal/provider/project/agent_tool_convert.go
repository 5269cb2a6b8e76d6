package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Agent tool settings ↔ models, shared by the resource and the data source.

// AgentToolModel is an agent tool as the resource and the
// dataiku_agent_tool data source show it.
type AgentToolModel struct {
	ID              types.String `tfsdk:"id"`
	ProjectKey      types.String `tfsdk:"project_key"`
	Name            types.String `tfsdk:"name"`
	Type            types.String `tfsdk:"type"`
	KnowledgeBankID types.String `tfsdk:"knowledge_bank_id"`
	kit.Documentation
}

// agentToolResourceModel is the resource: the tool and the params keys
// it manages, which the data source leaves out (the subset rule needs a
// configuration to say which keys are managed).
type agentToolResourceModel struct {
	AgentToolModel
	Params types.Dynamic `tfsdk:"params"`
	// posted is the lost-POST lookup's memory (postedByName).
	posted postedByName
}

// agentToolFromDSS fills m from DSS's settings. The type keeps m's value
// when DSS's settings hold none [I: get_settings reads it, so DSS sends
// it]; the knowledge bank keeps m's form (a bare id or PROJECT.id) when
// DSS names the same bank in the other.
func agentToolFromDSS(ctx context.Context, d *dss.AgentToolSettings, m *AgentToolModel) diag.Diagnostics {
	m.ID = types.StringValue(d.ID)
	m.ProjectKey = types.StringValue(d.ProjectKey)
	m.Name = types.StringValue(d.Name)
	if d.Type != "" || !kit.Known(m.Type) {
		m.Type = kit.NullIfEmpty(d.Type)
	}
	var bank string
	if d.Params != nil {
		bank = d.Params.KnowledgeBankRef
	}
	m.KnowledgeBankID = refFromDSS(d.ProjectKey, m.KnowledgeBankID, bank)
	return m.Documentation.FromDSS(ctx, d.Description, d.ShortDesc, d.Tags)
}

// agentToolResourceFromDSS fills the resource's model: the tool, and the
// params keys it manages.
func agentToolResourceFromDSS(ctx context.Context, d *dss.AgentToolSettings, m *agentToolResourceModel) diag.Diagnostics {
	diags := agentToolFromDSS(ctx, d, &m.AgentToolModel)
	var held dss.Extra
	if d.Params != nil {
		held = d.Params.Extra
	}
	params, err := kit.FreeObjectFromDSS(m.Params, held)
	if err != nil {
		diags.AddError("Cannot read the agent tool's params", err.Error())
	}
	m.Params = params
	return diags
}

// agentToolToDSS writes the plan into DSS's settings: the name and
// descriptions at the top, the knowledge bank and the managed keys into
// params. Every key the provider does not model stays as DSS has it, and
// a bank DSS names in the other form is left alone, so that an unchanged
// plan writes nothing.
func agentToolToDSS(ctx context.Context, plan *agentToolResourceModel, d *dss.AgentToolSettings) diag.Diagnostics {
	var diags diag.Diagnostics
	kit.SetKnownString(plan.Name, &d.Name)
	diags.Append(plan.Documentation.ToDSS(ctx, &d.Description, &d.ShortDesc, &d.Tags)...)
	bank := plan.KnowledgeBankID
	writeBank := kit.Known(bank) && (d.Params == nil || !dss.SameProjectRef(plan.ProjectKey.ValueString(), d.Params.KnowledgeBankRef, bank.ValueString()))
	if d.Params == nil && (writeBank || kit.Known(plan.Params) && !plan.Params.IsNull()) {
		d.Params = &dss.AgentToolParams{}
	}
	if writeBank {
		d.Params.KnowledgeBankRef = bank.ValueString()
	}
	if d.Params != nil {
		if err := kit.FreeObjectToDSS(plan.Params, &d.Params.Extra); err != nil {
			diags.AddAttributeError(path.Root("params"), "Invalid params", err.Error())
		}
	}
	return diags
}
