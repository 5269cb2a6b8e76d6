package project

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Agent settings ↔ models, shared by the resource and the data source.

// AgentModel is an agent as the resource and the dataiku_agent data
// source show it: its name and type, and the LLM and tools of its active
// version.
type AgentModel struct {
	ID              types.String `tfsdk:"id"`
	ProjectKey      types.String `tfsdk:"project_key"`
	Name            types.String `tfsdk:"name"`
	Type            types.String `tfsdk:"type"`
	PluginAgentType types.String `tfsdk:"plugin_agent_type"`
	LLMID           types.String `tfsdk:"llm_id"`
	Tools           types.Set    `tfsdk:"tools"`
	ActiveVersion   types.String `tfsdk:"active_version"`
	kit.Documentation
}

// agentResourceModel is the resource: the agent and the active version's
// free-form settings, which the data source leaves out (the subset rule
// needs a configuration to say which keys are managed).
type agentResourceModel struct {
	AgentModel
	Settings types.Dynamic `tfsdk:"settings"`
	// posted is the lost-POST lookup's memory (postedByName).
	posted postedByName
}

// agentReservedKeys are the keys of a version that other attributes own
// (toolsUsingAgentSettings holds llm_id and tools).
var agentReservedKeys = []string{"versionId", "toolsUsingAgentSettings"}

// agentToolAttrTypes is the type of one element of tools.
var agentToolAttrTypes = map[string]attr.Type{"tool_ref": types.StringType, "additional_description": types.StringType}

// AgentToolObjectType is the object type of tools' elements.
func AgentToolObjectType() types.ObjectType { return types.ObjectType{AttrTypes: agentToolAttrTypes} }

// agentTool is one element of tools.
type agentTool struct {
	ToolRef               types.String `tfsdk:"tool_ref"`
	AdditionalDescription types.String `tfsdk:"additional_description"`
}

// agentToolsOf decodes a known tools set (nil for null or unknown).
func agentToolsOf(ctx context.Context, set types.Set) ([]agentTool, diag.Diagnostics) {
	if !kit.Known(set) {
		return nil, nil
	}
	var tools []agentTool
	d := set.ElementsAs(ctx, &tools, false)
	return tools, d
}

// agentFromDSS fills m from DSS's settings. The type and plugin type keep
// m's value when DSS's settings hold none [I: create_agent sends them, the
// settings class reads only type]; the LLM and tools are the active
// version's (null when DSS declares no active version, or that version is
// no visual agent's); a tool's ref keeps m's form (a bare id or
// PROJECT.id) when DSS names the same tool in the other.
func agentFromDSS(ctx context.Context, d *dss.Agent, m *AgentModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(d.ID)
	m.ProjectKey = types.StringValue(d.ProjectKey)
	m.Name = types.StringValue(d.Name)
	if d.Type != "" || !kit.Known(m.Type) {
		m.Type = kit.NullIfEmpty(d.Type)
	}
	if d.PluginAgentType != "" || !kit.Known(m.PluginAgentType) {
		m.PluginAgentType = kit.NullIfEmpty(d.PluginAgentType)
	}
	m.ActiveVersion = kit.NullIfEmpty(d.ActiveVersion)
	var settings *dss.ToolsUsingAgentSettings
	if v := d.ActiveVersionSettings(); v != nil {
		settings = v.ToolsUsing
	}
	if settings == nil {
		settings = &dss.ToolsUsingAgentSettings{}
	}
	m.LLMID = kit.NullIfEmpty(settings.LLMID)
	prior, dd := agentToolsOf(ctx, m.Tools)
	diags.Append(dd...)
	if settings.Tools == nil {
		m.Tools = types.SetNull(AgentToolObjectType())
		return append(diags, m.Documentation.FromDSS(ctx, d.Description, d.ShortDesc, d.Tags)...)
	}
	elems := make([]attr.Value, 0, len(*settings.Tools))
	seen := map[string]bool{}
	for _, t := range *settings.Tools {
		ref := types.StringValue(t.ToolRef)
		for _, p := range prior {
			if kit.Known(p.ToolRef) && dss.SameProjectRef(d.ProjectKey, p.ToolRef.ValueString(), t.ToolRef) {
				ref = p.ToolRef
			}
		}
		// A set holds each element once: DSS listing a tool twice with
		// the same description reads as one.
		if k := ref.ValueString() + "\x00" + t.AdditionalDescription; !seen[k] {
			seen[k] = true
			elems = append(elems, types.ObjectValueMust(agentToolAttrTypes, map[string]attr.Value{
				"tool_ref": ref, "additional_description": kit.NullIfEmpty(t.AdditionalDescription)}))
		}
	}
	m.Tools = types.SetValueMust(AgentToolObjectType(), elems)
	return append(diags, m.Documentation.FromDSS(ctx, d.Description, d.ShortDesc, d.Tags)...)
}

