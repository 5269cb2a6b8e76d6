package emulator

import (
	"testing"
)

// The request bodies below are what dataikuapi 14.3's creators send
// (dss/project.py); the documents inserted are written in the shapes of
// real project documents (creationTag without versionTag, Java-style
// doubles kept as numbers), by us.

const mlBase = "/dip/publicapi/projects/ML/"

func mlSetup(t *testing.T) (*Running, string) {
	t.Helper()
	rn, u := startWithReadersProject(t, testOpts(), "ML")
	for _, ds := range []string{"train", "test", "scored", "docs", "answers", "metrics_out", "questions"} {
		expectOK(t, call(t, u, "POST", mlBase+"datasets/", testAdmin,
			`{"projectKey": "ML", "name": "`+ds+`", "type": "Filesystem", "params": {"connection": "filesystem_managed", "path": "/`+ds+`"}, "formatType": "csv", "formatParams": {}}`))
	}
	return rn, u
}

func createdID(t *testing.T, r resp) string {
	t.Helper()
	expectOK(t, r)
	id, _ := r.obj()["id"].(string)
	if len(id) != mlObjectIDLength {
		t.Fatalf("create answered no %d-character id: %s", mlObjectIDLength, r.raw)
	}
	return id
}

// Each kind the client can create: create, list, get, save, delete, and
// DSS's not-found error after the delete.
func TestMLObjectRoutes(t *testing.T) {
	_, u := mlSetup(t)
	cases := []struct {
		coll, query, create, noun string
	}{
		// create_mlflow_pyfunc_model("churn", "BINARY_CLASSIFICATION")
		{"savedmodels", "", `{"savedModelType": "MLFLOW_PYFUNC", "predictionType": "BINARY_CLASSIFICATION", "name": "churn"}`, "Saved model"},
		// create_model_evaluation_store("churn eval"), ?flavor=TABULAR
		{"evaluationstores", "?flavor=TABULAR", `{"projectKey": "ML", "name": "churn eval"}`, "Model evaluation store"},
		// create_knowledge_bank("faq", "CHROMA", "openai:conn:text-embedding-3-small")
		{"knowledge-banks", "", `{"name": "faq", "vectorStoreType": "CHROMA", "embeddingLLMId": "openai:conn:text-embedding-3-small"}`, "Knowledge bank"},
	}
	for _, c := range cases {
		t.Run(c.noun, func(t *testing.T) {
			coll := mlBase + c.coll
			id := createdID(t, call(t, u, "POST", coll+"/"+c.query, testAdmin, c.create))
			l := call(t, u, "GET", coll, testCarol, nil)
			expectOK(t, l)
			if items, _ := l.body.([]any); len(items) != 1 || items[0].(map[string]any)["id"] != id {
				t.Fatalf("list %s", l.raw)
			}
			d := call(t, u, "GET", coll+"/"+id, testCarol, nil).obj()
			if d["projectKey"] != "ML" || d["creationTag"] == nil {
				t.Fatalf("get %v", d)
			}
			// settings.save(): unknown keys kept, the name kept when absent.
			delete(d, "name")
			d["someFutureKey"] = 1.0e-23
			expectOK(t, call(t, u, "PUT", coll+"/"+id, testAdmin, d))
			got := call(t, u, "GET", coll+"/"+id, testAdmin, nil).obj()
			if got["someFutureKey"] == nil || got["name"] == nil || got["name"] == "" {
				t.Fatalf("after save %v", got)
			}
			// Readers cannot write; strangers cannot see.
			expectError(t, call(t, u, "PUT", coll+"/"+id, testCarol, d), 403, ErrTypeUnauthorized)
			expectError(t, call(t, u, "DELETE", coll+"/"+id, testCarol, nil), 403, ErrTypeUnauthorized)
			expectError(t, call(t, u, "GET", coll+"/"+id, testBob, nil), 403, ErrTypeUnauthorized)
			expectOK(t, call(t, u, "DELETE", coll+"/"+id, testAdmin, nil))
			expectMessage(t, call(t, u, "GET", coll+"/"+id, testAdmin, nil), 404, ErrTypeNotFound,
				c.noun+" does not exist: ML."+id)
		})
	}
}

