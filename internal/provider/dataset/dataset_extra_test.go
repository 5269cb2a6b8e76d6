package dataset_test

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A schema column reorder is a change; schema_columns null leaves a schema
// set outside Terraform alone; a wrong import ID names the expected form;
// creating over an existing dataset asks for an import.
func TestAccDataset_schemaRules(t *testing.T) {
	acctest.Parallel(t)
	key := "DSSCHEMA"
	acctest.CreateProjectForDatasets(t, key)
	base := acctest.DatasetCfg{Key: key, Name: "cols", Typ: "Filesystem", Conn: "filesystem_root", Params: map[string]any{"path": "/cols"}}
	ordered := base
	ordered.Columns = [][2]string{{"a", "string"}, {"b", "int"}}
	reordered := base
	reordered.Columns = [][2]string{{"b", "int"}, {"a", "string"}}
	unmanaged := base // schema_columns null
	outsideCols := []any{map[string]any{"name": "x", "type": "date"}}
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, key, "cols"), []resource.TestStep{
		{Config: ordered.Render()},
		{
			Config: reordered.Render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectChangedAttributes{Addr: acctest.DatasetAddr, Attrs: []string{"schema_columns"}},
			}},
			Check: resource.TestCheckResourceAttr(acctest.DatasetAddr, "schema_columns.0.name", "b"),
		},
		{Config: unmanaged.Render(), Check: resource.TestCheckNoResourceAttr(acctest.DatasetAddr, "schema_columns.#")},
		{
			PreConfig: func() {
				acctest.ChangeDataset(t, key, "cols", func(d map[string]any) {
					d["schema"] = map[string]any{"columns": outsideCols, "userModified": true}
				})
			},
			Config: unmanaged.Render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
			Check: func(*terraform.State) error {
				got := acctest.GetDataset(t, key, "cols")["schema"].(map[string]any)["columns"]
				if !reflect.DeepEqual(got, outsideCols) {
					return fmt.Errorf("schema set outside Terraform was changed: %v", got)
				}
				return nil
			},
		},
		{
			ResourceName:  acctest.DatasetAddr,
			ImportState:   true,
			ImportStateId: key + "/cols",
			ExpectError:   regexp.MustCompile(`Expected PROJECT_KEY\.dataset_name`),
		},
		{ // a second resource with the same name is refused with an import hint
			Config:      unmanaged.Render() + strings.Replace(unmanaged.Render(), `"test"`, `"dup"`, 1),
			ExpectError: regexp.MustCompile(`(?s)already exists.*terraform import`),
		},
	})
}

// One API request per project's datasets per refresh: the project's list
// (list_refresh_test.go counts it with 50 datasets).
func TestAccDataset_refreshRequestCount(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t) // before the project: a real DSS skips the test
	key := "DSREQ"
	acctest.CreateProjectForDatasets(t, key)
	testAccRefreshCostsTheList(t, acctest.DatasetCfg{Key: key, Name: "counted", Typ: "Filesystem", Conn: "filesystem_root", Params: map[string]any{"path": "/c"},
		Tags: []string{"a"}, Description: "d", Columns: [][2]string{{"a", "string"}}}, "one dataset")
}

// testAccRefreshCostsTheList applies cfg, a dataset named counted, then
// checks that refreshing it costs, for each terraform command, one
// provider configuration (one auth/info) and one request of the
// project's dataset list, nothing else; what names the dataset in the log.
func testAccRefreshCostsTheList(t *testing.T, cfg acctest.DatasetCfg, what string) {
	t.Helper()
	em := acctest.RequireEmulator(t)
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, cfg.Key, "counted"), []resource.TestStep{
		{Config: cfg.Render()},
		// Each terraform command configures the provider once (one
		// auth/info) and refreshes the dataset once.
		acctest.RefreshCostStep(t, em, what+": 1 dataset list", map[string]int64{acctest.RouteDatasetList: 1}),
	})
}

// 50 datasets in one project, applied with -parallelism=10.
func TestAccDataset_fifty(t *testing.T) {
	key := "DSFIFTY"
	acctest.CreateProjectForDatasets(t, key)
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
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, key, names...), []resource.TestStep{{
		Config: cfg,
		Check: func(*terraform.State) error {
			list, err := acctest.Client(t).ListDatasets(acctest.Ctx(t), key, []string{"bulk"})
			if err != nil {
				return err
			}
			if len(list) != 50 {
				return fmt.Errorf("%d datasets in DSS, want 50", len(list))
			}
			return nil
		},
	}})
}

// drop_data_on_destroy reaches DSS as dropData.
func TestAccDataset_dropData(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := "DSDROP"
	acctest.CreateProjectForDatasets(t, key)
	cfg := acctest.DatasetCfg{Key: key, Name: "dropped", Typ: "Filesystem", Conn: "filesystem_managed", Managed: true,
		Extra: "  drop_data_on_destroy = true\n"}
	acctest.Case(t, resource.ComposeTestCheckFunc(acctest.CheckDatasetsDestroyed(t, key, "dropped"), func(*terraform.State) error {
		for _, e := range em.Server.DatasetDeletions() {
			if e == key+".dropped dropData=true" {
				return nil
			}
		}
		return fmt.Errorf("no deletion with dropData=true: %v", em.Server.DatasetDeletions())
	}), []resource.TestStep{{Config: cfg.Render()}})
}
