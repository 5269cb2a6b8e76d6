package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Issue 26 point 3, "at plan time, against DSS": an admin-only kind
// planned with a key that is not an administrator's is refused by the
// plan, from the GET /auth/info the provider already sends at configure,
// so the apply never creates the objects that come before it. Before,
// the plan succeeded and DSS refused each POST half-way through the
// apply.
func TestAccAdminOnlyKindsRefusedAtPlan(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	cfg := acctest.CliRequiredProviders + `
resource "dataiku_user" "u" {
  login = "acc_plan_bob_user"
}

resource "dataiku_group" "g" {
  name = "acc_plan_bob_group"
}

resource "dataiku_connection" "c" {
  name = "acc_plan_bob_conn"
  type = "Filesystem"
}

resource "dataiku_api_key" "k" {
  label = "acc-plan-bob"
  admin = true
}

resource "dataiku_instance_variables" "v" {
  variables = jsonencode({ a = 1 })
}
`
	run := acctest.RunConfigFailingOn(t, em, cfg, acctest.BobKey, "plan", "-no-color") // with a non-admin key
	for _, addr := range []string{"dataiku_user.u", "dataiku_group.g", "dataiku_connection.c", "dataiku_api_key.k", "dataiku_instance_variables.v"} {
		acctest.ExpectDiagnostic(t, run.Blocks, addr, "needs an administrator's API key", acctest.BobLogin) // naming the key's user
	}
	acctest.ExpectNoWrites(t, run.Before, run.After, "while planning: a plan writes nothing")
}

// A dataset planned on a connection that exists and whose type cannot
// hold the dataset type is refused by the plan (one cached
// GET /connections/get-names per type). A connection DSS does not have is
// not a plan error: the same apply may create it.
func TestAccDatasetConnectionTypeRefusedAtPlan(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	const key = "PLANCONN"
	em := acctest.ProjectForDatasetsOnEmulator(t, key)
	c := acctest.Client(t)
	if err := c.CreateConnection(acctest.Ctx(t), dss.NewConnection{Name: "pg_plancheck", Type: "PostgreSQL",
		Params: dss.Object{"host": "db", "port": 5432, "db": "w"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteConnection(acctest.Ctx(t), "pg_plancheck") })
	cfg := acctest.CliRequiredProviders + `
resource "dataiku_dataset" "wrong" {
  project_key     = "PLANCONN"
  name            = "orders"
  type            = "Filesystem"
  connection_name = "pg_plancheck"
  managed         = true
}

resource "dataiku_dataset" "later" {
  project_key     = "PLANCONN"
  name            = "later"
  type            = "Filesystem"
  connection_name = "created_by_the_same_apply"
  params          = jsonencode({ path = "/later" })
}
`
	run := acctest.RunConfigFailingOn(t, em, cfg, acctest.APIKey, "plan", "-no-color")
	acctest.ExpectDiagnostic(t, run.Blocks, "dataiku_dataset.wrong", `connection "pg_plancheck" is not a Filesystem connection, which a Filesystem dataset needs`)
	if later := run.Blocks["dataiku_dataset.later"]; len(later) != 0 {
		t.Errorf("a connection DSS does not have yet was refused at plan: %q", later)
	}
	acctest.ExpectNoWrites(t, run.Before, run.After, "while planning: a plan writes nothing")
}

// TestAccDatasetConnectionTypeFollowsThePlannedConnection: the same apply
// replaces a connection by one of another type and puts a dataset of that
// new type on it. DSS still holds the old type while planning, so judging
// by DSS would be a false alarm; the plan check judges by the connection's
// planned type, and refuses a dataset that fits neither.
func TestAccDatasetConnectionTypeFollowsThePlannedConnection(t *testing.T) {
	key := acctest.ProjectKey("PLANSWAP")
	conn := "swap_" + strings.ToLower(key[len("PLANSWAP_"):])
	cfg := func(connType, connParams, datasets string) string {
		return fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %[1]q
  name        = "Swap"
}

resource "dataiku_connection" "c" {
  name   = %[2]q
  type   = %[3]q
  params = jsonencode(%[4]s)
}
%[5]s`, key, conn, connType, connParams, datasets)
	}
	const pgParams = `{ host = "db", port = 5432, db = "w" }`
	const fsParams = `{ root = "/data/swap" }`
	const fsDataset = `
resource "dataiku_dataset" "d" {
  project_key     = dataiku_project.p.project_key
  name            = "orders"
  type            = "Filesystem"
  connection_name = dataiku_connection.c.name
  params          = jsonencode({ path = "/orders" })
}
`
	const pgDataset = `
resource "dataiku_dataset" "t" {
  project_key     = dataiku_project.p.project_key
  name            = "orders_table"
  type            = "PostgreSQL"
  connection_name = dataiku_connection.c.name
  params          = jsonencode({ mode = "table", table = "orders" })
}
`
	acctest.Case(t, nil, []resource.TestStep{
		{Config: cfg("PostgreSQL", pgParams, "")},
		// PostgreSQL -> Filesystem replaces the connection; DSS holds a
		// PostgreSQL connection of that name while planning.
		{Config: cfg("Filesystem", fsParams, fsDataset), Check: resource.TestCheckResourceAttr("dataiku_dataset.d", "type", "Filesystem")},
		// A PostgreSQL dataset on the now Filesystem connection, while
		// the same plan keeps it Filesystem: refused at plan, by the
		// planned type, with nothing written.
		{Config: cfg("Filesystem", fsParams, fsDataset+pgDataset), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)connection_name: .*"` + conn + `" .*a PostgreSQL dataset needs a PostgreSQL connection`)},
	})
}
