package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// DSS's empty comment or meaning reads as null, like an absent one, for
// both: a column DSS stores with "" shows no change against a
// configuration that leaves them null.
func TestAccDataset_emptyCommentAndMeaning(t *testing.T) {
	testAccParallel(t)
	key := "DSEMPTY"
	testAccCreateProjectForDatasets(t, key)
	cfg := datasetCfg{key: key, name: "cols", typ: "Filesystem", conn: "filesystem_root", params: map[string]any{"path": "/cols"},
		columns: [][2]string{{"a", "string"}}}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(t),
		CheckDestroy:             testAccCheckDatasetsDestroyed(t, key, "cols"),
		Steps: []resource.TestStep{
			{Config: cfg.render()},
			{
				PreConfig: func() {
					testAccChangeDataset(t, key, "cols", func(d map[string]any) {
						d["schema"] = map[string]any{"columns": []any{
							map[string]any{"name": "a", "type": "string", "comment": "", "meaning": ""},
						}, "userModified": true}
					})
				},
				Config: cfg.render(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckNoResourceAttr(testDatasetAddr, "schema_columns.0.comment"),
					resource.TestCheckNoResourceAttr(testDatasetAddr, "schema_columns.0.meaning"),
				),
			},
		},
	})
}

// Fields DSS has on a partitioning dimension that the provider does not
// model survive an update of the partitioning.
func TestAccDataset_partitioningKeepsDimensionFields(t *testing.T) {
	testAccParallel(t)
	key := "DSDIMS"
	testAccCreateProjectForDatasets(t, key)
	one := datasetCfg{key: key, name: "parts", typ: "Filesystem", conn: "filesystem_root", params: map[string]any{"path": "/parts"},
		extra: "  partitioning = { dimensions = [{ name = \"country\", type = \"value\" }] }\n"}
	two := one
	two.extra = "  partitioning = { dimensions = [{ name = \"country\", type = \"value\" }, { name = \"day\", type = \"time\", period = \"DAY\" }] }\n"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(t),
		CheckDestroy:             testAccCheckDatasetsDestroyed(t, key, "parts"),
		Steps: []resource.TestStep{
			{Config: one.render()},
			{
				PreConfig: func() {
					testAccChangeDataset(t, key, "parts", func(d map[string]any) {
						p := d["partitioning"].(map[string]any)
						p["dimensions"].([]any)[0].(map[string]any)["customFlag"] = "kept"
						p["ignoreNonMatchingFile"] = true
					})
				},
				Config: two.render(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectChangedAttributes{testDatasetAddr, []string{"partitioning"}},
				}},
				Check: func(*terraform.State) error {
					p := testAccGetDataset(t, key, "parts")["partitioning"].(map[string]any)
					dims := p["dimensions"].([]any)
					if len(dims) != 2 || dims[0].(map[string]any)["customFlag"] != "kept" || p["ignoreNonMatchingFile"] != true {
						return fmt.Errorf("partitioning after the update: %v", p)
					}
					return nil
				},
			},
		},
	})
}

// planCheckFunc runs a function as a plan check: a hook between the plan
// and the apply.
type planCheckFunc func()

func (f planCheckFunc) CheckPlan(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse) {
	f()
}

// An update that changes only drop_data_on_destroy, which DSS does not
// store, sends no request to DSS: the apply only configures the provider.
func TestAccDataset_dropDataOnlyUpdateSendsNothing(t *testing.T) {
	testAccParallel(t)
	em := requireEmulator(t)
	key := "DSDROPONLY"
	testAccCreateProjectForDatasets(t, key)
	cfg := datasetCfg{key: key, name: "kept", typ: "Filesystem", conn: "filesystem_root", params: map[string]any{"path": "/kept"},
		tags: []string{"a"}, description: "d", columns: [][2]string{{"a", "string"}}}
	drop := cfg
	drop.extra = "  drop_data_on_destroy = true\n"
	const authRoute = "GET /public/api/auth/info"
	var before map[string]int64
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(t),
		CheckDestroy:             testAccCheckDatasetsDestroyed(t, key, "kept"),
		Steps: []resource.TestStep{
			{Config: cfg.render()},
			{
				Config: drop.render(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectChangedAttributes{testDatasetAddr, []string{"drop_data_on_destroy"}},
					planCheckFunc(func() { before = em.Server.Stats().ByRoute }),
				}},
				Check: func(*terraform.State) error {
					delta := routeDelta(before, em.Server.Stats().ByRoute)
					if len(delta) != 1 || delta[authRoute] == 0 {
						return fmt.Errorf("requests during the apply: %v, want only the provider's configuration", delta)
					}
					return nil
				},
			},
		},
	})
}
