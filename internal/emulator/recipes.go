package emulator

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Recipes (dss-api.md §5.3, dss-api-more.md §4): per project, keyed by
// name, each stored as DSS's settings document {recipe, payload}. The
// payload is a string: the script of a code recipe, a JSON document
// serialised as a string for a visual one.
//
// DSS's rules the Flow depends on, as the emulator applies them:
//   - every input and output exists: a dataset (by name), or a managed
//     folder, saved model, model evaluation store or knowledge bank (by
//     id) of the project; an input may also be PROJECT.name in a
//     project the caller can read that exposes it to this one (exposed.go);
//   - a dataset, folder or saved model is the output of at most one
//     recipe;
//   - the creator never creates outputs: createOutputDataset and
//     createOutputFolder are refused [I: DSS would create them; the
//     provider never asks it to, and a test double that did would hide
//     that];
//   - renaming a dataset rewrites the refs in recipes (renameInRecipes);
//   - deleting an object a recipe uses is refused, naming the
//     recipe (recipesUsing) [I: DSS may leave the recipe with a dangling
//     ref; refusing is the safer of the two, since a broken Flow otherwise
//     shows only when a build fails, far from the delete that caused it];
//   - deleting a recipe leaves its datasets.

// recipeNamePattern is the rule for recipe names, shared with the
// provider (internal/dss/names RefNamePattern): no dots, since refs split
// on them [V set_name docstring: "Cannot contain dots"]; hyphens allowed,
// as in real DSS projects' compute_disk-usage [T issue 23].
var recipeNamePattern = names.RefNamePattern

func recipeNotFound(key, name string) *APIError {
	return errNotFound(fmt.Sprintf("Recipe does not exist: %s.%s", key, name))
}

// recipeCodeTypes are the types whose payload is a script.
var recipeCodeTypes = map[string]bool{
	"python": true, "r": true, "sql_script": true, "sql_query": true, "pyspark": true, "sparkr": true,
	"spark_scala": true, "shell": true, "spark_sql_query": true, "cpython": true, "ksql": true,
	"streaming_spark_scala": true, "julia": true,
}

// recipePart is the recipe part of a stored document (never nil).
func recipePart(doc map[string]any) map[string]any { return objectField(doc, "recipe") }

// roleItems walks a role map {<role>:{items:[{ref,...}]}}, calling f with
// each item (which f may change).
func roleItems(roles any, f func(role string, item map[string]any)) {
	m, _ := roles.(map[string]any)
	for _, role := range sortedKeys(m) {
		rm, _ := m[role].(map[string]any)
		items, _ := rm["items"].([]any)
		for _, it := range items {
			if item, ok := it.(map[string]any); ok {
				f(role, item)
			}
		}
	}
}

// normalizeRoles checks a role map's shape and fills what GET always
// returns: deps on inputs, appendMode on outputs [V codegen indexes both].
func normalizeRoles(v any, outputs bool) (map[string]any, *APIError) {
	if v == nil {
		return map[string]any{}, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errIllegalArgument("recipe inputs and outputs must be objects of roles")
	}
	for role, rv := range m {
		if rv == nil {
			// A null role holds nothing, as a null items does: it is
			// dropped rather than refused (a document DSS holds may have
			// one).
			delete(m, role)
			continue
		}
		rm, ok := rv.(map[string]any)
		if !ok {
			return nil, errIllegalArgument(fmt.Sprintf("role %s must be an object with items", role))
		}
		items, ok := rm["items"].([]any)
		if rm["items"] != nil && !ok {
			return nil, errIllegalArgument(fmt.Sprintf("role %s: items must be a list", role))
		}
		if items == nil {
			items = []any{}
		}
		for _, it := range items {
			item, ok := it.(map[string]any)
			if !ok {
				return nil, errIllegalArgument(fmt.Sprintf("role %s: each item must be an object with a ref", role))
			}
			if ref, _ := item["ref"].(string); ref == "" {
				return nil, errIllegalArgument(fmt.Sprintf("role %s: an item has no ref", role))
			}
			if outputs {
				if _, ok := item["appendMode"].(bool); !ok {
					item["appendMode"] = false
				}
			} else if _, ok := item["deps"].([]any); !ok {
				item["deps"] = []any{}
			}
		}
		rm["items"] = items
	}
	return m, nil
}

// splitRef splits PROJECT.name; local refs have no project.
func splitRef(ref string) (project, name string) {
	if p, n, ok := strings.Cut(ref, "."); ok {
		return p, n
	}
	return "", ref
}

