package provider_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// TestAdoptRealShapes adopts a project holding what stopped dss-adopt in
// issue 23 (blockers 1, 2, 3, 5, 8): a 67-character project key,
// datasets and recipes with hyphens, one of them without outputs, an Inline and a JobsDB dataset
// managed with no connection, a zone holding a streaming endpoint (a type
// the provider has no resource for), and a scenario whose id DSS kept
// from its document. Generation must succeed, the adopting apply must
// change nothing and the next plan must be empty.
func TestAdoptRealShapes(t *testing.T) {
	site := startAdoptSite(t, emulator.Options{AdminKey: "adopt-real-shapes-admin-key-5d1e", CodeEnvBuildTime: -1})
	c, ctx := site.c, context.Background()
	const key = "CUSTOMER_CHURN_PREDICTION_WITH_GRADIENT_BOOSTING_AND_DRIFT_MONITOR1"
	if len(key) != 67 {
		t.Fatalf("key length %d", len(key))
	}
	must := fatalOnError(t)
	must("project", c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: key, Name: "Churn", Owner: emulator.AdminLogin}, ""))
	for _, name := range []string{"images-list", "disk-usage"} {
		must(name, c.CreateDatasetFrom(ctx, &dss.Dataset{ProjectKey: key, Name: name, Type: "Filesystem",
			Params: dss.Object{"connection": "filesystem_root", "path": "/ops/" + name}, FormatType: "csv"}))
	}
	// Managed with no connection, as DSS writes them (dss-real-shapes.md).
	must("regions", c.CreateDatasetFrom(ctx, &dss.Dataset{ProjectKey: key, Name: "regions", Type: "Inline", Managed: true,
		Params: dss.Object{"data": []any{[]any{"eu-west", "1"}}}}))
	must("jobs_log", c.CreateDatasetFrom(ctx, &dss.Dataset{ProjectKey: key, Name: "jobs_log", Type: "JobsDB", Managed: true,
		Params: dss.Object{"view": "JOBS"}}))
	_, err := c.CreateRecipe(ctx, dss.RecipePrototype{ProjectKey: key, Name: "compute_disk-usage", Type: "python",
		Inputs:  map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "images-list"}}}},
		Outputs: map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "disk-usage"}}}},
		Script:  "# disk usage\n"})
	must("recipe", err)
	// A recipe with no outputs, which a required outputs attribute left
	// unadoptable: generation wrote no outputs and the plan failed.
	_, err = c.CreateRecipe(ctx, dss.RecipePrototype{ProjectKey: key, Name: "notify_disk-usage", Type: "python",
		Inputs: map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "disk-usage"}}}},
		Script: "# post the figures\n"})
	must("recipe without outputs", err)
	// The stream the zone shows beside them, a Kafka topic.
	must("events_stream", c.CreateStreamingEndpointFrom(ctx, &dss.StreamingEndpoint{ID: "events_stream", ProjectKey: key, Type: "kafka",
		Params: dss.Object{"connection": "kafka_events", "topic": "events"}}))
	// A continuous recipe fills the image list from that stream.
	_, err = c.CreateRecipe(ctx, dss.RecipePrototype{ProjectKey: key, Name: "collect_images", Type: "cpython",
		Inputs:  map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "events_stream"}}}},
		Outputs: map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "images-list"}}}},
		Script:  "# images from the events\n"})
	must("continuous recipe", err)
	z, err := c.CreateFlowZone(ctx, key, "Monitoring", "#4a90d9")
	must("zone", err)
	_, err = c.MoveToFlowZone(ctx, key, z.ID, []dss.ZoneItem{
		{ObjectID: "disk-usage", ObjectType: "DATASET"}, {ObjectID: "compute_disk-usage", ObjectType: "RECIPE"},
		{ObjectID: "events_stream", ObjectType: "STREAMING_ENDPOINT"}})
	must("zone items", err)
	// A scenario document with its id, as an older DSS wrote it, and a
	// temporal trigger without a frequency, which DSS keeps (a refusal
	// once stopped its adoption).
	var scenario map[string]any
	must("scenario fixture", json.Unmarshal([]byte(`{"type": "step_based", "id": "CHECKMODELDRIFT", "name": "Check model drift",
	  "active": false, "triggers": [{"id": "nightly", "type": "temporal", "name": "Nightly", "active": false, "delay": 0, "params": {}}],
	  "reporters": [], "params": {"steps": []}, "tags": []}`), &scenario))
	var created struct {
		ID string `json:"id"`
	}
	must("scenario", c.Post(ctx, dss.Path("projects", key, "scenarios")+"/", nil, scenario, &created))
	if created.ID != "CHECKMODELDRIFT" {
		t.Fatalf("scenario id %q", created.ID)
	}

	adopted := site.adopt(t, nil, "--projects", key, "--kinds", "project,dataset,streaming_endpoint,recipe,flow_zone,scenario")
	generated := adopted.file(t, "generated.tf")
	prefix := strings.ToLower(key)
	expectGenerated(t, generated,
		// Hyphens become underscores in resource names; the zone's items
		// are references to the adopted dataset, recipe and streaming
		// endpoint.
		`id = dataiku_dataset.`+prefix+`_disk_usage.name`,
		`id = dataiku_recipe.`+prefix+`_compute_disk_usage.name`,
		`id = dataiku_streaming_endpoint.`+prefix+`_events_stream.name`,
		`type = "STREAMING_ENDPOINT"`,
		`ref = dataiku_dataset.`+prefix+`_images_list.name`,
		`ref = dataiku_streaming_endpoint.`+prefix+`_events_stream.name`,
		`name = "disk-usage"`,
		`type = "temporal"`,
	)
	imports := adopted.file(t, "imports.tf")
	expectContains(t, "imports.tf", string(imports), `id = "`+key+`.CHECKMODELDRIFT"`, `id = "`+key+`.regions"`, `id = "`+key+`.jobs_log"`,
		`id = "`+key+`.notify_disk-usage"`)
	before := site.writes()
	adopted.apply(t, "0 added, 0 changed, 0 destroyed", "the adopting apply changed something")
	if n := site.writes() - before; n != 0 {
		t.Errorf("the adopting apply wrote %d times to DSS", n)
	}
	adopted.requirePlanEmpty(t)
}

