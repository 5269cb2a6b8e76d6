package project

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
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

// NewProjectDataSource returns the dataiku_project data source.
func NewProjectDataSource() datasource.DataSource {
	return &kit.DataSource[projectDataSourceModel]{Name: "project", Mirror: &projectDataSourceSchema, ReadObject: readProjectDataSource,
		Named: func(m *projectDataSourceModel) string { return m.ProjectKey.ValueString() }}
}

type projectDataSourceModel struct {
	projectAttrs
	IncludeVariables types.Bool `tfsdk:"include_variables"`
}

// projectDataSourceSchema is the project resource's schema, computed, read
// by project_key, with the variables only when asked.
var projectDataSourceSchema = func() kit.MirroredSchema {
	describe := map[string]string{
		"name":              "Display name (DSS metadata `label`).",
		"description":       "Long description (DSS metadata `description`).",
		"short_description": "One-line description (DSS metadata `shortDesc`).",
		"tags":              "Project tags.",
		"owner":             "Login of the project owner.",
		"project_folder_id": "Id of the project folder holding the project (`ROOT` for the root).",
		"permissions":       "The project's grants, one per group or user.",
		"permissions.group": "DSS group of the grant (null for a user grant).",
		"permissions.user":  "DSS user login of the grant (null for a group grant).",
		"local_variables":   "Local variables as a JSON object, when `include_variables` is true. Sensitive.",
	}
	for _, f := range projectPermissionFlags {
		describe["permissions."+f.attr] = f.desc
	}
	return kit.MirroredSchema{Resource: NewProjectResource,
		Description: "Reads one Dataiku DSS project by key: metadata, owner, folder, permissions and, when asked, variables. " +
			"Reading permissions needs admin rights on the project; a non-admin key that cannot see the project gets an error naming the missing rights.",
		Own: map[string]schema.Attribute{
			"project_key": schema.StringAttribute{
				Required: true, MarkdownDescription: "Key of the project to read.",
				Validators: []validator.String{stringvalidator.RegexMatches(kit.ProjectKeyPattern, kit.ProjectKeyRule)},
			},
			"include_variables": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Whether to read the project's variables (one more API call). Defaults to `false`, because local variables often hold secrets; " +
					"when false, `standard_variables` and `local_variables` are null.",
			},
			// Sensitive here, unlike the resource's: read with the local ones.
			"standard_variables": schema.DynamicAttribute{
				Computed: true, Sensitive: true,
				MarkdownDescription: "Standard variables as an object, when `include_variables` is true. Sensitive, since it is read together with the local ones.",
			},
		},
		Omit: map[string]string{
			"delete_managed_data": "a destroy-time choice, not stored in DSS",
			"duplicate_from":      "a create-time choice, not stored in DSS",
		},
		Describe: describe,
	}
}()

func readProjectDataSource(ctx context.Context, c *dss.Client, cfg *projectDataSourceModel, diagnostics *diag.Diagnostics) error {
	key := cfg.ProjectKey.ValueString()
	vars := cfg.IncludeVariables.ValueBool()
	out := projectDataSourceModel{IncludeVariables: cfg.IncludeVariables}
	out.StandardVariables, out.LocalVariables = types.DynamicNull(), kit.NewSensitiveJSON(jsontypes.NewNormalizedNull())
	diags, err := readProject(ctx, c, key, &out.projectAttrs, projectScope{permissions: true, folder: true, standard: vars, local: vars, allRights: true})
	diagnostics.Append(diags...)
	if err != nil {
		return err
	}
	*cfg = out
	return nil
}

// NewProjectsDataSource returns the dataiku_projects data source.
func NewProjectsDataSource() datasource.DataSource {
	return kit.ListDataSource[dss.ProjectSummary]{Name: "projects",
		Description:   "Lists the Dataiku DSS projects the API key can see (DSS lists only projects the key may read), optionally filtered by tag and by folder.",
		IDDescription: "A fixed identifier of the listing.",
		IDOf:          func(kit.ListConfig) string { return "projects" },
		Config: map[string]schema.Attribute{
			"tag": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only list projects carrying this tag.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"project_folder_id": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only list projects directly in this project folder (`ROOT` for the root; subfolders are not included).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
		List: "projects", ListDescription: "The projects, sorted by key.",
		Item: map[string]schema.Attribute{
			"project_key": kit.ComputedString("Project key."),
			"name":        kit.ComputedString("Display name."),
			"owner":       kit.ComputedString("Login of the owner."),
			"tags":        schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Project tags."},
		},
		Read:    readProjectsList,
		SortKey: func(p *dss.ProjectSummary) string { return p.ProjectKey },
		Row: func(ctx context.Context, _ kit.ListConfig, p *dss.ProjectSummary, diagnostics *diag.Diagnostics) map[string]attr.Value {
			tags, diags := kit.StringSetValue(ctx, p.Tags)
			diagnostics.Append(diags...)
			return map[string]attr.Value{
				"project_key": types.StringValue(p.ProjectKey), "name": types.StringValue(p.Name),
				"owner": types.StringValue(p.OwnerLogin), "tags": tags,
			}
		},
	}.DataSource()
}

// readProjectsList lists the projects the key sees, those of the
// configuration's tag and folder only.
func readProjectsList(ctx context.Context, c *dss.Client, cfg kit.ListConfig, _ *diag.Diagnostics) ([]dss.ProjectSummary, error) {
	list, err := c.ListProjects(ctx)
	if err != nil {
		return nil, err
	}
	if tag := cfg.String("tag"); !tag.IsNull() {
		list = slices.DeleteFunc(list, func(p dss.ProjectSummary) bool { return !slices.Contains(p.Tags, tag.ValueString()) })
	}
	// The folder's projectKeys is the documented way to know which projects
	// a folder holds (the list's location field is undocumented).
	if folder := cfg.String("project_folder_id"); !folder.IsNull() {
		f, err := c.GetProjectFolder(ctx, folder.ValueString())
		if err != nil {
			return nil, err
		}
		list = slices.DeleteFunc(list, func(p dss.ProjectSummary) bool { return !slices.Contains(f.ProjectKeys, p.ProjectKey) })
	}
	return list, nil
}
