package kit_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Issue 26 point 3: a dataset whose connection's type cannot hold the
// dataset's type, or whose connection DSS does not have, is refused before
// any POST, so the refused create leaves no dataset in DSS and nothing
// (not even a tainted resource) in the state. Before these checks the
// managed Filesystem dataset on a PostgreSQL connection was created by
// DSS, then tainted.
//
// A connection created by the same apply is planned before the datasets
// on it, so its planned type already refuses them at plan; a connection
// DSS does not have (and no resource plans) can only be judged by Create.
func TestAccDatasetConnectionCheckedBeforeCreate(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	const key = "PRECONN"
	em := acctest.ProjectForDatasetsOnEmulator(t, key)
	c := acctest.Client(t)
	t.Cleanup(func() { _ = c.DeleteConnection(acctest.Ctx(t), "pg_precreate") })
	wrongType := acctest.CliRequiredProviders + `
resource "dataiku_connection" "pg" {
  name   = "pg_precreate"
  type   = "PostgreSQL"
  params = jsonencode({ host = "db", port = 5432, db = "w" })
}

resource "dataiku_dataset" "wrong_type" {
  project_key     = "PRECONN"
  name            = "orders"
  type            = "Filesystem"
  connection_name = dataiku_connection.pg.name
  params          = jsonencode({ path = "/orders" })
}

resource "dataiku_dataset" "wrong_type_managed" {
  project_key     = "PRECONN"
  name            = "managed_orders"
  type            = "Filesystem"
  connection_name = dataiku_connection.pg.name
  managed         = true
}
`
	missing := acctest.CliRequiredProviders + `
resource "dataiku_dataset" "missing_conn" {
  project_key     = "PRECONN"
  name            = "missing"
  type            = "Filesystem"
  connection_name = "no_such_connection"
  managed         = true
}
`
	const planned = `this plan gives connection "pg_precreate" the type PostgreSQL, but a Filesystem dataset needs a Filesystem connection`
	for _, tc := range []struct {
		config string
		want   map[string]string
	}{
		{wrongType, map[string]string{"dataiku_dataset.wrong_type": planned, "dataiku_dataset.wrong_type_managed": planned}},
		{missing, map[string]string{"dataiku_dataset.missing_conn": `DSS has no connection "no_such_connection" that this API key may use`}},
	} {
		run := acctest.RunConfigFailingOn(t, em, tc.config, acctest.APIKey, "apply", "-auto-approve", "-no-color")
		for addr, want := range tc.want {
			acctest.ExpectDiagnostic(t, run.Blocks, addr, want, "connection_name")
		}
		for route, n := range run.After {
			if strings.HasPrefix(route, "POST /public/api/projects/{projectKey}/datasets") && n != run.Before[route] {
				t.Errorf("%s was called %d times: the refused datasets must not reach DSS", route, n-run.Before[route])
			}
		}
		if n := len(em.Server.Snapshot().Projects[key].Datasets); n != 0 {
			t.Errorf("project %s holds %d datasets although they were refused", key, n)
		}
		if state := acctest.StateFiles(t, run.Dir)["terraform.tfstate"]; state != "" {
			if n := stateInstances(t, state, "dataiku_dataset"); n != 0 {
				t.Errorf("%d refused datasets were recorded (tainted) in the state", n)
			}
		}
		env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
		_, _ = acctest.RunTerraform(t, run.Dir, env, "destroy", "-auto-approve", "-no-color")
	}
}

// The connection check reads one list per connection type per provider
// process: three datasets on Filesystem connections, created by one
// apply -auto-approve, cost one GET /connections/get-names in its plan
// walk and one in its apply walk (each walk starts its own provider),
// not one per dataset and walk (6).
func TestAccDatasetConnectionCheckOneListPerType(t *testing.T) {
	acctest.Parallel(t)
	const key = "PRECONN1"
	em := acctest.ProjectForDatasetsOnEmulator(t, key)
	cfg := acctest.CliRequiredProviders
	for _, n := range []string{"a", "b", "c"} {
		cfg += `
resource "dataiku_dataset" "` + n + `" {
  project_key     = "PRECONN1"
  name            = "` + n + `"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "/` + n + `" })
}
`
	}
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": cfg})
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	const route = "GET /public/api/connections/get-names"
	before := em.Server.Stats().ByRoute[route]
	if out, err := acctest.RunTerraform(t, dir, env, "apply", "-auto-approve", "-no-color"); err != nil {
		t.Fatalf("apply: %v\n%s", err, acctest.Tail(out, 4000))
	}
	t.Cleanup(func() { _, _ = acctest.RunTerraform(t, dir, env, "destroy", "-auto-approve", "-no-color") })
	if n := em.Server.Stats().ByRoute[route] - before; n != 2 {
		t.Errorf("the apply of 3 Filesystem datasets sent %s %d times, want 2 (cached per type, one per walk)", route, n)
	}
}

// A project owner DSS has no user for is refused before the project is
// created. Before this check DSS accepted it, and the project's
// permissions then named a user DSS does not have (issue 26).
func TestAccProjectOwnerCheckedBeforeCreate(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	cfg := acctest.CliRequiredProviders + `
resource "dataiku_project" "p" {
  project_key = "PREOWNER"
  name        = "Owner missing"
  owner       = "nobody_of_that_name"
}
`
	t.Cleanup(func() { acctest.DeleteProjectsWithPrefix(t, "PREOWNER") })
	dir, out := acctest.RunConfigFailing(t, cfg, acctest.APIKey, "apply", "-auto-approve", "-no-color")
	acctest.ExpectDiagnostic(t, acctest.TerraformDiagnostics(out), "dataiku_project.p",
		`owner: DSS has no user "nobody_of_that_name"`, `Cannot create dataiku_project "PREOWNER"`)
	if _, ok := em.Server.Snapshot().Projects["PREOWNER"]; ok {
		t.Error("project PREOWNER was created although its owner does not exist")
	}
	if state := acctest.StateFiles(t, dir)["terraform.tfstate"]; strings.Contains(state, `"dataiku_project"`) {
		t.Errorf("the refused project was recorded in the state:\n%s", state)
	}
}

// stateInstances counts the instances of resources of type typ in a state
// file (Terraform keeps an entry with no instance for a refused create).
func stateInstances(t *testing.T, state, typ string) int {
	t.Helper()
	var st struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []any  `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(state), &st); err != nil {
		t.Fatalf("state: %v", err)
	}
	n := 0
	for _, r := range st.Resources {
		if r.Type == typ {
			n += len(r.Instances)
		}
	}
	return n
}
