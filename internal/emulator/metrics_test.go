package emulator

import (
	"net/http"
	"testing"
)

// TestMetricsDataikuapiShapes replays the requests Dataiku's Python client
// (dss/dataset.py list_partitions, get_last_metric_values,
// get_metric_history, compute_metrics, run_checks) sends, against seeded
// observations, and checks the seed control endpoint's rules: admin only,
// no partitions on an unpartitioned dataset, observations follow a rename
// and go with the dataset.
func TestMetricsDataikuapiShapes(t *testing.T) {
	rn := startTest(t, testOpts())
	base := rn.URL()
	py := pyCaller(t, base+"/dip/publicapi")
	expectOK(t, createProject(t, base, "MET", testAdmin, nil))
	py("POST", "/projects/MET/datasets/", `{"name": "flat", "projectKey": "MET", "type": "Filesystem", "params": {"connection": "filesystem_managed", "path": "/flat"}, "formatType": null, "formatParams": {}}`)
	py("POST", "/projects/MET/datasets/", `{"name": "days", "projectKey": "MET", "type": "Filesystem", "params": {"connection": "filesystem_managed", "path": "/days"}, "formatType": null, "formatParams": {}}`)
	def := py("GET", "/projects/MET/datasets/days", "").obj()
	def["partitioning"] = map[string]any{"dimensions": []any{map[string]any{"name": "day", "type": "time", "params": map[string]any{"period": "DAY"}}}}
	def["metricsChecks"].(map[string]any)["checks"] = []any{map[string]any{"type": "numericRange", "meta": map[string]any{"name": "rows"}, "metricId": "records:COUNT_RECORDS", "minimum": 1}}
	expectOK(t, call(t, base, "PUT", "/public/api/projects/MET/datasets/days", testAdmin, def))

	seed := func(key, name string, body any) resp {
		return call(t, base, "POST", "/_emulator/datasets/MET/"+name+"/observations", key, body)
	}
	// Only the admin key seeds.
	expectError(t, seed(testBob, "flat", map[string]any{}), http.StatusForbidden, ErrTypeUnauthorized)
	// No partitions on an unpartitioned dataset.
	expectError(t, seed(testAdmin, "flat", map[string]any{"partitions": []any{"2024-01-01"}}), http.StatusBadRequest, ErrTypeIllegalArgument)
	expectError(t, seed(testAdmin, "ghost", map[string]any{}), http.StatusNotFound, ErrTypeNotFound)
	expectOK(t, seed(testAdmin, "flat", map[string]any{"metrics": map[string]any{"NP": map[string]any{
		"records:COUNT_RECORDS": map[string]any{"value": 42, "type": "BIGINT"}}}}))
	expectOK(t, seed(testAdmin, "days", map[string]any{
		"partitions": []any{"2024-01-01", "2024-01-02"},
		"metrics": map[string]any{
			"2024-01-01": map[string]any{"records:COUNT_RECORDS": map[string]any{"value": "10", "type": "BIGINT"}},
			"2024-01-02": map[string]any{"records:COUNT_RECORDS": map[string]any{"value": "12", "type": "BIGINT"}},
		}}))

	// list_partitions
	if l, _ := py("GET", "/projects/MET/datasets/days/partitions", "").body.([]any); len(l) != 2 || l[0] != "2024-01-01" {
		t.Fatalf("partitions = %v", l)
	}
	if l, _ := py("GET", "/projects/MET/datasets/flat/partitions", "").body.([]any); len(l) != 0 {
		t.Fatalf("unpartitioned partitions = %v", l)
	}
	// get_last_metric_values() → NP; get_global_value reads lastValues[].value
	last := py("GET", "/projects/MET/datasets/flat/metrics/last/NP", "").obj()
	m := last["metrics"].([]any)[0].(map[string]any)
	lv := m["lastValues"].([]any)[0].(map[string]any)
	if m["metric"].(map[string]any)["id"] != "records:COUNT_RECORDS" || lv["value"] != "42" || lv["dataType"] != "BIGINT" || lv["partition"] != "NP" {
		t.Fatalf("last values = %v", last)
	}
	// One partition of a partitioned dataset: its own values only.
	day := py("GET", "/projects/MET/datasets/days/metrics/last/2024-01-02", "").obj()
	if vals := day["metrics"].([]any)[0].(map[string]any)["lastValues"].([]any); len(vals) != 1 || vals[0].(map[string]any)["value"] != "12" {
		t.Fatalf("2024-01-02 = %v", day)
	}
	// compute_metrics(partition='') → ?partition= ; synchronous report.
	rep := py("POST", "/projects/MET/datasets/flat/actions/computeMetrics?partition=", "").obj()
	if c := rep["computed"].([]any); len(c) != 1 || c[0].(map[string]any)["value"] != "42" {
		t.Fatalf("compute report = %v", rep)
	}
	// get_metric_history(metric) → metricLookup=id: seed + compute.
	hist := py("GET", "/projects/MET/datasets/flat/metrics/history/NP?metricLookup=records%3ACOUNT_RECORDS", "").obj()
	if v := hist["values"].([]any); len(v) != 2 {
		t.Fatalf("history = %v", hist)
	}
	// run_checks(partition='') with no body, and with a list of names.
	if res := py("POST", "/projects/MET/datasets/days/actions/runChecks?partition=2024-01-01", "").obj()["results"].([]any); len(res) != 1 {
		t.Fatalf("runChecks = %v", res)
	}
	if res := py("POST", "/projects/MET/datasets/days/actions/runChecks?partition=ALL", `["other"]`).obj()["results"].([]any); len(res) != 0 {
		t.Fatalf("runChecks filtered = %v", res)
	}

	// A rename keeps the observations; a delete drops them, so a new
	// dataset of the same name starts with none.
	py("POST", "/projects/MET/actions/renameDataset", `{"oldName": "flat", "newName": "flat2"}`)
	if ms := py("GET", "/projects/MET/datasets/flat2/metrics/last/NP", "").obj()["metrics"].([]any); len(ms) != 1 {
		t.Fatalf("after rename = %v", ms)
	}
	py("DELETE", "/projects/MET/datasets/flat2?dropData=False", "")
	py("POST", "/projects/MET/datasets/", `{"name": "flat2", "projectKey": "MET", "type": "Filesystem", "params": {"connection": "filesystem_managed", "path": "/flat"}}`)
	if ms := py("GET", "/projects/MET/datasets/flat2/metrics/last/NP", "").obj()["metrics"].([]any); len(ms) != 0 {
		t.Fatalf("after delete and re-create = %v", ms)
	}
	// Reading needs read access to the project: carol has none.
	expectError(t, call(t, base, "GET", "/public/api/projects/MET/datasets/days/partitions", testCarol, nil), http.StatusForbidden, ErrTypeUnauthorized)
}
