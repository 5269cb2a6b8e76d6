package provider_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccRealShape_managedWithoutConnection: an Inline (editable) dataset
// created by Terraform as DSS writes it (managed, no params.connection),
// and a JobsDB dataset made outside Terraform, adopted with no change.
func TestAccRealShape_managedWithoutConnection(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_INLINE")
	c := acctest.ProjectOutside(t, key, "Inline")
	cfg := fmt.Sprintf(`
resource "dataiku_dataset" "regions" {
  project_key = %[1]q
  name        = "regions"
  type        = "Inline"
  managed     = true
  params      = jsonencode({ data = [["eu-west", "1"], ["us-east", "2"]] })
  schema_columns = [
    { name = "region", type = "string" },
    { name = "rank", type = "bigint" },
  ]
}
`, key)
	jobs := `
resource "dataiku_dataset" "jobs" {
  project_key = %[1]q
  name        = "jobs_log"
  type        = "JobsDB"
  managed     = true
}
`
	checkDSS := func(name, typ string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			d := acctest.GetDataset(t, key, name)
			if d["managed"] != true || d["type"] != typ {
				return fmt.Errorf("%s in DSS: managed %v, type %v", name, d["managed"], d["type"])
			}
			if conn, ok := d["params"].(map[string]any)["connection"]; ok {
				return fmt.Errorf("%s in DSS has a connection: %v", name, conn)
			}
			return nil
		}
	}
	adoptJobs := acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep("dataiku_dataset.jobs",
		cfg+fmt.Sprintf(jobs, key)+acctest.ImportBlock("dataiku_dataset.jobs", key+".jobs_log")))
	adoptJobs.PreConfig = acctest.Must(t, func() error {
		return c.CreateDatasetFrom(acctest.Ctx(t), &dss.Dataset{ProjectKey: key, Name: "jobs_log", Type: "JobsDB", Managed: true,
			Params: dss.Object{"view": "JOBS", "projectFilter": "CURRENT"}})
	})
	adoptJobs.Check = checkDSS("jobs_log", "JobsDB")
	acctest.Case(t, acctest.CheckProjectObjectsGone(t, "dataiku_dataset", func(key, id string) string {
		_, name, _ := strings.Cut(id, ".")
		return dss.DatasetDoc(key, name).Path()
	}), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(checkDSS("regions", "Inline"),
				resource.TestCheckNoResourceAttr("dataiku_dataset.regions", "connection_name")),
		}),
		acctest.ImportVerifyStep("dataiku_dataset.regions", acctest.ImportID(key+".regions"), "params", "format_params"),
		acctest.ImportIdentityStep(t, "dataiku_dataset.regions", "params", "format_params"),
		// A JobsDB dataset DSS holds: adopted with an import block, no change.
		adoptJobs,
	})
}