func TestMLObjectCreateShapes(t *testing.T) {
	_, u := mlSetup(t)
	// The prediction type comes back where the client reads it.
	id := createdID(t, call(t, u, "POST", mlBase+"savedmodels/", testAdmin,
		`{"savedModelType": "PROXY_MODEL", "predictionType": "REGRESSION", "name": "ext", "proxyModelConfiguration": {"protocol": "sagemaker", "region": "eu-west-1"}}`))
	d := call(t, u, "GET", mlBase+"savedmodels/"+id, testAdmin, nil).obj()
	if mt, _ := d["miniTask"].(map[string]any); mt["predictionType"] != "REGRESSION" || d["proxyModelConfiguration"] == nil {
		t.Fatalf("saved model %v", d)
	}
	expectError(t, call(t, u, "POST", mlBase+"savedmodels/", testAdmin, `{"savedModelType": "MLFLOW_PYFUNC", "name": " "}`), 400, ErrTypeIllegalArgument)
	// Evaluation stores: the flavor is kept, and filters the list; without
	// a flavor the list has TABULAR and LLM stores, not AGENT ones.
	tab := createdID(t, call(t, u, "POST", mlBase+"evaluationstores/?flavor=TABULAR", testAdmin, `{"projectKey": "ML", "name": "t"}`))
	createdID(t, call(t, u, "POST", mlBase+"evaluationstores/?flavor=LLM", testAdmin, `{"projectKey": "ML", "name": "l"}`))
	createdID(t, call(t, u, "POST", mlBase+"evaluationstores/?flavor=AGENT", testAdmin, `{"projectKey": "ML", "name": "a"}`))
	if l := call(t, u, "GET", mlBase+"evaluationstores/", testAdmin, nil).body.([]any); len(l) != 2 {
		t.Fatalf("list without flavor: %v", l)
	}
	l := call(t, u, "GET", mlBase+"evaluationstores/?flavor=TABULAR", testAdmin, nil).body.([]any)
	if len(l) != 1 || l[0].(map[string]any)["id"] != tab || l[0].(map[string]any)["mesFlavor"] != "TABULAR" {
		t.Fatalf("TABULAR list: %v", l)
	}
	// A store in another project is not this project's.
	expectError(t, call(t, u, "POST", mlBase+"evaluationstores/", testAdmin, `{"projectKey": "OTHER", "name": "x"}`), 400, ErrTypeIllegalArgument)
}

// mlRecipe is a recipe prototype as DSSRecipeCreator sends it, with the
// given role maps.
func mlRecipe(name, typ string, inputs, outputs map[string]any) map[string]any {
	return map[string]any{
		"recipePrototype":  map[string]any{"type": typ, "name": name, "projectKey": "ML", "inputs": inputs, "outputs": outputs},
		"creationSettings": map[string]any{},
	}
}

func roles(kv ...string) map[string]any {
	out := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		rm, _ := out[kv[i]].(map[string]any)
		if rm == nil {
			rm = map[string]any{"items": []any{}}
			out[kv[i]] = rm
		}
		rm["items"] = append(rm["items"].([]any), map[string]any{"ref": kv[i+1]})
	}
	return out
}

