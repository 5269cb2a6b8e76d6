package project_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccProject_ownerNeededAtPlan: with a global key that acts as no DSS
// user and no owner configured, `terraform plan` fails on the owner
// attribute with the resource's address, before any write to DSS; a
// project with an owner in the same configuration plans fine, and the same
// configuration with a key that has a user plans fine too.
func TestAccProject_ownerNeededAtPlan(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_OWNPLAN")
	cfg := acctest.CliRequiredProviders + fmt.Sprintf(`
resource "dataiku_project" "ownerless" {
  project_key = %q
  name        = "No owner"
}

resource "dataiku_project" "owned" {
  project_key = "%s_B"
  name        = "Owned"
  owner       = %q
}
`, key, key, acctest.BobLogin)
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": cfg})

	before := em.Server.Stats().ByRoute
	out, err := acctest.RunTerraform(t, dir, []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.GlobalNoUserKey}, "plan", "-no-color")
	after := em.Server.Stats().ByRoute
	if err == nil {
		t.Fatalf("the plan succeeded:\n%s", acctest.Tail(out, 4000))
	}
	acctest.ExpectNoWrites(t, before, after, "by a plan")
	blocks := acctest.TerraformDiagnosticsQuoted(out, true)
	want := fmt.Sprintf(`dataiku_project %q needs an owner`, key)
	found := false
	for _, b := range blocks["dataiku_project.ownerless"] {
		if strings.Contains(b, want) && strings.Contains(b, "owner") && strings.Contains(b, "no associated DSS user") &&
			strings.Contains(b, "acc-global-nouser") {
			found = true
		}
	}
	if !found {
		t.Errorf("no plan error for dataiku_project.ownerless with %q; errors: %q", want, blocks)
	}
	if len(blocks["dataiku_project.owned"]) != 0 {
		t.Errorf("the project with an owner was refused too: %q", blocks["dataiku_project.owned"])
	}
	// A key with a user gives the owner: the same configuration plans.
	if out, err := acctest.RunTerraform(t, dir, []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.GlobalAliceKey}, "plan", "-no-color"); err != nil {
		t.Errorf("plan with a key that has a user: %v\n%s", err, acctest.Tail(out, 3000))
	}
}
