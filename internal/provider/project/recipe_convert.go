package project

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Recipe settings documents ↔ models, shared by the resource and the data
// sources.

// recipeNamePattern is DSS's recipe name rule (internal/dss/names
// RefNamePattern, shared with the emulator): no dot, since refs split on
// them [V set_name: "Cannot contain dots"]; hyphens allowed, as in real
// DSS projects' compute_disk-usage (issue 23). set_name's "should only use
// alphanum letters and underscores" is advice, which the provider does not
// enforce.
var recipeNamePattern = names.RefNamePattern

const RecipeNameRule = "must " + names.RefNameRule

// recipeRefPattern is a ref: a dataset name or folder id, or PROJECT.name.
var recipeRefPattern = names.RefPattern

const RecipeRefRule = "must " + names.RefRule

// RecipeCodeTypes are the types whose payload is a script.
var RecipeCodeTypes = []string{"python", "r", "sql_query", "sql_script", "shell", "pyspark", "sparkr", "spark_scala",
	"spark_sql_query", "cpython", "ksql", "julia", "streaming_spark_scala"}

// recipeVisualTypes are the visual types the provider knows: their payload
// is a JSON document (or empty).
var recipeVisualTypes = []string{"sync", "prepare", "shaker", "join", "grouping", "stack", "vstack", "distinct", "split",
	"window", "sort", "topn", "sampling", "pivot", "fuzzyjoin", "geojoin", "download", "csync", "generate_features"}

func isCodeRecipe(t string) bool   { return slices.Contains(RecipeCodeTypes, t) }
func isVisualRecipe(t string) bool { return slices.Contains(recipeVisualTypes, t) }

// recipeItemType is one role item in the model: a map with "ref" and, for
// outputs, "append" ("true"/"false"; Terraform converts a bool written in
// the configuration). A map rather than an object so that append can be
// left out: the framework's object types have no optional attributes.
var recipeItemType = types.MapType{ElemType: types.StringType}

var recipeRoleType = types.ListType{ElemType: recipeItemType}

// RecipeModel is the dataiku_recipe resource; the data source has the
// same attributes.
type RecipeModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Name       types.String `tfsdk:"name"`
	Type       types.String `tfsdk:"type"`
	Inputs     types.Map    `tfsdk:"inputs"`
	Outputs    types.Map    `tfsdk:"outputs"`
	Script     types.String `tfsdk:"script"`
	// Payload is a plain string holding JSON, neither jsontypes.Normalized
	// (the framework's TRACE log of semantic equality prints such values)
	// nor an HCL object (Terraform logs dynamic values read from the state
	// at DEBUG): a payload must not reach the logs.
	Payload types.String  `tfsdk:"payload"`
	Params  types.Dynamic `tfsdk:"params"`
	kit.Documentation
}

// recipeItem is one decoded role item.
type recipeItem struct {
	Ref       string
	Append    bool
	HasAppend bool // append written in the configuration
}

// rolesFromModel decodes inputs or outputs; null gives none.
func rolesFromModel(ctx context.Context, v types.Map) (map[string][]recipeItem, diag.Diagnostics) {
	out := map[string][]recipeItem{}
	if v.IsNull() || v.IsUnknown() {
		return out, nil
	}
	var raw map[string][]map[string]string
	diags := v.ElementsAs(ctx, &raw, false)
	for role, items := range raw {
		list := make([]recipeItem, 0, len(items))
		for _, it := range items {
			a, has := it["append"]
			list = append(list, recipeItem{Ref: it["ref"], Append: a == "true", HasAppend: has})
		}
		out[role] = list
	}
	return out, diags
}

// dssRoles builds DSS's role map from the model's, keeping what DSS holds
// for an item that stays (its deps and unmodelled fields).
func dssRoles(items map[string][]recipeItem, old map[string]dss.RecipeRole, outputs bool) map[string]dss.RecipeRole {
	out := make(map[string]dss.RecipeRole, len(items))
	for role, list := range items {
		prev := old[role]
		r := dss.RecipeRole{Extra: prev.Extra, Items: make([]dss.RecipeRef, 0, len(list))}
		for _, it := range list {
			ref := dss.RecipeRef{Ref: it.Ref}
			if i := slices.IndexFunc(prev.Items, func(p dss.RecipeRef) bool { return p.Ref == it.Ref }); i >= 0 {
				ref = prev.Items[i]
			}
			if outputs {
				a := it.Append
				ref.AppendMode = &a
			}
			r.Items = append(r.Items, ref)
		}
		out[role] = r
	}
	return out
}

// rolesValue renders DSS's roles for the model. An output item carries
// append when the prior value wrote it for that ref, or when DSS appends
// (so that a change made in DSS shows); roles without items are left out
// unless the prior value had them.
func rolesValue(ctx context.Context, roles map[string]dss.RecipeRole, prior types.Map, outputs bool) (types.Map, diag.Diagnostics) {
	before, diags := rolesFromModel(ctx, prior)
	out := map[string][]map[string]string{}
	for role, r := range roles {
		if _, had := before[role]; len(r.Items) == 0 && !had {
			continue
		}
		list := make([]map[string]string, 0, len(r.Items))
		for _, it := range r.Items {
			item := map[string]string{"ref": it.Ref}
			if outputs {
				appends := it.AppendMode != nil && *it.AppendMode
				wrote := slices.ContainsFunc(before[role], func(p recipeItem) bool { return p.Ref == it.Ref && p.HasAppend })
				if appends || wrote {
					item["append"] = fmt.Sprint(appends)
				}
			}
			list = append(list, item)
		}
		out[role] = list
	}
	if len(out) == 0 && prior.IsNull() {
		return types.MapNull(recipeRoleType), diags
	}
	v, d := types.MapValueFrom(ctx, recipeRoleType, out)
	diags.Append(d...)
	return v, diags
}

