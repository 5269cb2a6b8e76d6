package dss

import (
	"context"
)

// Recipe calls (dss-api.md §5.3, dss-api-more.md §4). A recipe is named
// by its name in its project; its settings are one document {recipe,
// payload}, where payload is a string: a code recipe's script, a visual
// recipe's JSON document serialised.
//
// Scripts can hold credentials by mistake, so no error this package builds
// quotes a recipe body: the document types are secretHolders (a decoding
// failure does not quote the answer), and the request log carries only
// method, path and status (client.go), never bodies.

// RecipeRef is one item of a role: a dataset name, a managed-folder id,
// or PROJECT.name for a foreign input.
type RecipeRef struct {
	Ref        string `json:"ref"`
	AppendMode *bool  `json:"appendMode,omitempty"` // outputs only
	Extra      Extra  `json:"-"`                    // deps and what else DSS keeps
}

func (r *RecipeRef) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, r) }
func (r RecipeRef) MarshalJSON() ([]byte, error)  { return encodeWithExtra(r) }

// RecipeRole is one role of a recipe's inputs or outputs.
type RecipeRole struct {
	Items []RecipeRef `json:"items" dss:"nonnull"`
	Extra Extra       `json:"-"`
}

func (r *RecipeRole) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, r) }
func (r RecipeRole) MarshalJSON() ([]byte, error)  { return encodeWithExtra(r) }

// Recipe is the recipe part of the settings document (also a list item).
type Recipe struct {
	ProjectKey string `json:"projectKey"`
	Name       string `json:"name"`
	Type       string `json:"type"`
	// Params is sent back only when DSS sent it: a visual recipe has no
	// params key (its definition is the payload), and DSS's own client
	// saves the document as it read it [V DSSRecipeSettings.save], so a
	// read-modify-write must not add "params": {} to it. An empty object
	// DSS sent is sent back empty (omitzero omits only nil).
	Params  Object                `json:"params,omitzero"`
	Inputs  map[string]RecipeRole `json:"inputs" dss:"nonnull"`
	Outputs map[string]RecipeRole `json:"outputs" dss:"nonnull"`
	// Description and ShortDesc are where DSS's recipe object keeps them
	// [I: as for datasets; DSS also mirrors them in /metadata].
	Description string   `json:"description"`
	ShortDesc   string   `json:"shortDesc"`
	Tags        []string `json:"tags" dss:"nonnull"`
	Extra       Extra    `json:"-"`
}

func (r *Recipe) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, r) }
func (r Recipe) MarshalJSON() ([]byte, error)  { return encodeWithExtra(r) }

func (*Recipe) holdsSecrets() {}

// RecipeSettings is GET/PUT /projects/{key}/recipes/{name}. Payload is a
// pointer: a GET without one gives a PUT without one, which DSS reads as
// "unchanged" (DSS's own client does the same).
type RecipeSettings struct {
	Recipe  Recipe  `json:"recipe"`
	Payload *string `json:"payload,omitempty"`
	Extra   Extra   `json:"-"`
}

func (s *RecipeSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, s) }
func (s RecipeSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(s) }

func (*RecipeSettings) holdsSecrets() {}

// recipeList is a list reply; it may hold scripts' metadata, so it is not
// quoted either.
type recipeList []Recipe

func (*recipeList) holdsSecrets() {}

// PayloadString is the payload, "" when DSS sent none.
func (s *RecipeSettings) PayloadString() string {
	if s.Payload == nil {
		return ""
	}
	return *s.Payload
}

// RecipeDoc is a recipe's settings document {recipe, payload}.
func RecipeDoc(projectKey, name string) Document[RecipeSettings] {
	return DocumentAt[RecipeSettings](Path("projects", projectKey, "recipes", name))
}

// ListRecipes lists a project's recipes (the recipe parts).
func (c *Client) ListRecipes(ctx context.Context, projectKey string) ([]Recipe, error) {
	return getAs[recipeList](ctx, c, Path("projects", projectKey, "recipes")+"/", nil)
}

// RecipePrototype is what a recipe is created with. Outputs must exist:
// the creation settings never ask DSS to create them.
type RecipePrototype struct {
	ProjectKey string
	Name       string
	Type       string
	Inputs     map[string]RecipeRole
	Outputs    map[string]RecipeRole
	// Script is a code recipe's script, sent as DSS's code creators do
	// (creationSettings.script); "" sends none.
	Script string
}

// CreateRecipe creates a recipe as DSS's creators do (recipePrototype +
// creationSettings, with createOutputDataset false) and returns the name
// DSS gave it.
func (c *Client) CreateRecipe(ctx context.Context, p RecipePrototype) (string, error) {
	settings := map[string]any{
		"createOutputDataset": false, "outputDatasetSettings": nil,
		"createOutputFolder": false, "outputFolderSettings": nil,
	}
	if p.Script != "" {
		settings["script"] = p.Script
	}
	body := map[string]any{
		"recipePrototype": map[string]any{
			"projectKey": p.ProjectKey, "name": p.Name, "type": p.Type,
			"inputs": rolesOrEmpty(p.Inputs), "outputs": rolesOrEmpty(p.Outputs),
		},
		"creationSettings": settings,
	}
	return postCreatedKey[createdName](ctx, c, Path("projects", p.ProjectKey, "recipes")+"/", nil, body, "created the recipe")
}

func rolesOrEmpty(r map[string]RecipeRole) map[string]RecipeRole {
	if r == nil {
		return map[string]RecipeRole{}
	}
	return r
}

// DeleteRecipe deletes a recipe; its datasets stay.
func (c *Client) DeleteRecipe(ctx context.Context, projectKey, name string) error {
	return c.Delete(ctx, Path("projects", projectKey, "recipes", name), nil, nil)
}
