package provider_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Long names, labels and tags, kind by kind: DSS documents no length limit
// on them (neither its reference nor Dataiku's client), so a 300-character
// one, over the 256 the provider once refused at plan time, is planned,
// applied, found in DSS through the client, planned again with no change
// and imported. TestAccRealShape_longPeopleNames does the same for logins,
// group names and display names.

// longNameRow is one kind of the table: its configuration in project key
// (the project "p" of longNameProject when it needs one), the resource it
// imports, by the id importID gives (nil: the state's), and what DSS must
// hold, read through the client from the applied state.
type longNameRow struct {
	kind     string
	config   func(key string) string
	addr     string
	importID func(key string) resource.ImportStateIdFunc
	ignore   []string
	inDSS    func(ctx context.Context, c *dss.Client, key, id string) error
}

// The long values: each kind's name, plus a tag where the kind has tags.
var (
	longName = acctest.LongName
	longTag  = acctest.LongName("t")
)

// longNameProject is the project holding a row's objects.
func longNameProject(key string) string {
	return fmt.Sprintf(`
resource "dataiku_project" "p" {
  project_key = %q
  name        = "Long names"
}
`, key)
}

// longNameDatasets are a project's datasets "raw" and "clean", raw
// carrying a long tag.
func longNameDatasets() string {
	return fmt.Sprintf(`
resource "dataiku_dataset" "raw" {
  project_key     = dataiku_project.p.project_key
  name            = "raw"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "/raw" })
  tags            = [%q]
}
`, longTag) + acctest.FilesystemDatasetHCL("clean", "dataiku_project.p.project_key", `"clean"`, "/clean")
}

// wantLong is the error of a value DSS holds that is not the long one.
func wantLong(what, got, want string) error {
	if got == want {
		return nil
	}
	return fmt.Errorf("%s in DSS: %d characters %.20q…, want the %d-character one", what, len(got), got, len(want))
}

// wantLongTags is wantLong for a kind's tags: exactly longTag.
func wantLongTags(what string, tags []string) error {
	if slices.Equal(tags, []string{longTag}) {
		return nil
	}
	return fmt.Errorf("%s's tags in DSS: %d of them, want the %d-character tag", what, len(tags), len(longTag))
}

// inProject is the import id PROJECT_KEY.id of a project's object.
func inProject(addr string) func(string) resource.ImportStateIdFunc {
	return func(string) resource.ImportStateIdFunc { return acctest.ProjectObjectImportID(addr) }
}