// refExists reports whether p holds an object a recipe can name: a
// dataset (by name), a managed folder, saved model, model evaluation store
// or knowledge bank (by id). Real recipes read and write all of these:
// prediction_training writes a saved model (role main), prediction_scoring
// and evaluation read one (role model), evaluation writes a store (role
// evaluationStore), embed_documents writes a knowledge bank and prompt
// reads one (role knowledge_bank). The role does not restrict the kind [I:
// plugin recipes define their own roles, so DSS cannot tie roles to kinds
// either].
func refExists(p *Project, name string) bool { return recipeRefKind(p, name) != nil }

// recipeRefKind is the kind of p's object a recipe ref names, nil when none.
func recipeRefKind(p *Project, name string) *docKind {
	for _, kind := range refKinds {
		if _, ok := kind.docs(p)[name]; ok {
			return kind
		}
	}
	return nil
}

// refNouns names what a ref may be, in the errors.
const refNouns = "dataset, managed folder, saved model, model evaluation store, knowledge bank or streaming endpoint"

// singleWriter reports whether an object of a kind has at most one
// producing recipe. Datasets, folders and saved models do (a saved model
// is trained by its one training recipe). Evaluation stores, knowledge
// banks and streaming endpoints are not limited [I: nothing says several
// recipes may not write one (several producers may write one Kafka topic),
// and the emulator must not refuse what DSS might accept].
func singleWriter(kind *docKind) bool {
	return kind == datasetKind || kind == managedFolderKind || kind == savedModelKind
}

// checkRecipeRefs applies the Flow rules to a recipe of p named name.
func (s *Server) checkRecipeRefs(st *State, c *Caller, p *Project, name string, recipe map[string]any) *APIError {
	var err *APIError
	roleItems(recipe["inputs"], func(_ string, item map[string]any) {
		if err != nil {
			return
		}
		ref, _ := item["ref"].(string)
		pk, n := splitRef(ref)
		from := p // the project holding the input: p, or one exposing it to p
		if pk != "" && pk != p.ProjectKey {
			if from, err = s.projectForCaller(st, c, pk, AccessRead); err != nil {
				return
			}
		}
		if !refExists(from, n) {
			err = errIllegalArgument(fmt.Sprintf("Input of recipe %s does not exist: %s %s.%s", name, refNouns, from.ProjectKey, n))
		} else if typ := exposedObjectType(from, n); from != p && !exposedTo(from, typ, n, p.ProjectKey) {
			err = s.errNotExposed(typ, pk, n, p.ProjectKey)
		}
	})
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	roleItems(recipe["outputs"], func(_ string, item map[string]any) {
		if err != nil {
			return
		}
		ref, _ := item["ref"].(string)
		pk, n := splitRef(ref)
		if pk != "" && pk != p.ProjectKey {
			err = errIllegalArgument(fmt.Sprintf("Recipe %s cannot write to %s: outputs must be in project %s", name, ref, p.ProjectKey))
			return
		}
		kind := recipeRefKind(p, n)
		if kind == nil {
			err = errIllegalArgument(fmt.Sprintf("Output of recipe %s does not exist: %s %s.%s", name, refNouns, p.ProjectKey, n))
			return
		}
		if seen[n] {
			err = errIllegalArgument(fmt.Sprintf("Recipe %s lists output %s twice", name, n))
			return
		}
		seen[n] = true
		if other := recipeWriting(p, n, name); other != "" && singleWriter(kind) {
			noun := strings.ToUpper(kind.noun[:1]) + kind.noun[1:]
			err = errIllegalArgument(fmt.Sprintf("%s %s is already the output of recipe %s", noun, n, other))
		}
	})
	return err
}

// recipeWriting names the recipe of p other than except that has ref as
// an output, "" when none.
func recipeWriting(p *Project, ref, except string) string {
	for _, n := range sortedKeys(p.Recipes) {
		if n == except {
			continue
		}
		found := false
		roleItems(recipePart(p.Recipes[n])["outputs"], func(_ string, item map[string]any) {
			if r, _ := item["ref"].(string); r == ref || r == p.ProjectKey+"."+ref {
				found = true
			}
		})
		if found {
			return n
		}
	}
	return ""
}

