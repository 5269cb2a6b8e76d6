package dss

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// The metrics sections live in the definition's Extra: reading and
// writing them keeps every other field and every number exactly.
func TestDatasetMetricsSectionsRoundTrip(t *testing.T) {
	wire := `{"name":"d","type":"Filesystem","params":{},"tags":[],"description":"","shortDesc":"",
"metrics":{"probes":[{"type":"basic","enabled":true,"meta":{"name":"Basic","level":0},"configuration":{"n":9007199254740993}}],"engineConfig":{"padRunsWithMetrics":false}},
"flowOptions":{"rebuildBehavior":"NORMAL"}}`
	var d Dataset
	if err := json.Unmarshal([]byte(wire), &d); err != nil {
		t.Fatal(err)
	}
	m, err := d.Metrics()
	if err != nil || m == nil {
		t.Fatalf("metrics: %v %v", m, err)
	}
	if mc, err := d.MetricsChecks(); err != nil || mc != nil {
		t.Fatalf("absent metricsChecks = %v, %v", mc, err)
	}
	if err := d.SetMetrics(m); err != nil {
		t.Fatal(err)
	}
	if err := d.SetMetricsChecks(Object{"checks": []any{}}); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`9007199254740993`, `"flowOptions":{"rebuildBehavior":"NORMAL"}`, `"meta":{"level":0,"name":"Basic"}`, `"metricsChecks":{"checks":[]}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
}

// The observation calls use the paths and queries Dataiku's client uses:
// an empty partition is NP in a path and "" in a query, and a
// multi-dimension id (with |) is escaped as one segment.
func TestDatasetObservationCalls(t *testing.T) {
	show := func(r *http.Request, _ string) string {
		return r.Method + " " + r.URL.EscapedPath() + "?" + r.URL.RawQuery
	}
	c, log := recordRequests(t, show, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/partitions"):
			_, _ = io.WriteString(w, `["a|x","b|y"]`)
		case strings.Contains(r.URL.Path, "/metrics/last/"):
			_, _ = io.WriteString(w, `{"metrics":[{"metric":{"id":"records:COUNT_RECORDS","dataType":"BIGINT"},"lastValues":[{"partition":"NP","value":"3","dataType":"BIGINT","time":1700000000000}]}]}`)
		case strings.HasSuffix(r.URL.Path, "/schema"):
			_, _ = io.WriteString(w, `{"columns":[{"name":"a","type":"string","maxLength":-1}],"userModified":true}`)
		default:
			_, _ = io.WriteString(w, `{"computed":[]}`)
		}
	})
	ctx := t.Context()
	parts, err := c.ListDatasetPartitions(ctx, "P", "d")
	if err != nil || len(parts) != 2 {
		t.Fatalf("partitions %v %v", parts, err)
	}
	last, err := c.LastMetricValues(ctx, "P", "d", "")
	if err != nil || len(last) != 1 || last[0].LastValues[0].Value != "3" || last[0].LastValues[0].Time != 1700000000000 {
		t.Fatalf("last %v %v", last, err)
	}
	if _, err := c.LastMetricValues(ctx, "P", "d", "a|x"); err != nil {
		t.Fatal(err)
	}
	s, err := c.GetDatasetSchema(ctx, "P", "d")
	if err != nil || len(s.Columns) != 1 || s.UserModified == nil || !*s.UserModified {
		t.Fatalf("schema %v %v", s, err)
	}
	if _, err := c.ComputeDatasetMetrics(ctx, "P", "d", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RunDatasetChecks(ctx, "P", "d", "ALL"); err != nil {
		t.Fatal(err)
	}
	log.expect(t,
		"GET /public/api/projects/P/datasets/d/partitions?",
		"GET /public/api/projects/P/datasets/d/metrics/last/NP?",
		"GET /public/api/projects/P/datasets/d/metrics/last/a%7Cx?",
		"GET /public/api/projects/P/datasets/d/schema?",
		"POST /public/api/projects/P/datasets/d/actions/computeMetrics?partition=",
		"POST /public/api/projects/P/datasets/d/actions/runChecks?partition=ALL",
	)
}
