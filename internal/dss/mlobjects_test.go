package dss

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// The ML object calls use the paths and bodies of Dataiku's Python client
// (the trailing slash of the saved model and evaluation store lists, none
// on the knowledge bank list, ?flavor= only when asked), and the
// documents keep what the provider does not model.
func TestMLObjectCalls(t *testing.T) {
	c, log := recordRequests(t, methodURIBody, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost:
			_, _ = io.WriteString(w, `{"id":"Ab12Cd34"}`)
		case strings.Contains(r.URL.Path, "savedmodels"):
			_, _ = io.WriteString(w, `[{"id":"Ab12Cd34","projectKey":"P","name":"m","contentType":"prediction/py_memory","miniTask":{"predictionType":"REGRESSION","taskType":"PREDICTION"}}]`)
		case strings.Contains(r.URL.Path, "evaluationstores"):
			_, _ = io.WriteString(w, `[{"id":"Ev","projectKey":"P","name":"e","mesFlavor":"TABULAR","displayParams":{}}]`)
		default:
			_, _ = io.WriteString(w, `[{"id":"Kb","projectKey":"P","name":"k","vectorStoreType":"FAISS","embeddingLLMId":"x","retrieverType":"VECTOR_STORE_BACKED"}]`)
		}
	})
	ctx := t.Context()
	id, err := c.CreateSavedModel(ctx, "P", "m", "MLFLOW_PYFUNC", "")
	if err != nil || id != "Ab12Cd34" {
		t.Fatalf("create: %q %v", id, err)
	}
	sms, err := c.ListSavedModels(ctx, "P")
	if err != nil || len(sms) != 1 || sms[0].PredictionType() != "REGRESSION" || sms[0].Extra["contentType"] == nil {
		t.Fatalf("saved models %+v %v", sms, err)
	}
	if b, _ := json.Marshal(sms[0]); !strings.Contains(string(b), `"taskType":"PREDICTION"`) || !strings.Contains(string(b), `"contentType":"prediction/py_memory"`) {
		t.Fatalf("written back as %s", b)
	}
	for _, flavor := range []string{"", "LLM"} {
		if es, err := c.ListEvaluationStores(ctx, "P", flavor); err != nil || len(es) != 1 || es[0].Flavor != "TABULAR" {
			t.Fatalf("evaluation stores %+v %v", es, err)
		}
	}
	if kbs, err := c.ListKnowledgeBanks(ctx, "P"); err != nil || len(kbs) != 1 || kbs[0].VectorStoreType != "FAISS" || kbs[0].Extra["retrieverType"] == nil {
		t.Fatalf("knowledge banks %+v %v", kbs, err)
	}
	log.expect(t,
		`POST /public/api/projects/P/savedmodels/ {"name":"m","predictionType":null,"savedModelType":"MLFLOW_PYFUNC"}`,
		"GET /public/api/projects/P/savedmodels/ ",
		"GET /public/api/projects/P/evaluationstores/ ",
		"GET /public/api/projects/P/evaluationstores/?flavor=LLM ",
		"GET /public/api/projects/P/knowledge-banks ",
	)
}

// An evaluation store is created as _create_evaluation_store does (the
// flavor in the query, {projectKey, name} in the body); every flavor is
// listed with the default list and the AGENT one, each store once; the
// settings and the delete use the store's path.
func TestEvaluationStoreCalls(t *testing.T) {
	c, log := recordRequests(t, methodURIBody, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost:
			_, _ = io.WriteString(w, `{"id":"Ev12Ab34"}`)
		case r.Method == http.MethodDelete:
		case r.URL.Query().Get("flavor") == "AGENT":
			_, _ = io.WriteString(w, `[{"id":"Ag","projectKey":"P","name":"a","mesFlavor":"AGENT"},{"id":"Ev","projectKey":"P","name":"e","mesFlavor":"TABULAR"}]`)
		case strings.HasSuffix(r.URL.Path, "/evaluationstores/"):
			_, _ = io.WriteString(w, `[{"id":"Ev","projectKey":"P","name":"e","mesFlavor":"TABULAR"},{"id":"Ll","projectKey":"P","name":"l","mesFlavor":"LLM"}]`)
		default:
			_, _ = io.WriteString(w, `{"id":"Ev","projectKey":"P","name":"e","metricsChecks":{"runOnBuild":false}}`)
		}
	})
	ctx := t.Context()
	id, err := c.CreateEvaluationStore(ctx, "P", "drift", EvaluationStoreLLM)
	if err != nil || id != "Ev12Ab34" {
		t.Fatalf("create: %q %v", id, err)
	}
	all, err := c.ListAllEvaluationStores(ctx, "P")
	if err != nil || len(all) != 3 || all[0].ID != "Ev" || all[1].ID != "Ll" || all[2].ID != "Ag" {
		t.Fatalf("all stores %+v %v", all, err)
	}
	d, err := EvaluationStoreDoc("P", "Ev").Get(ctx, c)
	if err != nil || d.FlavorOrTabular() != EvaluationStoreTabular || d.Extra["metricsChecks"] == nil {
		t.Fatalf("settings %+v %v", d, err)
	}
	if err := c.DeleteEvaluationStore(ctx, "P", "Ev"); err != nil {
		t.Fatal(err)
	}
	log.expect(t,
		`POST /public/api/projects/P/evaluationstores/?flavor=LLM {"name":"drift","projectKey":"P"}`,
		"GET /public/api/projects/P/evaluationstores/ ",
		"GET /public/api/projects/P/evaluationstores/?flavor=AGENT ",
		"GET /public/api/projects/P/evaluationstores/Ev ",
		"DELETE /public/api/projects/P/evaluationstores/Ev ",
	)
}
