package project

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewRecipeResource returns the dataiku_recipe resource.
func NewRecipeResource() resource.Resource {
	return kit.NewResource[RecipeModel](recipeKind{})
}

// recipeKind is a recipe: named by the caller, created with DSS's
// recipePrototype + creationSettings (outputs must exist), then changed by
// read-modify-writes of its {recipe, payload} settings.
type recipeKind struct{}

func roleDescription(what string, outputs bool) string {
	s := "The recipe's " + what + ": a map from role name (usually `main`) to the ordered list of its items, each `{ ref = \"name\" }` " +
		"where `ref` is the name of a dataset or a streaming endpoint, or the id of a managed folder, saved model, model evaluation store or knowledge bank of the project " +
		"(e.g. a `prediction_training` recipe's output is a saved model, an `evaluation` recipe writes its `evaluationStore` role, " +
		"a `prompt` recipe reads its `knowledge_bank` role; read their ids with the `dataiku_saved_models`, `dataiku_model_evaluation_stores` " +
		"and `dataiku_knowledge_banks` data sources)"
	if outputs {
		return s + ". `append = true` makes the recipe append to the output instead of overwriting it (DSS's `appendMode`, default false). " +
			"Outputs must exist (declare them as `dataiku_dataset` or `dataiku_managed_folder` resources; saved models, model evaluation stores and " +
			"knowledge banks have no resource and are made in DSS, so name them by id): DSS is never asked to create them. " +
			"A dataset, folder or saved model can be the output of one recipe only; DSS refuses a second, and an output listed twice is refused at plan time. " +
			"Null or empty for a recipe without outputs. Changes in place."
	}
	return s + ", or `PROJECT_KEY.name` for a dataset of another project, which must be exposed to this one (a `dataiku_exposed_object`: " +
		"reference it, e.g. `\"OTHER.${dataiku_exposed_object.x.local_name}\"`, so that the exposure is created first; DSS refuses the recipe otherwise). " +
		"Use the dataset resource's `name` attribute so that a dataset renamed in place is followed. Changes in place."
}

// RecipeAddress: a recipe is named by its project and a name the caller
// chooses.
var RecipeAddress = kit.Address[RecipeModel]{
	TypeName: "dataiku_recipe",
	Path:     "projects/{project_key}/recipes/{name}",
	Key: []kit.KeyPart[RecipeModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *RecipeModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project holding the recipe."},
		{Attr: "name", ImportPart: kit.RecipePart, Field: func(m *RecipeModel) *types.String { return &m.Name }, Doc: "The recipe's name."},
	},
	Example: "e.g. SALES.compute_orders",
	ID:      func(m *RecipeModel) *types.String { return &m.ID },
}

func (recipeKind) Address() *kit.Address[RecipeModel] { return &RecipeAddress }

// HCLObjectAttrs: params was JSON text in schema version 0. payload stays
// JSON text: Terraform logs the values of dynamic attributes read from the
// state at DEBUG, and a payload must not reach the logs.
func (recipeKind) HCLObjectAttrs() []string { return []string{"params"} }

