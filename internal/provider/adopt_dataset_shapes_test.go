package provider_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAdoptDatasetRealShapes adopts, with dss-adopt, a dataset holding
// shapes real DSS documents have and the provider once could not adopt:
// a string column with maxLength 0, a value dimension keeping the period
// of its time past, and a metricsChecks.checks holding a legacy check and
// two data-quality rules (one of a type the provider's list lacks, one
// named ""). The rules must be adopted as dataiku_data_quality_rule, the
// adopting apply must write nothing, the next plan must be empty, and
// DSS's definition must be as it was.
func TestAdoptDatasetRealShapes(t *testing.T) {
	site := startAdoptSite(t, emulator.Options{AdminKey: "adopt-dataset-shapes-admin-key-7a2c", CodeEnvBuildTime: -1})
	run, c, ctx := site.run, site.c, context.Background()
	const key = "DSSHAPES"
	must := fatalOnError(t)
	must("project", c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: key, Name: "Shapes", Owner: emulator.AdminLogin}, ""))
	must("dataset", c.CreateDatasetFrom(ctx, &dss.Dataset{ProjectKey: key, Name: "orders", Type: "Filesystem",
		Params: dss.Object{"connection": "filesystem_root", "path": "/orders/"}, FormatType: "csv"}))
	path := dss.DatasetDoc(key, "orders").Path()
	var d map[string]any
	must("get", c.Get(ctx, path, nil, &d))
	d["schema"] = map[string]any{"userModified": true, "columns": []any{
		map[string]any{"name": "code", "type": "string", "maxLength": 0},
		map[string]any{"name": "country", "type": "string", "maxLength": -1},
	}}
	d["partitioning"] = map[string]any{"filePathPattern": "%{country}/.*", "ignoreNonMatchingFile": false,
		"dimensions": []any{map[string]any{"name": "country", "type": "value", "params": map[string]any{"period": "DAY"}}}}
	d["metricsChecks"] = map[string]any{"monitor": true, "displayedState": map[string]any{"checks": []any{}}, "checks": []any{
		map[string]any{"type": "numericRange", "meta": map[string]any{"name": "rows", "level": 0}, "enabled": true,
			"metricId": "records:COUNT_RECORDS", "minimum": 1, "minimumEnabled": true},
		map[string]any{"type": "RecordCountInRangeRule", "id": "rc1", "displayName": "enough rows", "enabled": true, "autoRun": true,
			"computeOnBuildMode": "PARTITION", "minimum": 1.0, "minimumEnabled": true, "maximumEnabled": false},
		map[string]any{"type": "ColumnValuesMatchPatternRule", "id": "pm1", "displayName": "", "enabled": true, "autoRun": false,
			"columns": []any{"code"}, "pattern": "^[A-Z]{3}$"},
	}}
	must("plant", c.Put(ctx, path, nil, d, nil))
	var before map[string]any
	must("get", c.Get(ctx, path, nil, &before))

	adopted := site.adopt(t, nil, "--projects", key, "--kinds", "project,dataset,data_quality_rule")
	imports := adopted.file(t, "imports.tf")
	expectContains(t, "imports.tf", string(imports), `id = "DSSHAPES.orders"`, `id = "DSSHAPES.orders.rc1"`, `id = "DSSHAPES.orders.pm1"`)
	if n := strings.Count(string(imports), "to = dataiku_data_quality_rule."); n != 2 {
		t.Errorf("%d rules adopted, want 2 (the legacy check is no rule):\n%s", n, imports)
	}
	generated := adopted.file(t, "generated.tf")
	expectGenerated(t, generated, `type = "ColumnValuesMatchPatternRule"`, `name = ""`, `type = "RecordCountInRangeRule"`)
	if regexp.MustCompile(`max_length\s*=\s*0|period\s*=\s*"DAY"`).Match(generated) {
		t.Errorf("generated.tf holds a maxLength sentinel or a value dimension's period:\n%s", generated)
	}

	statsBefore := run.Server.Stats().ByRoute
	adopted.apply(t, " imported, 0 added, 0 changed, 0 destroyed", "the adopting apply did more than import")
	for route, n := range acctest.RouteDelta(statsBefore, run.Server.Stats().ByRoute) {
		if !strings.HasPrefix(route, "GET ") {
			t.Errorf("the adopting apply wrote to DSS: %s ×%d", route, n)
		}
	}
	adopted.requirePlanEmpty(t)
	var after map[string]any
	must("get", c.Get(ctx, path, nil, &after))
	for _, section := range []string{"schema", "partitioning", "metricsChecks"} {
		if dumpJSON(t, after[section]) != dumpJSON(t, before[section]) {
			t.Errorf("DSS's %s changed:\n got %s\nwant %s", section, dumpJSON(t, after[section]), dumpJSON(t, before[section]))
		}
	}
}

func dumpJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
