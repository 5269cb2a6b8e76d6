package provider_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
)

// Bad input is refused at plan time, before any request that changes DSS,
// with a message naming the attribute and the rule. All cases go into one
// configuration (one resource each) and one `terraform plan`, whose output
// must hold, for every resource, an error that names it, the attribute and
// the rule.

// badProjectBody and badDatasetBody are valid bodies with one line to
// replace or add; %s is where the bad line goes.
const (
	badProjectBase = "  project_key = \"BADIN\"\n  name = \"Bad input\"\n"

	badFolderBase  = "  name = \"Bad input folder\"\n"
	badManagedBase = "  project_key = \"BADIN\"\n  name = \"ok\"\n"
)

var (
	badProject = acctest.BadCaseOf("dataiku_project", badProjectBase)

	badFolder  = acctest.BadCaseOf("dataiku_project_folder", badFolderBase)
	badManaged = acctest.BadCaseOf("dataiku_managed_folder", badManagedBase)
)

func badInputCases() []acctest.BadInputCase {
	// A long name, label or tag is DSS's to judge (DSS documents no length
	// limit): only an empty one, or a value of the wrong type, is refused,
	// a long one beside it included.
	long := acctest.LongName
	keyRule := `letters, digits and underscores`
	nameRule := regexp.QuoteMeta(dataset.DatasetNameRule)
	validJSON := `Invalid JSON String Value.*not valid JSON`
	return []acctest.BadInputCase{
		// dataiku_project
		badProject("project_key", `project_key = ""`, keyRule),
		badProject("project_key", `project_key = "bad-key"`, keyRule),
		badProject("project_key", `project_key = "SALES.2024"`, keyRule),
		badProject("project_key", `project_key = "CLÉ"`, keyRule),
		badProject("project_key", `project_key = "with space"`, keyRule),
		// (an empty name is refused for a new project only, by the plan
		// rather than a validator: TestAccProject_emptyNameAdopted)
		badProject("name", `name = ["`+long("n")+`"]`, `string required`),
		badProject("owner", `owner = ""`, `length must be at least 1`),
		badProject("project_folder_id", `project_folder_id = ""`, `length must be at least 1`),
		badProject("description", `description = 42 == 42 ? ["x"] : ["y"]`, `string required`),
		badProject("tags", `tags = ["ok", ""]`, `length must be at least 1`),
		badProject("tags", `tags = ["`+long("t")+`", ""]`, `length must be at least 1`),
		badProject("user", `permissions = [{ group = "g", user = "u", read_project_content = true }]`, `one \(and only one\) of`),
		badProject("user", `permissions = [{ read_project_content = true }]`, `one \(and only one\) of`),
		badProject("group", `permissions = [{ group = "" }]`, `length must be at least 1`),
		badProject("user", `permissions = [{ user = "" }]`, `length must be at least 1`),
		badProject("permissions", `permissions = [{ group = "g", admin = "sometimes" }]`, `bool required|a bool is required`),
		badProject("standard_variables", `standard_variables = "not json"`, acctest.HCLNotJSON),
		badProject("standard_variables", `standard_variables = "[1, 2]"`, acctest.HCLNotObject),
		badProject("standard_variables", `standard_variables = "\"text\""`, acctest.HCLNotObject),
		badProject("standard_variables", `standard_variables = ""`, acctest.HCLNotJSON),
		badProject("standard_variables", `standard_variables = "null"`, acctest.HCLNotObject),
		acctest.QuotedCase(badProject("local_variables", `local_variables = "{\"a\": 1"`, validJSON)),
		acctest.QuotedCase(badProject("local_variables", `local_variables = "{} {}"`, validJSON)),
		badProject("unknown_attribute", `unknown_attribute = 1`, `An argument named "unknown_attribute" is not expected here`),

		// dataiku_dataset
		acctest.BadDataset("project_key", `project_key = ""`, keyRule),
		acctest.BadDataset("project_key", `project_key = "a-b"`, keyRule),
		acctest.BadDataset("name", `name = ""`, nameRule),
		acctest.BadDataset("name", `name = "orders.v2"`, `DSS splits references such as PROJECT.name on it`),
		acctest.BadDataset("name", `name = "   "`, nameRule),
		acctest.BadDataset("name", `name = "a/b"`, nameRule),
		acctest.BadDataset("type", `type = ""`, `length must be at least 1`),
		acctest.BadDataset("connection_name", `connection_name = ""`, `length must be at least 1`),
		// (a managed Filesystem dataset without connection_name is refused
		// for a new dataset only, by the plan rather than a validator, since
		// DSS holds such datasets and their adoption must plan:
		// TestAccDataset_managedWithoutConnectionAdopted)
		acctest.BadDataset("format_type", `format_type = ""`, `length must be at least 1`),
		acctest.BadDataset("params", `params = "not json"`, acctest.HCLNotJSON),
		acctest.BadDataset("params", `params = "[1]"`, acctest.HCLNotObject),
		acctest.BadDataset("params", `params = "3"`, acctest.HCLNotObject),
		acctest.BadDataset("params", `params = ""`, acctest.HCLNotJSON),
		acctest.BadDataset("params", `params = jsonencode({ connection = "x", path = "/p" })`, `must not contain "connection"`),
		acctest.BadDataset("format_params", `format_params = "{separator: \",\"}"`, acctest.HCLNotJSON),
		acctest.BadDataset("format_params", `format_params = "true"`, acctest.HCLNotObject),
		acctest.BadDataset("type", `schema_columns = [{ name = "id", type = "varchar" }]`, `value must be one of:.*"string"`),
		acctest.BadDataset("type", `schema_columns = [{ name = "id", type = "STRING" }]`, `value must be one of.*Write "string"`),
		// DSS compares types case-exactly (issue 26 point 3): a case
		// variant of a known type is refused with DSS's spelling.
		acctest.BadDataset("type", `type = "filesystem"`, `DSS spells this dataset type "Filesystem", not "filesystem".*Write "Filesystem"`),
		acctest.BadDataset("type", `type = "POSTGRESQL"`, `Write "PostgreSQL"`),
		acctest.BadDataset("name", `schema_columns = [{ name = "", type = "string" }]`, `length must be at least 1`),
		acctest.BadDataset("name", `schema_columns = [{ name = "id", type = "int" }, { name = "id", type = "string" }]`, `must be unique`),
		acctest.BadDataset("max_length", `schema_columns = [{ name = "s", type = "string", max_length = 0 }]`, `must be at least 1`),
		acctest.BadDataset("type", `partitioning = { dimensions = [{ name = "d", type = "range" }] }`, `value must be one of:.*"value".*"time"`),
		acctest.BadDataset("period", `partitioning = { dimensions = [{ name = "d", type = "value", period = "DAY" }] }`, `Only dimensions of type "time" take a period`),
		acctest.BadDataset("period", `partitioning = { dimensions = [{ name = "d", type = "time", period = "WEEK" }] }`, `value must be one of`),
		acctest.BadDataset("name", `partitioning = { dimensions = [{ name = "", type = "value" }] }`, `length must be at least 1`),
		acctest.BadDataset("dimensions", `partitioning = { file_path_pattern = "%Y/.*" }`, `attribute "dimensions" is required`),
		acctest.BadDataset("tags", `tags = [""]`, `length must be at least 1`),

		// dataiku_project_folder
		badFolder("name", `name = ""`, `length must be at least 1`),
		badFolder("name", `name = ["`+long("f")+`"]`, `string required`),
		badFolder("parent_id", `parent_id = ""`, `length must be at least 1`),
		badFolder("owner", `owner = ""`, `length must be at least 1`),
		badFolder("permissions", `permissions = "not json"`, acctest.HCLNotListJSON),
		badFolder("permissions", `permissions = ""`, acctest.HCLNotListJSON),
		badFolder("permissions", `permissions = jsonencode({ group = "g", read = true })`, acctest.HCLNotList+` \(a string must hold a JSON array of objects\)`),
		badFolder("permissions", `permissions = "[1, 2]"`, acctest.HCLNotList+`: element 0 is not an object`),
		badFolder("permissions", `permissions = "\"text\""`, acctest.HCLNotList),
		badFolder("permissions", `permissions = { group = "g", read = true }`, acctest.HCLNotList+`, not an object`),
		badFolder("permissions", `permissions = [{ group = "g" }, "analysts"]`, acctest.HCLNotList+`: element 1 is not an object`),
		badFolder("permissions", `permissions = 3`, acctest.HCLNotList+`, not a number`),
		badFolder("unknown_attribute", `unknown_attribute = 1`, `An argument named "unknown_attribute" is not expected here`),

		// dataiku_managed_folder
		badManaged("project_key", `project_key = ""`, keyRule),
		badManaged("project_key", `project_key = "a-b"`, keyRule),
		badManaged("project_key", `project_key = "SALES.2024"`, keyRule),
		badManaged("name", `name = ""`, `length must be at least 1`),
		badManaged("name", `name = ["`+long("m")+`"]`, `string required`),
		badManaged("connection_name", `connection_name = ""`, `length must be at least 1`),
		badManaged("path", `path = ""`, `length must be at least 1`),
		badManaged("type", `type = ""`, `length must be at least 1`),
		badManaged("tags[Value(\"\")]", `tags = [""]`, `length must be at least 1`),
		badManaged("tags", `tags = ["`+long("t")+`", ""]`, `length must be at least 1`),
		badManaged("period", `partitioning = { dimensions = [{ name = "d", type = "value", period = "DAY" }] }`, `Only dimensions of type "time" take a period`),
		badManaged("partitioning.dimensions[0].period", `partitioning = { dimensions = [{ name = "d", type = "time", period = "WEEK" }] }`, `value must be one of`),
		badManaged("partitioning.dimensions[0].type", `partitioning = { dimensions = [{ name = "d", type = "range" }] }`, `value must be one of:.*"value".*"time"`),
		badManaged("partitioning.dimensions[0].name", `partitioning = { dimensions = [{ name = "", type = "value" }] }`, `length must be at least 1`),
		badManaged("description", `description = ["x"]`, `string required`),
		badManaged("unknown_attribute", `unknown_attribute = 1`, `An argument named "unknown_attribute" is not expected here`),
	}
}