// recipesUsing refuses the deletion of an object a recipe can name (id in
// p) that a recipe of any project uses. Other kinds pass, and so do
// streaming endpoints: DSS deletes the recipes using one with it [V
// dss/streaming_endpoint.py delete] (deleteRecipesUsing).
func recipesUsing(st *State, p *Project, kind *docKind, id string) *APIError {
	if !slices.Contains(refKinds, kind) || kind == streamingEndpointKind {
		return nil
	}
	for _, key := range sortedKeys(st.Projects) {
		q := st.Projects[key]
		for _, n := range sortedKeys(q.Recipes) {
			if recipeUses(q, q.Recipes[n], p, id) {
				return errIllegalArgument(fmt.Sprintf("Cannot delete %s %s.%s: it is used by recipe %s.%s; delete or change the recipe first",
					kind.noun, p.ProjectKey, id, q.ProjectKey, n))
			}
		}
	}
	return nil
}

// recipeUses reports whether recipe doc of project q names p's object id
// among its inputs or outputs.
func recipeUses(q *Project, doc map[string]any, p *Project, id string) bool {
	uses := false
	visit := func(_ string, item map[string]any) {
		ref, _ := item["ref"].(string)
		pk, name := splitRef(ref)
		if cmp.Or(pk, q.ProjectKey) == p.ProjectKey && name == id { // a local ref is q's
			uses = true
		}
	}
	r := recipePart(doc)
	roleItems(r["inputs"], visit)
	roleItems(r["outputs"], visit)
	return uses
}

// deleteRecipesUsing deletes the recipes of every project that name p's
// object id, and takes them out of their zones: what DSS does when a
// streaming endpoint is deleted [V dss/streaming_endpoint.py delete: "and
// objects using it (recipes or continuous recipes)"].
func deleteRecipesUsing(x *docCall, id string) {
	for _, key := range sortedKeys(x.st.Projects) {
		q := x.st.Projects[key]
		for _, n := range sortedKeys(q.Recipes) {
			if recipeUses(q, q.Recipes[n], x.p, id) {
				delete(q.Recipes, n)
				forgetInZones(q, recipeKind, n)
				x.s.touch(key)
			}
		}
	}
}

// renameInRecipes rewrites the refs to dataset oldName of p in the
// recipes of every project (local refs in p, PROJECT.name elsewhere). Only
// datasets need it: a managed folder's rename keeps its id, which is what
// refs hold. It returns the keys of the projects it changed.
func renameInRecipes(st *State, p *Project, oldName, newName string) []string {
	var changedKeys []string
	for _, q := range st.Projects {
		for n, doc := range q.Recipes {
			nd := copyDoc(doc)
			changed := false
			visit := func(_ string, item map[string]any) {
				ref, _ := item["ref"].(string)
				pk, name := splitRef(ref)
				if name != oldName {
					return
				}
				switch {
				case pk == "" && q == p:
					item["ref"] = newName
				case pk == p.ProjectKey:
					item["ref"] = pk + "." + newName
				default:
					return
				}
				changed = true
			}
			r := recipePart(nd)
			roleItems(r["inputs"], visit)
			roleItems(r["outputs"], visit)
			if changed {
				q.Recipes[n] = nd
				changedKeys = append(changedKeys, q.ProjectKey)
			}
		}
	}
	return changedKeys
}

// fillRecipeDefaults fills what DSS's recipe object carries [I, from the
// codegen template, dss-api-more.md §4.3]. params is not among them: a
// visual recipe DSS holds has no params key (dss-real-shapes.md), and a
// PUT without one leaves it without; only a created recipe starts with
// the template's params {} (createRecipe).
func fillRecipeDefaults(r map[string]any) {
	fillObjectDefaults(r)
	fillMissing(r, map[string]any{
		"optionalDependencies":             false,
		"redispatchPartitioning":           false,
		"maxRunningActivities":             0,
		"neverRecomputeExistingPartitions": false,
		"customMeta":                       map[string]any{"kv": map[string]any{}},
		"inputs":                           map[string]any{},
		"outputs":                          map[string]any{},
	})
}

// initialPayload is the payload a creator's recipe starts with: the
// script of a code recipe; for join, a LEFT join of the first two inputs
// [I, dss-api-more.md §4.3]; for grouping and prepare, their empty
// documents; else an empty string.
func initialPayload(typ string, settings map[string]any, inputs int) string {
	if s, ok := settings["script"].(string); ok && recipeCodeTypes[typ] {
		return s
	}
	switch typ {
	case "join":
		var vis []string
		for i := range inputs {
			vis = append(vis, fmt.Sprintf(`{"index":%d,"computedColumns":[]}`, i))
		}
		joins := ""
		if inputs > 1 {
			joins = `{"table1":0,"table2":1,"type":"LEFT","conditionsMode":"AND","on":[]}`
		}
		return `{"virtualInputs":[` + strings.Join(vis, ",") + `],"joins":[` + joins + `],"computedColumns":[],"postFilter":{}}`
	case "grouping":
		return `{"keys":[],"values":[],"globalCount":true}`
	case "shaker", "prepare":
		return `{"steps":[]}`
	}
	return ""
}

