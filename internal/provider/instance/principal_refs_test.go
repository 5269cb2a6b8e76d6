package instance_test

import (
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccPrincipalReferencesTakeASlash: a group's name or a user's login
// that another object's settings only hold (never a path segment) is
// DSS's to judge, a slash included: a directory may name a group
// "eng/data", and refusing it at plan time locked its grants out of
// Terraform. Every such attribute takes one; dataiku_group's and
// dataiku_user's own names, which are path segments, still refuse it
// (TestAccBadInputPeopleRefusedAtPlan).
func TestAccPrincipalReferencesTakeASlash(t *testing.T) {
	acctest.CliSetup(t)
	config := acctest.CliRequiredProviders + `
resource "dataiku_user" "u" {
  login  = "jane"
  groups = ["eng/data"]
}

resource "dataiku_connection" "c" {
  name                   = "pg"
  type                   = "PostgreSQL"
  usable_by              = "ALLOWED"
  allowed_groups         = ["eng/data"]
  details_readable_by    = "ALLOWED"
  details_allowed_groups = ["eng/data"]
}

resource "dataiku_workspace" "w" {
  workspace_key = "TEAM"
  display_name  = "Team"
  permissions = [
    { group = "eng/data", admin = false, write = false, read = true },
    { user = "corp/jane", admin = false, write = true, read = true },
  ]
}

resource "dataiku_api_key" "k" {
  groups            = ["eng/data"]
  impersonated_user = "corp/jane"
}

resource "dataiku_personal_api_key" "p" {
  user = "corp/jane"
}

resource "dataiku_code_env" "e" {
  name        = "py"
  lang        = "PYTHON"
  permissions = [{ group = "eng/data", use = true, update = false, manage_users = false }]
}

data "dataiku_users" "team" {
  group = "eng/data"
}

ephemeral "dataiku_api_key" "ci" {
  groups            = ["eng/data"]
  impersonated_user = "corp/jane"
}

ephemeral "dataiku_personal_api_key" "ci" {
  user = "corp/jane"
}

action "dataiku_users_resync" "sync" {
  config {
    logins = ["corp/jane"]
  }
}
`
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": config})
	out, err := acctest.RunTerraform(t, dir, []string{"DATAIKU_HOST=http://127.0.0.1:1", "DATAIKU_API_KEY=k"}, "validate", "-no-color")
	if err != nil || !strings.Contains(out, "The configuration is valid") {
		t.Errorf("validate refused slashes in group and user references: %v\n%s", err, out)
	}
}