// payloadObject decodes a visual recipe's payload; isObject is false when
// it is empty or not a JSON object, and the object is then empty.
func payloadObject(payload string) (obj map[string]any, isObject bool) {
	m, err := kit.DecodeJSONObject(jsontypes.NewNormalizedValue(payload))
	if err != nil || m == nil {
		return map[string]any{}, false
	}
	return m, true
}

// RecipeFromDSS fills m from DSS's settings. whole (the data source, an
// import) reads everything; otherwise script, payload and params follow
// what m manages: script only when it is managed, payload and params by
// the subset rule of dataiku_dataset.params.
func RecipeFromDSS(ctx context.Context, s *dss.RecipeSettings, m *RecipeModel, whole bool) diag.Diagnostics {
	var diags, d diag.Diagnostics
	r := &s.Recipe
	m.ID = types.StringValue(r.ProjectKey + "." + r.Name)
	m.ProjectKey = types.StringValue(r.ProjectKey)
	m.Name = types.StringValue(r.Name)
	m.Type = types.StringValue(r.Type)
	m.Inputs, d = rolesValue(ctx, r.Inputs, m.Inputs, false)
	diags.Append(d...)
	m.Outputs, d = rolesValue(ctx, r.Outputs, m.Outputs, true)
	diags.Append(d...)
	payload := s.PayloadString()
	obj, isObject := payloadObject(payload)
	code := isCodeRecipe(r.Type)
	// A type the provider does not know (a plugin's, a newer DSS's, the
	// ML scoring recipes) is read as the payload shows it: a JSON object
	// into payload, any other text into script, never both, since the
	// configuration an import generates must pass ValidateConfig.
	asScript := code || (!isVisualRecipe(r.Type) && !isObject)
	switch {
	case whole && asScript && payload != "", !whole && !m.Script.IsNull():
		m.Script = types.StringValue(payload)
	default:
		m.Script = types.StringNull()
	}
	switch {
	case code, whole && asScript:
		m.Payload = types.StringNull()
	case whole:
		m.Payload = plainJSON(kit.WholeObject(obj))
	default:
		m.Payload = plainJSON(kit.WrittenSubset(obj, normalizedJSON(m.Payload)))
	}
	m.Params = kit.HCLObjectRead(r.Params, m.Params, whole)
	diags.Append(m.Documentation.FromDSS(ctx, r.Description, r.ShortDesc, r.Tags)...)
	return diags
}

// applyRecipe writes the plan into DSS's settings: roles, script or the
// payload's written keys, params' written keys, descriptions and tags.
func applyRecipe(ctx context.Context, plan *RecipeModel, s *dss.RecipeSettings) diag.Diagnostics {
	var diags diag.Diagnostics
	r := &s.Recipe
	ins, d := rolesFromModel(ctx, plan.Inputs)
	diags.Append(d...)
	outs, d := rolesFromModel(ctx, plan.Outputs)
	diags.Append(d...)
	r.Inputs = dssRoles(ins, r.Inputs, false)
	r.Outputs = dssRoles(outs, r.Outputs, true)
	if kit.Known(plan.Script) {
		script := plan.Script.ValueString()
		s.Payload = &script
	}
	if written, err := kit.DecodeJSONObject(normalizedJSON(plan.Payload)); err == nil && written != nil {
		obj, isObject := payloadObject(s.PayloadString())
		// DSS's payload text is sent back untouched (its layout, its
		// numbers' text) unless a written key changes it; then the
		// payload is encoded again, each unchanged part in DSS's text.
		if !isObject || !kit.JSONEqual(kit.ProjectOnto(obj, written), written) {
			kit.MergeKeepingEqual(obj, written)
			p, err := kit.EncodeJSONTextLike(obj, s.PayloadString())
			if err != nil {
				diags.AddError("Cannot encode the recipe payload", err.Error())
			} else {
				s.Payload = &p
			}
		}
	}
	if written, err := kit.HCLObjectDecode(plan.Params); err == nil && written != nil {
		if r.Params == nil {
			r.Params = dss.Object{}
		}
		kit.MergeKeepingEqual(r.Params, written)
	}
	diags.Append(plan.Documentation.ToDSS(ctx, &r.Description, &r.ShortDesc, &r.Tags)...)
	return diags
}

// normalizedJSON and plainJSON convert between the payload's plain string
// and the JSON helpers' type.
func normalizedJSON(v types.String) jsontypes.Normalized {
	switch {
	case v.IsNull():
		return jsontypes.NewNormalizedNull()
	case v.IsUnknown():
		return jsontypes.NewNormalizedUnknown()
	}
	return jsontypes.NewNormalizedValue(v.ValueString())
}

func plainJSON(v jsontypes.Normalized) types.String {
	switch {
	case v.IsNull():
		return types.StringNull()
	case v.IsUnknown():
		return types.StringUnknown()
	}
	return types.StringValue(v.ValueString())
}
