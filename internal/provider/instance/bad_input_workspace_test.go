package instance_test

import (
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Bad input for dataiku_workspace, refused at plan time with the attribute
// and the rule, as for the other kinds (bad_input_test.go).

const badWorkspaceBase = "  workspace_key = \"OK_WS\"\n  display_name = \"Ok\"\n"

var badWorkspace = acctest.BadCaseOf("dataiku_workspace", badWorkspaceBase)

func TestAccBadInputWorkspaceRefusedAtPlan(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	key := regexp.QuoteMeta(names.WorkspaceKeyRule)
	principal := `one \(and only one\) of group and user: this permission entry sets`
	// (a key with spaces or accents, any display name, any color: DSS's to judge)
	acctest.AssertRefusedAtPlan(t, []acctest.BadInputCase{
		badWorkspace("workspace_key", `workspace_key = ""`, key),
		badWorkspace("workspace_key", `workspace_key = " "`, key),
		badWorkspace("workspace_key", `workspace_key = "SALES/EMEA"`, key),
		badWorkspace("workspace_key", `workspace_key = "SALES\tEMEA"`, key),
		badWorkspace("permissions", `permissions = [{ admin = false, write = false, read = true }]`, principal+` 0`),
		badWorkspace("permissions", `permissions = [{ group = "g", user = "u", admin = false, write = false, read = true }]`, principal+` 2`),
		badWorkspace("permissions", `permissions = [{ group = "a\nb", admin = false, write = false, read = true }]`, regexp.QuoteMeta(names.PrincipalRefRule)),
		badWorkspace("permissions", `permissions = [{ group = "g", read = true }]`, `attributes? "admin"(, "write")? (is|are) required|Incorrect attribute value type`),
	}, "w")
}