// POST /projects/{k}/recipes/ with {recipePrototype, creationSettings}. A
// body without a prototype is refused before the project is looked at,
// so this handler reads the body and hands createRecipe to the store's
// frame.
func (s *Server) handleCreateRecipe(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	proto, _ := body["recipePrototype"].(map[string]any)
	if proto == nil {
		illegalArgument(w, "recipePrototype is missing")
		return
	}
	settings, _ := body["creationSettings"].(map[string]any)
	ensureMap(&settings)
	s.serveCollection(recipeKind, AccessWrite, false, func(x *docCall, _ map[string]any) (any, *APIError) {
		return createRecipe(x, proto, settings)
	})(w, r)
}

// createRecipe makes the recipe a prototype and its creation settings
// describe, under the Flow rules; the answer names it, as DSS's does.
func createRecipe(x *docCall, proto, settings map[string]any) (any, *APIError) {
	recipe := copyDoc(proto)
	typ, _ := recipe["type"].(string)
	if typ == "" {
		return nil, errIllegalArgument("Recipe type is missing")
	}
	if pk, ok := recipe["projectKey"].(string); ok && pk != "" && pk != x.key {
		return nil, errIllegalArgument(fmt.Sprintf("projectKey %s does not match the project %s", pk, x.key))
	}
	ins, aerr := normalizeRoles(recipe["inputs"], false)
	if aerr != nil {
		return nil, aerr
	}
	// join, vstack and generate_features send their inputs only as
	// virtualInputs [V]: they become main's items, duplicates removed.
	if vi, ok := settings["virtualInputs"].([]any); ok && len(ins) == 0 {
		var items []any
		seen := map[string]bool{}
		for _, v := range vi {
			if ref, ok := v.(string); ok && !seen[ref] {
				seen[ref] = true
				items = append(items, map[string]any{"ref": ref, "deps": []any{}})
			}
		}
		if len(items) > 0 {
			ins = map[string]any{"main": map[string]any{"items": items}}
		}
	}
	outs, aerr := normalizeRoles(recipe["outputs"], true)
	if aerr != nil {
		return nil, aerr
	}
	recipe["inputs"], recipe["outputs"] = ins, outs
	name, _ := recipe["name"].(string)
	if name == "" {
		// [I] a null base name: compute_<first output>, made unique.
		first := ""
		roleItems(outs, func(_ string, item map[string]any) {
			if first == "" {
				ref, _ := item["ref"].(string)
				_, first = splitRef(ref)
			}
		})
		base := "compute_" + first
		name = base
		for i := 1; x.p.Recipes[name] != nil; i++ {
			name = fmt.Sprintf("%s_%d", base, i)
		}
	}
	if !recipeNamePattern.MatchString(name) {
		return nil, errIllegalArgument(fmt.Sprintf("Invalid recipe name %q: it must %s", name, names.RefNameRule))
	}
	if _, exists := x.p.Recipes[name]; exists {
		return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Recipe %s already exists in project %s", name, x.key))
	}
	recipe["name"], recipe["projectKey"] = name, x.key
	if _, ok := recipe["params"]; !ok {
		recipe["params"] = map[string]any{} // the codegen template's [I, dss-api-more.md §4.3]
	}
	undo, aerr := createRecipeOutputs(x, settings, outs)
	if aerr != nil {
		return nil, aerr
	}
	if err := x.s.checkRecipeRefs(x.st, x.c, x.p, name, recipe); err != nil {
		undo()
		return nil, err
	}
	n := 0
	roleItems(ins, func(string, map[string]any) { n++ })
	payload := initialPayload(typ, settings, n)
	if settings["rawCreation"] == true {
		if rp, ok := settings["rawPayload"].(string); ok {
			payload = rp
		}
	}
	ensureDocs(&x.p.Recipes)
	recipeKind.insertDoc(x.p, name, map[string]any{"recipe": recipe, "payload": payload}, x.c.Login)
	return map[string]any{"name": name, "msg": fmt.Sprintf("Created recipe %s.%s", x.key, name)}, nil
}

