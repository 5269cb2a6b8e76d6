package dataset_test

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// requestsSince lists the requests made since before, by route, and
// counts them.
func requestsSince(em *emulator.Running, before map[string]int64) (total int64, routes []string) {
	for route, n := range em.Server.Stats().ByRoute {
		if d := n - before[route]; d > 0 {
			total += d
			routes = append(routes, route+" ×"+strconv.FormatInt(d, 10))
		}
	}
	sort.Strings(routes)
	return total, routes
}

// TestAccDataQualityExample applies examples/data-quality with the
// terraform CLI: the plan fails while the seeded status is ERROR (the
// data source's postcondition, with the check block's warning) and passes
// when it is OK. It reports the requests of a refresh.
func TestAccDataQualityExample(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireTerraformCLITests(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	work := acctest.CopyExampleDir(t, "data-quality")
	key := acctest.ProjectKey("TFACCDQ")
	vars := []string{"-var", "project_key=" + key}
	destroy := acctest.DestroyAtEnd(t, work, vars...)
	if out, code := acctest.TerraformRun(t, work, append([]string{"apply", "-auto-approve", "-no-color"}, vars...)...); code != 0 {
		t.Fatalf("terraform apply of examples/data-quality failed (exit %d):\n%s", code, out)
	}
	rules, err := acctest.Client(t).ListDataQualityRules(acctest.Ctx(t), key, "orders")
	if err != nil || len(rules) != 2 {
		t.Fatalf("rules in DSS after the apply: %+v %v", rules, err)
	}

	seed := func(s emulator.DataQualitySeed) {
		t.Helper()
		if err := em.Server.SeedDataQuality(key, "orders", s); err != nil {
			t.Fatal(err)
		}
	}
	seed(emulator.DataQualitySeed{Status: "ERROR", Outcomes: map[string]emulator.SeededOutcome{
		"order_id not empty": {Outcome: "ERROR", Message: "12 empty values"},
	}})
	out, code := acctest.TerraformRun(t, work, append([]string{"plan", "-no-color"}, vars...)...)
	if code == 0 {
		t.Fatalf("the plan passed with the status seeded ERROR:\n%s", out)
	}
	flat := strings.Join(strings.Fields(out), " ")
	// The postcondition stops the plan before the check block runs: its
	// error is the one to see.
	if !strings.Contains(flat, "Resource postcondition failed") ||
		!strings.Contains(flat, "Dataset orders fails its data quality rules: order_id not empty: 12 empty values") {
		t.Errorf("the failed plan does not give the postcondition's error:\n%s", out)
	}

	seed(emulator.DataQualitySeed{Status: "OK"})
	before := em.Server.Stats().ByRoute
	// Only the output changes (the status it shows): no resource does.
	out, code = acctest.TerraformRun(t, work, append([]string{"plan", "-no-color"}, vars...)...)
	if code != 0 || strings.Contains(out, "Plan:") {
		t.Fatalf("the plan with the status seeded OK failed or changes resources (exit %d):\n%s", code, out)
	}
	if strings.Contains(out, "Check block assertion failed") {
		t.Errorf("the check block warns with the status OK:\n%s", out)
	}
	total, routes := requestsSince(em, before)
	t.Logf("requests of a plan of examples/data-quality (project, dataset, 2 rules, data source): %d: %s", total, strings.Join(routes, ", "))

	destroy(vars...)
}

// TestAccDataQualityRule_refreshCost counts the requests of refreshing
// three rules and of reading the data source.
func TestAccDataQualityRule_refreshCost(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireTerraformCLITests(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_DQCOST")
	testAccDatasetWithRule(t, key, "")
	var cfg strings.Builder
	cfg.WriteString(acctest.CliRequiredProviders)
	for i, typ := range []string{"ColumnNotEmptyRule", "ColumnValuesUniqueRule", "RecordCountInRangeRule"} {
		cfg.WriteString("\nresource \"dataiku_data_quality_rule\" \"r" + strconv.Itoa(i) + "\" {\n  project_key = \"" + key +
			"\"\n  dataset_name = \"orders\"\n  name = \"rule " + strconv.Itoa(i) + "\"\n  type = \"" + typ + "\"\n}\n")
	}
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": cfg.String()})
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	acctest.MustTerraform(t, dir, env, nil, "apply", "-auto-approve", "-no-color")
	before := em.Server.Stats().ByRoute
	acctest.MustTerraform(t, dir, env, nil, "plan", "-refresh-only", "-no-color")
	total, routes := requestsSince(em, before)
	t.Logf("requests of a refresh of three rules: %d: %s", total, strings.Join(routes, ", "))
	if total > 4 { // 3 rule reads, plus the provider's own auth/instance check
		t.Errorf("a refresh of three rules made %d requests: %v", total, routes)
	}

	dsDir := acctest.NewTerraformDir(t, map[string]string{"main.tf": acctest.CliRequiredProviders +
		"\ndata \"dataiku_dataset_data_quality\" \"q\" {\n  project_key = \"" + key + "\"\n  dataset_name = \"orders\"\n}\n"})
	before = em.Server.Stats().ByRoute
	acctest.MustTerraform(t, dsDir, env, nil, "plan", "-no-color")
	total, routes = requestsSince(em, before)
	t.Logf("requests of reading dataiku_dataset_data_quality: %d: %s", total, strings.Join(routes, ", "))
	acctest.MustTerraform(t, dir, env, nil, "destroy", "-auto-approve", "-no-color")
}
