package emulator

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDataQualityDataikuapiShapes replays the requests Dataiku's client
// (dss/data_quality.py) sends for a dataset's rules, as it sends them:
// /dip/publicapi, json.dumps bodies without a Content-Type, query
// parameters as the client writes them, then follows the future it gets.
func TestDataQualityDataikuapiShapes(t *testing.T) {
	_, u := startWithProject(t, withPG(testOpts()), "DS")
	expectOK(t, createDataset(t, u, "DS", testAdmin, fsDataset("orders")))
	base := u + "/dip/publicapi/projects/DS/datasets/orders/data-quality"
	py := pyCaller(t, base)

	// list_rules() on a dataset without rules, then last results: [].
	if l := py("GET", "/rules", "").obj()["checks"].([]any); len(l) != 0 {
		t.Fatalf("list_rules: %v", l)
	}
	if l := py("GET", "/last-rules-result?partition=NP", "").body.([]any); len(l) != 0 {
		t.Fatalf("get_last_rules_results before a compute: %v", l)
	}
	// create_rule(config): the developer guide's example, plus an unknown key.
	rule := py("POST", "/rules", `{"type": "RecordCountInRangeRule", "softMinimum": 10, "softMinimumEnabled": true, "displayName": "enough rows", "uiNote": "kept"}`).obj()
	id, _ := rule["id"].(string)
	if id == "" || rule["displayName"] != "enough rows" || rule["uiNote"] != "kept" || rule["enabled"] != true {
		t.Fatalf("create_rule reply: %v", rule)
	}
	py("POST", "/rules", `{"type": "ColumnNotEmptyRule", "displayName": "ids", "column": "id"}`)
	// rule.save(): PUT of the whole dict.
	rule["softMinimum"] = 20
	py("PUT", "/rules/"+id, dumpsJSON(t, rule))
	checks := py("GET", "/rules", "").obj()["checks"].([]any)
	if len(checks) != 2 || checks[0].(map[string]any)["softMinimum"] != float64(20) || checks[0].(map[string]any)["uiNote"] != "kept" {
		t.Fatalf("after save: %v", checks)
	}
	// get_status() before anything ran.
	if s := py("GET", "/status", "").body; s != "EMPTY" {
		t.Fatalf("get_status: %v", s)
	}
	// Seed outcomes by id and by name; the seed records them as last results.
	seed := call(t, u, "POST", ControlPrefix+"/data-quality/DS/orders", testAdmin,
		map[string]any{"outcomes": map[string]any{id: map[string]any{"outcome": "WARNING", "message": "only 12 rows"}, "ids": map[string]any{"outcome": "ERROR", "message": "3 empty"}}})
	expectOK(t, seed)
	expectError(t, call(t, u, "POST", ControlPrefix+"/data-quality/DS/orders", testBob, map[string]any{}), 403, ErrTypeUnauthorized)
	if s := py("GET", "/status", "").body; s != "ERROR" {
		t.Fatalf("status after the seed: %v", s)
	}
	// rule.compute(): a future with jobId, already finished.
	fut := py("POST", "/actions/compute-rules?partition=NP&ruleId="+id, "").obj()
	job, _ := fut["jobId"].(string)
	if job == "" || fut["hasResult"] != true {
		t.Fatalf("compute future: %v", fut)
	}
	res := call(t, u, "GET", "/dip/publicapi/futures/"+job+"?peek=False", testAdmin, nil)
	expectOK(t, res)
	results := res.obj()["result"].(map[string]any)["results"].([]any)
	if len(results) != 1 || results[0].(map[string]any)["outcome"] != "WARNING" {
		t.Fatalf("compute result: %v", res.obj())
	}
	// get_last_result(): one rule; its fields as DSSDataQualityRuleResult reads them.
	last := py("GET", "/last-rules-result?partition=NP&ruleId="+id, "").body.([]any)
	r0 := last[0].(map[string]any)
	for _, k := range []string{"id", "name", "outcome", "message", "computeDate", "runOrigin", "partition"} {
		if _, ok := r0[k]; !ok {
			t.Errorf("result lacks %s: %v", k, r0)
		}
	}
	// The seeded dataset status wins over the outcomes.
	expectOK(t, call(t, u, "POST", ControlPrefix+"/data-quality/DS/orders", testAdmin, map[string]any{"status": "OK"}))
	if s := py("GET", "/status", "").body; s != "OK" {
		t.Fatalf("seeded status: %v", s)
	}
	expectError(t, call(t, u, "POST", ControlPrefix+"/data-quality/DS/orders", testAdmin, map[string]any{"status": "BAD"}), StatusIllegalArgument, ErrTypeIllegalArgument)

	// Bad rules: a blank type, an inverted range of a known range type.
	expectError(t, call(t, u, "POST", base[len(u):]+"/rules", testAdmin, map[string]any{"type": " "}), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", base[len(u):]+"/rules", testAdmin, map[string]any{"type": "ColumnMinInRangeRule", "minimum": 5, "maximum": 1}), StatusIllegalArgument, ErrTypeIllegalArgument)
	// A type the known list lacks (a newer DSS's) is accepted, and its
	// fields are not judged by a known type's checks.
	future := call(t, u, "POST", base[len(u):]+"/rules", testAdmin, map[string]any{"type": "ColumnValuesMatchPatternRule", "minimum": 5, "maximum": 1})
	expectOK(t, future)
	if future.obj()["type"] != "ColumnValuesMatchPatternRule" || future.obj()["id"] == "" {
		t.Fatalf("rule of a new type: %v", future.obj())
	}
	expectOK(t, call(t, u, "POST", base[len(u):]+"/rules", testAdmin, map[string]any{"type": DataQualityPluginTypePrefix + "mine_rule"}))

	// A rename keeps the rules; a delete drops them.
	expectOK(t, call(t, u, "POST", dsBase+"DS/actions/renameDataset", testAdmin, map[string]any{"oldName": "orders", "newName": "orders2"}))
	moved := call(t, u, "GET", dsBase+"DS/datasets/orders2/data-quality/rules/"+id, testAdmin, nil)
	expectOK(t, moved)
	expectError(t, call(t, u, "GET", dsBase+"DS/datasets/orders/data-quality/rules", testAdmin, nil), 404, ErrTypeNotFound)
	// delete(): with the redundant ruleId parameter.
	expectOK(t, call(t, u, "DELETE", dsBase+"DS/datasets/orders2/data-quality/rules/"+id+"?ruleId="+id, testAdmin, nil))
	expectError(t, call(t, u, "GET", dsBase+"DS/datasets/orders2/data-quality/rules/"+id, testAdmin, nil), 404, ErrTypeNotFound)
	expectOK(t, call(t, u, "DELETE", dsBase+"DS/datasets/orders2", testAdmin, nil))
	expectOK(t, createDataset(t, u, "DS", testAdmin, fsDataset("orders2")))
	if l := call(t, u, "GET", dsBase+"DS/datasets/orders2/data-quality/rules", testAdmin, nil).obj()["checks"].([]any); len(l) != 0 {
		t.Fatalf("a deleted dataset's rules came back with a new dataset of the same name: %v", l)
	}
}

func dumpsJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDataQualityRulesLiveInTheDefinition: a dataset's rules are the
// data-quality entries of its definition's metricsChecks.checks, as real
// DSS documents hold them (dss-real-shapes.md), beside a legacy check. The
// rules endpoints list, create, save and delete those entries, the
// definition shows each change, and the legacy check is never touched
// (nor listed as a rule, nor run as one).
func TestDataQualityRulesLiveInTheDefinition(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "DS")
	expectOK(t, createDataset(t, u, "DS", testAdmin, fsDataset("orders")))
	def := dsBase + "DS/datasets/orders"
	rules := def + "/data-quality/rules"
	legacy := map[string]any{"type": "numericRange", "meta": map[string]any{"name": "rows", "level": 0}, "enabled": true,
		"metricId": "records:COUNT_RECORDS", "minimum": 1.0, "minimumEnabled": true}
	d := call(t, u, "GET", def, testAdmin, nil).obj()
	d["metricsChecks"] = map[string]any{"monitor": true, "displayedState": map[string]any{"checks": []any{}}, "checks": []any{
		legacy,
		map[string]any{"type": "RecordCountInRangeRule", "id": "rc1", "displayName": "enough rows", "enabled": true, "autoRun": true,
			"minimum": 1.0, "minimumEnabled": true, "computeOnBuildMode": "PARTITION"},
	}}
	expectOK(t, call(t, u, "PUT", def, testAdmin, d))

	checksIn := func() []any {
		t.Helper()
		return call(t, u, "GET", def, testAdmin, nil).obj()["metricsChecks"].(map[string]any)["checks"].([]any)
	}
	ids := func(l []any) string {
		out := []string{}
		for _, e := range l {
			m := e.(map[string]any)
			out = append(out, fmt.Sprint(m["type"], "/", m["id"]))
		}
		return strings.Join(out, " ")
	}
	// The planted rule is listed, the legacy check is not.
	set := call(t, u, "GET", rules, testAdmin, nil).obj()
	if got := ids(set["checks"].([]any)); got != "RecordCountInRangeRule/rc1" || set["monitor"] != true {
		t.Fatalf("ruleset of a definition holding a rule and a check: %v", set)
	}
	expectOK(t, call(t, u, "GET", rules+"/rc1", testAdmin, nil))

	// Created: appended to the definition's list.
	created := call(t, u, "POST", rules, testAdmin, map[string]any{"type": "ColumnNotEmptyRule", "displayName": "ids", "column": "id"})
	expectOK(t, created)
	newID := created.obj()["id"].(string)
	if got := ids(checksIn()); got != "numericRange/<nil> RecordCountInRangeRule/rc1 ColumnNotEmptyRule/"+newID {
		t.Fatalf("definition after a create: %s", got)
	}
	// Saved: the definition holds the new fields.
	rc := call(t, u, "GET", rules+"/rc1", testAdmin, nil).obj()
	rc["minimum"] = 5.0
	expectOK(t, call(t, u, "PUT", rules+"/rc1", testAdmin, rc))
	if got := checksIn()[1].(map[string]any); got["minimum"] != 5.0 || got["computeOnBuildMode"] != "PARTITION" {
		t.Fatalf("definition after a save: %v", got)
	}
	// Deleted: gone from the definition; the legacy check is as planted.
	expectOK(t, call(t, u, "DELETE", rules+"/rc1?ruleId=rc1", testAdmin, nil))
	after := checksIn()
	if got := ids(after); got != "numericRange/<nil> ColumnNotEmptyRule/"+newID {
		t.Fatalf("definition after a delete: %s", got)
	}
	if dumpsJSON(t, after[0]) != dumpsJSON(t, legacy) {
		t.Fatalf("the legacy check changed: %v, want %v", after[0], legacy)
	}
	// A legacy check id is not a rule's.
	expectError(t, call(t, u, "GET", rules+"/rows", testAdmin, nil), 404, ErrTypeNotFound)
	// runChecks runs the legacy check only.
	run := call(t, u, "POST", def+"/actions/runChecks?partition=NP", testAdmin, nil).obj()["results"].([]any)
	if len(run) != 1 || run[0].(map[string]any)["check"].(map[string]any)["type"] != "numericRange" {
		t.Fatalf("runChecks: %v", run)
	}
	// A rule the definition's PUT writes (DSS's save of the dataset) is a rule.
	d = call(t, u, "GET", def, testAdmin, nil).obj()
	mc := d["metricsChecks"].(map[string]any)
	mc["checks"] = append(mc["checks"].([]any), map[string]any{"type": "ValuesInSetRule", "id": "vs1", "displayName": "", "columns": []any{"score"}})
	expectOK(t, call(t, u, "PUT", def, testAdmin, d))
	if got := ids(call(t, u, "GET", rules, testAdmin, nil).obj()["checks"].([]any)); got != "ColumnNotEmptyRule/"+newID+" ValuesInSetRule/vs1" {
		t.Fatalf("rules after a PUT of the definition: %s", got)
	}
}