func (recipeKind) Schema() schema.Schema {
	return schema.Schema{
		Version: 1,
		MarkdownDescription: "A DSS recipe: one step of a project's Flow, turning input datasets or folders into outputs. " +
			"Code recipes (`python`, `r`, `sql_query`, `sql_script`, `shell`, `pyspark`, …) take their code in `script`; visual recipes " +
			"(`sync`, `prepare`, `join`, `grouping`, `stack`, `distinct`, `split`, `window`, `sort`, `topn`, `sampling`, `vstack`, …) take their settings in `payload`. " +
			"Creating it uses DSS's recipe creator with existing outputs only; every change is a read-modify-write of the whole `{recipe, payload}` document, " +
			"so settings the provider does not model are kept. Destroying it leaves its datasets. DSS refuses to delete a dataset a recipe uses " +
			"(with the emulator; see the emulator guide), so Terraform deletes recipes before their datasets. " +
			"Script bodies and payloads never appear in the provider's logs. Import with `PROJECT_KEY.name`.\n\n**Refresh cost.** 1 API call, whatever the provider's `refresh_mode` (DSS's list of recipes holds only summaries).",
		Attributes: kit.DocumentationAttributes("recipe", map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("`PROJECT_KEY.name`."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the DSS project holding the recipe. Changing it replaces the recipe."),
			"name": kit.RequiredReplacing("Recipe name, unique in the project. It cannot be blank or hold a dot (DSS splits references on it) or a slash; "+
				"hyphens are allowed (`compute_disk-usage`), and DSS judges anything else. Changing it replaces the recipe.",
				stringvalidator.RegexMatches(recipeNamePattern, RecipeNameRule)),
			"type": kit.RequiredReplacing("Recipe type as DSS names it: code types `"+strings.Join(RecipeCodeTypes, "`, `")+"`; visual types `"+
				strings.Join(recipeVisualTypes, "`, `")+"`; other names (plugin recipes) are passed as written. A known type written in another case (`Python`) is refused at plan time with DSS's spelling. Changing it replaces the recipe.",
				stringvalidator.LengthAtLeast(1),
				kit.KnownSpelling("recipe type", append(append([]string{}, RecipeCodeTypes...), recipeVisualTypes...)...)),
			"inputs": schema.MapAttribute{Optional: true, ElementType: recipeRoleType,
				MarkdownDescription: roleDescription("inputs", false)},
			// Optional, as inputs: the emulator, like the DSS API it
			// follows, keeps a recipe with no outputs, and a required
			// attribute would leave such a recipe unadoptable.
			"outputs": schema.MapAttribute{Optional: true, ElementType: recipeRoleType,
				MarkdownDescription: roleDescription("outputs", true)},
			"script": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The code of a code recipe (DSS's payload string), e.g. `file(\"recipes/compute_clean.py\")`. Refused on a visual type. " +
					"When not set, the recipe's code is not managed. A script edited in DSS shows as drift and is written back. Changes in place.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"payload": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The settings of a visual recipe (DSS's payload, a JSON document) as a JSON object written with `jsonencode`, " +
					"e.g. the `joins` of a `join` recipe. Refused on a code type. Same rule as `dataiku_dataset.params`: only the top-level keys written here are managed " +
					"and compared, so keys DSS fills in never show as changes. Changes in place.",
				Validators:    []validator.String{kit.JSONObjectValidator},
				PlanModifiers: []planmodifier.String{kit.WrittenKeysPlan}},
			"params": kit.HCLObjectAttribute("The recipe's `params` as an object, e.g. `{ envSelection = { envMode = \"EXPLICIT_ENV\", envName = \"py311\" } }` " +
				"for a code recipe's code env. Same subset rule as `payload`. A string holding a JSON object (`jsonencode({...})`, the form of earlier versions) is read as that object. Changes in place."),
		}),
	}
}

// ValidateConfig refuses what does not fit the type and the roles' shape.
func (recipeKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m RecipeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if kit.Known(m.Type) {
		t := m.Type.ValueString()
		if isVisualRecipe(t) && !m.Script.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("script"), "Invalid script",
				fmt.Sprintf("script is for code recipes; a %q recipe is visual: write its settings in payload.", t))
		}
		if isCodeRecipe(t) && !m.Payload.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("payload"), "Invalid payload",
				fmt.Sprintf("payload is for visual recipes; a %q recipe is code: write its code in script.", t))
		}
	}
	if !m.Script.IsNull() && !m.Payload.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("payload"), "Invalid payload", "script and payload cannot both be set: a recipe has one payload.")
	}
	validateRoles(path.Root("inputs"), m.Inputs, false, resp)
	validateRoles(path.Root("outputs"), m.Outputs, true, resp)
}

