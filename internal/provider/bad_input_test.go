package provider

import (
	"regexp"
	"strings"
	"testing"
)

// Bad input is refused at plan time, before any request that changes DSS,
// with a message naming the attribute and the rule. All cases go into one
// configuration (one resource each) and one `terraform plan`, whose output
// must hold, for every resource, an error that names it, the attribute and
// the rule.

type badInputCase struct {
	resource string // dataiku_project, dataiku_dataset, dataiku_project_folder or dataiku_managed_folder
	attr     string // the attribute the message must name
	body     string // the resource's attributes
	rule     string // regexp the message must match
	// quoted: the attribute is named by Terraform's quote of the
	// configuration line, not by the message (jsontypes' own check of JSON
	// syntax runs before the provider's validators and says only "Invalid
	// JSON String Value").
	quoted bool
}

// replaceBadLine adds line to a valid body, replacing the body's line for
// the same attribute when there is one.
// badCaseOf makes the bad-input cases of a resource type: its base body
// with the line written instead of the attribute's own, refused with rule.
func badCaseOf(typeName, base string) func(attr, line, rule string) badInputCase {
	return func(attr, line, rule string) badInputCase {
		return badInputCase{typeName, attr, replaceBadLine(base, line), rule, false}
	}
}

func replaceBadLine(body, line string) string {
	attr, _, _ := strings.Cut(line, " ")
	body = regexp.MustCompile(`(?m)^  `+regexp.QuoteMeta(attr)+` = .*\n`).ReplaceAllString(body, "")
	return body + "  " + line + "\n"
}

func quotedCase(c badInputCase) badInputCase { c.quoted = true; return c }

// The refusals of an HCL object attribute (hcl_object.go): a value that is
// not an object, or a string that is not the JSON text of one. Both name
// the attribute in the message itself.
const (
	hclNotObject = `must be an object, such as \{ key = "value" \}`
	hclNotJSON   = `must be an object, such as \{ key = "value" \}; a string is read as JSON and this one is not valid JSON|holds invalid JSON`
	// The list variant's (hclListDecode).
	hclNotList     = `must be a list of objects, such as \[\{ key = "value" \}\]`
	hclNotListJSON = hclNotList + `; a string is read as JSON and this one is not valid JSON`
)

// badProjectBody and badDatasetBody are valid bodies with one line to
// replace or add; %s is where the bad line goes.
const (
	badProjectBase = "  project_key = \"BADIN\"\n  name = \"Bad input\"\n"
	badDatasetBase = "  project_key = \"BADIN\"\n  name = \"ok\"\n  type = \"Filesystem\"\n  connection_name = \"filesystem_root\"\n"
	badFolderBase  = "  name = \"Bad input folder\"\n"
	badManagedBase = "  project_key = \"BADIN\"\n  name = \"ok\"\n"
)

var (
	badProject = badCaseOf("dataiku_project", badProjectBase)
	badDataset = badCaseOf("dataiku_dataset", badDatasetBase)
	badFolder  = badCaseOf("dataiku_project_folder", badFolderBase)
	badManaged = badCaseOf("dataiku_managed_folder", badManagedBase)
)