// The recipes of a real ML and LLM Flow: training into a saved model,
// scoring and evaluating with it, embedding into a knowledge bank and
// prompting with it; a zone holding them; deletions.
func TestMLRecipesAndZones(t *testing.T) {
	rn, u := mlSetup(t)
	sm := createdID(t, call(t, u, "POST", mlBase+"savedmodels/", testAdmin, `{"savedModelType": "MLFLOW_PYFUNC", "predictionType": "BINARY_CLASSIFICATION", "name": "churn"}`))
	mes := createdID(t, call(t, u, "POST", mlBase+"evaluationstores/?flavor=TABULAR", testAdmin, `{"projectKey": "ML", "name": "eval"}`))
	kb := createdID(t, call(t, u, "POST", mlBase+"knowledge-banks/", testAdmin, `{"name": "faq", "vectorStoreType": "CHROMA", "embeddingLLMId": "x"}`))
	// A labeling task, inserted as a loader would (the client creates none).
	if err := rn.Server.InsertProjectObject("ML", "labelingtasks", "lbl1Task", map[string]any{
		"name": "label images", "creationTag": map[string]any{"versionNumber": 0, "lastModifiedBy": map[string]any{"login": "admin"}, "lastModifiedOn": 1700000000000},
	}); err != nil {
		t.Fatal(err)
	}
	rc := mlBase + "recipes/"
	for _, b := range []map[string]any{
		mlRecipe("train_churn", "prediction_training", roles("main", "train"), roles("main", sm)),
		mlRecipe("score_churn", "prediction_scoring", roles("main", "test", "model", sm), roles("main", "scored")),
		mlRecipe("eval_churn", "evaluation", roles("main", "test", "model", sm), roles("evaluationStore", mes, "metrics", "metrics_out")),
		mlRecipe("embed_docs", "embed_documents", roles("main", "docs"), roles("main", kb)),
		mlRecipe("ask", "prompt", roles("main", "questions", "knowledge_bank", kb), roles("main", "answers")),
	} {
		expectOK(t, call(t, u, "POST", rc, testAdmin, b))
	}
	// A saved model has one training recipe.
	expectMessage(t, call(t, u, "POST", rc, testAdmin, mlRecipe("train2", "prediction_training", roles("main", "test"), roles("main", sm))),
		400, ErrTypeIllegalArgument, "Saved model "+sm+" is already the output of recipe train_churn")
	// A missing model is refused, naming what a ref may be.
	expectMessage(t, call(t, u, "POST", rc, testAdmin, mlRecipe("score2", "prediction_scoring", roles("main", "test", "model", "NoSuchMd"), roles("main", "train"))),
		400, ErrTypeIllegalArgument, "Input of recipe score2 does not exist: "+refNouns+" ML.NoSuchMd")
	// GET answers the roles as stored.
	rec := call(t, u, "GET", rc+"eval_churn", testAdmin, nil).obj()["recipe"].(map[string]any)
	outs := rec["outputs"].(map[string]any)
	if outs["evaluationStore"].(map[string]any)["items"].([]any)[0].(map[string]any)["ref"] != mes {
		t.Fatalf("evaluation outputs %v", outs)
	}

	// A zone holds all of them.
	z := call(t, u, "POST", mlBase+"flow/zones", testAdmin, map[string]any{"name": "ML", "color": "#ff0000"}).obj()
	zid := z["id"].(string)
	items := []any{
		map[string]any{"objectId": sm, "objectType": "SAVED_MODEL"},
		map[string]any{"objectId": mes, "objectType": "MODEL_EVALUATION_STORE"},
		map[string]any{"objectId": kb, "objectType": "RETRIEVABLE_KNOWLEDGE"},
		map[string]any{"objectId": "lbl1Task", "objectType": "LABELING_TASK"},
		map[string]any{"objectId": "train_churn", "objectType": "RECIPE"},
	}
	got := call(t, u, "POST", mlBase+"flow/zones/"+zid+"/add-items", testAdmin, items)
	expectOK(t, got)
	if n := len(got.obj()["items"].([]any)); n != len(items) {
		t.Fatalf("zone items %s", got.raw)
	}
	g := call(t, u, "GET", mlBase+"flow/zones/"+zid+"/graph", testAdmin, nil).obj()["nodes"].(map[string]any)
	if g[sm].(map[string]any)["type"] != "COMPUTABLE_SAVED_MODEL" || g[kb].(map[string]any)["type"] != "COMPUTABLE_RETRIEVABLE_KNOWLEDGE" ||
		g["lbl1Task"].(map[string]any)["type"] != "RUNNABLE_LABELING_TASK" {
		t.Fatalf("graph %v", g)
	}
	// Missing objects of each kind are refused with their not-found error.
	for typ, msg := range map[string]string{
		"SAVED_MODEL":            "Saved model does not exist: ML.nope",
		"MODEL_EVALUATION_STORE": "Model evaluation store does not exist: ML.nope",
		"RETRIEVABLE_KNOWLEDGE":  "Knowledge bank does not exist: ML.nope",
		"LABELING_TASK":          "Labeling task does not exist: ML.nope",
	} {
		expectMessage(t, call(t, u, "POST", mlBase+"flow/zones/"+zid+"/items", testAdmin, map[string]any{"objectId": "nope", "objectType": typ}),
			404, ErrTypeNotFound, msg)
	}
	// The default zone lists the objects no zone holds.
	def := call(t, u, "GET", mlBase+"flow/zones/default", testAdmin, nil).obj()["items"].([]any)
	for _, it := range def {
		if it.(map[string]any)["objectId"] == sm {
			t.Fatalf("the default zone lists a zoned model: %v", def)
		}
	}

	// A used object cannot be deleted; once its recipes are gone it can,
	// and it leaves its zone.
	expectError(t, call(t, u, "DELETE", mlBase+"savedmodels/"+sm, testAdmin, nil), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "DELETE", mlBase+"knowledge-banks/"+kb, testAdmin, nil), 400, ErrTypeIllegalArgument)
	for _, r := range []string{"train_churn", "score_churn", "eval_churn"} {
		expectOK(t, call(t, u, "DELETE", rc+r, testAdmin, nil))
	}
	expectOK(t, call(t, u, "DELETE", mlBase+"savedmodels/"+sm, testAdmin, nil))
	for _, it := range call(t, u, "GET", mlBase+"flow/zones/"+zid, testAdmin, nil).obj()["items"].([]any) {
		if it.(map[string]any)["objectId"] == sm {
			t.Fatal("a deleted saved model stayed in its zone")
		}
	}
	// Deleting the project deletes them; a new project of the same key
	// starts empty.
	expectOK(t, call(t, u, "DELETE", "/dip/publicapi/projects/ML", testAdmin, nil))
	expectOK(t, createProject(t, u, "ML", testAdmin, nil))
	for _, c := range []string{"savedmodels", "evaluationstores", "knowledge-banks"} {
		if l := call(t, u, "GET", mlBase+c, testAdmin, nil).body.([]any); len(l) != 0 {
			t.Fatalf("%s survived their project: %v", c, l)
		}
	}
}