func validateRoles(p path.Path, v types.Map, outputs bool, resp *resource.ValidateConfigResponse) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	seen := map[string]string{}
	for role, lv := range v.Elements() {
		rp := p.AtMapKey(role)
		if strings.TrimSpace(role) == "" {
			resp.Diagnostics.AddAttributeError(rp, "Invalid role", p.String()+": a role name cannot be empty (the usual role is main).")
		}
		l, ok := lv.(types.List)
		if !ok || l.IsUnknown() || l.IsNull() {
			continue
		}
		for i, iv := range l.Elements() {
			ip := rp.AtListIndex(i)
			item, ok := iv.(types.Map)
			if !ok || item.IsUnknown() || item.IsNull() {
				continue
			}
			var ref string
			hasRef := false
			for k, ev := range item.Elements() {
				s, _ := ev.(types.String)
				switch {
				case k == "ref":
					hasRef = true
					if !kit.Known(s) {
						continue
					}
					ref = s.ValueString()
					if !recipeRefPattern.MatchString(ref) {
						resp.Diagnostics.AddAttributeError(ip, "Invalid reference", fmt.Sprintf("%s: ref %q %s.", ip, ref, RecipeRefRule))
					}
				case k == "append" && outputs:
					if kit.Known(s) && s.ValueString() != "true" && s.ValueString() != "false" {
						resp.Diagnostics.AddAttributeError(ip, "Invalid append", ip.String()+": append must be true or false.")
					}
				default:
					allowed := "ref"
					if outputs {
						allowed = "ref and append"
					}
					resp.Diagnostics.AddAttributeError(ip, "Invalid item", fmt.Sprintf("%s: an item has %s only; %q is not one of them.", ip, allowed, k))
				}
			}
			if !hasRef {
				resp.Diagnostics.AddAttributeError(ip, "Invalid item", ip.String()+": each item needs ref = \"dataset name\".")
			}
			if outputs && ref != "" {
				if other, dup := seen[ref]; dup {
					resp.Diagnostics.AddAttributeError(ip, "Output listed twice",
						fmt.Sprintf("%s: output %q is already listed (role %s): a recipe writes each output once.", ip, ref, other))
				}
				seen[ref] = role
			}
		}
	}
}

func recipeDoc(m *RecipeModel) dss.Document[dss.RecipeSettings] {
	return dss.RecipeDoc(m.ProjectKey.ValueString(), m.Name.ValueString())
}

// Post creates the recipe with its roles, and the script of a code recipe
// as DSS's code creators send it (sql_query's creator sends none: its
// query is written by the read-modify-write that follows).
func (recipeKind) Post(ctx context.Context, c *dss.Client, m *RecipeModel) error {
	ins, d := rolesFromModel(ctx, m.Inputs)
	if d.HasError() {
		return kit.DiagsError(d)
	}
	outs, d := rolesFromModel(ctx, m.Outputs)
	if d.HasError() {
		return kit.DiagsError(d)
	}
	p := dss.RecipePrototype{ProjectKey: m.ProjectKey.ValueString(), Name: m.Name.ValueString(), Type: m.Type.ValueString(),
		Inputs: dssRoles(ins, nil, false), Outputs: dssRoles(outs, nil, true)}
	if kit.Known(m.Script) && p.Type != "sql_query" {
		p.Script = m.Script.ValueString()
	}
	tflog.Trace(ctx, "creating DSS recipe", map[string]any{"recipe": p.ProjectKey + "." + p.Name, "type": p.Type, "script_length": len(p.Script)})
	_, err := c.CreateRecipe(ctx, p)
	return err
}

// Apply is one read-modify-write of {recipe, payload} (no PUT when DSS
// already holds the plan), then a GET of what DSS stored when it wrote.
func (recipeKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[RecipeModel]) {
	plan := op.Plan
	// The configuration's payload and params keys are what is written
	// (the plan may carry the state's larger object).
	op.Diags.Append(op.Config.GetAttribute(ctx, path.Root("payload"), &plan.Payload)...)
	op.Diags.Append(op.Config.GetAttribute(ctx, path.Root("params"), &plan.Params)...)
	if op.Diags.HasError() {
		return
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[RecipeModel, dss.RecipeSettings]{
		Doc:     recipeDoc(plan),
		ToDSS:   func(s *dss.RecipeSettings) diag.Diagnostics { return applyRecipe(ctx, plan, s) },
		FromDSS: func(s *dss.RecipeSettings) diag.Diagnostics { return RecipeFromDSS(ctx, s, plan, false) },
		KeepPlanned: func(got, planned, written *RecipeModel) {
			payload := normalizedJSON(got.Payload)
			kit.KeepPlannedJSON(&payload, normalizedJSON(planned.Payload), normalizedJSON(written.Payload))
			got.Payload = plainJSON(payload)
			kit.HCLObjectKeepPlanned(&got.Params, planned.Params, written.Params)
		},
	})
}

// Read costs one GET; after an import it reads everything DSS has.
// Recipes do not refresh from their project's list (list_refresh.go):
// DSS's list items are summaries without the payload (dss-api.md §5.3).
func (recipeKind) Read(ctx context.Context, c *dss.Client, m *RecipeModel, imported bool) error {
	s, err := recipeDoc(m).Get(ctx, c)
	if err != nil {
		return err
	}
	return kit.DiagsError(RecipeFromDSS(ctx, s, m, imported))
}