func badInputCases() []badInputCase {
	// tooLong is a value one character over maxNameLength, the limit kept
	// on display names and tags (keys and object names have none).
	tooLong := func(c string) string { return strings.Repeat(c, maxNameLength+1) }
	keyRule := `letters, digits and underscores`
	nameRule := regexp.QuoteMeta(datasetNameRule)
	validJSON := `Invalid JSON String Value.*not valid JSON`
	return []badInputCase{
		// dataiku_project
		badProject("project_key", `project_key = ""`, keyRule),
		badProject("project_key", `project_key = "bad-key"`, keyRule),
		badProject("project_key", `project_key = "SALES.2024"`, keyRule),
		badProject("project_key", `project_key = "CLÉ"`, keyRule),
		badProject("project_key", `project_key = "with space"`, keyRule),
		badProject("name", `name = ""`, `length must be between 1 and 256`),
		badProject("name", `name = "`+tooLong("n")+`"`, `length must be between 1 and 256`),
		badProject("owner", `owner = ""`, `length must be between 1 and 256`),
		badProject("project_folder_id", `project_folder_id = ""`, `length must be at least 1`),
		badProject("description", `description = 42 == 42 ? ["x"] : ["y"]`, `string required`),
		badProject("tags", `tags = ["ok", ""]`, `length must be between 1 and 256`),
		badProject("tags", `tags = ["`+tooLong("t")+`"]`, `length must be between 1 and 256`),
		badProject("user", `permissions = [{ group = "g", user = "u", read_project_content = true }]`, `one \(and only one\) of`),
		badProject("user", `permissions = [{ read_project_content = true }]`, `one \(and only one\) of`),
		badProject("group", `permissions = [{ group = "" }]`, `length must be between 1 and 256`),
		badProject("user", `permissions = [{ user = "" }]`, `length must be between 1 and 256`),
		badProject("permissions", `permissions = [{ group = "g", admin = "sometimes" }]`, `bool required|a bool is required`),
		badProject("standard_variables", `standard_variables = "not json"`, hclNotJSON),
		badProject("standard_variables", `standard_variables = "[1, 2]"`, hclNotObject),
		badProject("standard_variables", `standard_variables = "\"text\""`, hclNotObject),
		badProject("standard_variables", `standard_variables = ""`, hclNotJSON),
		badProject("standard_variables", `standard_variables = "null"`, hclNotObject),
		quotedCase(badProject("local_variables", `local_variables = "{\"a\": 1"`, validJSON)),
		quotedCase(badProject("local_variables", `local_variables = "{} {}"`, validJSON)),
		badProject("unknown_attribute", `unknown_attribute = 1`, `An argument named "unknown_attribute" is not expected here`),

		// dataiku_dataset
		badDataset("project_key", `project_key = ""`, keyRule),
		badDataset("project_key", `project_key = "a-b"`, keyRule),
		badDataset("name", `name = ""`, nameRule),
		badDataset("name", `name = "orders.v2"`, `DSS splits references such as PROJECT.name on it`),
		badDataset("name", `name = "   "`, nameRule),
		badDataset("name", `name = "a/b"`, nameRule),
		badDataset("type", `type = ""`, `length must be at least 1`),
		badDataset("connection_name", `connection_name = ""`, `length must be at least 1`),
		{"dataiku_dataset", "connection_name", "  project_key = \"BADIN\"\n  name = \"ok\"\n  type = \"Filesystem\"\n  managed = true\n",
			`managed Filesystem dataset \(managed = true\) needs connection_name`, false},
		badDataset("format_type", `format_type = ""`, `length must be at least 1`),
		badDataset("params", `params = "not json"`, hclNotJSON),
		badDataset("params", `params = "[1]"`, hclNotObject),
		badDataset("params", `params = "3"`, hclNotObject),
		badDataset("params", `params = ""`, hclNotJSON),
		badDataset("params", `params = jsonencode({ connection = "x", path = "/p" })`, `must not contain "connection"`),
		badDataset("format_params", `format_params = "{separator: \",\"}"`, hclNotJSON),
		badDataset("format_params", `format_params = "true"`, hclNotObject),
		badDataset("type", `schema_columns = [{ name = "id", type = "varchar" }]`, `value must be one of:.*"string"`),
		badDataset("type", `schema_columns = [{ name = "id", type = "STRING" }]`, `value must be one of.*Write "string"`),
		// DSS compares types case-exactly (issue 26 point 3): a case
		// variant of a known type is refused with DSS's spelling.
		badDataset("type", `type = "filesystem"`, `DSS spells this dataset type "Filesystem", not "filesystem".*Write "Filesystem"`),
		badDataset("type", `type = "POSTGRESQL"`, `Write "PostgreSQL"`),
		badDataset("name", `schema_columns = [{ name = "", type = "string" }]`, `length must be at least 1`),
		badDataset("name", `schema_columns = [{ name = "id", type = "int" }, { name = "id", type = "string" }]`, `must be unique`),
		badDataset("max_length", `schema_columns = [{ name = "s", type = "string", max_length = 0 }]`, `must be at least 1`),
		badDataset("type", `partitioning = { dimensions = [{ name = "d", type = "range" }] }`, `value must be one of:.*"value".*"time"`),
		badDataset("period", `partitioning = { dimensions = [{ name = "d", type = "time" }] }`, `needs period`),
		badDataset("period", `partitioning = { dimensions = [{ name = "d", type = "value", period = "DAY" }] }`, `Only dimensions of type "time" take a period`),
		badDataset("period", `partitioning = { dimensions = [{ name = "d", type = "time", period = "WEEK" }] }`, `value must be one of`),
		badDataset("name", `partitioning = { dimensions = [{ name = "", type = "value" }] }`, `length must be at least 1`),
		badDataset("dimensions", `partitioning = { file_path_pattern = "%Y/.*" }`, `attribute "dimensions" is required`),
		badDataset("tags", `tags = [""]`, `length must be between 1 and 256`),

		// dataiku_project_folder
		badFolder("name", `name = ""`, `length must be between 1 and 256`),
		badFolder("name", `name = "`+tooLong("f")+`"`, `length must be between 1 and 256`),
		badFolder("parent_id", `parent_id = ""`, `length must be at least 1`),
		badFolder("owner", `owner = ""`, `length must be between 1 and 256`),
		badFolder("permissions", `permissions = "not json"`, hclNotListJSON),
		badFolder("permissions", `permissions = ""`, hclNotListJSON),
		badFolder("permissions", `permissions = jsonencode({ group = "g", read = true })`, hclNotList+` \(a string must hold a JSON array of objects\)`),
		badFolder("permissions", `permissions = "[1, 2]"`, hclNotList+`: element 0 is not an object`),
		badFolder("permissions", `permissions = "\"text\""`, hclNotList),
		badFolder("permissions", `permissions = { group = "g", read = true }`, hclNotList+`, not an object`),
		badFolder("permissions", `permissions = [{ group = "g" }, "analysts"]`, hclNotList+`: element 1 is not an object`),
		badFolder("permissions", `permissions = 3`, hclNotList+`, not a number`),
		badFolder("unknown_attribute", `unknown_attribute = 1`, `An argument named "unknown_attribute" is not expected here`),

		// dataiku_managed_folder
		badManaged("project_key", `project_key = ""`, keyRule),
		badManaged("project_key", `project_key = "a-b"`, keyRule),
		badManaged("project_key", `project_key = "SALES.2024"`, keyRule),
		badManaged("name", `name = ""`, `length must be between 1 and 256`),
		badManaged("name", `name = "`+tooLong("m")+`"`, `length must be between 1 and 256`),
		badManaged("connection_name", `connection_name = ""`, `length must be at least 1`),
		badManaged("path", `path = ""`, `length must be at least 1`),
		badManaged("type", `type = ""`, `length must be at least 1`),
		badManaged("tags[Value(\"\")]", `tags = [""]`, `length must be between 1 and 256`),
		badManaged("tags", `tags = ["`+tooLong("t")+`"]`, `length must be between 1 and 256`),
		badManaged("period", `partitioning = { dimensions = [{ name = "d", type = "time" }] }`, `needs period`),
		badManaged("period", `partitioning = { dimensions = [{ name = "d", type = "value", period = "DAY" }] }`, `Only dimensions of type "time" take a period`),
		badManaged("partitioning.dimensions[0].period", `partitioning = { dimensions = [{ name = "d", type = "time", period = "WEEK" }] }`, `value must be one of`),
		badManaged("partitioning.dimensions[0].type", `partitioning = { dimensions = [{ name = "d", type = "range" }] }`, `value must be one of:.*"value".*"time"`),
		badManaged("partitioning.dimensions[0].name", `partitioning = { dimensions = [{ name = "", type = "value" }] }`, `length must be at least 1`),
		badManaged("description", `description = ["x"]`, `string required`),
		badManaged("unknown_attribute", `unknown_attribute = 1`, `An argument named "unknown_attribute" is not expected here`),
	}
}