// Zone add-items checks every item, recipes included, before moving any:
// real DSS rejects the whole batch when one item is missing (issue 23,
// blocker 7).
func TestZoneAddItemsAtomic(t *testing.T) {
	_, u := mlSetup(t)
	expectOK(t, call(t, u, "POST", mlBase+"recipes/", testAdmin, mlRecipe("r1", "sync", roles("main", "train"), roles("main", "test"))))
	zid := call(t, u, "POST", mlBase+"flow/zones", testAdmin, map[string]any{"name": "Z"}).obj()["id"].(string)
	batch := []any{
		map[string]any{"objectId": "train", "objectType": "DATASET"},
		map[string]any{"objectId": "r1", "objectType": "RECIPE"},
		map[string]any{"objectId": "no_such_recipe", "objectType": "RECIPE"},
	}
	expectMessage(t, call(t, u, "POST", mlBase+"flow/zones/"+zid+"/add-items", testAdmin, batch),
		404, ErrTypeNotFound, "Recipe does not exist: ML.no_such_recipe")
	if items := call(t, u, "GET", mlBase+"flow/zones/"+zid, testAdmin, nil).obj()["items"].([]any); len(items) != 0 {
		t.Fatalf("a refused batch moved items: %v", items)
	}
	// Without the missing one, the batch moves both.
	if items := call(t, u, "POST", mlBase+"flow/zones/"+zid+"/add-items", testAdmin, batch[:2]).obj()["items"].([]any); len(items) != 2 {
		t.Fatalf("items %v", items)
	}
}