// TestAdoptSkipsDSSInternalCodeEnv: DSS's own code envs (deployment mode
// DSS_INTERNAL, [V] dataikuapi lists it) are left out of adoption with the
// reason, as the plugins' envs are; the user's env beside them adopts with
// no change and an empty plan, and DSS's own env is untouched.
func TestAdoptSkipsDSSInternalCodeEnv(t *testing.T) {
	site := startAdoptSite(t, emulator.Options{AdminKey: "adopt-internal-env-admin-key-8c2f", CodeEnvBuildTime: -1})
	c, ctx := site.c, context.Background()
	for name, mode := range map[string]string{"dss-internal": "DSS_INTERNAL", "plugin-env": "PLUGIN_MANAGED", "team-env": "DESIGN_MANAGED"} {
		f, err := c.CreateCodeEnv(ctx, "PYTHON", name, dss.CodeEnvCreate{DeploymentMode: mode, PythonInterpreter: "PYTHON311", InstallCorePackages: true})
		if err == nil {
			_, err = c.WaitFuture(ctx, f, true)
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	adopted := site.adopt(t, nil, "--kinds", "code_env")
	expectContains(t, "the summary", adopted.stdout,
		`dataiku_code_env.python_dss_internal (id "PYTHON/dss-internal"): deployment mode DSS_INTERNAL: DSS's own env, which DSS creates and manages itself`,
		`dataiku_code_env.python_plugin_env (id "PYTHON/plugin-env"): deployment mode PLUGIN_MANAGED: its plugin creates and rebuilds it`)
	imports := adopted.file(t, "imports.tf")
	expectContains(t, "imports.tf", string(imports),
		"# Not adopted: dataiku_code_env.python_dss_internal",
		"to = dataiku_code_env.python_team_env\n  id = \"PYTHON/team-env\"")
	if strings.Contains(string(imports), "to = dataiku_code_env.python_dss_internal") {
		t.Errorf("imports.tf imports DSS's own env:\n%s", imports)
	}
	adopted.apply(t, "1 imported, 0 added, 0 changed, 0 destroyed", "the adopting apply did not import exactly the user's env, changing nothing")
	adopted.requirePlanEmpty(t)
	e, err := dss.CodeEnvDoc("PYTHON", "dss-internal").Get(ctx, c)
	if err != nil || e.Mode() != "DSS_INTERNAL" {
		t.Fatalf("DSS's own env after the adoption: %+v, %v", e, err)
	}
}
