package instance_test

import (
	"fmt"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccProjectStandardsRunAction: dataiku_project_standards_run runs the
// checks of the project's scope and fails on an issue at or above fail_on,
// naming the check and DSS's message; DSS saves the report (read back
// through the client); explicit check_ids run only those and leave the
// saved report alone; an unknown project fails with DSS's error.
func TestAccProjectStandardsRunAction(t *testing.T) {
	acctest.RequireActionsTerraform(t)
	acctest.ParallelOnEmulator(t)
	key := acctest.ProjectKey("ACC_PSRUN")
	c := acctest.ProjectOutside(t, key, "Standards run")
	ctx := acctest.Ctx(t)
	if r, err := c.ProjectStandardsLastReport(ctx, key); err != nil || r != nil {
		t.Fatalf("a project whose checks never ran has a report: %+v %v", r, err)
	}
	checks, err := c.ImportProjectStandardsChecks(ctx, []string{"pstd-builtin_project-description", "pstd-builtin_max-datasets", "pstd-builtin_scenario-reporters"})
	if err != nil || len(checks) != 3 {
		t.Fatalf("importing checks: %v %v", checks, err)
	}
	ids := []string{checks[0].ID, checks[1].ID, checks[2].ID}
	scope := "acc-psrun-" + key
	if err := c.CreateProjectStandardsScope(ctx, dss.ProjectStandardsScope{Name: scope, SelectionMethod: "BY_PROJECT", SelectedProjects: []string{key}, Checks: ids}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = c.Delete(ctx, dss.Path("project-standards", "scopes", scope), nil, nil)
		for _, id := range ids {
			_ = c.Delete(ctx, dss.ProjectStandardsCheckPath(id), nil, nil)
		}
	})
	run := func(extra string) string {
		return fmt.Sprintf("\naction \"dataiku_project_standards_run\" \"gate\" {\n  config {\n    project_key = %q\n%s  }\n}\n", key, extra)
	}
	descLine := "Check Project has a description (" + ids[0] + "): issue of severity MEDIUM: The project has no description"
	acctest.InvokeAction(t, run(""), "dataiku_project_standards_run.gate", false, "a project without a description",
		"Action failed: action.dataiku_project_standards_run.gate", "project "+key+" does not meet its Project Standards",
		"1 of the 3 checks of scope", descLine, "Check Scenarios report their failures ("+ids[2]+"): not applicable")
	report, err := c.ProjectStandardsLastReport(ctx, key)
	if err != nil || report == nil || report.Scope != scope || len(report.Runs) != 3 {
		t.Fatalf("DSS's saved report: %+v %v", report, err)
	}
	if r := report.Runs[ids[0]].Result; r == nil || r.Severity == nil || *r.Severity != 3 {
		t.Fatalf("the description check's result in DSS: %+v", r)
	}
	// Below the threshold: the issue is shown, the apply passes.
	acctest.InvokeAction(t, run("    fail_on = \"HIGH\"\n"), "dataiku_project_standards_run.gate", true, "fail_on = HIGH", descLine)

	// Fixed in DSS: the gate passes with the default threshold.
	if _, _, err := dss.ProjectMetadataDoc(key).Update(ctx, c, func(m *dss.ProjectMetadata) error {
		m.ShortDescription = "Sales reporting"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	acctest.InvokeAction(t, run(""), "dataiku_project_standards_run.gate", true, "a project with a description",
		"Check Project has a description ("+ids[0]+"): no issue", "Project Standards of "+key+": done")

	// Explicit checks: only those run, and the saved report stays the
	// scope's.
	acctest.InvokeAction(t, run(fmt.Sprintf("    check_ids = [%q]\n", ids[1])), "dataiku_project_standards_run.gate", true, "one check",
		"Check Maximum number of datasets ("+ids[1]+"): no issue")
	if report, err := c.ProjectStandardsLastReport(ctx, key); err != nil || report == nil || len(report.Runs) != 3 {
		t.Fatalf("an explicit run replaced the saved report: %+v %v", report, err)
	}

	acctest.InvokeAction(t, fmt.Sprintf("\naction \"dataiku_project_standards_run\" \"gate\" {\n  config {\n    project_key = %q\n  }\n}\n", key+"NOPE"),
		"dataiku_project_standards_run.gate", false, "an unknown project", "Action failed: action.dataiku_project_standards_run.gate", key+"NOPE")
}
