package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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

// The singular data sources read one check or one scope, so that a
// configuration that does not own them (a platform team's) names one by
// its key and the plan fails, naming the key, when DSS has none. Both
// read what their resource's read does, as after an import. Who may read
// Project Standards is not documented [I]: the data sources ask nothing
// of the key, and a refusal is DSS's, quoted (never taken for a missing
// object); the emulator lets any user read them.

// NewProjectStandardsCheckDataSource returns the
// dataiku_project_standards_check data source.
func NewProjectStandardsCheckDataSource() datasource.DataSource {
	return &kit.DataSource[projectStandardsCheckModel]{Name: "project_standards_check", Mirror: &projectStandardsCheckDataSourceSchema,
		Named: func(m *projectStandardsCheckModel) string { return m.ID.ValueString() },
		NotFound: func(m *projectStandardsCheckModel) string {
			return fmt.Sprintf("DSS has no Project Standards check of id %q (a check's id is the one DSS generated, not its name). "+
				"`terraform query` with a `list \"dataiku_project_standards_check\"` block lists the checks, each with its id and name.", m.ID.ValueString())
		},
		ReadObject: kit.ReadAsImport(projectStandardsCheckKind{}.Read, func(cfg *projectStandardsCheckModel) projectStandardsCheckModel {
			return projectStandardsCheckModel{ID: cfg.ID}
		})}
}

// projectStandardsCheckDataSourceSchema is the check resource's schema,
// computed, read by id.
var projectStandardsCheckDataSourceSchema = kit.MirroredSchema{Resource: NewProjectStandardsCheckResource,
	Description: "Reads one Project Standards check (DSS 14 and later) by id, e.g. so that a `dataiku_project_standards_scope` names a check " +
		"another configuration manages, and the plan fails, naming the id, when DSS has no such check. " +
		"Who may read it is DSS's to judge (dataikuapi does not say; the provider's emulator lets every user): a refusal is quoted, never taken for a missing check. " +
		"`terraform query` with a `list \"dataiku_project_standards_check\"` block lists the checks' ids.\n\n" +
		"**Refresh cost.** 1 API call (the check).",
	Own: map[string]schema.Attribute{
		"id": schema.StringAttribute{Required: true, MarkdownDescription: "The id DSS gave the check (`dataiku_project_standards_check`'s `id` and import id).",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
	},
	Describe: map[string]string{
		"check_element_type": "The element type of the check spec the check is made of (DSS's `checkElementType`, the spec's plugin id and component id, " +
			"e.g. `my-plugin_max-datasets`).",
		"name":        "The check's name.",
		"description": "The check's description (empty when none).",
		"params": "The check's parameters (DSS's `checkParams`), every key DSS holds, in the spec's names, without the keys (at any depth) " +
			"whose name looks like a secret's (it holds " + kit.SecretKeyWordsText + ").",
		"tags": "The check's tags (empty when none).",
	},
}

// NewProjectStandardsScopeDataSource returns the
// dataiku_project_standards_scope data source.
func NewProjectStandardsScopeDataSource() datasource.DataSource {
	return &kit.DataSource[projectStandardsScopeDataModel]{Name: "project_standards_scope", Mirror: &projectStandardsScopeDataSourceSchema,
		Named: func(m *projectStandardsScopeDataModel) string { return m.Name.ValueString() },
		NotFound: func(m *projectStandardsScopeDataModel) string {
			return fmt.Sprintf("DSS has no Project Standards scope named %q. The `dataiku_project_standards_scopes` data source lists the scopes "+
				"(so does `terraform query` with a `list \"dataiku_project_standards_scope\"` block).", m.Name.ValueString())
		},
		ReadObject: readProjectStandardsScopeDataSource}
}

// projectStandardsScopeDataSourceSchema is the scope resource's schema,
// computed, read by name, without position.
var projectStandardsScopeDataSourceSchema = kit.MirroredSchema{Resource: NewProjectStandardsScopeResource,
	Description: "Reads one Project Standards scope (DSS 14 and later) by name: its checks and which projects it selects, " +
		"e.g. so that a configuration that does not own the scope reuses its checks, and the plan fails, naming the scope, when DSS has none of that name. " +
		"Who may read it is DSS's to judge (dataikuapi does not say; the provider's emulator lets every user): a refusal is quoted, never taken for a missing scope. Its place in DSS's order is `dataiku_project_standards_scopes`'s, which lists the scopes in order.\n\n" +
		"**Refresh cost.** 1 API call (the scope).",
	Own: map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true, MarkdownDescription: "The scope's name, its id in DSS (`dataiku_project_standards_scope`'s `name` and import id).",
			Validators: projectStandardsScopeKey.Validators()},
	},
	Omit: map[string]string{
		"position": "the scope's place in DSS's order, which only the list of scopes gives: `dataiku_project_standards_scopes` lists them in that order",
	},
	Describe: map[string]string{
		"description": "Description (empty when none).",
		"checks":      "The ids of the checks the selected projects run (`dataiku_project_standards_check`'s `id`); empty when none.",
		"selection_method": "How the scope selects projects: `BY_PROJECT` (by key, `projects`), `BY_FOLDER` (by project folder id, `folders`), " +
			"`BY_TAG` (by tag, `tags`), `ALL` for DSS's default scope, or another method a newer DSS knows, as DSS spells it.",
		"projects": "The keys of the projects the scope selects (DSS's `selectedProjects`) when `selection_method` is `BY_PROJECT` (empty when none); null otherwise.",
		"folders":  "The ids of the project folders the scope selects (DSS's `selectedFolders`) when `selection_method` is `BY_FOLDER` (empty when none); null otherwise.",
		"tags":     "The project tags the scope selects (DSS's `selectedTags`) when `selection_method` is `BY_TAG` (empty when none); null otherwise.",
	},
}

// readProjectStandardsScopeDataSource reads the scope cfg names (1 GET):
// the selection method's list is shown also when empty (the resource
// reads an empty one as unset, which a data source has no use for).
func readProjectStandardsScopeDataSource(ctx context.Context, c *dss.Client, cfg *projectStandardsScopeDataModel, diagnostics *diag.Diagnostics) error {
	d, err := dss.ProjectStandardsScopeDoc(cfg.Name.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	none := types.SetValueMust(types.StringType, nil)
	m := projectStandardsScopeDataModel{Projects: none, Folders: none, Tags: none}
	diagnostics.Append(projectStandardsScopeFromDSS(ctx, d, &m)...)
	*cfg = m
	return nil
}