// terraformDiagnostics splits terraform's -no-color output into its error
// blocks, keyed by resource address (from the "with ADDR," line). The
// lines quoting the configuration are dropped, so a block names the
// attribute only if the message itself does.
func terraformDiagnostics(out string) map[string][]string {
	return terraformDiagnosticsQuoted(out, false)
}

// terraformDiagnosticsQuoted is terraformDiagnostics keeping the quoted
// configuration lines when withQuotes is true.
func terraformDiagnosticsQuoted(out string, withQuotes bool) map[string][]string {
	blocks := map[string][]string{}
	withRe := regexp.MustCompile(`(?m)^\s*with (\S+?),`)
	quote := regexp.MustCompile(`^\s*(on \S+ line \d+|\d+:|with \S+,|\(source code not available\))`)
	for _, part := range strings.Split(out, "Error: ")[1:] {
		addr := "(none)"
		if m := withRe.FindStringSubmatch(part); m != nil {
			addr = m[1]
		} else if m := regexp.MustCompile(`in resource "(\S+)" "(\S+)"`).FindStringSubmatch(part); m != nil {
			addr = m[1] + "." + m[2]
		}
		var kept []string
		for _, line := range strings.Split(part, "\n") {
			line = strings.TrimLeft(line, "│╷╵ ")
			if withQuotes || !quote.MatchString(line) {
				kept = append(kept, line)
			}
		}
		blocks[addr] = append(blocks[addr], strings.Join(kept, " "))
	}
	return blocks
}

