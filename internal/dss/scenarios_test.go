package dss

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A step-based scenario as DSS sends it, with fields the provider does
// not model at every level.
const scenarioWire = `{"id":"Nightly_build","projectKey":"SC","name":"Nightly build","type":"step_based","active":true,
"runAsUser":null,"triggers":[{"id":"t1","type":"temporal","name":"","active":true,"delay":5,"params":{"frequency":"Daily","hour":2,"future":1}}],
"reporters":[{"messaging":{"type":"mail"}}],"params":{"steps":[{"id":"s1","type":"build_flowitem","name":"b","params":{"builds":[]},
"runConditionType":"RUN_IF_STATUS_MATCH","maxRetriesOnFail":0}],"stepsExtra":{"n":9007199254740993}},
"description":"","shortDesc":"","tags":["a"],"versionTag":{"versionNumber":3}}`

func TestScenarioRoundTripKeepsUnmodelledFieldsExactly(t *testing.T) {
	s := decodeWire[Scenario](t, scenarioWire)
	if s.Triggers[0].Params["frequency"] != "Daily" || s.Params.Steps[0].Type != "build_flowitem" || s.RunAsUser != nil {
		t.Fatalf("decoded %+v", s)
	}
	out := encode(t, s)
	if !semanticallyEqualExact(t, string(out), scenarioWire) {
		t.Fatalf("round trip changed the document:\n%s\n%s", scenarioWire, out)
	}
	if !strings.Contains(string(out), "9007199254740993") {
		t.Fatalf("a large number lost its digits: %s", out)
	}
}

// The script is written as {script} only, and a reply that does not
// decode is not quoted (a script can hold a credential).
func TestScenarioScriptBodyAndNoQuoting(t *testing.T) {
	const secret = "password='hunter2-scenario'"
	var putBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			b, _ := io.ReadAll(r.Body)
			putBody = string(b)
			_, _ = w.Write([]byte(`{}`))
			return
		}
		_, _ = w.Write([]byte(`{"script": "` + secret + `" broken`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	if err := c.SetScenarioScript(context.Background(), "SC", "py", secret); err != nil {
		t.Fatal(err)
	}
	if putBody != `{"script":"password='hunter2-scenario'"}` {
		t.Fatalf("payload body %s", putBody)
	}
	_, err := c.ScenarioScript(context.Background(), "SC", "py")
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("error %v", err)
	}
}
