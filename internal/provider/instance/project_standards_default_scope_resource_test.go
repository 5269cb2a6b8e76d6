package instance_test

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

const testPSDefaultAddr = "dataiku_project_standards_default_scope.test"

// testAccPSDefaultConfig is two checks and the default scope running
// checks (an HCL list expression).
func testAccPSDefaultConfig(checks string) string {
	return fmt.Sprintf(`resource "dataiku_project_standards_check" "a" {
  check_element_type = "pstd-builtin_max-datasets"
}

resource "dataiku_project_standards_check" "b" {
  check_element_type = "pstd-builtin_project-description"
}

resource "dataiku_project_standards_default_scope" "test" {
  checks = %s
}
`, checks)
}

// testPSDefault is the default scope DSS holds.
func testPSDefault(t *testing.T) *dss.ProjectStandardsScope {
	t.Helper()
	d, err := acctest.Client(t).ProjectStandardsDefaultScope(acctest.Ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// testPSDefaultRuns checks, through the client, that the default scope
// runs the checks of the state's resources named, and is still the
// default scope, last in DSS's order.
func testPSDefaultRuns(t *testing.T, names ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		want := []string{}
		for _, n := range names {
			want = append(want, s.RootModule().Resources["dataiku_project_standards_check."+n].Primary.ID)
		}
		slices.Sort(want)
		d := testPSDefault(t)
		got := slices.Sorted(slices.Values(d.Checks))
		if d.SelectionMethod != dss.ProjectStandardsDefaultSelection || !slices.Equal(got, want) {
			return fmt.Errorf("default scope in DSS: %+v, want the checks %v", d, want)
		}
		if list := testPSScopeNames(t); len(list) == 0 || list[len(list)-1] != d.Name {
			return fmt.Errorf("scopes in DSS: %v, want the default scope %s last", list, d.Name)
		}
		return nil
	}
}

// Create (managing the scope DSS made), update in place, changed outside
// Terraform (repaired), import by id and by
// identity, and a destroy that leaves the scope and its checks in DSS.
func TestAccProjectStandardsDefaultScope_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	name := testPSDefault(t).Name
	changeOutside := func(change func(d *dss.ProjectStandardsScope)) func() {
		return acctest.Must(t, func() error {
			_, _, err := dss.ProjectStandardsScopeDoc(name).Update(acctest.Ctx(t), acctest.Client(t), func(d *dss.ProjectStandardsScope) error {
				change(d)
				return nil
			})
			return err
		})
	}
	both := testAccPSDefaultConfig("[dataiku_project_standards_check.a.id, dataiku_project_standards_check.b.id]")
	acctest.Case(t, func(*terraform.State) error {
		// The scope DSS made is still there: destroying wrote nothing.
		if d := testPSDefault(t); d.SelectionMethod != dss.ProjectStandardsDefaultSelection || d.Name != name {
			return fmt.Errorf("default scope after destroy: %+v", d)
		}
		return nil
	}, []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: testAccPSDefaultConfig("[dataiku_project_standards_check.a.id]"),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testPSDefaultAddr, "id", instance.ProjectStandardsDefaultScopeID),
				resource.TestCheckResourceAttr(testPSDefaultAddr, "name", name),
				testPSDefaultRuns(t, "a")),
		}),
		// A check added: in place. (DSS saves only the default scope's
		// checks, so there is no other key to keep.)
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           both,
			ConfigPlanChecks: acctest.Plans(testPSDefaultAddr, plancheck.ResourceActionUpdate),
			Check:            testPSDefaultRuns(t, "a", "b"),
		}),
		// Changed outside Terraform: a check removed in DSS's screens is
		// drift, and the apply puts it back.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        changeOutside(func(d *dss.ProjectStandardsScope) { d.Checks = d.Checks[:1] }),
			Config:           both,
			ConfigPlanChecks: acctest.Plans(testPSDefaultAddr, plancheck.ResourceActionUpdate),
			Check:            testPSDefaultRuns(t, "a", "b"),
		}),
		acctest.ImportVerifyStep(testPSDefaultAddr, acctest.ImportID(instance.ProjectStandardsDefaultScopeID)),
		acctest.ImportIdentityStep(t, testPSDefaultAddr),
		acctest.StepConfig(testWrongImportIDStep(testPSDefaultAddr, "default", instance.ProjectStandardsDefaultScopeID), both),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testAccPSDefaultConfig("[]"),
			ConfigPlanChecks: acctest.Plans(testPSDefaultAddr, plancheck.ResourceActionUpdate),
			Check:            testPSDefaultRuns(t),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testAccPSDefaultConfig("[dataiku_project_standards_check.a.id]"),
			ConfigPlanChecks: acctest.Plans(testPSDefaultAddr, plancheck.ResourceActionUpdate),
			Check:            testPSDefaultRuns(t, "a"),
		}),
		{
			// Removed from the configuration: Terraform stops managing the
			// scope, which keeps its checks in DSS.
			Config: `resource "dataiku_project_standards_check" "a" {
  check_element_type = "pstd-builtin_max-datasets"
}
`,
			ConfigPlanChecks: acctest.Plans(testPSDefaultAddr, plancheck.ResourceActionDestroy),
			Check: func(s *terraform.State) error {
				want := s.RootModule().Resources["dataiku_project_standards_check.a"].Primary.ID
				if got := testPSDefault(t).Checks; !slices.Equal(got, []string{want}) {
					return fmt.Errorf("default scope after its resource was destroyed: checks %v, want %s kept", got, want)
				}
				return nil
			},
		},
	})
}

// A key that is not an administrator's is refused at plan time, and the
// scope is unchanged; two default scopes in one configuration are an
// error at plan time.
func TestAccProjectStandardsDefaultScope_refused(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	before := testPSDefault(t).Checks
	acctest.RefusedToBob(t, `resource "dataiku_project_standards_default_scope" "test" {
  checks = ["bobs"]
}
`, regexp.MustCompile(`(?s)dataiku_project_standards_default_scope.*not\s+a\s+DSS\s+administrator`))
	if got := testPSDefault(t).Checks; !slices.Equal(got, before) {
		t.Fatalf("default scope's checks after bob's refusal: %v, want %v", got, before)
	}
	acctest.Case(t, nil, []resource.TestStep{{
		Config: `resource "dataiku_project_standards_default_scope" "test" {
  count  = 2
  checks = []
}
`,
		ExpectError: singletonError("dataiku_project_standards_default_scope"),
	}})
}
