package instance

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewProjectStandardsCheckSpecsDataSource returns the
// dataiku_project_standards_check_specs data source: the element types a
// dataiku_project_standards_check may name.
func NewProjectStandardsCheckSpecsDataSource() datasource.DataSource {
	return kit.CollectionDataSource[dss.ProjectStandardsCheckSpec]{
		Name:            "project_standards_check_specs",
		Description:     "Lists the Project Standards check specs DSS knows (DSS 14 and later; 1 API call): the element types a `dataiku_project_standards_check` is made of.",
		List:            "check_specs",
		ListDescription: "The check specs, in DSS's order.",
		Items: map[string]schema.Attribute{
			"element_type":    schema.StringAttribute{Computed: true, MarkdownDescription: "The spec's element type, `dataiku_project_standards_check`'s `check_element_type`."},
			"label":           schema.StringAttribute{Computed: true, MarkdownDescription: "The spec's label, the name DSS gives a check made of it."},
			"description":     schema.StringAttribute{Computed: true, MarkdownDescription: "The spec's description."},
			"owner_plugin_id": schema.StringAttribute{Computed: true, MarkdownDescription: "The id of the plugin that provides the spec; null when DSS gives none."},
		},
		Request: (*dss.Client).ListProjectStandardsCheckSpecs,
		Item: func(s *dss.ProjectStandardsCheckSpec) map[string]attr.Value {
			return map[string]attr.Value{"element_type": types.StringValue(s.ElementType), "label": types.StringValue(s.Label),
				"description": types.StringValue(s.Description), "owner_plugin_id": kit.NullIfEmpty(s.OwnerPluginID)}
		},
	}.DataSource()
}

// NewProjectStandardsScopesDataSource returns the
// dataiku_project_standards_scopes data source: the scopes in DSS's
// order, the default one last.
func NewProjectStandardsScopesDataSource() datasource.DataSource {
	return kit.CollectionDataSource[dss.ProjectStandardsScope]{
		Name: "project_standards_scopes",
		Description: "Lists the Project Standards scopes (DSS 14 and later; 1 API call) in DSS's order: a project runs the checks of the first scope that selects it, " +
			"and the default scope (`selection_method = \"ALL\"`) comes last.",
		List:            "scopes",
		ListDescription: "The scopes, in DSS's order, the default scope last.",
		Items: map[string]schema.Attribute{
			"name":             schema.StringAttribute{Computed: true, MarkdownDescription: "The scope's name, `dataiku_project_standards_scope`'s import id."},
			"description":      schema.StringAttribute{Computed: true, MarkdownDescription: "The scope's description."},
			"selection_method": schema.StringAttribute{Computed: true, MarkdownDescription: "`BY_PROJECT`, `BY_FOLDER`, `BY_TAG`, or `ALL` for the default scope."},
			"checks":           schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The ids of the scope's checks, in DSS's order."},
		},
		Request: (*dss.Client).ListProjectStandardsScopes,
		Item: func(s *dss.ProjectStandardsScope) map[string]attr.Value {
			checks := make([]attr.Value, 0, len(s.Checks))
			for _, c := range s.Checks {
				checks = append(checks, types.StringValue(c))
			}
			return map[string]attr.Value{"name": types.StringValue(s.Name), "description": types.StringValue(s.Description),
				"selection_method": types.StringValue(s.SelectionMethod), "checks": types.ListValueMust(types.StringType, checks)}
		},
	}.DataSource()
}