// The kinds persist and come back after a restart; the loader's insert
// keeps the document as given.
func TestMLObjectPersistence(t *testing.T) {
	o := persistentOpts(t)
	rn, u := startWithProject(t, o, "ML")
	sm := createdID(t, call(t, u, "POST", mlBase+"savedmodels/", testAdmin, `{"savedModelType": "LLM_GENERIC", "name": "ft"}`))
	if err := rn.Server.InsertProjectObject("ML", "knowledge-banks", "kbLoaded", map[string]any{"name": "loaded", "$ui": map[string]any{"x": 1}}); err != nil {
		t.Fatal(err)
	}
	// The loader cannot reuse an id another kind holds, nor insert an
	// unknown kind.
	if err := rn.Server.InsertProjectObject("ML", "savedmodels", "kbLoaded", map[string]any{}); err == nil {
		t.Fatal("an id used by a knowledge bank was inserted again")
	}
	if err := rn.Server.InsertProjectObject("ML", "notebooks", "x", map[string]any{}); err == nil {
		t.Fatal("an unknown kind was inserted")
	}
	u2 := restartedURL(t, rn, o)
	expectOK(t, call(t, u2, "GET", mlBase+"savedmodels/"+sm, testAdmin, nil))
	kb := call(t, u2, "GET", mlBase+"knowledge-banks/kbLoaded", testAdmin, nil).obj()
	if kb["$ui"] == nil || kb["projectKey"] != "ML" || kb["id"] != "kbLoaded" {
		t.Fatalf("loaded knowledge bank %v", kb)
	}
	if _, filled := kb["description"]; filled {
		t.Fatalf("the loader's insert filled defaults: %v", kb)
	}
}

// Knowledge banks as create_knowledge_bank and DSSKnowledgeBankSettings
// use them: DSS's defaults on create, names that may repeat, the vector
// store type kept by a save that leaves it out, refused malformed
// settings, and write rights.
func TestKnowledgeBankRules(t *testing.T) {
	_, u := mlSetup(t)
	coll := mlBase + "knowledge-banks/"
	// create_knowledge_bank("faq", "PINECONE", "emb", {"pineconeIndexName": "faq", "connection": "pc", "managedFolderId": "imgs"})
	id := createdID(t, call(t, u, "POST", coll, testAdmin,
		`{"pineconeIndexName": "faq", "connection": "pc", "managedFolderId": "imgs", "multimodalColumn": "DKU_MULTIMODAL_CONTENT", "name": "faq", "vectorStoreType": "PINECONE", "embeddingLLMId": "emb"}`))
	d := call(t, u, "GET", coll+id, testAdmin, nil).obj()
	env, _ := d["envSelection"].(map[string]any)
	if d["retrieverType"] != "VECTOR_STORE_BACKED" || d["rebuildBehavior"] != "EXPLICIT" || env["envMode"] != "INHERIT" ||
		d["pineconeIndexName"] != "faq" || d["managedFolderId"] != "imgs" || d["connection"] != "pc" {
		t.Fatalf("created bank %v", d)
	}
	if cols, ok := d["metadataColumnsSchema"].([]any); !ok || len(cols) != 0 {
		t.Fatalf("metadataColumnsSchema %v", d["metadataColumnsSchema"])
	}
	// The same name again is another bank.
	other := createdID(t, call(t, u, "POST", coll, testAdmin, `{"name": "faq", "vectorStoreType": "CHROMA", "embeddingLLMId": "emb"}`))
	if other == id {
		t.Fatalf("same id %s for two banks", id)
	}
	// A save without vectorStoreType keeps it; the user's envSelection stays.
	delete(d, "vectorStoreType")
	d["envSelection"] = map[string]any{"envMode": "EXPLICIT_ENV", "envName": "rag"}
	d["metadataColumnsSchema"] = []any{map[string]any{"name": "source", "type": "string"}}
	expectOK(t, call(t, u, "PUT", coll+id, testAdmin, d))
	got := call(t, u, "GET", coll+id, testAdmin, nil).obj()
	if env, _ := got["envSelection"].(map[string]any); got["vectorStoreType"] != "PINECONE" || env["envName"] != "rag" {
		t.Fatalf("after save %v", got)
	}
	// Malformed settings are refused, on create and on save.
	for _, bad := range []string{
		`{"name": "x", "embeddingLLMId": "emb"}`,
		`{"name": "x", "vectorStoreType": " ", "embeddingLLMId": "emb"}`,
		`{"name": "x", "vectorStoreType": "CHROMA", "embeddingLLMId": 3}`,
		`{"name": "x", "vectorStoreType": "CHROMA", "metadataColumnsSchema": {"a": "string"}}`,
		`{"name": "x", "vectorStoreType": "CHROMA", "metadataColumnsSchema": [{"type": "string"}]}`,
		`{"name": "x", "vectorStoreType": "CHROMA", "managedFolderId": ["imgs"]}`,
	} {
		expectError(t, call(t, u, "POST", coll, testAdmin, bad), 400, ErrTypeIllegalArgument)
	}
	got["indexName"] = 42.0
	expectError(t, call(t, u, "PUT", coll+id, testAdmin, got), 400, ErrTypeIllegalArgument)
	// A reader of the project may not create; a stranger may not either.
	expectError(t, call(t, u, "POST", coll, testCarol, `{"name": "c", "vectorStoreType": "CHROMA", "embeddingLLMId": "emb"}`), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "POST", coll, testBob, `{"name": "b", "vectorStoreType": "CHROMA", "embeddingLLMId": "emb"}`), 403, ErrTypeUnauthorized)
	if l := call(t, u, "GET", mlBase+"knowledge-banks", testAdmin, nil).body.([]any); len(l) != 2 {
		t.Fatalf("banks after the refusals: %v", l)
	}
}

