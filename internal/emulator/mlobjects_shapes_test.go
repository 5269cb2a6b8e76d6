package emulator

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// Fixtures in the shapes real DSS writes these objects to a project's git
// folder (saved_models/<id>.json, model_evaluation_stores/<id>.json,
// knowledge-banks/<id>.json: no id or projectKey in the body, a
// creationTag and no versionTag, Java-style doubles, $-keys), written by
// us. A loader inserts them by the id of their file name; GET must answer
// every field as loaded.
const (
	fixtureSavedModel = `{
  "name": "Predict late deliveries",
  "contentType": "prediction/py_memory",
  "activeVersion": "initial",
  "publishPolicy": "UNCONDITIONAL",
  "rebuildBehavior": "EXPLICIT",
  "conditionalOutputs": [],
  "partitioning": {"ignoreNonMatchingFile": false, "considerMissingRequestedPartitionsAsEmpty": false, "dimensions": []},
  "flowOptions": {"virtualizable": false, "rebuildBehavior": "NORMAL", "crossProjectBuildBehavior": "DEFAULT"},
  "miniTask": {
    "taskType": "PREDICTION",
    "predictionType": "BINARY_CLASSIFICATION",
    "targetVariable": "late",
    "backendType": "PY_MEMORY",
    "modeling": {"metrics": {"evaluationMetric": "ROC_AUC", "liftPoint": 0.4, "costMatrixWeights": {"tpGain": 1.0, "fpGain": -0.3}}},
    "sgd": {"alpha": [1.0E-4, 1.0E-5]}
  },
  "creationTag": {"versionNumber": 0, "lastModifiedBy": {"login": "ml_admin"}, "lastModifiedOn": 1718000000123},
  "tags": ["logistics"],
  "customFields": {},
  "checklists": {"checklists": []}
}`
	fixtureEvaluationStore = `{
  "name": "late deliveries drift",
  "rebuildBehavior": "EXPLICIT",
  "displayParams": {"displayedMetrics": ["DATA_DRIFT", "MAX_PSI"], "predictionType": "BINARY_CLASSIFICATION", "graphStyle": "BAR", "disabledMERunIds": []},
  "metricsChecks": {"runOnBuild": false, "checks": [], "displayedState": {"partition": "NP", "checks": []}},
  "governSyncOptOut": false,
  "creationTag": {"versionNumber": 0, "lastModifiedBy": {"login": "ml_admin"}, "lastModifiedOn": 1718000000456, "extendedProperties": {}},
  "tags": [],
  "customFields": {},
  "checklists": {"checklists": []},
  "mesFlavor": "TABULAR"
}`
	fixtureKnowledgeBank = `{
  "name": "carrier handbook",
  "retrieverType": "VECTOR_STORE_BACKED",
  "rebuildBehavior": "EXPLICIT",
  "vectorStoreType": "CHROMA",
  "embeddingLLMId": "openai:llm_mesh_conn:text-embedding-3-small",
  "envSelection": {"envMode": "EXPLICIT_ENV", "envName": "rag_env"},
  "$uiState": {"$selected": true},
  "creationTag": {"versionNumber": 0, "lastModifiedBy": {"login": "ml_admin"}, "lastModifiedOn": 1718000000789},
  "tags": [],
  "customFields": {},
  "checklists": {"checklists": []}
}`
	// An evaluation recipe as recipes/<name>.json holds it (the name
	// comes from the file name); its payload file is beside it.
	fixtureEvaluationRecipe = `{
  "type": "evaluation",
  "neverRecomputeExistingPartitions": false,
  "params": {"containerSelection": {"containerMode": "INHERIT"}},
  "customMeta": {"kv": {}},
  "redispatchPartitioning": false,
  "maxRunningActivities": 0,
  "inputs": {
    "main": {"items": [{"ref": "deliveries_last_week", "deps": []}]},
    "model": {"items": [{"ref": "smLate01", "deps": []}]}
  },
  "outputs": {
    "evaluationStore": {"items": [{"ref": "mesLate1", "appendMode": false}]},
    "metrics": {"items": [{"ref": "drift_metrics", "appendMode": true}]}
  },
  "labels": [],
  "creationTag": {"versionNumber": 0, "lastModifiedBy": {"login": "ml_admin"}, "lastModifiedOn": 1718000001000},
  "tags": [],
  "customFields": {},
  "checklists": {"checklists": []}
}`
)

