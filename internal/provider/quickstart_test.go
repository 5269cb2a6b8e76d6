package provider_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccQuickstart applies examples/quickstart as a user would: a copy of
// the directory, the real terraform, the provider built from this tree
// through dev_overrides, and DSS from DATAIKU_HOST/DATAIKU_API_KEY (the
// in-process emulator unless a real DSS is named). The apply must succeed,
// the next plan must be empty, and destroy must remove every project and
// dataset it created.
func TestAccQuickstart(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireTerraformCLITests(t)
	acctest.PreCheck(t)
	work := acctest.CopyExampleDir(t, "quickstart")
	// A prefix of its own, so a run against a real DSS cannot collide with
	// a quickstart someone applied there by hand.
	vars := []string{"-var", "project_key_prefix=TFACCQS"}

	destroy := acctest.DestroyAtEnd(t, work, vars...)

	out, code := acctest.TerraformRun(t, work, append([]string{"apply", "-auto-approve", "-no-color"}, vars...)...)
	if code != 0 {
		t.Fatalf("terraform apply of the quickstart failed (exit %d):\n%s", code, out)
	}

	// Outputs: the quickstart reports the DSS it ran against.
	out, code = acctest.TerraformRun(t, work, "output", "-json", "-no-color")
	if code != 0 {
		t.Fatalf("terraform output failed:\n%s", out)
	}
	var outputs map[string]struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal([]byte(out), &outputs); err != nil {
		t.Fatalf("terraform output -json: %v\n%s", err, out)
	}
	var dssOut map[string]string
	if err := json.Unmarshal(outputs["dss"].Value, &dssOut); err != nil {
		t.Fatalf("output dss: %v (%s)", err, outputs["dss"].Value)
	}
	c := acctest.Client(t)
	if dssOut["host"] != c.Host() {
		t.Errorf("output dss.host = %q, want %q", dssOut["host"], c.Host())
	}
	if dssOut["dss_version"] == "" {
		t.Error("output dss.dss_version is empty")
	}

	// What was created, from the state, to check it in DSS.
	created := quickstartObjects(t, work)
	kinds := map[string]int{}
	for _, o := range created {
		kinds[strings.SplitN(o.address, ".", 2)[0]]++
	}
	if kinds["dataiku_project"] != 1 || kinds["dataiku_dataset"] != 4 || kinds["dataiku_project_folder"] != 1 || kinds["dataiku_managed_folder"] != 1 ||
		kinds["dataiku_group"] != 1 || kinds["dataiku_api_key"] != 1 || kinds["dataiku_connection"] != 1 || kinds["dataiku_code_env"] != 1 ||
		kinds["dataiku_recipe"] != 2 || kinds["dataiku_scenario"] != 1 || kinds["dataiku_flow_zone"] != 2 {
		t.Errorf("the quickstart must create 1 project folder, 1 project, 4 datasets, 1 managed folder, 1 group, 1 API key, "+
			"1 connection, 1 code env, 2 recipes, 1 scenario and 2 flow zones, the state has %v", kinds)
	}
	for _, o := range created {
		if err := c.Get(acctest.Ctx(t), o.path, nil, nil); err != nil {
			t.Errorf("%s was applied but cannot be read from DSS: %v", o.address, err)
		}
	}

	out, code = acctest.TerraformRun(t, work, append([]string{"plan", "-detailed-exitcode", "-no-color"}, vars...)...)
	if code != 0 {
		t.Fatalf("the plan after applying the quickstart is not empty (exit %d):\n%s", code, out)
	}
	checkQuickstartServiceKey(t, work, c)

	destroy(vars...)
	for _, o := range created {
		err := c.Get(acctest.Ctx(t), o.path, nil, nil)
		// DSS answers a missing code env with a 500 of its own.
		if !dss.IsNotFound(err) && !dss.IsCodeEnvMissing(err) {
			t.Errorf("%s still exists in DSS after destroy (GET answered %v)", o.address, err)
		}
	}
	out, _ = acctest.TerraformRun(t, work, "state", "list", "-no-color")
	if strings.TrimSpace(out) != "" {
		t.Errorf("state not empty after destroy:\n%s", out)
	}
}

type quickstartObject struct {
	address string
	path    string // DSS API path that reads the object
}

