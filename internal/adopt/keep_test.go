package adopt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// generatedSample is the shape of what terraform plan -generate-config-out
// writes: every attribute, nulls included, and DSS's filled-in defaults in
// the JSON attributes.
const generatedSample = `resource "dataiku_dataset" "sales_orders" {
  checks               = null
  connection_name      = "filesystem_managed"
  description          = null
  drop_data_on_destroy = false
  format_params = jsonencode({
    arrayItemSeparator      = ";"
    arrayMapFormat          = "json"
    charset                 = "utf8"
    compress                = "gz"
    dateSerializationFormat = "ISO"
    escapeChar              = "\\"
    hiveSeparators          = ["\u0002", "\u0003", "\u0004"]
    mapKeySeparator         = ":"
    normalizeBooleans       = false
    normalizeDoubles        = true
    parseHeaderRow          = false
    probableNumberOfRecords = 0
    quoteChar               = "\""
    separator               = "\t"
    skipRowsAfterHeader     = 0
    skipRowsBeforeHeader    = 0
    style                   = "unix"
  })
  format_type = "csv"
  managed     = true
  name        = "orders"
  params = jsonencode({
    filesSelectionRules = {
      excludeRules  = []
      explicitFiles = []
      includeRules  = []
      mode          = "ALL"
    }
    notReadyIfEmpty = false
    path            = "$${projectKey}/orders"
    variablesExpansionLoopConfig = {
      enabled      = false
      mode         = "CREATE_VARIABLE_FOR_EACH_COLUMN"
      replacements = []
    }
  })
  project_key = dataiku_project.sales.project_key
  type        = "Filesystem"
}

resource "dataiku_dataset" "sales_customers" {
  name   = "customers"
  type   = "PostgreSQL"
  params = jsonencode({ table = var.table, mode = "table" })
}

resource "dataiku_user" "alice" {
  login        = "alice"
  display_name = null
}

resource "dataiku_project" "sales" {
  project_key = "SALES"
}
`

// generatedSampleObjects is generatedSample as Terraform generates the
// provider's free-form objects since they are HCL objects (dynamic
// attributes).
var generatedSampleObjects = strings.NewReplacer("= jsonencode({\n", "= {\n", "\n  })\n", "\n  }\n",
	`jsonencode({ table = var.table, mode = "table" })`, `{ table = var.table, mode = "table" }`).Replace(generatedSample)

func TestKeepableLeavesOutDefaultsAndProtectsInstanceObjects(t *testing.T) {
	if strings.Count(generatedSampleObjects, "jsonencode") != 0 {
		t.Fatal("the object form of the sample still has jsonencode")
	}
	t.Run("jsonencode", func(t *testing.T) {
		testKeepable(t, generatedSample, `params = jsonencode({ table = var.table, mode = "table" })`, "format_params = jsonencode({")
	})
	t.Run("objects", func(t *testing.T) {
		testKeepable(t, generatedSampleObjects, `params = { table = var.table, mode = "table" }`, "format_params = {")
	})
}

// testKeepable runs keepable on sample; ref is the attribute holding a
// reference (left alone), form how format_params must still open.
func testKeepable(t *testing.T, sample, ref, form string) {
	t.Helper()
	r, got := keptSample(t, sample, keepOptions{preventDestroy: true})
	t.Log(got)
	// 3 nulls, 1 schema default (drop_data_on_destroy), 15 CSV format
	// defaults, 3 file params defaults.
	if r.defaults != 3+1+15+3 || r.protected != 1 {
		t.Errorf("keepable counted %d defaults and %d protected, want 22 and 1", r.defaults, r.protected)
	}
	for _, gone := range []string{"checks", "drop_data_on_destroy", "description", "display_name", "charset", "hiveSeparators", "separator", "filesSelectionRules", "notReadyIfEmpty"} {
		if strings.Contains(got, gone) {
			t.Errorf("%s is still written:\n%s", gone, got)
		}
	}
	for _, kept := range []string{`compress = "gz"`, `style    = "unix"`, `path = "$${projectKey}/orders"`, `format_type = "csv"`, `managed     = true`,
		// A JSON attribute holding a reference is not a constant: left alone.
		ref, form} {
		if !strings.Contains(got, kept) {
			t.Errorf("generated.tf lost %s:\n%s", kept, got)
		}
	}
	user := got[strings.Index(got, `resource "dataiku_user"`):strings.Index(got, `resource "dataiku_project"`)]
	if !strings.Contains(user, "lifecycle {\n    prevent_destroy = true\n  }") {
		t.Errorf("the user has no prevent_destroy:\n%s", user)
	}
	if strings.Count(got, "prevent_destroy") != 1 {
		t.Errorf("prevent_destroy on a project-level resource:\n%s", got)
	}

	// --no-prevent-destroy.
	if r, got := keptSample(t, generatedSample, keepOptions{}); r.protected != 0 || strings.Contains(got, "prevent_destroy") {
		t.Errorf("prevent_destroy written with protect off (%d counted):\n%s", r.protected, got)
	}
}