func decodeNumbers(t *testing.T, b []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return m
}

func TestMLObjectsRealShapes(t *testing.T) {
	rn, u := startWithProject(t, testOpts(), "SHIP")
	for _, ds := range []string{"deliveries_last_week", "drift_metrics"} {
		expectOK(t, call(t, u, "POST", "/dip/publicapi/projects/SHIP/datasets/", testAdmin,
			`{"projectKey": "SHIP", "name": "`+ds+`", "type": "Filesystem", "params": {"connection": "filesystem_managed", "path": "/`+ds+`"}, "formatType": "csv", "formatParams": {}}`))
	}
	for _, f := range []struct{ kind, coll, id, doc string }{
		{"savedmodels", "savedmodels", "smLate01", fixtureSavedModel},
		{"evaluationstores", "evaluationstores", "mesLate1", fixtureEvaluationStore},
		{"knowledge-banks", "knowledge-banks", "kbCarrie", fixtureKnowledgeBank},
	} {
		loaded := decodeNumbers(t, []byte(f.doc))
		if err := rn.Server.InsertProjectObject("SHIP", f.kind, f.id, loaded); err != nil {
			t.Fatal(err)
		}
		r := call(t, u, "GET", "/dip/publicapi/projects/SHIP/"+f.coll+"/"+f.id, testAdmin, nil)
		expectOK(t, r)
		got := decodeNumbers(t, r.raw)
		// The REST API adds the identity; the server stamps a versionTag.
		if got["id"] != f.id || got["projectKey"] != "SHIP" {
			t.Fatalf("%s: identity %v %v", f.id, got["id"], got["projectKey"])
		}
		delete(got, "id")
		delete(got, "projectKey")
		delete(got, "versionTag")
		if want := decodeNumbers(t, []byte(f.doc)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s came back changed:\n got %v\nwant %v", f.id, got, want)
		}
		// And its number text, e.g. 1.0E-4, as written.
		if f.id == "smLate01" && !bytes.Contains(r.raw, []byte("1.0E-4")) {
			t.Errorf("a Java-style double was rewritten: %s", r.raw)
		}
	}
	// The real evaluation recipe, created as its document says, is
	// accepted and reads back with its roles.
	var rec map[string]any
	if err := json.Unmarshal([]byte(fixtureEvaluationRecipe), &rec); err != nil {
		t.Fatal(err)
	}
	rec["name"], rec["projectKey"] = "evaluate_late", "SHIP"
	expectOK(t, call(t, u, "POST", "/dip/publicapi/projects/SHIP/recipes/", testAdmin,
		map[string]any{"recipePrototype": rec, "creationSettings": map[string]any{}}))
	got := call(t, u, "GET", "/dip/publicapi/projects/SHIP/recipes/evaluate_late", testAdmin, nil).obj()["recipe"].(map[string]any)
	if !reflect.DeepEqual(got["inputs"], rec["inputs"]) || !reflect.DeepEqual(got["outputs"], rec["outputs"]) {
		t.Fatalf("roles changed:\n got %v %v\nwant %v %v", got["inputs"], got["outputs"], rec["inputs"], rec["outputs"])
	}
	// A zone holds the three, as a real zones/<id>.json lists them.
	zid := call(t, u, "POST", "/dip/publicapi/projects/SHIP/flow/zones", testAdmin, map[string]any{"name": "Monitoring"}).obj()["id"].(string)
	expectOK(t, call(t, u, "POST", "/dip/publicapi/projects/SHIP/flow/zones/"+zid+"/add-items", testAdmin, `[
  {"objectId": "smLate01", "objectType": "SAVED_MODEL"},
  {"objectId": "mesLate1", "objectType": "MODEL_EVALUATION_STORE"},
  {"objectId": "kbCarrie", "objectType": "RETRIEVABLE_KNOWLEDGE"},
  {"objectId": "evaluate_late", "objectType": "RECIPE"}
]`))
}