// recipeKind: /projects/{k}/recipes/, keyed by name, each document DSS's
// settings {recipe, payload} with the name, project and stamps in recipe.
// The list answers the recipe parts, sorted by name; each carries inputs
// and outputs [V replace_input_computable walks them]. GET, PUT and DELETE
// are the store's (a deleted recipe's datasets stay); the create is
// createRecipe; there is no rename.
var recipeKind = &docKind{
	noun:              "recipe",
	path:              "recipes",
	param:             "recipeName",
	keyField:          "name",
	docs:              func(p *Project) map[string]map[string]any { return p.Recipes },
	notFound:          recipeNotFound,
	head:              recipeHead,
	listItem:          func(_ *docCall, d map[string]any) map[string]any { return copyDoc(recipePart(d)) },
	check:             checkRecipePut,
	fill:              func(doc map[string]any) { fillRecipeDefaults(recipePart(doc)) },
	namesNoConnection: true,
}

// recipeHead is the recipe part of a PUT's document, which must have one.
func recipeHead(doc map[string]any) (map[string]any, *APIError) {
	recipe, ok := doc["recipe"].(map[string]any)
	if !ok {
		return nil, errIllegalArgument("The recipe settings have no recipe object")
	}
	return recipe, nil
}

// checkRecipePut applies DSS's rules to the whole {recipe, payload}
// document of a PUT (the create is handleCreateRecipe's, so old is never
// nil): unknown keys, at the top and in recipe, are kept as sent; a
// missing payload keeps the stored one [I, dss-api-more.md §4.3]; the type
// cannot change; the roles are normalised and follow the Flow rules.
func checkRecipePut(x *docCall, doc, old map[string]any) *APIError {
	recipe, oldRecipe := recipePart(doc), recipePart(old)
	name, _ := recipe["name"].(string)
	if t, ok := recipe["type"].(string); ok && t != oldRecipe["type"] {
		return errIllegalArgument(fmt.Sprintf("Cannot change the type of recipe %s from %v to %s", name, oldRecipe["type"], t))
	}
	recipe["type"] = oldRecipe["type"]
	var err *APIError
	if recipe["inputs"], err = normalizeRoles(recipe["inputs"], false); err != nil {
		return err
	}
	if recipe["outputs"], err = normalizeRoles(recipe["outputs"], true); err != nil {
		return err
	}
	if err := x.s.checkRecipeRefs(x.st, x.c, x.p, name, recipe); err != nil {
		return err
	}
	return keepStringIfAbsent(doc, old, "payload", "The recipe payload must be a string")
}

// recipeRoutes registers the recipe routes.
func (s *Server) recipeRoutes() { s.kindRoutesWith(recipeKind, s.handleCreateRecipe) }

// createRecipeOutputs creates, for a creation that asks for it
// (createOutputDataset, createOutputFolder: dataikuapi's with_new_output
// [V]), the outputs of this project that do not exist yet: a dataset as
// POST /datasets/managed makes it, on outputDatasetSettings' connection
// with its format preset; a managed folder named by the ref, on
// outputFolderSettings' connection, the ref then rewritten to the new
// folder's id [I, dss-api-more.md §4.3]. undo removes what it made, for a
// recipe refused afterwards.
func createRecipeOutputs(x *docCall, settings, outs map[string]any) (undo func(), aerr *APIError) {
	var datasets, folders []string
	undo = func() {
		for _, n := range datasets {
			delete(x.p.Datasets, n)
		}
		for _, id := range folders {
			delete(x.p.ManagedFolders, id)
		}
	}
	newDataset, newFolder := settings["createOutputDataset"] == true, settings["createOutputFolder"] == true
	if !newDataset && !newFolder {
		return undo, nil
	}
	ds, _ := settings["outputDatasetSettings"].(map[string]any)
	fs, _ := settings["outputFolderSettings"].(map[string]any)
	roleItems(outs, func(_ string, item map[string]any) {
		ref, _ := item["ref"].(string)
		if aerr != nil || strings.Contains(ref, ".") {
			return
		}
		switch {
		case newDataset && x.p.Datasets[ref] == nil:
			_, aerr = createManagedDataset(x, map[string]any{"name": ref,
				"creationSettings": map[string]any{"connectionId": ds["connectionId"], "specificSettings": ds["specificSettings"]}})
			if aerr == nil {
				datasets = append(datasets, ref)
			}
		case newFolder && x.p.ManagedFolders[ref] == nil:
			conn, _ := fs["connectionId"].(string)
			var made any
			made, aerr = managedFolderKind.create(x, map[string]any{"name": ref,
				"params": map[string]any{"connection": cmp.Or(conn, DefaultFolderConnection), "path": DefaultFolderPath}})
			if aerr == nil {
				id, _ := made.(map[string]any)["id"].(string)
				folders = append(folders, id)
				item["ref"] = id
			}
		}
	})
	if aerr != nil {
		undo()
	}
	return undo, aerr
}