// An evaluation store's settings: a PUT keeps the keys it sends, the name
// when it sends none, and the flavor the store was created with whatever
// it sends; writes need the project's write rights, reads its read
// rights; a deleted store leaves its zone and reads as not found.
func TestEvaluationStoreSettings(t *testing.T) {
	_, u := mlSetup(t)
	coll := mlBase + "evaluationstores/"
	id := createdID(t, call(t, u, "POST", coll+"?flavor=LLM", testAdmin, `{"projectKey": "ML", "name": "answers drift"}`))
	got := call(t, u, "GET", coll+id, testAdmin, nil).obj()
	if got["mesFlavor"] != "LLM" || got["name"] != "answers drift" || got["projectKey"] != "ML" || got["tags"] == nil {
		t.Fatalf("created %v", got)
	}
	got["metricsChecks"] = map[string]any{"runOnBuild": true}
	got["mesFlavor"] = "TABULAR"
	delete(got, "name")
	expectOK(t, call(t, u, "PUT", coll+id, testAdmin, got))
	got = call(t, u, "GET", coll+id, testAdmin, nil).obj()
	if mc, _ := got["metricsChecks"].(map[string]any); got["mesFlavor"] != "LLM" || got["name"] != "answers drift" || mc["runOnBuild"] != true {
		t.Fatalf("after the PUT %v", got)
	}
	if l := call(t, u, "GET", coll+"?flavor=LLM", testAdmin, nil).body.([]any); len(l) != 1 {
		t.Fatalf("LLM list %v", l)
	}
	expectError(t, call(t, u, "POST", coll+"?flavor=TABULAR", testCarol, `{"projectKey": "ML", "name": "c"}`), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "PUT", coll+id, testCarol, got), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "DELETE", coll+id, testCarol, nil), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "GET", coll+id, testBob, nil), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "GET", coll+id, testCarol, nil))
	zid := call(t, u, "POST", mlBase+"flow/zones", testAdmin, map[string]any{"name": "Eval"}).obj()["id"].(string)
	expectOK(t, call(t, u, "POST", mlBase+"flow/zones/"+zid+"/add-items", testAdmin, []any{map[string]any{"objectId": id, "objectType": "MODEL_EVALUATION_STORE"}}))
	expectOK(t, call(t, u, "DELETE", coll+id, testAdmin, nil))
	expectMessage(t, call(t, u, "GET", coll+id, testAdmin, nil), 404, ErrTypeNotFound, "Model evaluation store does not exist: ML."+id)
	if items := call(t, u, "GET", mlBase+"flow/zones/"+zid, testAdmin, nil).obj()["items"].([]any); len(items) != 0 {
		t.Fatalf("a deleted store stayed in its zone: %v", items)
	}
}

