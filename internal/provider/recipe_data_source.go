package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

var (
	_ datasource.DataSourceWithConfigure = (*recipeDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*recipesDataSource)(nil)
)

// NewRecipeDataSource returns the dataiku_recipe data source.
func NewRecipeDataSource() datasource.DataSource { return &recipeDataSource{} }

type recipeDataSource struct{ client *dss.Client }

func (d *recipeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_recipe"
}

func (d *recipeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	roles := func(desc string) schema.MapAttribute {
		return schema.MapAttribute{Computed: true, ElementType: recipeRoleType, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one DSS recipe's settings (1 API call).",
		Attributes: map[string]schema.Attribute{
			"project_key":       schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project holding the recipe."},
			"name":              schema.StringAttribute{Required: true, MarkdownDescription: "The recipe's name."},
			"id":                computed("`PROJECT_KEY.name`."),
			"type":              computed("Recipe type, e.g. `python`, `join`."),
			"inputs":            roles("Inputs by role: lists of `{ ref }`."),
			"outputs":           roles("Outputs by role: lists of `{ ref, append }` (append only when true)."),
			"script":            computed("The code of a code recipe; null for a visual one."),
			"payload":           schema.StringAttribute{Computed: true, MarkdownDescription: "A visual recipe's settings as a JSON object; null for a code recipe or an empty payload."},
			"params":            schema.StringAttribute{Computed: true, CustomType: jsontypes.NormalizedType{}, MarkdownDescription: "The recipe's params as a JSON object; null when empty."},
			"description":       computed("Long description."),
			"short_description": computed("Short description."),
			"tags":              schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags of the recipe."},
		},
	}
}

func (d *recipeDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *recipeDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg recipeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := fmt.Sprintf("Cannot read data.dataiku_recipe %q", cfg.ProjectKey.ValueString()+"."+cfg.Name.ValueString())
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	s, err := recipeDoc(&cfg).Get(ctx, d.client)
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	m := recipeModel{Inputs: types.MapNull(recipeRoleType), Outputs: types.MapNull(recipeRoleType)}
	resp.Diagnostics.Append(recipeFromDSS(ctx, s, &m, true)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// NewRecipesDataSource returns the dataiku_recipes data source.
func NewRecipesDataSource() datasource.DataSource { return &recipesDataSource{} }

type recipesDataSource struct{ client *dss.Client }

type recipesDataSourceModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Recipes    types.List   `tfsdk:"recipes"`
}

func (d *recipesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_recipes"
}

func (d *recipesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists a project's recipes with their inputs and outputs (1 API call); scripts and payloads are not listed: read one recipe for them.",
		Attributes: map[string]schema.Attribute{
			"id":          computed("The project key."),
			"project_key": schema.StringAttribute{Required: true, MarkdownDescription: "Key of the project."},
			"recipes": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The recipes, sorted by name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":    computed("Recipe name."),
					"type":    computed("Recipe type."),
					"inputs":  schema.MapAttribute{Computed: true, ElementType: recipeRoleType, MarkdownDescription: "Inputs by role."},
					"outputs": schema.MapAttribute{Computed: true, ElementType: recipeRoleType, MarkdownDescription: "Outputs by role."},
					"tags":    schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags."},
				}}},
		},
	}
}

func (d *recipesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *recipesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg recipesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot read data.dataiku_recipes of project " + cfg.ProjectKey.ValueString()
	if !requireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	recipes, err := d.client.ListRecipes(ctx, cfg.ProjectKey.ValueString())
	if err != nil {
		addDSSError(&resp.Diagnostics, summary, err)
		return
	}
	slices.SortFunc(recipes, func(a, b dss.Recipe) int { return strings.Compare(a.Name, b.Name) })
	items := make([]attr.Value, 0, len(recipes))
	for i := range recipes {
		m := recipeModel{Inputs: types.MapNull(recipeRoleType), Outputs: types.MapNull(recipeRoleType)}
		resp.Diagnostics.Append(recipeFromDSS(ctx, &dss.RecipeSettings{Recipe: recipes[i]}, &m, true)...)
		obj, diags := types.ObjectValue(recipeListItemAttrTypes, map[string]attr.Value{
			"name": m.Name, "type": m.Type, "inputs": m.Inputs, "outputs": m.Outputs, "tags": m.Tags,
		})
		resp.Diagnostics.Append(diags...)
		items = append(items, obj)
	}
	list, diags := types.ListValue(types.ObjectType{AttrTypes: recipeListItemAttrTypes}, items)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.ID, cfg.Recipes = cfg.ProjectKey, list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
