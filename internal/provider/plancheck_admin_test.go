package provider

import (
	"strings"
	"testing"
)

// Issue 26 point 3, "at plan time, against DSS": an admin-only kind
// planned with a key that is not an administrator's is refused by the
// plan, from the GET /auth/info the provider already sends at configure,
// so the apply never creates the objects that come before it. Before,
// the plan succeeded and DSS refused each POST half-way through the
// apply.
func TestAccAdminOnlyKindsRefusedAtPlan(t *testing.T) {
	testAccPreCheck(t)
	em := requireEmulator(t)
	cfg := cliRequiredProviders + `
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
	dir := newTerraformDir(t, map[string]string{"main.tf": cfg})
	env := []string{"DATAIKU_HOST=" + testHost, "DATAIKU_API_KEY=" + testBobKey}
	before := em.Server.Stats().ByRoute
	out, err := runTerraform(t, dir, env, "plan", "-no-color")
	after := em.Server.Stats().ByRoute
	if err == nil {
		t.Fatalf("the plan succeeded with a non-admin key:\n%s", tail(out, 4000))
	}
	blocks := terraformDiagnostics(out)
	for _, addr := range []string{"dataiku_user.u", "dataiku_group.g", "dataiku_connection.c", "dataiku_api_key.k", "dataiku_instance_variables.v"} {
		var found bool
		for _, b := range blocks[addr] {
			found = found || strings.Contains(b, "needs an administrator's API key") && strings.Contains(b, testBobLogin)
		}
		if !found {
			t.Errorf("%s was not refused at plan naming the key's user %q; its errors: %q", addr, testBobLogin, blocks[addr])
		}
	}
	for route, n := range after {
		if m, _, _ := strings.Cut(route, " "); m != "GET" && n != before[route] {
			t.Errorf("%s was called %d times while planning: a plan writes nothing", route, n-before[route])
		}
	}
}
