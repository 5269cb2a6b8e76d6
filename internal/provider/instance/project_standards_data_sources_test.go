package instance_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const (
	testPSCheckDS = "data.dataiku_project_standards_check.platform"
	testPSScopeDS = "data.dataiku_project_standards_scope.platform"
)

// testPlatformPSScope makes, outside Terraform, as a platform team does, a
// check with its own name, tags and parameters (one the spec does not
// know) and a scope named name selecting a tag and running it; both
// deleted when the test ends. It returns the check's id.
func testPlatformPSScope(t *testing.T, name string) string {
	t.Helper()
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	made, err := c.ImportProjectStandardsChecks(ctx, []string{"pstd-builtin_max-datasets"})
	if err != nil {
		t.Fatal(err)
	}
	check := made[0].ID
	t.Cleanup(func() { _ = c.Delete(context.Background(), dss.ProjectStandardsCheckPath(check), nil, nil) })
	acctest.EditOutside(t, dss.ProjectStandardsCheckDoc(check), func(d *dss.ProjectStandardsCheck) {
		d.Name, d.Tags = "Platform: at most 25 datasets", []string{"platform"}
		d.CheckParams["threshold"], d.CheckParams["platformNote"] = 25, "set by the platform team"
	})
	acctest.MustDo(t, c.CreateProjectStandardsScope(ctx, dss.ProjectStandardsScope{Name: name, Description: "The platform team's",
		SelectionMethod: "BY_TAG", SelectedTags: []string{"gold"}, SelectedProjects: []string{}, SelectedFolders: []string{}, Checks: []string{check}}))
	t.Cleanup(func() { _ = c.Delete(context.Background(), dss.ProjectStandardsScopePath(name), nil, nil) })
	return check
}

// testPSDataSourcesAreDSS checks the data sources' values against the
// check's and the scope's documents, read through the client.
func testPSDataSourcesAreDSS(t *testing.T, checkID, scope string) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		c, ctx := acctest.Client(t), acctest.Ctx(t)
		ch, err := dss.ProjectStandardsCheckDoc(checkID).Get(ctx, c)
		if err != nil {
			return err
		}
		sc, err := dss.ProjectStandardsScopeDoc(scope).Get(ctx, c)
		if err != nil {
			return err
		}
		if len(ch.Tags) != 1 || len(sc.Checks) != 1 || len(sc.SelectedTags) != 1 {
			return fmt.Errorf("DSS holds the check %+v and the scope %+v, not what the test made", ch, sc)
		}
		return resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(testPSCheckDS, "id", ch.ID),
			resource.TestCheckResourceAttr(testPSCheckDS, "check_element_type", ch.CheckElementType),
			resource.TestCheckResourceAttr(testPSCheckDS, "name", ch.Name),
			resource.TestCheckResourceAttr(testPSCheckDS, "description", ch.Description),
			resource.TestCheckResourceAttr(testPSCheckDS, "params.%", fmt.Sprint(len(ch.CheckParams))),
			resource.TestCheckResourceAttr(testPSCheckDS, "params.threshold", fmt.Sprint(ch.CheckParams["threshold"])),
			resource.TestCheckResourceAttr(testPSCheckDS, "params.severity", fmt.Sprint(ch.CheckParams["severity"])),
			resource.TestCheckResourceAttr(testPSCheckDS, "params.platformNote", fmt.Sprint(ch.CheckParams["platformNote"])),
			resource.TestCheckResourceAttr(testPSCheckDS, "tags.#", "1"),
			resource.TestCheckTypeSetElemAttr(testPSCheckDS, "tags.*", ch.Tags[0]),

			resource.TestCheckResourceAttr(testPSScopeDS, "id", sc.Name),
			resource.TestCheckResourceAttr(testPSScopeDS, "name", sc.Name),
			resource.TestCheckResourceAttr(testPSScopeDS, "description", sc.Description),
			resource.TestCheckResourceAttr(testPSScopeDS, "selection_method", sc.SelectionMethod),
			resource.TestCheckResourceAttr(testPSScopeDS, "checks.#", "1"),
			resource.TestCheckTypeSetElemAttr(testPSScopeDS, "checks.*", sc.Checks[0]),
			resource.TestCheckResourceAttr(testPSScopeDS, "tags.#", "1"),
			resource.TestCheckTypeSetElemAttr(testPSScopeDS, "tags.*", sc.SelectedTags[0]),
			resource.TestCheckNoResourceAttr(testPSScopeDS, "projects.#"),
			resource.TestCheckNoResourceAttr(testPSScopeDS, "folders.#"),
			resource.TestCheckNoResourceAttr(testPSScopeDS, "position"),
		)(st)
	}
}

// A team's configuration names the platform team's check and scope
// through the data sources: its own scope runs the platform scope's
// checks on the same tags, described with the check's name; the values
// are DSS's, the plan after the apply is empty, and the destroy leaves the
// platform's objects. A check id or a scope name DSS does not hold fails
// the plan, naming it and how to list those DSS holds.
func TestAccProjectStandardsCheckAndScopeDataSources(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const platform, team = "acc-ds-platform", "acc-ds-team"
	check := testPlatformPSScope(t, platform)
	cfg := fmt.Sprintf(`
data "dataiku_project_standards_check" "platform" {
  id = %q
}

data "dataiku_project_standards_scope" "platform" {
  name = %q
}

resource "dataiku_project_standards_scope" "test" {
  name             = %q
  description      = "Runs ${data.dataiku_project_standards_check.platform.name}"
  checks           = data.dataiku_project_standards_scope.platform.checks
  selection_method = data.dataiku_project_standards_scope.platform.selection_method
  tags             = data.dataiku_project_standards_scope.platform.tags
}
`, check, platform, team)
	acctest.Case(t, testPSScopeGone(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				testPSDataSourcesAreDSS(t, check, platform),
				resource.TestCheckResourceAttr(testPSCheckDS, "name", "Platform: at most 25 datasets"),
				resource.TestCheckResourceAttr(testPSCheckDS, "params.threshold", "25"),
				resource.TestCheckResourceAttr(testPSScopeDS, "selection_method", "BY_TAG"),
				func(*terraform.State) error {
					d := testPSScope(t, team)
					if d == nil || d.Description != "Runs Platform: at most 25 datasets" || d.SelectionMethod != "BY_TAG" ||
						fmt.Sprint(d.Checks) != fmt.Sprint([]string{check}) || fmt.Sprint(d.SelectedTags) != "[gold]" {
						return fmt.Errorf("the team's scope in DSS: %+v", d)
					}
					return nil
				}),
		}),
		{
			Config:      "data \"dataiku_project_standards_check\" \"missing\" {\n  id = \"NOSUCHCK\"\n}\n",
			ExpectError: regexp.MustCompile(`(?s)Cannot read data.dataiku_project_standards_check "NOSUCHCK".*DSS has no Project Standards check of id\s+"NOSUCHCK".*list\s+"dataiku_project_standards_check"`),
		},
		{
			Config:      "data \"dataiku_project_standards_scope\" \"missing\" {\n  name = \"no-such-scope\"\n}\n",
			ExpectError: regexp.MustCompile(`(?s)Cannot read data.dataiku_project_standards_scope "no-such-scope".*DSS has no Project Standards scope named\s+"no-such-scope".*dataiku_project_standards_scopes`),
		},
	})
	if testPSCheck(t, check) == nil || testPSScope(t, platform) == nil {
		t.Error("the destroy removed the platform's check or scope, which the configuration only read")
	}
}