func TestAccBadInputRefusedAtPlan(t *testing.T) {
	testAccParallel(t)
	cases := badInputCases()
	assertRefusedAtPlan(t, cases, "c")
	t.Logf("bad inputs tried: %d (dataiku_project %d, dataiku_dataset %d, dataiku_project_folder %d, dataiku_managed_folder %d); "+
		"refused at plan time with no write to DSS: %t",
		len(cases), countResource(cases, "dataiku_project"), countResource(cases, "dataiku_dataset"),
		countResource(cases, "dataiku_project_folder"), countResource(cases, "dataiku_managed_folder"), !t.Failed())
}

func countResource(cases []badInputCase, r string) int {
	n := 0
	for _, c := range cases {
		if c.resource == r {
			n++
		}
	}
	return n
}

// TestAccBadInputOnlyDSSCanJudge: values the provider cannot check (the
// connection of a dataset of a type whose connection type it does not
// know, a project folder that does not exist) reach DSS, which refuses
// them; the error names the resource's address and quotes DSS's errorType
// and message, and nothing is left behind. (The connection of a known
// dataset type is checked before the POST: precreate_test.go.)
func TestAccBadInputOnlyDSSCanJudge(t *testing.T) {
	testAccParallel(t)
	testAccPreCheck(t)
	em := requireEmulator(t)
	const key = "BADDSS"
	testAccCreateProjectForDatasets(t, key)
	t.Cleanup(func() { deleteProjectsWithPrefix(t, "BADDSS_") })
	cfg := cliRequiredProviders + `
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
	dir := newTerraformDir(t, map[string]string{"main.tf": cfg})
	env := []string{"DATAIKU_HOST=" + testHost(t), "DATAIKU_API_KEY=" + testAPIKey}
	out, err := runTerraform(t, dir, env, "apply", "-auto-approve", "-no-color")
	if err == nil {
		t.Fatalf("the apply succeeded:\n%s", tail(out, 4000))
	}
	blocks := terraformDiagnostics(out)
	for _, want := range []struct{ addr, summary, dss string }{
		{"dataiku_dataset.missing_conn", `Cannot create dataiku_dataset "BADDSS.orders"`,
			`java.lang.IllegalArgumentException: Connection 'no_such_connection' does not exist`},
		{"dataiku_project.missing_folder", `Cannot create dataiku_project "BADDSS_F"`,
			`NotFoundException: Project folder NO_SUCH_FOLDER does not exist`},
	} {
		var found bool
		for _, b := range blocks[want.addr] {
			if strings.Contains(b, want.summary) && strings.Contains(b, want.dss) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error for %s with %q and DSS's %q; its errors: %q", want.addr, want.summary, want.dss, blocks[want.addr])
		}
	}
	st := em.Server.Snapshot()
	if _, ok := st.Projects["BADDSS_F"]; ok {
		t.Error("project BADDSS_F exists although DSS refused its creation")
	}
	if n := len(st.Projects[key].Datasets); n != 0 {
		t.Errorf("project %s holds %d datasets although DSS refused them", key, n)
	}
	if state := stateFiles(t, dir)["terraform.tfstate"]; strings.Contains(state, `"dataiku_dataset"`) || strings.Contains(state, `"dataiku_project"`) {
		t.Errorf("refused resources were recorded in the state:\n%s", state)
	}
}
