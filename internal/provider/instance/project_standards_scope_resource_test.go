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
)

const testPSScopeAddr = "dataiku_project_standards_scope.test"

// testPSScope is the scope DSS holds, nil when it has none.
func testPSScope(t *testing.T, name string) *dss.ProjectStandardsScope {
	t.Helper()
	d, err := dss.ProjectStandardsScopeDoc(name).Get(acctest.Ctx(t), acctest.Client(t))
	if dss.IsNotFound(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// testPSScopeNames are DSS's scopes in order, the default one last.
func testPSScopeNames(t *testing.T) []string {
	t.Helper()
	list, err := acctest.Client(t).ListProjectStandardsScopes(acctest.Ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range list {
		out = append(out, s.Name)
	}
	return out
}

// testAccPSScopeConfig is two checks and the scope test with body.
func testAccPSScopeConfig(name, body string) string {
	return fmt.Sprintf(`resource "dataiku_project_standards_check" "a" {
  check_element_type = "pstd-builtin_max-datasets"
}

resource "dataiku_project_standards_check" "b" {
  check_element_type = "pstd-builtin_project-description"
}

resource "dataiku_project_standards_scope" "test" {
  name = %q
%s}
`, name, body)
}

var testPSScopeGone = func(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_project_standards_scope", func(st *terraform.InstanceState) string { return dss.ProjectStandardsScopePath(st.ID) })
}

func TestAccProjectStandardsScope_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	checkIDs := func(s *terraform.State, names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, s.RootModule().Resources["dataiku_project_standards_check."+n].Primary.ID)
		}
		slices.Sort(out)
		return out
	}
	changeOutside := func(change func(d *dss.ProjectStandardsScope)) func() {
		return acctest.Must(t, func() error {
			_, _, err := dss.ProjectStandardsScopeDoc("acc-scope").Update(acctest.Ctx(t), acctest.Client(t), func(d *dss.ProjectStandardsScope) error {
				change(d)
				return nil
			})
			return err
		})
	}
	byTag := testAccPSScopeConfig("acc-scope", "  description      = \"Finance projects\"\n  selection_method = \"BY_TAG\"\n  tags             = [\"finance\"]\n"+
		"  checks           = [dataiku_project_standards_check.a.id, dataiku_project_standards_check.b.id]\n")
	acctest.Case(t, testPSScopeGone(t), []resource.TestStep{
		{
			Config: testAccPSScopeConfig("acc-scope", "  projects = [\"SALES\", \"HR\"]\n  checks   = [dataiku_project_standards_check.a.id]\n"),
			Check: func(s *terraform.State) error {
				d := testPSScope(t, "acc-scope")
				if d == nil || d.SelectionMethod != "BY_PROJECT" || !slices.Equal(d.SelectedProjects, []string{"HR", "SALES"}) || !slices.Equal(d.Checks, checkIDs(s, "a")) {
					return fmt.Errorf("scope in DSS: %+v", d)
				}
				if got := testPSScopeNames(t); !slices.Equal(got, []string{"acc-scope", "default"}) {
					return fmt.Errorf("scopes in DSS: %v", got)
				}
				return nil
			},
		},
		{
			// Another selection method, in place; the old selection is
			// emptied; a key set outside Terraform is kept.
			PreConfig:        changeOutside(func(d *dss.ProjectStandardsScope) { d.Extra = dss.Extra{"customField": []byte(`"kept"`)} }),
			Config:           byTag,
			ConfigPlanChecks: acctest.Plans(testPSScopeAddr, plancheck.ResourceActionUpdate),
			Check: func(s *terraform.State) error {
				d := testPSScope(t, "acc-scope")
				if d.SelectionMethod != "BY_TAG" || !slices.Equal(d.SelectedTags, []string{"finance"}) || len(d.SelectedProjects) != 0 ||
					d.Description != "Finance projects" || !slices.Equal(d.Checks, checkIDs(s, "a", "b")) || string(d.Extra["customField"]) != `"kept"` {
					return fmt.Errorf("scope in DSS: %+v", d)
				}
				return nil
			},
		},
		{
			// Changed outside Terraform: repaired.
			PreConfig:        changeOutside(func(d *dss.ProjectStandardsScope) { d.SelectedTags = []string{"other"}; d.Checks = []string{} }),
			Config:           byTag,
			ConfigPlanChecks: acctest.Plans(testPSScopeAddr, plancheck.ResourceActionUpdate),
			Check: func(s *terraform.State) error {
				if d := testPSScope(t, "acc-scope"); !slices.Equal(d.SelectedTags, []string{"finance"}) || len(d.Checks) != 2 {
					return fmt.Errorf("scope in DSS: %+v", d)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testPSScopeAddr, nil),
		acctest.ImportIdentityStep(t, testPSScopeAddr),
		acctest.DeletedOutsideStep(t, testPSScopeAddr, byTag,
			func() error {
				return acctest.Client(t).Delete(acctest.Ctx(t), dss.ProjectStandardsScopePath("acc-scope"), nil, nil)
			},
			func(*terraform.State) error {
				if d := testPSScope(t, "acc-scope"); d == nil || d.SelectionMethod != "BY_TAG" {
					return fmt.Errorf("not created again: %+v", d)
				}
				return nil
			}),
		{
			// Selected by project folder, with one check fewer.
			Config: testAccPSScopeConfig("acc-scope", "  selection_method = \"BY_FOLDER\"\n  folders = [\"ROOT\"]\n  checks = [dataiku_project_standards_check.b.id]\n"),
			Check: func(s *terraform.State) error {
				if d := testPSScope(t, "acc-scope"); d.SelectionMethod != "BY_FOLDER" || !slices.Equal(d.SelectedFolders, []string{"ROOT"}) || !slices.Equal(d.Checks, checkIDs(s, "b")) {
					return fmt.Errorf("scope in DSS: %+v", d)
				}
				return nil
			},
		},
		{
			// A new name replaces the scope.
			Config:           testAccPSScopeConfig("acc-scope-2", ""),
			ConfigPlanChecks: acctest.Plans(testPSScopeAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if got := testPSScopeNames(t); !slices.Equal(got, []string{"acc-scope-2", "default"}) {
					return fmt.Errorf("scopes in DSS: %v", got)
				}
				return nil
			},
		},
	})
}

// position places scopes with DSS's reorder action; a scope moved outside
// Terraform is drift the next apply repairs; a position beyond the last
// puts the scope last and plans nothing after.
func TestAccProjectStandardsScope_position(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	c := acctest.Client(t)
	if err := c.CreateProjectStandardsScope(acctest.Ctx(t), dss.ProjectStandardsScope{Name: "outside", SelectionMethod: "BY_PROJECT"}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Delete(acctest.Ctx(t), dss.ProjectStandardsScopePath("outside"), nil, nil) })
	cfg := func(first, second int) string {
		return fmt.Sprintf(`resource "dataiku_project_standards_scope" "first" {
  name     = "first"
  position = %d
}

resource "dataiku_project_standards_scope" "second" {
  name       = "second"
  position   = %d
  depends_on = [dataiku_project_standards_scope.first]
}
`, first, second)
	}
	order := func(want ...string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := testPSScopeNames(t); !slices.Equal(got, append(want, "default")) {
				return fmt.Errorf("scopes in DSS: %v, want %v then default", got, want)
			}
			return nil
		}
	}
	acctest.Case(t, testPSScopeGone(t), []resource.TestStep{
		{Config: cfg(0, 1), Check: order("first", "second", "outside")},
		{
			PreConfig:        acctest.Must(t, func() error { return c.ReorderProjectStandardsScope(acctest.Ctx(t), "first", 2) }),
			Config:           cfg(0, 1),
			ConfigPlanChecks: acctest.Plans("dataiku_project_standards_scope.first", plancheck.ResourceActionUpdate),
			Check:            order("first", "second", "outside"),
		},
		{
			// Beyond the last: moved last, and the 9 stays planned.
			Config:           cfg(9, 0),
			ConfigPlanChecks: acctest.Plans("dataiku_project_standards_scope.first", plancheck.ResourceActionUpdate),
			Check:            order("second", "outside", "first"),
		},
	})
}

