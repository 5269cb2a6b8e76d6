package project_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccProject_grantFlagAbsentInDSS: a grant as a DSS that lacks some
// rights holds it (no shareToWorkspaces, no executeApp: they "appear only
// in some versions", dss-real-shapes.md) is adopted with an empty plan; a
// change of another right writes that right and leaves the absent ones
// absent (they were written as an explicit false); an absent right
// planned true is written.
func TestAccProject_grantFlagAbsentInDSS(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_PERMABS")
	acctest.ProjectOutside(t, key, "Perms")
	testEditProjectDoc(t, key, "permissions", func(m map[string]any) {
		m["permissions"] = []any{map[string]any{"group": "analysts", "admin": false, "readProjectContent": true, "writeProjectContent": false,
			"exportDatasetsData": false, "readDashboards": false, "writeDashboards": false, "moderateDashboards": false, "runScenarios": false,
			"manageDashboardAuthorizations": false, "manageExposedElements": false, "manageAdditionalDashboardUsers": false}}
	})
	grantIs := func(want map[string]bool, absent ...string) resource.TestCheckFunc {
		return testProjectSoleGrantIs(t, key, want, absent...)
	}
	const addr = "dataiku_project.test"
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(addr, acctest.ImportBlock(addr, key)+testAccProjectPermsConfig(key, `[{ group = "analysts", read_project_content = true }]`)),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testAccProjectPermsConfig(key, `[{ group = "analysts", read_project_content = true, write_project_content = true }]`),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check:            grantIs(map[string]bool{"readProjectContent": true, "writeProjectContent": true, "admin": false}, "shareToWorkspaces", "executeApp"),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testAccProjectPermsConfig(key, `[{ group = "analysts", read_project_content = true, write_project_content = true, share_to_workspaces = true }]`),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check:            grantIs(map[string]bool{"writeProjectContent": true, "shareToWorkspaces": true}, "executeApp"),
		}),
	})
}

// testProjectSoleGrantIs checks the one grant DSS holds on project key:
// want's rights as given, and each of absent not held at all.
func testProjectSoleGrantIs(t *testing.T, key string, want map[string]bool, absent ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		grants, _ := testProjectDoc(t, key, "permissions")["permissions"].([]any)
		if len(grants) != 1 {
			return fmt.Errorf("grants in DSS: %v", grants)
		}
		g, _ := grants[0].(map[string]any)
		for flag, v := range want {
			if g[flag] != v {
				return fmt.Errorf("DSS's grant has %s = %v, want %t: %v", flag, g[flag], v, g)
			}
		}
		for _, flag := range absent {
			if v, held := g[flag]; held {
				return fmt.Errorf("DSS's grant holds %s = %v, which it lacked and no plan set: %v", flag, v, g)
			}
		}
		return nil
	}
}