func TestAccBadInputRefusedAtPlan(t *testing.T) {
	acctest.Parallel(t)
	acctest.AssertRefusedAtPlan(t, badInputCases(), "c")
}

// TestAccBadInputOnlyDSSCanJudge: values the provider cannot check (the
// connection of a dataset of a type whose connection type it does not
// know, a project folder that does not exist) reach DSS, which refuses
// them; the error names the resource's address and quotes DSS's errorType
// and message, and nothing is left behind. (The connection of a known
// dataset type is checked before the POST: precreate_test.go.)
func TestAccBadInputOnlyDSSCanJudge(t *testing.T) {
	acctest.Parallel(t)
	const key = "BADDSS"
	em := acctest.ProjectForDatasetsOnEmulator(t, key)
	t.Cleanup(func() { acctest.DeleteProjectsWithPrefix(t, "BADDSS_") })
	cfg := acctest.CliRequiredProviders + `
resource "dataiku_dataset" "missing_conn" {
  project_key     = "BADDSS"
  name            = "orders"
  type            = "myplugin_orders"
  connection_name = "no_such_connection"
  params          = jsonencode({ path = "/orders" })
}

resource "dataiku_project" "missing_folder" {
  project_key       = "BADDSS_F"
  name              = "Folder missing"
  project_folder_id = "NO_SUCH_FOLDER"
}
`
	dir, out := acctest.RunConfigFailing(t, cfg, acctest.APIKey, "apply", "-auto-approve", "-no-color")
	blocks := acctest.TerraformDiagnostics(out)
	for _, want := range []struct{ addr, summary, dss string }{
		{"dataiku_dataset.missing_conn", `Cannot create dataiku_dataset "BADDSS.orders"`,
			`java.lang.IllegalArgumentException: Connection 'no_such_connection' does not exist`},
		{"dataiku_project.missing_folder", `Cannot create dataiku_project "BADDSS_F"`,
			`NotFoundException: Project folder NO_SUCH_FOLDER does not exist`},
	} {
		acctest.ExpectDiagnostic(t, blocks, want.addr, want.summary, want.dss)
	}
	st := em.Server.Snapshot()
	if _, ok := st.Projects["BADDSS_F"]; ok {
		t.Error("project BADDSS_F exists although DSS refused its creation")
	}
	if n := len(st.Projects[key].Datasets); n != 0 {
		t.Errorf("project %s holds %d datasets although DSS refused them", key, n)
	}
	if state := acctest.StateFiles(t, dir)["terraform.tfstate"]; strings.Contains(state, `"dataiku_dataset"`) || strings.Contains(state, `"dataiku_project"`) {
		t.Errorf("refused resources were recorded in the state:\n%s", state)
	}
}