// The selection lists are checked against the selection method at plan
// time, and ALL (the default scope's) is refused.
func TestAccProjectStandardsScope_badInput(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	scope := func(body string) string {
		return "resource \"dataiku_project_standards_scope\" \"test\" {\n  name = \"bad\"\n" + body + "}\n"
	}
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config:      scope("  tags = [\"x\"]\n"),
			ExpectError: regexp.MustCompile(`(?s)Attribute tags is the selection of selection_method = "BY_TAG", but\s+selection_method is "BY_PROJECT"`),
		},
		{
			Config:      scope("  selection_method = \"ALL\"\n"),
			ExpectError: regexp.MustCompile(`(?s)selection_method.*must be none of.*"ALL"`),
		},
		{
			Config:      scope("  selection_method = \"by_tag\"\n"),
			ExpectError: regexp.MustCompile(`DSS spells this selection method "BY_TAG"`),
		},
	})
	if d := testPSScope(t, "bad"); d != nil {
		t.Fatalf("a refused plan made a scope: %+v", d)
	}
}

func TestAccProjectStandardsScope_nonAdminRefused(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RefusedToBob(t, "resource \"dataiku_project_standards_scope\" \"test\" {\n  name = \"bob\"\n}\n",
		regexp.MustCompile(`dataiku_project_standards_scope needs an administrator's API key`))
	if d := testPSScope(t, "bob"); d != nil {
		t.Fatalf("bob's refused plan made a scope: %+v", d)
	}
}

// The data sources: the specs DSS knows, and the scopes in DSS's order
// with the default one last, each with its checks.
func TestAccProjectStandardsDataSources(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	cfg := testAccPSScopeConfig("acc-ds-scope", "  checks = [dataiku_project_standards_check.a.id]\n") + `
data "dataiku_project_standards_check_specs" "all" {}

data "dataiku_project_standards_scopes" "all" {
  depends_on = [dataiku_project_standards_scope.test]
}
`
	specs := "data.dataiku_project_standards_check_specs.all"
	scopes := "data.dataiku_project_standards_scopes.all"
	acctest.Case(t, testPSScopeGone(t), []resource.TestStep{{
		Config: cfg,
		Check: resource.ComposeTestCheckFunc(
			resource.TestCheckResourceAttr(specs, "check_specs.#", "4"),
			resource.TestCheckTypeSetElemNestedAttrs(specs, "check_specs.*", map[string]string{
				"element_type": "pstd-builtin_max-datasets", "label": "Maximum number of datasets", "owner_plugin_id": "pstd-builtin"}),
			resource.TestCheckResourceAttr(scopes, "scopes.#", "2"),
			resource.TestCheckResourceAttr(scopes, "scopes.0.name", "acc-ds-scope"),
			resource.TestCheckResourceAttr(scopes, "scopes.0.selection_method", "BY_PROJECT"),
			resource.TestCheckResourceAttrPair(scopes, "scopes.0.checks.0", "dataiku_project_standards_check.a", "id"),
			resource.TestCheckResourceAttr(scopes, "scopes.1.selection_method", "ALL"),
		),
	}})
}
