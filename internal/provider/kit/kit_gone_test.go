package kit_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Only DSS's own not-found for the object itself removes a resource from
// the state. A not-found on a sub-document (the project's permissions) is
// an error: the project stays in state, and the next refresh finds it.
func TestAccKit_notFoundOnSubDocumentIsNotDeletion(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_GONE")
	cfg := fmt.Sprintf("resource \"dataiku_project\" \"test\" {\n  project_key = %q\n  name        = \"Still here\"\n}\n", key)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		CheckDestroy:             acctest.CheckProjectDestroy(t),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					err := em.Server.SetFaults([]emulator.FaultRule{{Method: "GET", PathRegex: "/projects/" + key + "/permissions$",
						Status: 404, ErrorType: "com.dataiku.dip.exceptions.NotFoundException", Message: "No permissions document"}})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)Cannot read dataiku_project "` + key + `".*No permissions document`),
			},
			{
				PreConfig: func() { em.Server.ClearFaults() },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
		},
	})
}