// quickstartObjects lists the objects in the state with the
// DSS path that reads each, from terraform show -json.
func quickstartObjects(t *testing.T, dir string) []quickstartObject {
	t.Helper()
	out, code := acctest.TerraformRun(t, dir, "show", "-json", "-no-color")
	if code != 0 {
		t.Fatalf("terraform show -json failed:\n%s", out)
	}
	var show struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Mode    string         `json:"mode"`
					Type    string         `json:"type"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(out), &show); err != nil {
		t.Fatalf("terraform show -json: %v", err)
	}
	var objs []quickstartObject
	for _, r := range show.Values.RootModule.Resources {
		if r.Mode != "managed" {
			continue
		}
		key, _ := r.Values["project_key"].(string)
		switch r.Type {
		case "dataiku_project":
			objs = append(objs, quickstartObject{r.Address, dss.Path("projects", key)})
		case "dataiku_dataset":
			name, _ := r.Values["name"].(string)
			objs = append(objs, quickstartObject{r.Address, dss.Path("projects", key, "datasets", name)})
		case "dataiku_project_folder":
			id, _ := r.Values["id"].(string)
			objs = append(objs, quickstartObject{r.Address, dss.Path("project-folders", id)})
		case "dataiku_group":
			name, _ := r.Values["name"].(string)
			objs = append(objs, quickstartObject{r.Address, dss.Path("admin", "groups", name)})
		case "dataiku_connection":
			name, _ := r.Values["name"].(string)
			objs = append(objs, quickstartObject{r.Address, dss.Path("admin", "connections", name)})
		case "dataiku_code_env":
			lang, _ := r.Values["lang"].(string)
			name, _ := r.Values["name"].(string)
			objs = append(objs, quickstartObject{r.Address, dss.Path("admin", "code-envs", lang, name)})
		case "dataiku_recipe":
			name, _ := r.Values["name"].(string)
			objs = append(objs, quickstartObject{r.Address, dss.Path("projects", key, "recipes", name)})
		case "dataiku_scenario":
			id, _ := r.Values["id"].(string)
			objs = append(objs, quickstartObject{r.Address, dss.Path("projects", key, "scenarios", id)})
		case "dataiku_flow_zone":
			id, _ := r.Values["id"].(string)
			objs = append(objs, quickstartObject{r.Address, dss.Path("projects", key, "flow", "zones", id)})
		case "dataiku_api_key":
			id, _ := r.Values["id"].(string)
			objs = append(objs, quickstartObject{r.Address, dss.Path("admin", "global-api-keys", id)})
		case "dataiku_managed_folder":
			id, _ := r.Values["id"].(string)
			objs = append(objs, quickstartObject{r.Address, dss.Path("projects", key, "managedfolders", id)})
		}
	}
	return objs
}

// checkQuickstartServiceKey uses the pipeline key's secret, from the
// sensitive output, as the pipeline would: it is the team group's key, so it
// reads the project it is granted and may not administer DSS.
func checkQuickstartServiceKey(t *testing.T, dir string, admin *dss.Client) {
	t.Helper()
	secret, code := acctest.TerraformRun(t, dir, "output", "-raw", "pipeline_key_secret")
	if code != 0 || secret == "" {
		t.Fatalf("terraform output -raw pipeline_key_secret: exit %d", code)
	}
	key, err := dss.NewClient(dss.Config{Host: admin.Host(), APIKey: secret})
	if err != nil {
		t.Fatal(err)
	}
	info, err := key.AuthInfo(acctest.Ctx(t))
	if err != nil {
		t.Fatalf("the pipeline key does not authenticate: %v", err)
	}
	if info.Admin {
		t.Error("the pipeline key is admin; the quickstart gives it the team's rights only")
	}
	var projects []struct {
		ProjectKey string `json:"projectKey"`
	}
	if err := key.Get(acctest.Ctx(t), dss.Path("projects"), nil, &projects); err != nil {
		t.Fatalf("listing projects with the pipeline key: %v", err)
	}
	var seen []string
	for _, p := range projects {
		seen = append(seen, p.ProjectKey)
	}
	if !strings.Contains(strings.Join(seen, ","), "TFACCQS_SALES_") {
		t.Errorf("the pipeline key sees projects %v, not the quickstart's", seen)
	}
	if err := key.Get(acctest.Ctx(t), dss.Path("admin", "users"), nil, nil); !dss.IsUnauthorized(err) {
		t.Errorf("listing users with the pipeline key: %v, want DSS's refusal", err)
	}
}