// keptSample runs keepable with opts over a generated.tf holding sample,
// and returns its result and what generated.tf then holds.
func keptSample(t *testing.T, sample string, opts keepOptions) (keepResult, string) {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, generatedFile)
	if err := os.WriteFile(p, []byte(sample), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := keepable(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return r, string(b)
}

func TestImportsHeaderSaysNoStaleNextStep(t *testing.T) {
	got := string(renderImports("https://dss.example.com", nil, nil))
	if strings.Contains(got, "Next:") {
		t.Errorf("imports.tf's header tells what to run next, which is stale once dss-adopt ran it:\n%s", got)
	}
}

// TestReferencesCommandKeepsToo: running Terraform yourself and then
// `dss-adopt references` gives the same finished generated.tf as a full
// run, --no-prevent-destroy and --deletion-protection included.
func TestReferencesCommandKeepsToo(t *testing.T) {
	for _, c := range []struct {
		args                []string
		protect, deletionOn bool
	}{{nil, true, false}, {[]string{"--no-prevent-destroy"}, false, false}, {[]string{"--deletion-protection"}, true, true}} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, importsFile), []byte("import {\n  to = dataiku_user.alice\n  id = \"alice\"\n}\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, generatedFile), []byte(generatedSample), 0o600); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr strings.Builder
		if code := Run(t.Context(), append([]string{"references", "--out", dir}, c.args...), &stdout, &stderr); code != 0 {
			t.Fatalf("references %v: exit %d: %s", c.args, code, stderr.String())
		}
		b, _ := os.ReadFile(filepath.Join(dir, generatedFile))
		if strings.Contains(string(b), "prevent_destroy") != c.protect || strings.Contains(string(b), "deletion_protection = true") != c.deletionOn ||
			strings.Contains(string(b), "charset") || strings.Contains(string(b), "= null") {
			t.Errorf("references %v left generated.tf unfinished:\n%s", c.args, b)
		}
	}
}

// TestKeepableDeletionProtection: with --deletion-protection every
// resource whose type has deletion_protection gets it true, in place of
// the false Terraform generated or added when it wrote none; other types
// get nothing. Without it, a generated false is a default left out, as
// before the flag existed.
func TestKeepableDeletionProtection(t *testing.T) {
	sample := strings.Replace(generatedSample, "  description          = null\n", "  deletion_protection  = false\n  description          = null\n", 1)
	for _, on := range []bool{true, false} {
		r, got := keptSample(t, sample, keepOptions{preventDestroy: true, deletionProtection: on})
		protected := strings.Count(got, "deletion_protection = true")
		if want := map[bool]int{true: 3, false: 0}[on]; protected != want || r.deletionProtected != want {
			t.Errorf("deletion_protection %v: %d written, %d counted, want %d (the datasets and the project):\n%s", on, protected, r.deletionProtected, want, got)
		}
		if strings.Contains(got, "deletion_protection = false") || strings.Contains(got, "deletion_protection  = false") {
			t.Errorf("deletion_protection %v: the generated false is still there:\n%s", on, got)
		}
		user := got[strings.Index(got, `resource "dataiku_user"`):strings.Index(got, `resource "dataiku_project"`)]
		if strings.Contains(user, "deletion_protection") {
			t.Errorf("a user, which has no deletion_protection, got it:\n%s", user)
		}
	}
}

// A group's capability that keeps DSS's value when left out is written
// when granted and left out when false (adoptinfo.KeptWhenLeftOut); the
// older capabilities, whose default is planned, follow their default.
func TestKeepableLeavesOutKeptCapabilitiesWhenFalse(t *testing.T) {
	sample := `resource "dataiku_group" "stewards" {
  name                        = "stewards"
  may_create_data_collections = true
  may_create_workspaces       = false
  may_create_projects         = true
  may_create_code_envs        = false
}
`
	r, got := keptSample(t, sample, keepOptions{})
	if r.defaults != 2 {
		t.Errorf("keepable left out %d attributes, want 2 (may_create_workspaces, may_create_code_envs):\n%s", r.defaults, got)
	}
	for _, gone := range []string{"may_create_workspaces", "may_create_code_envs"} {
		if strings.Contains(got, gone) {
			t.Errorf("%s is still written:\n%s", gone, got)
		}
	}
	for _, kept := range []string{"may_create_data_collections = true", "may_create_projects         = true"} {
		if !strings.Contains(got, kept) {
			t.Errorf("generated.tf lost %s:\n%s", kept, got)
		}
	}
}

