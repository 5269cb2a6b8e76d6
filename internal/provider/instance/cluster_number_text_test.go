package instance_test

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A cluster whose params DSS prints Java-style (1.0, 1.0E-4, 60.0): a
// rename and a change of one param send DSS's text back for every param
// it does not change (hclObjectWrite, shared with a plugin's and a
// preset's config).
func TestAccCluster_numberTextKept(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	var id string
	cfg := func(name, ns string) string {
		return testAccClusterConfig(name, "KUBERNETES", `{ namespace = "`+ns+`", nodes = { min = 1, ratio = 0.0001 }, limits = [60, 0.5] }`)
	}
	nums := acctest.NumberTextsOf(t, func() any { return acctest.RawDocExact(t, dss.ClusterPath(id))["params"] })
	acctest.Case(t, acctest.CheckGoneAt(t, "dataiku_cluster", func(st *terraform.InstanceState) string { return dss.ClusterPath(st.ID) }), []resource.TestStep{
		{Config: cfg("acc-numtext", "a"), Check: acctest.KeepID(testClusterAddr, &id)},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditRawDocExact(t, dss.ClusterPath(id), func(d map[string]any) {
					p := d["params"].(map[string]any)
					p["nodes"] = map[string]any{"min": json.Number("1.0"), "ratio": json.Number("1.0E-4")}
					p["limits"] = []any{json.Number("60.0"), json.Number("0.50")}
				})
				nums.Take()
			},
			Config:           cfg("acc-numtext-2", "b"),
			ConfigPlanChecks: acctest.Plans(testClusterAddr, plancheck.ResourceActionUpdate),
			Check:            nums.Kept(),
		}),
	})
}
