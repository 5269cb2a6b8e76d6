package instance_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A connection whose params DSS prints Java-style (60.0, 1.0E-4): a
// change of its description and of one param sends DSS's text back for
// every param it does not change.
func TestAccConnection_numberTextKept(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	const name = "acc_conn_numtext"
	cfg := func(description, db string) string {
		return fmt.Sprintf(`resource "dataiku_connection" "test" {
  name        = %q
  type        = "PostgreSQL"
  description = %q
  params      = { host = "db1", port = 5432, db = %q, connectTimeout = 60, tuning = { fetchRatio = 0.0001, sizes = [1000, 0.5] } }
}
`, name, description, db)
	}
	path := dss.ConnectionDoc(name).Path()
	nums := acctest.NumberTextsOf(t, func() any { return acctest.RawDocExact(t, path) })
	acctest.Case(t, acctest.CheckConnectionsDestroyed(t), []resource.TestStep{
		{Config: cfg("one", "a")},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditRawDocExact(t, path, func(d map[string]any) {
					p := d["params"].(map[string]any)
					p["connectTimeout"] = json.Number("60.0")
					p["tuning"] = map[string]any{"fetchRatio": json.Number("1.0E-4"), "sizes": []any{json.Number("1000.0"), json.Number("0.50")}}
				})
				nums.Take()
			},
			Config:           cfg("two", "b"),
			ConfigPlanChecks: acctest.Plans(testConnAddr, plancheck.ResourceActionUpdate),
			Check:            nums.Kept("versionTag"),
		}),
	})
}