// TestKeepableLeavesOutNullsInNestedObjects: inside a nested attribute's
// objects (a scenario's triggers and steps, a project's permission
// entries) a `key = null` line is left out, being the same configuration;
// a null inside a JSON value (jsonencode's, a dynamic attribute's such as
// reporters) is DSS's and stays, and so does one in a resource whose
// attribute is not nested.
func TestKeepableLeavesOutNullsInNestedObjects(t *testing.T) {
	sample := `resource "dataiku_scenario" "nightly" {
  name        = "Nightly"
  project_key = "SALES"
  reporters = [{
    id   = "r1"
    name = null
  }]
  steps = [
    {
      name = null
      params = jsonencode({
        projectKey = null
        scenarioId = "WEEKLY"
      })
      run_condition = "RUN_IF_STATUS_MATCH"
      type          = "run_scenario"
    },
  ]
  triggers = [
    {
      active           = true
      datasets         = null
      days_of_week     = ["Monday"]
      frequency        = "Weekly"
      monthly_run_on   = null
      params           = null
      type             = "temporal"
    },
  ]
}

resource "dataiku_project" "sales" {
  project_key = "SALES"
  name        = "Sales"
  permissions = [
    {
      group = "analysts"
      user  = null
      read_project_content = true
    },
  ]
}
`
	r, got := keptSample(t, sample, keepOptions{})
	if r.defaults != 5 {
		t.Errorf("keepable left out %d, want 5 (the step's name, the trigger's datasets, monthly_run_on and params, the grant's user):\n%s", r.defaults, got)
	}
	for _, gone := range []string{"datasets", "monthly_run_on", "params           = null", "user  = null", "      name = null"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q is still written:\n%s", gone, got)
		}
	}
	for _, kept := range []string{"projectKey = null", "    name = null", `days_of_week = ["Monday"]`, `group                = "analysts"`, "read_project_content = true"} {
		if !strings.Contains(got, kept) {
			t.Errorf("generated.tf lost %q:\n%s", kept, got)
		}
	}
	if _, diags := hclwrite.ParseConfig([]byte(got), generatedFile, hcl.InitialPos); diags.HasErrors() {
		t.Errorf("generated.tf no longer parses: %s", diags)
	}
}

// TestKeepableWritesEmptyForAStringDefault: Terraform's config generation
// writes an optional attribute holding "" as null. Where the schema's
// default is not "" (a flow zone's color, #2ab1ac), leaving it out would
// plan DSS's "" into the default after adoption: it is written "" as the
// state holds it. A null attribute whose default is "" (a description) is
// left out as before: the same plan.
func TestKeepableWritesEmptyForAStringDefault(t *testing.T) {
	sample := `resource "dataiku_flow_zone" "plain" {
  color       = null
  items       = []
  name        = "Plain"
  project_key = "P"
}

resource "dataiku_flow_zone" "colored" {
  color       = "#123456"
  name        = "Colored"
  project_key = "P"
}

resource "dataiku_managed_folder" "f" {
  description = null
  name        = "f"
  project_key = "P"
}
`
	r, got := keptSample(t, sample, keepOptions{})
	plain := got[:strings.Index(got, `resource "dataiku_flow_zone" "colored"`)]
	if !strings.Contains(plain, `color       = ""`) {
		t.Errorf("the zone generated with color = null does not hold color = \"\":\n%s", got)
	}
	if !strings.Contains(got, `color       = "#123456"`) || strings.Contains(got, "description") || strings.Contains(got, "null") {
		t.Errorf("keepable changed more than the zone's null color:\n%s", got)
	}
	if r.defaults != 1 || r.emptied != 1 {
		t.Errorf("keepable counted %d defaults left out and %d emptied, want 1 (the description) and 1 (the color)", r.defaults, r.emptied)
	}
}

// TestKeepableLeavesOutANullWhoseDefaultRefusesEmpty: a null generated
// for an attribute whose validators refuse "" (a connection's usable_by,
// default "ALL") is left out as before, not written "": the provider reads
// DSS's "" there as null, and "" would fail the adopted configuration's
// validation.
func TestKeepableLeavesOutANullWhoseDefaultRefusesEmpty(t *testing.T) {
	sample := "resource \"dataiku_connection\" \"pg\" {\n  name      = \"pg\"\n  type      = \"PostgreSQL\"\n  usable_by = null\n}\n"
	r, got := keptSample(t, sample, keepOptions{})
	if strings.Contains(got, "usable_by") || r.emptied != 0 || r.defaults != 1 {
		t.Errorf("usable_by = null should be left out (emptied %d, defaults %d):\n%s", r.emptied, r.defaults, got)
	}
}
