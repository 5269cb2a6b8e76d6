package project

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Code studio settings ↔ models, shared by the resource and the data
// source.

// CodeStudioModel is a code studio as the resource and the
// dataiku_code_studio data source show it.
type CodeStudioModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Name       types.String `tfsdk:"name"`
	TemplateID types.String `tfsdk:"template_id"`
	Owner      types.String `tfsdk:"owner"`
	LibName    types.String `tfsdk:"lib_name"`
}

// codeStudioResourceModel is the dataiku_code_studio resource.
type codeStudioResourceModel struct {
	CodeStudioModel
	// posted is the lost-POST lookup's memory (postedByName).
	posted postedByName
}

// codeStudioDataSourceModel is the data source: the studio and its state.
type codeStudioDataSourceModel struct {
	CodeStudioModel
	State types.String `tfsdk:"state"`
}

// codeStudioFromDSS fills m from DSS's settings. The project key is the
// one m names (the settings may not repeat it).
func codeStudioFromDSS(projectKey string, cs *dss.CodeStudio, m *CodeStudioModel) {
	m.ID = types.StringValue(cs.ID)
	m.ProjectKey = types.StringValue(projectKey)
	m.Name = types.StringValue(cs.Name)
	m.TemplateID = types.StringValue(cs.TemplateID)
	m.Owner = kit.NullIfEmpty(cs.Owner)
	m.LibName = kit.NullIfEmpty(cs.LibName)
}
