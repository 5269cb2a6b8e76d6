package dataset_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// DSS's empty comment or meaning reads as null, like an absent one, for
// both: a column DSS stores with "" shows no change against a
// configuration that leaves them null.
func TestAccDataset_emptyCommentAndMeaning(t *testing.T) {
	acctest.Parallel(t)
	key := "DSEMPTY"
	acctest.CreateProjectForDatasets(t, key)
	cfg := acctest.DatasetCfg{Key: key, Name: "cols", Typ: "Filesystem", Conn: "filesystem_root", Params: map[string]any{"path": "/cols"},
		Columns: [][2]string{{"a", "string"}}}
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, key, "cols"), []resource.TestStep{
		{Config: cfg.Render()},
		{
			PreConfig: func() {
				acctest.ChangeDataset(t, key, "cols", func(d map[string]any) {
					d["schema"] = map[string]any{"columns": []any{
						map[string]any{"name": "a", "type": "string", "comment": "", "meaning": ""},
					}, "userModified": true}
				})
			},
			Config: cfg.Render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckNoResourceAttr(acctest.DatasetAddr, "schema_columns.0.comment"),
				resource.TestCheckNoResourceAttr(acctest.DatasetAddr, "schema_columns.0.meaning"),
			),
		},
	})
}

// Fields DSS has on a partitioning dimension that the provider does not
// model survive an update of the partitioning.
func TestAccDataset_partitioningKeepsDimensionFields(t *testing.T) {
	acctest.Parallel(t)
	key := "DSDIMS"
	acctest.CreateProjectForDatasets(t, key)
	one := acctest.DatasetCfg{Key: key, Name: "parts", Typ: "Filesystem", Conn: "filesystem_root", Params: map[string]any{"path": "/parts"},
		Extra: "  partitioning = { dimensions = [{ name = \"country\", type = \"value\" }] }\n"}
	two := one
	two.Extra = "  partitioning = { dimensions = [{ name = \"country\", type = \"value\" }, { name = \"day\", type = \"time\", period = \"DAY\" }] }\n"
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, key, "parts"), []resource.TestStep{
		{Config: one.Render()},
		{
			PreConfig: func() {
				acctest.ChangeDataset(t, key, "parts", func(d map[string]any) {
					p := d["partitioning"].(map[string]any)
					p["dimensions"].([]any)[0].(map[string]any)["customFlag"] = "kept"
					p["ignoreNonMatchingFile"] = true
				})
			},
			Config: two.Render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectChangedAttributes{Addr: acctest.DatasetAddr, Attrs: []string{"partitioning"}},
			}},
			Check: func(*terraform.State) error {
				p := acctest.GetDataset(t, key, "parts")["partitioning"].(map[string]any)
				dims := p["dimensions"].([]any)
				if len(dims) != 2 || dims[0].(map[string]any)["customFlag"] != "kept" || p["ignoreNonMatchingFile"] != true {
					return fmt.Errorf("partitioning after the update: %v", p)
				}
				return nil
			},
		},
	})
}

// An update that changes only drop_data_on_destroy, which DSS does not
// store, sends no request to DSS (DatasetKind.StateOnlyAttrs): the apply
// only configures the provider.
func TestAccDataset_dropDataOnlyUpdateSendsNothing(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := "DSDROPONLY"
	acctest.CreateProjectForDatasets(t, key)
	cfg := acctest.DatasetCfg{Key: key, Name: "kept", Typ: "Filesystem", Conn: "filesystem_root", Params: map[string]any{"path": "/kept"},
		Tags: []string{"a"}, Description: "d", Columns: [][2]string{{"a", "string"}}}
	drop := cfg
	drop.Extra = "  drop_data_on_destroy = true\n"
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, key, "kept"), []resource.TestStep{
		{Config: cfg.Render()},
		acctest.StateOnlyChangeStep(t, em, acctest.DatasetAddr, drop.Render(), "drop_data_on_destroy"),
	})
}
