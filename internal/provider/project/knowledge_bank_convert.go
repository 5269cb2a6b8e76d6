package project

import (
	"cmp"
	"context"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Knowledge bank settings ↔ models, shared by the resource and the data
// source.

// KnowledgeBankModel is a knowledge bank as the resource and the
// dataiku_knowledge_bank data source show it.
type KnowledgeBankModel struct {
	ID                types.String `tfsdk:"id"`
	ProjectKey        types.String `tfsdk:"project_key"`
	Name              types.String `tfsdk:"name"`
	VectorStoreType   types.String `tfsdk:"vector_store_type"`
	EmbeddingLLMID    types.String `tfsdk:"embedding_llm_id"`
	Connection        types.String `tfsdk:"connection_name"`
	IndexName         types.String `tfsdk:"index_name"`
	PineconeIndexName types.String `tfsdk:"pinecone_index_name"`
	ImagesFolderID    types.String `tfsdk:"images_folder_id"`
	MetadataSchema    types.Map    `tfsdk:"metadata_schema"`
	kit.Documentation
}

// knowledgeBankResourceModel is the dataiku_knowledge_bank resource: the
// bank and its free-form settings, which the data source leaves out (the
// subset rule needs a configuration to say which keys are managed).
type knowledgeBankResourceModel struct {
	KnowledgeBankModel
	Settings types.Dynamic `tfsdk:"settings"`
	// posted is the lost-POST lookup's memory (postedByName).
	posted postedByName
}

// knowledgeBankReservedKeys are the settings keys other attributes own,
// or DSS does (the key and the project).
var knowledgeBankReservedKeys = []string{"id", "projectKey", "name", "vectorStoreType", "embeddingLLMId", "connection", "indexName",
	"pineconeIndexName", "managedFolderId", "metadataColumnsSchema", "description", "shortDesc", "tags"}

// knowledgeBankFromDSS fills m from DSS's settings. The images folder
// keeps m's form (a bare id or PROJECT.id) when DSS names the same folder
// in the other; an empty metadata schema keeps m's empty map, if it has
// one, and reads as null otherwise.
func knowledgeBankFromDSS(ctx context.Context, kb *dss.KnowledgeBank, m *KnowledgeBankModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(kb.ID)
	m.ProjectKey = types.StringValue(kb.ProjectKey)
	m.Name = types.StringValue(kb.Name)
	m.VectorStoreType = kit.NullIfEmpty(kb.VectorStoreType)
	m.EmbeddingLLMID = kit.NullIfEmpty(kb.EmbeddingLLMID)
	m.Connection = kit.NullIfEmpty(kb.Connection)
	m.IndexName = kit.NullIfEmpty(kb.IndexName)
	m.PineconeIndexName = kit.NullIfEmpty(kb.PineconeIndexName)
	m.ImagesFolderID = refFromDSS(kb.ProjectKey, m.ImagesFolderID, kb.ManagedFolderID)
	schema := map[string]attr.Value{}
	for _, c := range kb.MetadataColumnsSchema {
		schema[c.Name] = types.StringValue(c.Type)
	}
	switch {
	case len(schema) > 0:
		var d diag.Diagnostics
		m.MetadataSchema, d = types.MapValue(types.StringType, schema)
		diags.Append(d...)
	case kit.Known(m.MetadataSchema) && len(m.MetadataSchema.Elements()) == 0:
		// The configuration's {}: the same as none.
	default:
		m.MetadataSchema = types.MapNull(types.StringType)
	}
	diags.Append(m.Documentation.FromDSS(ctx, kb.Description, kb.ShortDesc, kb.Tags)...)
	return diags
}

// knowledgeBankToDSS writes the planned bank into DSS's settings; what is
// already there in an equivalent form stays as DSS has it, so that an
// unchanged plan writes nothing. The name is written too: DSS renames a
// bank with its settings' PUT [V: the settings hold the name].
func knowledgeBankToDSS(ctx context.Context, plan *knowledgeBankResourceModel, kb *dss.KnowledgeBank) diag.Diagnostics {
	var diags diag.Diagnostics
	kit.SetKnownString(plan.Name, &kb.Name)
	kit.SetKnownString(plan.VectorStoreType, &kb.VectorStoreType)
	kit.SetKnownString(plan.EmbeddingLLMID, &kb.EmbeddingLLMID)
	for field, value := range map[*string]types.String{&kb.Connection: plan.Connection, &kb.IndexName: plan.IndexName, &kb.PineconeIndexName: plan.PineconeIndexName} {
		if !value.IsUnknown() {
			*field = value.ValueString()
		}
	}
	if folder := plan.ImagesFolderID; !folder.IsUnknown() {
		switch {
		case folder.IsNull():
			// No images folder: the column the client set with it goes too.
			if kb.ManagedFolderID != "" && kb.MultimodalColumn == dss.MultimodalColumnForImages {
				kb.MultimodalColumn = ""
			}
			kb.ManagedFolderID = ""
		case !dss.SameProjectRef(plan.ProjectKey.ValueString(), kb.ManagedFolderID, folder.ValueString()):
			kb.ManagedFolderID = folder.ValueString()
			// As the client's set_images_folder does [V].
			kb.MultimodalColumn = cmp.Or(kb.MultimodalColumn, dss.MultimodalColumnForImages)
		}
	}
	if !plan.MetadataSchema.IsUnknown() {
		diags.Append(applyMetadataSchema(ctx, plan.MetadataSchema, &kb.MetadataColumnsSchema)...)
	}
	diags.Append(plan.Documentation.ToDSS(ctx, &kb.Description, &kb.ShortDesc, &kb.Tags)...)
	if err := kit.FreeObjectToDSS(plan.Settings, &kb.Extra); err != nil {
		diags.AddAttributeError(path.Root("settings"), "Invalid settings", err.Error())
	}
	return diags
}

// applyMetadataSchema sets DSS's metadata columns to the planned map (null
// is none). When the columns already hold the same name → type pairs
// they stay as they are, in DSS's order; otherwise they are written
// sorted by name, each keeping the fields DSS has for a column of that
// name that the provider does not model.
func applyMetadataSchema(ctx context.Context, planned types.Map, cols *[]dss.KnowledgeBankColumn) diag.Diagnostics {
	want := map[string]string{}
	if !planned.IsNull() {
		if d := planned.ElementsAs(ctx, &want, false); d.HasError() {
			return d
		}
	}
	held := map[string]dss.KnowledgeBankColumn{}
	for _, c := range *cols {
		held[c.Name] = c
	}
	same := len(held) == len(*cols) && len(held) == len(want)
	for name, typ := range want {
		same = same && held[name].Type == typ && held[name].Name == name
	}
	if same {
		return nil
	}
	out := make([]dss.KnowledgeBankColumn, 0, len(want))
	for _, name := range slices.Sorted(maps.Keys(want)) {
		c := held[name]
		c.Name, c.Type = name, want[name]
		out = append(out, c)
	}
	*cols = out
	return nil
}
