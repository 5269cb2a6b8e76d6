package project_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccProject_deletionProtection: with deletion_protection = true,
// neither removing the resource block nor a replacement deletes the
// project (the plan, or the apply before any request, refuses, naming the
// way out); turning it off changes nothing in DSS and then the destroy
// goes through. An import reads it as false, its default.
func TestAccProject_deletionProtection(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	key := acctest.ProjectKey("ACC_DP")
	config := func(key string, protected bool) string {
		return fmt.Sprintf(`
resource "dataiku_project" "test" {
  project_key         = %q
  name                = "Protected"
  deletion_protection = %t
}
`, key, protected)
	}
	exists := func(key string, want bool) {
		t.Helper()
		err := c.Get(ctx, dss.Path("projects", key, "metadata"), nil, nil)
		switch {
		case want && err != nil:
			t.Fatalf("project %s must still exist: %v", key, err)
		case !want && !dss.IsNotFound(err):
			t.Fatalf("project %s must not exist: %v", key, err)
		}
	}
	refused := regexp.MustCompile(`(?s)Cannot delete dataiku_project "` + key + `": deletion_protection\s+is\s+on.*deletion_protection\s+=\s+false`)
	var before map[string]int64
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		{
			Config: config(key, true),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("deletion_protection"), knownvalue.Bool(true)),
			},
			Check: func(*terraform.State) error { exists(key, true); return nil },
		},
		{
			// The block removed: the plan itself refuses.
			Config:      `locals {}`,
			ExpectError: refused,
		},
		{
			// A replacement: refused before anything is deleted, and the
			// new project is not created either.
			PreConfig:   func() { exists(key, true) },
			Config:      config(key+"_NEW", true),
			ExpectError: refused,
		},
		{
			// Off: an in-place change that writes nothing to DSS.
			PreConfig: func() {
				exists(key, true)
				exists(key+"_NEW", false)
				before = em.Server.Stats().ByRoute
			},
			Config: config(key, false),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("dataiku_project.test", plancheck.ResourceActionUpdate),
			}},
			Check: func(*terraform.State) error {
				acctest.ExpectNoWrites(t, before, em.Server.Stats().ByRoute, "by turning deletion_protection off")
				return nil
			},
		},
		// (An import reads every document; this configuration leaves the
		// folder and the variables unmanaged.)
		acctest.ImportVerifyStep("dataiku_project.test", acctest.ImportID(key), "local_variables", "project_folder_id"),
	})
}