func longNameRows() []longNameRow {
	return []longNameRow{
		{
			kind: "connection", addr: "dataiku_connection.long",
			config: func(string) string {
				return fmt.Sprintf(`
resource "dataiku_connection" "long" {
  name   = %q
  type   = "Filesystem"
  params = { root = "/tmp/long" }
}
`, longName("c"))
			},
			importID: func(string) resource.ImportStateIdFunc { return acctest.ImportID(longName("c")) },
			inDSS: func(ctx context.Context, c *dss.Client, _, id string) error {
				conn, err := dss.ConnectionDoc(id).Get(ctx, c)
				if err != nil {
					return err
				}
				return wantLong("connection name", conn.Name, longName("c"))
			},
		},
		{
			kind: "code_env", addr: "dataiku_code_env.long",
			config: func(string) string {
				return fmt.Sprintf(`
resource "dataiku_code_env" "long" {
  lang = "PYTHON"
  name = %q
}
`, longName("e"))
			},
			importID: func(string) resource.ImportStateIdFunc { return acctest.ImportID("PYTHON/" + longName("e")) },
			inDSS: func(ctx context.Context, c *dss.Client, _, _ string) error {
				env, err := dss.CodeEnvDoc("PYTHON", longName("e")).Get(ctx, c)
				if err != nil {
					return err
				}
				return wantLong("code env name", env.EnvName, longName("e"))
			},
		},
		{
			// The owner's login and the grant's group are long too: the
			// project's references to people had kept the old limit.
			kind: "project", addr: "dataiku_project.long",
			// (an import reads the attributes the configuration leaves
			// unmanaged)
			ignore: []string{"local_variables", "project_folder_id"},
			config: func(key string) string {
				return fmt.Sprintf(`
resource "dataiku_user" "owner" {
  login = %[2]q
}

resource "dataiku_group" "team" {
  name = %[3]q
}

resource "dataiku_project" "long" {
  project_key = %[1]q
  name        = %[4]q
  tags        = [%[5]q]
  owner       = dataiku_user.owner.login
  permissions = [{ group = dataiku_group.team.name, read_project_content = true }]
}
`, key, longName("o"), longName("g"), longName("p"), longTag)
			},
			importID: func(key string) resource.ImportStateIdFunc { return acctest.ImportID(key) },
			inDSS: func(ctx context.Context, c *dss.Client, key, _ string) error {
				meta, err := dss.ProjectMetadataDoc(key).Get(ctx, c)
				if err != nil {
					return err
				}
				perms, err := dss.ProjectPermissionsDoc(key).Get(ctx, c)
				if err != nil {
					return err
				}
				var groups []string
				for _, g := range perms.Grants {
					groups = append(groups, g.Group)
				}
				if !slices.Contains(groups, longName("g")) {
					return fmt.Errorf("project's grants in DSS: groups %.30q, want the long group", groups)
				}
				return firstErr(wantLong("project label", meta.Name, longName("p")), wantLongTags("project", meta.Tags),
					wantLong("project owner", perms.Owner, longName("o")))
			},
		},
		{
			// Its owner's login is long too (another user than the
			// project's: the rows share the instance).
			kind: "project_folder", addr: "dataiku_project_folder.long",
			config: func(string) string {
				return fmt.Sprintf(`
resource "dataiku_user" "owner" {
  login = %[2]q
}

resource "dataiku_project_folder" "long" {
  name  = %[1]q
  owner = dataiku_user.owner.login
}
`, longName("f"), longName("w"))
			},
			inDSS: func(ctx context.Context, c *dss.Client, _, id string) error {
				s, err := dss.ProjectFolderSettingsDoc(id).Get(ctx, c)
				if err != nil {
					return err
				}
				return firstErr(wantLong("project folder name", s.Name, longName("f")), wantLong("project folder owner", s.Owner, longName("w")))
			},
		},
		{
			kind: "managed_folder", addr: "dataiku_managed_folder.long", importID: inProject("dataiku_managed_folder.long"),
			config: func(key string) string {
				return longNameProject(key) + fmt.Sprintf(`
resource "dataiku_managed_folder" "long" {
  project_key = dataiku_project.p.project_key
  name        = %q
  tags        = [%q]
}
`, longName("m"), longTag)
			},
			inDSS: func(ctx context.Context, c *dss.Client, key, id string) error {
				f, err := dss.ManagedFolderDoc(key, id).Get(ctx, c)
				if err != nil {
					return err
				}
				return firstErr(wantLong("managed folder name", f.Name, longName("m")), wantLongTags("managed folder", f.Tags))
			},
		},
		{
			// Its input dataset's tag is long too (datasets share the
			// recipes' tags attribute).
			kind: "recipe", addr: "dataiku_recipe.long",
			config: func(key string) string {
				return longNameProject(key) + longNameDatasets() + fmt.Sprintf(`
resource "dataiku_recipe" "long" {
  project_key = dataiku_project.p.project_key
  name        = %q
  type        = "python"
  inputs      = { main = [{ ref = dataiku_dataset.raw.name }] }
  outputs     = { main = [{ ref = dataiku_dataset.clean.name }] }
  script      = "import dataiku\n"
  tags        = [%q]
}
`, longName("r"), longTag)
			},
			importID: func(key string) resource.ImportStateIdFunc { return acctest.ImportID(key + "." + longName("r")) },
			inDSS: func(ctx context.Context, c *dss.Client, key, _ string) error {
				r, err := dss.RecipeDoc(key, longName("r")).Get(ctx, c)
				if err != nil {
					return err
				}
				ds, err := dss.DatasetDoc(key, "raw").Get(ctx, c)
				if err != nil {
					return err
				}
				return firstErr(wantLong("recipe name", r.Recipe.Name, longName("r")), wantLongTags("recipe", r.Recipe.Tags), wantLongTags("dataset", ds.Tags))
			},
		},
		{
			kind: "scenario", addr: "dataiku_scenario.long", importID: inProject("dataiku_scenario.long"),
			config: func(key string) string {
				return longNameProject(key) + fmt.Sprintf(`
resource "dataiku_scenario" "long" {
  project_key = dataiku_project.p.project_key
  name        = %q
  type        = "step_based"
  tags        = [%q]
}
`, longName("s"), longTag)
			},
			inDSS: func(ctx context.Context, c *dss.Client, key, id string) error {
				s, err := dss.ScenarioDoc(key, id).Get(ctx, c)
				if err != nil {
					return err
				}
				return firstErr(wantLong("scenario name", s.Name, longName("s")), wantLongTags("scenario", s.Tags))
			},
		},
		{
			kind: "flow_zone", addr: "dataiku_flow_zone.long", importID: inProject("dataiku_flow_zone.long"),
			config: func(key string) string {
				return longNameProject(key) + fmt.Sprintf(`
resource "dataiku_flow_zone" "long" {
  project_key = dataiku_project.p.project_key
  name        = %q
}
`, longName("z"))
			},
			inDSS: func(ctx context.Context, c *dss.Client, key, id string) error {
				z, err := dss.FlowZoneDoc(key, id).Get(ctx, c)
				if err != nil {
					return err
				}
				return wantLong("flow zone name", z.Name, longName("z"))
			},
		},
		{
			kind: "data_quality_rule", addr: "dataiku_data_quality_rule.long",
			config: func(key string) string {
				return longNameProject(key) + longNameDatasets() + fmt.Sprintf(`
resource "dataiku_data_quality_rule" "long" {
  project_key  = dataiku_dataset.raw.project_key
  dataset_name = dataiku_dataset.raw.name
  name         = %q
  type         = "RecordCountInRangeRule"
  config       = { minimum = 1, minimumEnabled = true }
}
`, longName("q"))
			},
			importID: func(key string) resource.ImportStateIdFunc {
				return func(s *terraform.State) (string, error) {
					return key + ".raw." + s.RootModule().Resources["dataiku_data_quality_rule.long"].Primary.ID, nil
				}
			},
			inDSS: func(ctx context.Context, c *dss.Client, key, id string) error {
				r, err := c.GetDataQualityRule(ctx, key, "raw", id)
				if err != nil {
					return err
				}
				return wantLong("data quality rule name", r.DisplayName, longName("q"))
			},
		},
	}
}