// An evaluation store, its flavor and settings written after its creation
// come back after a restart (the state file), and the
// AGENT list still holds it.
func TestEvaluationStorePersistence(t *testing.T) {
	o := persistentOpts(t)
	rn, u := startWithProject(t, o, "ML")
	coll := mlBase + "evaluationstores/"
	id := createdID(t, call(t, u, "POST", coll+"?flavor=AGENT", testAdmin, `{"projectKey": "ML", "name": "agent evals"}`))
	d := call(t, u, "GET", coll+id, testAdmin, nil).obj()
	d["metricsChecks"] = map[string]any{"runOnBuild": true}
	expectOK(t, call(t, u, "PUT", coll+id, testAdmin, d))
	u2 := restartedURL(t, rn, o)
	got := call(t, u2, "GET", coll+id, testAdmin, nil).obj()
	if mc, _ := got["metricsChecks"].(map[string]any); got["mesFlavor"] != "AGENT" || got["name"] != "agent evals" || mc["runOnBuild"] != true {
		t.Fatalf("after the restart %v", got)
	}
	if l := call(t, u2, "GET", coll+"?flavor=AGENT", testAdmin, nil).body.([]any); len(l) != 1 {
		t.Fatalf("AGENT list after the restart %v", l)
	}
}

// A job builds the ML and LLM objects as dataikuapi's build() calls send
// them: a knowledge bank as RETRIEVABLE_KNOWLEDGE (or KNOWLEDGE_BANK, as
// with_output's docstring names it), an evaluation store as
// MODEL_EVALUATION_STORE, a saved model as SAVED_MODEL. A missing one is
// a not-found; a type no job builds, an IllegalArgumentException.
func TestJobBuildsMLObjects(t *testing.T) {
	_, u := mlSetup(t)
	sm := createdID(t, call(t, u, "POST", mlBase+"savedmodels/", testAdmin, `{"savedModelType": "MLFLOW_PYFUNC", "predictionType": "BINARY_CLASSIFICATION", "name": "churn"}`))
	mes := createdID(t, call(t, u, "POST", mlBase+"evaluationstores/?flavor=TABULAR", testAdmin, `{"projectKey": "ML", "name": "eval"}`))
	kb := createdID(t, call(t, u, "POST", mlBase+"knowledge-banks/", testAdmin, `{"name": "faq", "vectorStoreType": "CHROMA", "embeddingLLMId": "x"}`))
	build := func(typ, id string) resp {
		return call(t, u, "POST", mlBase+"jobs/", testAdmin, map[string]any{"type": "NON_RECURSIVE_FORCED_BUILD",
			"outputs": []any{map[string]any{"type": typ, "id": id, "projectKey": "ML"}}})
	}
	for typ, id := range map[string]string{"RETRIEVABLE_KNOWLEDGE": kb, "KNOWLEDGE_BANK": kb, "MODEL_EVALUATION_STORE": mes, "SAVED_MODEL": sm} {
		r := build(typ, id)
		expectOK(t, r)
		if r.obj()["id"] == "" {
			t.Errorf("build of %s %s: %s", typ, id, r.raw)
		}
	}
	expectError(t, build("RETRIEVABLE_KNOWLEDGE", "nope1234"), 404, ErrTypeNotFound)
	expectError(t, build("DASHBOARD", kb), 400, ErrTypeIllegalArgument)
}
