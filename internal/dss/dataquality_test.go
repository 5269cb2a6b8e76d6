package dss

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A rule as DSS lists it: the type's own fields (a number that must keep
// its text, a nested object) are kept byte-exact through a save.
const ruleWire = `{"checks":[{"id":"r1","type":"RecordCountInRangeRule","displayName":"enough rows","enabled":true,"autoRun":false,
"softMinimum":9007199254740993,"softMinimumEnabled":true,"meta":{"x":[1,2]}}],"monitor":true}`

func TestDataQualityRuleCalls(t *testing.T) {
	var saved, deletedQuery, computeQuery string
	status := `"WARNING"`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		p := strings.TrimPrefix(r.URL.Path, APIPrefix)
		switch r.Method + " " + p {
		case "GET /projects/P/datasets/d/data-quality/rules":
			_, _ = w.Write([]byte(ruleWire))
		case "PUT /projects/P/datasets/d/data-quality/rules/r1":
			b := new(strings.Builder)
			_, _ = io.Copy(b, r.Body)
			saved = b.String()
			_, _ = w.Write([]byte(`{}`))
		case "DELETE /projects/P/datasets/d/data-quality/rules/r1":
			deletedQuery = r.URL.RawQuery
			_, _ = w.Write([]byte(`{}`))
		case "GET /projects/P/datasets/d/data-quality/status":
			_, _ = w.Write([]byte(status))
		case "GET /projects/P/datasets/d/data-quality/last-rules-result":
			_, _ = w.Write([]byte(`[{"id":"r1","name":"enough rows","outcome":"WARNING","message":"m","computeDate":1700000000000,"runOrigin":"MANUAL","partition":"NP"}]`))
		case "POST /projects/P/datasets/d/data-quality/actions/compute-rules":
			computeQuery = r.URL.RawQuery
			_, _ = w.Write([]byte(`{"jobId":"j1","hasResult":true,"alive":false,"result":{"results":[]}}`))
		default:
			w.WriteHeader(404)
			_, _ = w.Write([]byte(`{"errorType":"x.NotFoundException","message":"no","detailedMessage":"no"}`))
		}
	}))
	defer srv.Close()
	c, ctx := newTestClient(t, srv.URL), context.Background()

	rule, err := c.GetDataQualityRule(ctx, "P", "d", "r1")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := rule.Config()
	if err != nil || cfg["softMinimum"] != json.Number("9007199254740993") || rule.AutoRun == nil || *rule.AutoRun {
		t.Fatalf("rule %+v config %v err %v", rule, cfg, err)
	}
	if err := c.SaveDataQualityRule(ctx, "P", "d", *rule); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(saved, `"softMinimum":9007199254740993`) || !strings.Contains(saved, `"meta":{"x":[1,2]}`) {
		t.Errorf("save lost fields: %s", saved)
	}
	if _, err := c.GetDataQualityRule(ctx, "P", "d", "nope"); !IsRuleNotFound(err) {
		t.Errorf("missing rule: %v", err)
	}
	if err := c.DeleteDataQualityRule(ctx, "P", "d", "r1"); err != nil || deletedQuery != "ruleId=r1" {
		t.Errorf("delete: %v, query %q", err, deletedQuery)
	}
	for _, s := range []string{`"WARNING"`, `{"status":"WARNING"}`, `{"outcome":"WARNING"}`} {
		status = s
		if got, err := c.GetDataQualityStatus(ctx, "P", "d"); err != nil || got != "WARNING" {
			t.Errorf("status %s: %q %v", s, got, err)
		}
	}
	res, err := c.LastDataQualityResults(ctx, "P", "d", "")
	if err != nil || len(res) != 1 || res[0].Outcome != "WARNING" || res[0].ComputeDate.String() != "1700000000000" {
		t.Errorf("last results: %+v %v", res, err)
	}
	if _, err := c.ComputeDataQualityRules(ctx, "P", "d", "", "r1"); err != nil || computeQuery != "partition=NP&ruleId=r1" {
		t.Errorf("compute: %v, query %q", err, computeQuery)
	}
}