// firstErr is the first of errs that is not nil.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestAccLongNames runs longNameRows, each kind in its own project (or on
// the instance), side by side on the test's emulator.
func TestAccLongNames(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	for _, row := range longNameRows() {
		t.Run(row.kind, func(t *testing.T) {
			t.Parallel()
			key := acctest.ProjectKey("ACC_LONG")
			var importID resource.ImportStateIdFunc
			if row.importID != nil {
				importID = row.importID(key)
			}
			acctest.Case(t, longNamesDestroyed(t), []resource.TestStep{
				acctest.EmptyPlanAfter(resource.TestStep{
					Config: row.config(key),
					Check: func(s *terraform.State) error {
						rs, ok := s.RootModule().Resources[row.addr]
						if !ok {
							return fmt.Errorf("%s not in state", row.addr)
						}
						return row.inDSS(acctest.Ctx(t), acctest.Client(t), key, rs.Primary.ID)
					},
				}),
				acctest.ImportVerifyStep(row.addr, importID, row.ignore...),
			})
		})
	}
}

// longNamesDestroyed checks through the client that what a row created is
// gone after its destroy.
func longNamesDestroyed(t *testing.T) resource.TestCheckFunc {
	return resource.ComposeAggregateTestCheckFunc(
		acctest.CheckProjectDestroy(t),
		acctest.CheckConnectionsDestroyed(t),
		acctest.CheckManagedFoldersDestroyed(t),
		acctest.CheckFlowZonesDestroyed(t),
		acctest.CheckCodeEnvsDestroyed(t),
		acctest.CheckGoneAt(t, "dataiku_project_folder", func(st *terraform.InstanceState) string {
			return dss.ProjectFolderSettingsDoc(st.ID).Path()
		}))
}
