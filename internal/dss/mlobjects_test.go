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
