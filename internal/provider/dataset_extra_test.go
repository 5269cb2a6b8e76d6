package provider

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// A schema column reorder is a change; schema_columns null leaves a schema
// set outside Terraform alone; a wrong import ID names the expected form;
// creating over an existing dataset asks for an import.
func TestAccDataset_schemaRules(t *testing.T) {
	testAccParallel(t)
	key := "DSSCHEMA"
	testAccCreateProjectForDatasets(t, key)
	base := datasetCfg{key: key, name: "cols", typ: "Filesystem", conn: "filesystem_root", params: map[string]any{"path": "/cols"}}
	ordered := base
	ordered.columns = [][2]string{{"a", "string"}, {"b", "int"}}
	reordered := base
	reordered.columns = [][2]string{{"b", "int"}, {"a", "string"}}
	unmanaged := base // schema_columns null
	outsideCols := []any{map[string]any{"name": "x", "type": "date"}}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(t),
		CheckDestroy:             testAccCheckDatasetsDestroyed(t, key, "cols"),
		Steps: []resource.TestStep{
			{Config: ordered.render()},
			{
				Config: reordered.render(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectChangedAttributes{testDatasetAddr, []string{"schema_columns"}},
				}},
				Check: resource.TestCheckResourceAttr(testDatasetAddr, "schema_columns.0.name", "b"),
			},
			{Config: unmanaged.render(), Check: resource.TestCheckNoResourceAttr(testDatasetAddr, "schema_columns.#")},
			{
				PreConfig: func() {
					testAccChangeDataset(t, key, "cols", func(d map[string]any) {
						d["schema"] = map[string]any{"columns": outsideCols, "userModified": true}
					})
				},
				Config: unmanaged.render(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: func(*terraform.State) error {
					got := testAccGetDataset(t, key, "cols")["schema"].(map[string]any)["columns"]
					if !reflect.DeepEqual(got, outsideCols) {
						return fmt.Errorf("schema set outside Terraform was changed: %v", got)
					}
					return nil
				},
			},
			{
				ResourceName:  testDatasetAddr,
				ImportState:   true,
				ImportStateId: key + "/cols",
				ExpectError:   regexp.MustCompile(`Expected PROJECT_KEY\.dataset_name`),
			},
			{ // a second resource with the same name is refused with an import hint
				Config:      unmanaged.render() + strings.Replace(unmanaged.render(), `"test"`, `"dup"`, 1),
				ExpectError: regexp.MustCompile(`(?s)already exists.*terraform import`),
			},
		},
	})
}

// One API request per project's datasets per refresh: the project's list
// (list_refresh_test.go counts it with 50 datasets).
func TestAccDataset_refreshRequestCount(t *testing.T) {
	testAccParallel(t)
	em := requireEmulator(t)
	key := "DSREQ"
	testAccCreateProjectForDatasets(t, key)
	cfg := datasetCfg{key: key, name: "counted", typ: "Filesystem", conn: "filesystem_root", params: map[string]any{"path": "/c"},
		tags: []string{"a"}, description: "d", columns: [][2]string{{"a", "string"}}}
	const getRoute = routeDatasetList
	const authRoute = "GET /public/api/auth/info"
	var before map[string]int64
	var beforeTotal int64
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(t),
		CheckDestroy:             testAccCheckDatasetsDestroyed(t, key, "counted"),
		Steps: []resource.TestStep{
			{Config: cfg.render()},
			{
				PreConfig: func() {
					s := em.Server.Stats()
					before, beforeTotal = s.ByRoute, s.Requests
				},
				RefreshState: true,
				Check: func(*terraform.State) error {
					s := em.Server.Stats()
					delta := routeDelta(before, s.ByRoute)
					// Each terraform command configures the provider once
					// (one auth/info) and refreshes the dataset once.
					configures := delta[authRoute]
					if configures == 0 || delta[getRoute] != configures || len(delta) != 2 {
						return fmt.Errorf("requests during refresh: %v (total %d)", delta, s.Requests-beforeTotal)
					}
					t.Logf("refresh of one dataset: %d dataset list request(s) for %d provider configuration(s); all requests: %v",
						delta[getRoute], configures, delta)
					return nil
				},
			},
		},
	})
}

// 50 datasets in one project, applied with -parallelism=10.
func TestAccDataset_fifty(t *testing.T) {
	key := "DSFIFTY"
	testAccCreateProjectForDatasets(t, key)
	// terraform-exec passes the environment through to terraform.
	t.Setenv("TF_CLI_ARGS_apply", "-parallelism=10")
	cfg := fmt.Sprintf(`
resource "dataiku_dataset" "many" {
  count           = 50
  project_key     = %q
  name            = "ds_${count.index}"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "/many/${count.index}" })
  format_type     = "csv"
  format_params   = jsonencode({ separator = "," })
  tags            = ["bulk"]
  schema_columns  = [{ name = "id", type = "bigint" }]
}
`, key)
	names := make([]string, 50)
	for i := range names {
		names[i] = fmt.Sprintf("ds_%d", i)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(t),
		CheckDestroy:             testAccCheckDatasetsDestroyed(t, key, names...),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: func(*terraform.State) error {
				list, err := testClient(t).ListDatasets(testCtx(t), key, []string{"bulk"})
				if err != nil {
					return err
				}
				if len(list) != 50 {
					return fmt.Errorf("%d datasets in DSS, want 50", len(list))
				}
				return nil
			},
		}},
	})
}

// drop_data_on_destroy reaches DSS as dropData.
func TestAccDataset_dropData(t *testing.T) {
	testAccParallel(t)
	em := requireEmulator(t)
	key := "DSDROP"
	testAccCreateProjectForDatasets(t, key)
	cfg := datasetCfg{key: key, name: "dropped", typ: "Filesystem", conn: "filesystem_managed", managed: true,
		extra: "  drop_data_on_destroy = true\n"}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(t),
		CheckDestroy: resource.ComposeTestCheckFunc(testAccCheckDatasetsDestroyed(t, key, "dropped"), func(*terraform.State) error {
			for _, e := range em.Server.DatasetDeletions() {
				if e == key+".dropped dropData=true" {
					return nil
				}
			}
			return fmt.Errorf("no deletion with dropData=true: %v", em.Server.DatasetDeletions())
		}),
		Steps: []resource.TestStep{{Config: cfg.render()}},
	})
}