// agentResourceFromDSS fills the resource's model: the agent, and the
// active version's settings keys it manages.
func agentResourceFromDSS(ctx context.Context, d *dss.Agent, m *agentResourceModel) diag.Diagnostics {
	diags := agentFromDSS(ctx, d, &m.AgentModel)
	var held dss.Extra
	if v := d.ActiveVersionSettings(); v != nil {
		held = v.Extra
	}
	kit.ReadFreeObject(&m.Settings, held, "agent", &diags)
	return diags
}

// agentToDSS writes the plan into DSS's settings: the name and
// descriptions at the top; the LLM, the tools and the managed settings
// keys into the active version only. The other versions and every key the
// provider does not model stay as DSS has them (a tool's own other keys
// included), and what already holds the plan in an equivalent form is
// left alone, so that an unchanged plan writes nothing.
func agentToDSS(ctx context.Context, plan *agentResourceModel, d *dss.Agent) diag.Diagnostics {
	var diags diag.Diagnostics
	kit.SetKnownString(plan.Name, &d.Name)
	diags.Append(plan.Documentation.ToDSS(ctx, &d.Description, &d.ShortDesc, &d.Tags)...)
	v := ensureActiveVersion(&d.Versions, &d.ActiveVersion, d.Version, func(id string) dss.AgentVersion { return dss.AgentVersion{VersionID: id} })
	tools, dd := agentToolsOf(ctx, plan.Tools)
	diags.Append(dd...)
	if kit.Known(plan.LLMID) || tools != nil {
		if v.ToolsUsing == nil {
			v.ToolsUsing = &dss.ToolsUsingAgentSettings{}
		}
		kit.SetKnownString(plan.LLMID, &v.ToolsUsing.LLMID)
		if tools != nil {
			agentToolsToDSS(plan.ProjectKey.ValueString(), tools, v.ToolsUsing)
		}
	}
	if err := kit.FreeObjectToDSS(plan.Settings, &v.Extra); err != nil {
		diags.AddAttributeError(path.Root("settings"), "Invalid settings", err.Error())
	}
	return diags
}

// agentToolsToDSS makes s's tools the planned ones. A list that already
// holds them (each tool once, the same refs in either form, the same
// descriptions) is left as it is, order included; otherwise the list is
// rewritten in the plan's order, each tool DSS already held keeping its
// entry (its ref's form and its other keys) with the planned description.
func agentToolsToDSS(projectKey string, planned []agentTool, s *dss.ToolsUsingAgentSettings) {
	var held []dss.AgentTool
	if s.Tools != nil {
		held = *s.Tools
	}
	heldIndex := func(ref string) int {
		for i, t := range held {
			if dss.SameProjectRef(projectKey, t.ToolRef, ref) {
				return i
			}
		}
		return -1
	}
	same := len(held) == len(planned)
	out := make([]dss.AgentTool, 0, len(planned))
	for _, p := range planned {
		ref, desc := p.ToolRef.ValueString(), p.AdditionalDescription.ValueString()
		t := dss.AgentTool{ToolRef: ref}
		if i := heldIndex(ref); i >= 0 {
			t = held[i]
		} else {
			same = false
		}
		if t.AdditionalDescription != desc {
			same = false
			t.AdditionalDescription = desc
		}
		out = append(out, t)
	}
	if !same || s.Tools == nil {
		s.Tools = &out
	}
}

// sameToolsPlan keeps the state's tools when the configuration names the
// same tools with the same descriptions, a tool's ref perhaps in the other
// form (a bare id or PROJECT_KEY.id of the agent's project): DSS may hold
// either, so that an agent adopted as DSS holds it plans no change.
func sameToolsPlan() planmodifier.Set {
	return kit.SetPlan("Keeps the state's tools when the configuration names the same ones, a ref perhaps in the other form (a bare id or PROJECT_KEY.id).",
		func(ctx context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
			if !kit.Known(req.ConfigValue) || !kit.Known(req.StateValue) || req.ConfigValue.Equal(req.StateValue) {
				return
			}
			var key types.String
			if d := req.Plan.GetAttribute(ctx, path.Root("project_key"), &key); d.HasError() || !kit.Known(key) {
				return
			}
			planned, d1 := agentToolsOf(ctx, req.ConfigValue)
			held, d2 := agentToolsOf(ctx, req.StateValue)
			if d1.HasError() || d2.HasError() || len(planned) != len(held) {
				return
			}
			for _, p := range planned {
				if !kit.Known(p.ToolRef) || !slices.ContainsFunc(held, func(h agentTool) bool {
					return dss.SameProjectRef(key.ValueString(), p.ToolRef.ValueString(), h.ToolRef.ValueString()) && p.AdditionalDescription.Equal(h.AdditionalDescription)
				}) {
					return
				}
			}
			resp.PlanValue = req.StateValue
		})
}
