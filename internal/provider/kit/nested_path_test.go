package kit_test

import (
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestNestedValidationPointsAtTheElement checks that an error about one
// element of a nested list names the element's index and that Terraform
// quotes that element's line, not the resource's first line: with two
// dimensions, the user must be told which one has a period it must not.
func TestNestedValidationPointsAtTheElement(t *testing.T) {
	config := acctest.CliRequiredProviders + `
provider "dataiku" {}

resource "dataiku_dataset" "d" {
  project_key     = "NESTED"
  name            = "d"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  partitioning = {
    dimensions = [
      { name = "country", type = "value" },
      { name = "day", type = "value", period = "DAY" },
    ]
  }
}

resource "dataiku_dataset" "cols" {
  project_key     = "NESTED"
  name            = "cols"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  schema_columns = [
    { name = "id", type = "int" },
    { name = "id", type = "string" },
  ]
}
`
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": config})
	out, err := acctest.RunTerraform(t, dir, []string{"DATAIKU_HOST=http://127.0.0.1:1", "DATAIKU_API_KEY=k"}, "validate", "-no-color")
	if err == nil {
		t.Fatalf("validate accepted a value dimension with a period:\n%s", out)
	}
	// Terraform cannot quote a line inside a nested object: the closest it
	// can is the partitioning's.
	if !regexp.MustCompile(`(?s)Unexpected period.*on main\.tf line 16, in resource "dataiku_dataset" "d":\s*16:\s+partitioning = \{`).MatchString(out) {
		t.Errorf("the error does not quote the partitioning's line (16):\n%s", out)
	}
	if !regexp.MustCompile(`(?s)Duplicate column name.*on main\.tf line 31, in resource "dataiku_dataset" "cols":\s*31:\s+\{ name = "id", type = "string" \}`).MatchString(out) {
		t.Errorf("the error does not quote the second column's line (31):\n%s", out)
	}
	if !regexp.MustCompile(`(?s)Unexpected period.*dimensions\[1\].*"day"`).MatchString(out) {
		t.Errorf("the error does not name the dimension's index and name:\n%s", out)
	}
}