// TestDataQualityRulesMigratedFromAnOlderState: a state file an earlier
// emulator wrote, its rules beside the definition (dataQuality.rules),
// loads with those rules in the definition's metricsChecks.checks, after
// what the list held, a rule already there not repeated.
func TestDataQualityRulesMigratedFromAnOlderState(t *testing.T) {
	path := t.TempDir() + "/state.json"
	old := `{"stateFormat": 2, "projects": {"P": {"datasets": {"orders": {"name": "orders", "type": "Filesystem",
	  "metricsChecks": {"checks": [{"type": "numericRange", "meta": {"name": "rows"}}, {"type": "ColumnNotEmptyRule", "id": "b", "displayName": "ids"}]}}},
	  "dataQuality": {"orders": {"rules": [{"type": "RecordCountInRangeRule", "id": "a", "displayName": "enough"},
	    {"type": "ColumnNotEmptyRule", "id": "b", "displayName": "ids"}], "lastResults": {"a": {"outcome": "OK"}}}}}}}`
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	st, _, _, err := loadState(path)
	if err != nil {
		t.Fatal(err)
	}
	p := st.Projects["P"]
	d := datasetRules{doc: p.Datasets["orders"]}
	got := []string{}
	for _, e := range d.checks() {
		m := e.(map[string]any)
		got = append(got, fmt.Sprint(m["type"], "/", m["id"]))
	}
	if strings.Join(got, " ") != "numericRange/<nil> ColumnNotEmptyRule/b RecordCountInRangeRule/a" {
		t.Fatalf("checks after loading an older state: %v", got)
	}
	if q := p.DataQuality["orders"]; len(q.LegacyRules) != 0 || q.LastResults["a"] == nil {
		t.Fatalf("data quality after loading: %+v", q)
	}
}
