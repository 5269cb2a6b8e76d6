package project

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Retrieval-augmented LLM settings ↔ models, shared by the resource and
// the data source.

// RetrievalAugmentedLLMModel is a retrieval-augmented LLM as the resource
// and the dataiku_retrieval_augmented_llm data source show it: its name,
// and the LLM and knowledge bank of its active version.
type RetrievalAugmentedLLMModel struct {
	ID              types.String `tfsdk:"id"`
	ProjectKey      types.String `tfsdk:"project_key"`
	Name            types.String `tfsdk:"name"`
	KnowledgeBankID types.String `tfsdk:"knowledge_bank_id"`
	LLMID           types.String `tfsdk:"llm_id"`
	ActiveVersion   types.String `tfsdk:"active_version"`
	kit.Documentation
}

// retrievalAugmentedLLMResourceModel is the resource: the LLM and the
// active version's free-form settings, which the data source leaves out
// (the subset rule needs a configuration to say which keys are managed).
type retrievalAugmentedLLMResourceModel struct {
	RetrievalAugmentedLLMModel
	Settings types.Dynamic `tfsdk:"settings"`
	// posted is the lost-POST lookup's memory (postedByName).
	posted postedByName
}

// ragLLMReservedKeys are the keys of a version's ragllmSettings that
// other attributes own.
var ragLLMReservedKeys = []string{"llmId", dss.RAGLLMKnowledgeBankField}

// retrievalAugmentedLLMFromDSS fills m from DSS's settings. The LLM and
// the knowledge bank are the active version's (null when DSS declares no
// active version, or that version has none); the bank keeps m's form (a
// bare id or PROJECT.id) when DSS names the same bank in the other.
func retrievalAugmentedLLMFromDSS(ctx context.Context, d *dss.RetrievalAugmentedLLM, m *RetrievalAugmentedLLMModel) diag.Diagnostics {
	m.ID = types.StringValue(d.ID)
	m.ProjectKey = types.StringValue(d.ProjectKey)
	m.Name = types.StringValue(d.Name)
	m.ActiveVersion = kit.NullIfEmpty(d.ActiveVersion)
	active := d.ActiveVersionSettings()
	if active == nil {
		active = &dss.RAGLLMSettings{}
	}
	m.LLMID = kit.NullIfEmpty(active.LLMID)
	m.KnowledgeBankID = refFromDSS(d.ProjectKey, m.KnowledgeBankID, active.KnowledgeBankRef)
	return m.Documentation.FromDSS(ctx, d.Description, d.ShortDesc, d.Tags)
}

// retrievalAugmentedLLMResourceFromDSS fills the resource's model: the
// LLM, and the active version's settings keys it manages.
func retrievalAugmentedLLMResourceFromDSS(ctx context.Context, d *dss.RetrievalAugmentedLLM, m *retrievalAugmentedLLMResourceModel) diag.Diagnostics {
	diags := retrievalAugmentedLLMFromDSS(ctx, d, &m.RetrievalAugmentedLLMModel)
	var held dss.Extra
	if active := d.ActiveVersionSettings(); active != nil {
		held = active.Extra
	}
	kit.ReadFreeObject(&m.Settings, held, "retrieval-augmented LLM", &diags)
	return diags
}

// retrievalAugmentedLLMToDSS writes the plan into DSS's settings: the
// name and descriptions at the top, the LLM, the knowledge bank and the
// managed settings keys into the active version only; the other versions
// and every key the provider does not model stay as DSS has them, and
// what already holds the plan in an equivalent form is left alone, so
// that an unchanged plan writes nothing.
func retrievalAugmentedLLMToDSS(ctx context.Context, plan *retrievalAugmentedLLMResourceModel, d *dss.RetrievalAugmentedLLM) diag.Diagnostics {
	var diags diag.Diagnostics
	kit.SetKnownString(plan.Name, &d.Name)
	diags.Append(plan.Documentation.ToDSS(ctx, &d.Description, &d.ShortDesc, &d.Tags)...)
	s := activeVersionForWrite(d)
	kit.SetKnownString(plan.LLMID, &s.LLMID)
	if bank := plan.KnowledgeBankID; kit.Known(bank) && !dss.SameProjectRef(plan.ProjectKey.ValueString(), s.KnowledgeBankRef, bank.ValueString()) {
		s.KnowledgeBankRef = bank.ValueString()
	}
	if err := kit.FreeObjectToDSS(plan.Settings, &s.Extra); err != nil {
		diags.AddAttributeError(path.Root("settings"), "Invalid settings", err.Error())
	}
	return diags
}

// activeVersionForWrite is the active version's ragllmSettings, made when
// missing. DSS may declare no active version, or name one it does not
// hold [V active_version: "May return None"]; what to write then is [I]:
// the provider manages the active version's LLM and bank, so it makes
// that version (under the declared id, or the first unused vN) and
// declares it active, leaving the other versions as they are. A version
// without ragllmSettings gets one.
func activeVersionForWrite(d *dss.RetrievalAugmentedLLM) *dss.RAGLLMSettings {
	v := ensureActiveVersion(&d.Versions, &d.ActiveVersion, d.Version, func(id string) dss.RAGLLMVersion { return dss.RAGLLMVersion{VersionID: id} })
	if v.Settings == nil {
		v.Settings = &dss.RAGLLMSettings{}
	}
	return v.Settings
}

// ensureActiveVersion is the active version of a versioned object
// (retrieval-augmented LLMs, agents), made when missing: under the
// declared id, or the first unused vN when DSS declares none, appended to
// versions (made by newVersion) and declared active. find is the object's
// version lookup.
func ensureActiveVersion[V any](versions *[]V, active *string, find func(id string) *V, newVersion func(id string) V) *V {
	if v := find(*active); v != nil {
		return v
	}
	id := *active
	for n := 1; id == ""; n++ {
		if candidate := fmt.Sprintf("v%d", n); find(candidate) == nil {
			id = candidate
		}
	}
	*versions = append(*versions, newVersion(id))
	*active = id
	return &(*versions)[len(*versions)-1]
}
