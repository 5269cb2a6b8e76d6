package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewRecipeDataSource returns the dataiku_recipe data source.
func NewRecipeDataSource() datasource.DataSource {
	return &kit.DataSource[RecipeModel]{Name: "recipe", Mirror: &recipeDataSourceSchema, ReadObject: readRecipeDataSource,
		Named: func(m *RecipeModel) string { return m.ProjectKey.ValueString() + "." + m.Name.ValueString() }}
}

// recipeDataSourceSchema is the recipe resource's schema, computed, read
// by project_key and name.
var recipeDataSourceSchema = kit.MirroredSchema{Resource: NewRecipeResource,
	Description: "Reads one DSS recipe's settings (1 API call).",
	Own: map[string]schema.Attribute{
		"project_key": kit.ProjectKeyAttribute("the recipe"),
		"name":        schema.StringAttribute{Required: true, MarkdownDescription: "The recipe's name."},
	},
	Describe: kit.Describing(kit.DocumentationDescriptions("recipe"), map[string]string{
		"type":    "Recipe type, e.g. `python`, `join`.",
		"inputs":  "Inputs by role: lists of `{ ref }`.",
		"outputs": "Outputs by role: lists of `{ ref, append }` (append only when true).",
		"script":  "The code of a code recipe; null for a visual one.",
		"payload": "A visual recipe's settings as a JSON object; null for a code recipe or an empty payload.",
		"params":  "The recipe's params as an object; null when empty.",
	}),
}

func readRecipeDataSource(ctx context.Context, c *dss.Client, cfg *RecipeModel, diagnostics *diag.Diagnostics) error {
	s, err := recipeDoc(cfg).Get(ctx, c)
	if err != nil {
		return err
	}
	m := RecipeModel{Inputs: types.MapNull(recipeRoleType), Outputs: types.MapNull(recipeRoleType)}
	diagnostics.Append(RecipeFromDSS(ctx, s, &m, true)...)
	*cfg = m
	return nil
}

// NewRecipesDataSource returns the dataiku_recipes data source.
func NewRecipesDataSource() datasource.DataSource {
	return kit.InProject((*dss.Client).ListRecipes, kit.ListDataSource[dss.Recipe]{Name: "recipes",
		List: "recipes", ListDescription: "The recipes, sorted by name.",
		Description: "Lists a project's recipes with their inputs and outputs (1 API call); scripts and payloads are not listed: read one recipe for them.",
		Item: map[string]schema.Attribute{
			"name":    kit.ComputedString("Recipe name."),
			"type":    kit.ComputedString("Recipe type."),
			"inputs":  schema.MapAttribute{Computed: true, ElementType: recipeRoleType, MarkdownDescription: "Inputs by role."},
			"outputs": schema.MapAttribute{Computed: true, ElementType: recipeRoleType, MarkdownDescription: "Outputs by role."},
			"tags":    schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags."},
		},
		SortKey: func(r *dss.Recipe) string { return r.Name },
		Row: func(ctx context.Context, _ kit.ListConfig, r *dss.Recipe, diagnostics *diag.Diagnostics) map[string]attr.Value {
			m := RecipeModel{Inputs: types.MapNull(recipeRoleType), Outputs: types.MapNull(recipeRoleType)}
			diagnostics.Append(RecipeFromDSS(ctx, &dss.RecipeSettings{Recipe: *r}, &m, true)...)
			return map[string]attr.Value{"name": m.Name, "type": m.Type, "inputs": m.Inputs, "outputs": m.Outputs, "tags": m.Tags}
		},
	})
}
