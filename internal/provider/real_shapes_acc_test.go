package provider_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Issue 23's blockers seen from Terraform: names with hyphens, a zone
// holding an object type the provider has no resource for, datasets DSS
// manages without a connection, and a project key longer than the
// provider once allowed. Each is created, planned empty after the apply,
// imported with ImportStateVerify, and checked in DSS through the client.

// startRealShape starts a real-shape test: in parallel, on a project made
// outside Terraform under a fresh key starting with prefix and named
// name; it returns the key and the client that made the project.
func startRealShape(t *testing.T, prefix, name string) (string, *dss.Client) {
	t.Helper()
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey(prefix)
	return key, acctest.ProjectOutside(t, key, name)
}

// TestAccRealShape_hyphenNames: datasets disk-usage and images-list, the
// recipe compute_disk-usage between them, and a zone holding the recipe,
// a dataset and a streaming endpoint (which DSS holds in real zones).
func TestAccRealShape_hyphenNames(t *testing.T) {
	key, c := startRealShape(t, "ACC_HYPH", "Hyphens")
	cfg := fmt.Sprintf(`
resource "dataiku_dataset" "images" {
  project_key     = %[1]q
  name            = "images-list"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "/ops/images-list" })
}

resource "dataiku_dataset" "disk" {
  project_key     = %[1]q
  name            = "disk-usage"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "/ops/disk-usage" })
  format_type     = "csv"
}

resource "dataiku_recipe" "compute" {
  project_key = %[1]q
  name        = "compute_disk-usage"
  type        = "python"
  inputs      = { main = [{ ref = dataiku_dataset.images.name }] }
  outputs     = { main = [{ ref = dataiku_dataset.disk.name }] }
  script      = "# disk usage per image\n"
}

resource "dataiku_streaming_endpoint" "events" {
  project_key = %[1]q
  name        = "events_stream"
  type        = "kafka"
}

resource "dataiku_flow_zone" "monitoring" {
  project_key = %[1]q
  name        = "Monitoring"
  items = [
    { type = "DATASET", id = dataiku_dataset.disk.name },
    { type = "RECIPE", id = dataiku_recipe.compute.name },
    { type = "STREAMING_ENDPOINT", id = dataiku_streaming_endpoint.events.name },
  ]
}
`, key)
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(acctest.CheckFlowZonesDestroyed(t), acctest.CheckStreamingEndpointsDestroyed(t)), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("dataiku_dataset.disk", "id", key+".disk-usage"),
				func(s *terraform.State) error {
					// DSS's side: the dataset, the recipe's refs, the zone.
					if d := acctest.GetDataset(t, key, "disk-usage"); d["params"].(map[string]any)["path"] != "/ops/disk-usage" {
						return fmt.Errorf("disk-usage in DSS: %v", d)
					}
					r, err := dss.RecipeDoc(key, "compute_disk-usage").Get(acctest.Ctx(t), c)
					if err != nil {
						return err
					}
					if b, _ := json.Marshal(r.Recipe.Outputs); !strings.Contains(string(b), `"ref":"disk-usage"`) {
						return fmt.Errorf("recipe outputs in DSS: %s", b)
					}
					got := fmt.Sprint(acctest.ZoneItems(t, key, acctest.ZoneID(s, "dataiku_flow_zone.monitoring")))
					if want := "[DATASET:disk-usage RECIPE:compute_disk-usage STREAMING_ENDPOINT:events_stream]"; got != want {
						return fmt.Errorf("zone holds %s in DSS, want %s", got, want)
					}
					return nil
				}),
		}),
		// Imported as DSS's reference forms, with hyphens.
		acctest.ImportVerifyStep("dataiku_dataset.disk", acctest.ImportID(key+".disk-usage"), "params", "format_params"),
		acctest.ImportIdentityStep(t, "dataiku_dataset.disk", "params", "format_params"),
		acctest.ImportVerifyStep("dataiku_recipe.compute", acctest.ImportID(key+".compute_disk-usage")),
		acctest.ImportIdentityStep(t, "dataiku_recipe.compute"),
		acctest.ImportVerifyStep("dataiku_flow_zone.monitoring", acctest.ProjectObjectImportID("dataiku_flow_zone.monitoring")),
		acctest.ImportIdentityStep(t, "dataiku_flow_zone.monitoring"),
	})
}

// TestAccRealShape_managedWithoutConnection: an Inline (editable) dataset
// created by Terraform as DSS writes it (managed, no params.connection),
// and a JobsDB dataset made outside Terraform, adopted with no change.
func TestAccRealShape_managedWithoutConnection(t *testing.T) {
	key, c := startRealShape(t, "ACC_INLINE", "Inline")
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

// TestAccRealShape_longProjectKey: a 67-character key, which the emulator
// creates and DSS documents no limit against, imports (the provider once
// refused it as an "Invalid import ID"), plans empty, and takes a dataset
// with a hyphen in its name.
func TestAccRealShape_longProjectKey(t *testing.T) {
	key, _ := startRealShape(t, "CUSTOMER_CHURN_PREDICTION_WITH_GRADIENT_BOOSTING_AND_DRIFT_M", "Long key")
	if len(key) != 67 {
		t.Fatalf("key %q has %d characters", key, len(key))
	}
	cfg := fmt.Sprintf(`
resource "dataiku_project" "long" {
  project_key = %[1]q
  name        = "Long key"
}

resource "dataiku_dataset" "d" {
  project_key     = dataiku_project.long.project_key
  name            = "disk-usage"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "/long/disk-usage" })
}
`, key)
	acctest.Case(t, nil, []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: acctest.ImportBlock("dataiku_project.long", key) + cfg,
			Check: func(*terraform.State) error {
				if d := acctest.GetDataset(t, key, "disk-usage"); d["projectKey"] != key {
					return fmt.Errorf("dataset in DSS: %v", d)
				}
				return nil
			},
		}),
		acctest.ImportVerifyStep("dataiku_project.long", acctest.ImportID(key)),
		// The first step's configuration holds an import block of the
		// project: the identity's import block replaces it.
		acctest.StepConfig(acctest.ImportIdentityStep(t, "dataiku_project.long"), cfg),
		acctest.ImportVerifyStep("dataiku_dataset.d", acctest.ImportID(key+".disk-usage"), "params", "format_params"),
		acctest.ImportIdentityStep(t, "dataiku_dataset.d", "params", "format_params"),
	})
}
