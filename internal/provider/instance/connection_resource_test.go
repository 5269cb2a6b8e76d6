package instance_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testConnAddr = "dataiku_connection.test"

// testConnectionSecretIs checks, through DSS's resolved parameters (the
// only place it is in clear), that the connection's password is want.
func testConnectionSecretIs(t *testing.T, name, want string) error {
	t.Helper()
	info, err := acctest.Client(t).GetConnectionInfo(acctest.Ctx(t), name)
	if err != nil {
		return err
	}
	if got, _ := info.ResolvedParams["password"].(string); got != want {
		return fmt.Errorf("connection %s: the password in DSS is not the expected one (%d characters, want %d)", name, len(got), len(want))
	}
	if enc, _ := info.Params["password"].(string); enc == want || enc == "" {
		return fmt.Errorf("connection %s: params.password is not in DSS's encrypted form", name)
	}
	return nil
}

// testConnectionHCL is a PostgreSQL connection with a password; extra is
// added to the block as written.
func testConnectionHCL(name, connType, host, password string, version int, extra string) string {
	return fmt.Sprintf(`
resource "dataiku_connection" "test" {
  name                     = %q
  type                     = %q
  params                   = { host = %q, port = 5432, user = "dss" }
  secret_params_wo         = jsonencode({ password = %q })
  secret_params_wo_version = %d
%s}
`, name, connType, host, password, version, extra)
}

func TestAccConnection_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	const name = "acc_conn_life"
	const first, second = "first-Conn-S3cret", "second-Conn-S3cret"
	var puts int64
	var before map[string]int64
	// updatedSettings are the settings of the updates in place, whose
	// steps change only params or the secret's version between them.
	updatedSettings := "  description = \"two\"\n  max_activities = 3\n  usable_by = \"ALLOWED\"\n  allowed_groups = [\"" + acctest.AliceGroup + "\"]\n" +
		"  details_readable_by = \"ALLOWED\"\n  details_allowed_groups = [\"" + acctest.AliceGroup + "\"]\n  use_global_proxy = true\n  allow_write = false\n"
	acctest.Case(t, acctest.CheckConnectionsDestroyed(t), []resource.TestStep{
		{
			// Create: POST, then one read-modify-write for max_activities.
			PreConfig:        func() { before = acctest.Emulator(t).Server.Stats().ByRoute },
			Config:           testConnectionHCL(name, "PostgreSQL", "db1", first, 1, "  description = \"one\"\n  max_activities = 2\n"),
			ConfigPlanChecks: emptyPlanAfterApply,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testConnAddr, tfjsonpath.New("usable_by"), knownvalue.StringExact("ALL")),
				statecheck.ExpectKnownValue(testConnAddr, tfjsonpath.New("credentials_mode"), knownvalue.StringExact("GLOBAL")),
				statecheck.ExpectKnownValue(testConnAddr, tfjsonpath.New("secret_params_wo"), knownvalue.Null()),
			},
			Check: func(*terraform.State) error {
				c, err := acctest.Connection(t, name)
				if err != nil {
					return err
				}
				if c.Type != "PostgreSQL" || c.Description != "one" || c.MaxActivities != 2 || c.Params["host"] != "db1" ||
					!c.AllowWrite || !c.AllowManagedDatasets || !c.AllowManagedFolders || c.UsableBy != "ALL" {
					return fmt.Errorf("connection in DSS: %+v", c)
				}
				after := acctest.Emulator(t).Server.Stats().ByRoute
				const post, put = "POST /public/api/admin/connections", "PUT /public/api/admin/connections/{name}"
				if after[post]-before[post] != 1 || after[put]-before[put] != 1 {
					return fmt.Errorf("create: %d POST and %d PUT, want 1 and 1", after[post]-before[post], after[put]-before[put])
				}
				puts = after[put]
				return testConnectionSecretIs(t, name, first)
			},
		},
		{
			// Update in place; the secret changed in the configuration but
			// not its version: it is not sent.
			Config: testConnectionHCL(name, "PostgreSQL", "db2", second, 1, updatedSettings),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testConnAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(*terraform.State) error {
				c, err := acctest.Connection(t, name)
				if err != nil {
					return err
				}
				if c.Description != "two" || c.MaxActivities != 3 || c.Params["host"] != "db2" || c.UsableBy != "ALLOWED" ||
					fmt.Sprint(c.AllowedGroups) != "["+acctest.AliceGroup+"]" || c.DetailsReadability.ReadableBy != "ALLOWED" || !c.UseGlobalProxy || c.AllowWrite {
					return fmt.Errorf("connection in DSS: %+v", c)
				}
				return testConnectionSecretIs(t, name, first)
			},
		},
		acctest.ImportVerifyStep(testConnAddr, acctest.ImportID(name), "secret_params_wo", "secret_params_wo_version"),
		acctest.ImportIdentityStep(t, testConnAddr, "secret_params_wo", "secret_params_wo_version"),
		{
			// Changed outside Terraform: a written param is repaired; a
			// param someone adds and a secret set again (a new encrypted
			// form) are no diff, and the secret is not sent back.
			PreConfig: func() {
				acctest.EditOutside(t, dss.ConnectionDoc(name), func(c *dss.Connection) {
					c.Params["host"] = "evil"
					c.Params["sslMode"] = "require"
					c.Params["password"] = "set-in-the-UI"
				})
			},
			Config: testConnectionHCL(name, "PostgreSQL", "db2", second, 1, updatedSettings),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{acctest.ExpectOnlyChanged{Addr: testConnAddr, Attrs: []string{"params"}}},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(*terraform.State) error {
				c, err := acctest.Connection(t, name)
				if err != nil {
					return err
				}
				if c.Params["host"] != "db2" || c.Params["sslMode"] != "require" {
					return fmt.Errorf("params in DSS: %v", dss.ParamsWithoutSecrets(c.Params))
				}
				return testConnectionSecretIs(t, name, "set-in-the-UI")
			},
		},
		{
			// Rotation: a new version sends the secret in a PUT.
			Config: testConnectionHCL(name, "PostgreSQL", "db2", second, 2, updatedSettings),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{acctest.ExpectOnlyChanged{Addr: testConnAddr, Attrs: []string{"secret_params_wo_version"}}},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(*terraform.State) error {
				if n := acctest.Emulator(t).Server.Stats().ByRoute["PUT /public/api/admin/connections/{name}"]; n <= puts {
					return fmt.Errorf("no PUT of the connection since the first step (%d, was %d)", n, puts)
				}
				return testConnectionSecretIs(t, name, second)
			},
		},
		{
			// A new name: DSS cannot rename, so the connection is replaced.
			Config:           testConnectionHCL(name+"_2", "PostgreSQL", "db2", second, 2, ""),
			ConfigPlanChecks: acctest.Plans(testConnAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if _, err := acctest.Connection(t, name); !dss.IsConnectionMissing(err) {
					return fmt.Errorf("the old connection %s: %w", name, err)
				}
				return testConnectionSecretIs(t, name+"_2", second)
			},
		},
		{
			// A new type replaces it too.
			Config:           testConnectionHCL(name+"_2", "MySQL", "db2", second, 2, ""),
			ConfigPlanChecks: acctest.Plans(testConnAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				c, err := acctest.Connection(t, name+"_2")
				if err != nil || c.Type != "MySQL" {
					return fmt.Errorf("after the type change: %+v %w", c, err)
				}
				return testConnectionSecretIs(t, name+"_2", second)
			},
		},
	})
}

func TestAccConnection_importBlockAndDeletedOutside(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const name = "acc_conn_imp"
	c := acctest.Client(t)
	if err := c.CreateConnection(acctest.Ctx(t), dss.NewConnection{Name: name, Type: "Filesystem", Description: "Made elsewhere",
		Params: dss.Object{"root": "/data/imp", "password": "made-elsewhere-Pw"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteConnection(context.Background(), name) })
	resourceCfg := fmt.Sprintf("resource \"dataiku_connection\" \"test\" {\n  name        = %q\n  type        = \"Filesystem\"\n  description = \"Made elsewhere\"\n  params      = jsonencode({ root = \"/data/imp\" })\n}\n", name)
	importCfg := acctest.ImportBlock(testConnAddr, name) + resourceCfg
	acctest.Case(t, acctest.CheckConnectionsDestroyed(t), []resource.TestStep{
		// The whole params DSS has, never its secret.
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testConnAddr, importCfg,
			statecheck.ExpectKnownValue(testConnAddr, tfjsonpath.New("params"), knownvalue.ObjectExact(map[string]knownvalue.Check{"root": knownvalue.StringExact("/data/imp")})))),
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testConnAddr, resourceCfg,
			func() error { return c.DeleteConnection(acctest.Ctx(t), name) },
			func(*terraform.State) error {
				conn, err := acctest.Connection(t, name)
				if err != nil || conn.Params["root"] != "/data/imp" || conn.Description != "Made elsewhere" {
					return fmt.Errorf("connection created again: %+v %w", conn, err)
				}
				return nil
			})),
	})
}

// A non-admin key is refused at plan time (refuseAdminOnly, issue 26)
// with the address, before DSS's admin-rights error could come; and no
// connection is created.
func TestAccConnection_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	acctest.RefusedToBob(t, "resource \"dataiku_connection\" \"test\" {\n  name = \"acc_conn_bob\"\n  type = \"Filesystem\"\n}\n",
		testNeedsAdmin("dataiku_connection"))
	if _, err := acctest.Connection(t, "acc_conn_bob"); !dss.IsConnectionMissing(err) {
		t.Fatalf("the connection was created, or DSS cannot say: %v", err)
	}
}

// A dataset and a managed folder on a connection created in the same
// apply; the data sources then read it, never showing its secret.
func TestAccConnection_datasetAndFolderSameApply(t *testing.T) {
	key := acctest.ProjectKey("ACC_CONN")
	const name = "acc_conn_use"
	const secret = "use-Conn-S3cret"
	cfg := fmt.Sprintf(`
resource "dataiku_connection" "test" {
  name             = %[1]q
  type             = "Filesystem"
  params           = jsonencode({ root = "/data/acc" })
  secret_params_wo = jsonencode({ password = %[3]q })
}

resource "dataiku_project" "p" {
  project_key = %[2]q
  name        = "Connection use"
}

resource "dataiku_dataset" "d" {
  project_key     = dataiku_project.p.project_key
  name            = "orders"
  type            = "Filesystem"
  connection_name = dataiku_connection.test.name
  params          = jsonencode({ path = "/orders" })
}

resource "dataiku_managed_folder" "f" {
  project_key     = dataiku_project.p.project_key
  name            = "exports"
  connection_name = dataiku_connection.test.name
}
`, name, key, secret)
	dataCfg := cfg + `
data "dataiku_connection" "c" {
  name = dataiku_connection.test.name
}

data "dataiku_connections" "fs" {
  type       = "Filesystem"
  depends_on = [dataiku_connection.test]
}

data "dataiku_connections" "all" {
  depends_on = [dataiku_connection.test]
}
`
	acctest.Case(t, resource.ComposeTestCheckFunc(acctest.CheckConnectionsDestroyed(t), acctest.CheckProjectDestroy(t)), []resource.TestStep{
		{
			Config:           cfg,
			ConfigPlanChecks: emptyPlanAfterApply,
			Check: func(*terraform.State) error {
				d, err := dss.DatasetDoc(key, "orders").Get(acctest.Ctx(t), acctest.Client(t))
				if err != nil || d.Connection() != name {
					return fmt.Errorf("dataset: %+v %w", d, err)
				}
				folders, err := acctest.Client(t).ListManagedFolders(acctest.Ctx(t), key)
				if err != nil || len(folders) != 1 || folders[0].Connection() != name {
					return fmt.Errorf("folders: %+v %w", folders, err)
				}
				return nil
			},
		},
		{
			Config:           dataCfg,
			ConfigPlanChecks: emptyPlanAfterApply,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_connection.c", tfjsonpath.New("params"), knownvalue.ObjectExact(map[string]knownvalue.Check{"root": knownvalue.StringExact("/data/acc")})),
				statecheck.ExpectKnownValue("data.dataiku_connection.c", tfjsonpath.New("type"), knownvalue.StringExact("Filesystem")),
				statecheck.ExpectKnownValue("data.dataiku_connection.c", tfjsonpath.New("allow_managed_folders"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.dataiku_connections.fs", tfjsonpath.New("names"), knownvalue.ListPartial(map[int]knownvalue.Check{})),
			},
			Check: func(s *terraform.State) error {
				fs := s.RootModule().Resources["data.dataiku_connections.fs"].Primary.Attributes
				all := s.RootModule().Resources["data.dataiku_connections.all"].Primary.Attributes
				if !attrListHas(fs, name) || !attrListHas(all, name) || !attrListHas(all, acctest.PGConnection) ||
					attrListHas(fs, acctest.PGConnection) {
					return fmt.Errorf("names: Filesystem %v; all %v", fs, all)
				}
				for addr, rs := range s.RootModule().Resources {
					for k, v := range rs.Primary.Attributes {
						if strings.Contains(v, secret) || strings.Contains(v, "e:AES:") {
							return fmt.Errorf("%s.%s holds the secret or its encrypted form", addr, k)
						}
					}
				}
				return nil
			},
		},
	})
}

// attrListHas reports whether the flatmapped names list holds v.
func attrListHas(attrs map[string]string, v string) bool {
	for k, got := range attrs {
		if strings.HasPrefix(k, "names.") && k != "names.#" && got == v {
			return true
		}
	}
	return false
}

// usable_by ALLOWED: a non-admin key outside allowed_groups gets DSS's
// refusal creating a dataset on it; one in the group may. Each key has its
// own configuration: in-process test providers share one configuration
// between aliases, so this runs the real CLI.
func TestAccConnection_usableByAllowed(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_CONNU")
	const name = "acc_conn_allowed"
	admin := acctest.CliRequiredProviders + fmt.Sprintf(`
resource "dataiku_connection" "test" {
  name           = %[1]q
  type           = "Filesystem"
  params         = jsonencode({ root = "/data/allowed" })
  usable_by      = "ALLOWED"
  allowed_groups = [%[3]q]
}

resource "dataiku_project" "p" {
  project_key = %[2]q
  name        = "Allowed connection"
  permissions = [
    { user = %[4]q, read_project_content = true, write_project_content = true },
    { user = %[5]q, read_project_content = true, write_project_content = true },
  ]
}
`, name, key, acctest.AliceGroup, acctest.AliceLogin, acctest.BobLogin)
	dataset := func(apiKey, ds string) string {
		return acctest.CliRequiredProviders + fmt.Sprintf(`
provider "dataiku" {
  api_key = %q
}

resource "dataiku_dataset" "d" {
  project_key     = %q
  name            = %q
  type            = "Filesystem"
  connection_name = %q
  params          = jsonencode({ path = "/%s" })
}
`, apiKey, key, ds, name, ds)
	}
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	secrets := append(append(acctest.KeyForms(acctest.APIKey), acctest.KeyForms(acctest.BobKey)...), acctest.KeyForms(acctest.AliceKey)...)
	adminDir := acctest.NewTerraformDir(t, map[string]string{"main.tf": admin})
	aliceDir := acctest.NewTerraformDir(t, map[string]string{"main.tf": dataset(acctest.AliceKey, "alices")})
	bobDir := acctest.NewTerraformDir(t, map[string]string{"main.tf": dataset(acctest.BobKey, "bobs")})
	t.Cleanup(func() {
		_, _ = acctest.RunTerraform(t, aliceDir, env, "destroy", "-auto-approve", "-no-color")
		_, _ = acctest.RunTerraform(t, adminDir, env, "destroy", "-auto-approve", "-no-color")
	})
	acctest.MustTerraform(t, adminDir, env, secrets, "apply", "-auto-approve", "-no-color")
	acctest.MustTerraform(t, aliceDir, env, secrets, "apply", "-auto-approve", "-no-color")
	out, err := acctest.RunTerraform(t, bobDir, env, "apply", "-auto-approve", "-no-color")
	if err == nil {
		t.Fatalf("bob created a dataset on a connection usable by %s only:\n%s", acctest.AliceGroup, acctest.Tail(out, 3000))
	}
	// Refused before the POST (issue 26's connection check): the
	// connection is not among those bob may use.
	if !regexp.MustCompile(`(?s)Cannot create dataiku_dataset.*with dataiku_dataset.d.*DSS has no connection\s+"` + name + `"\s+that\s+this\s+API\s+key\s+may\s+use.*usable_by/allowed_groups\s+do\s+not\s+include\s+the\s+key's\s+user\s+"` + acctest.BobLogin + `"`).MatchString(out) {
		t.Errorf("bob's refusal does not say why:\n%s", acctest.Tail(out, 3000))
	}
	acctest.AssertNoSecret(t, "bob's apply", out, secrets)
	if _, err := dss.DatasetDoc(key, "bobs").Get(acctest.Ctx(t), acctest.Client(t)); !dss.IsNotFound(err) {
		t.Errorf("bob's dataset: %v", err)
	}
	if d, err := dss.DatasetDoc(key, "alices").Get(acctest.Ctx(t), acctest.Client(t)); err != nil || d.Connection() != name {
		t.Errorf("alice's dataset: %+v %v", d, err)
	}
	for _, dir := range []string{adminDir, aliceDir} {
		if out, err := acctest.RunTerraform(t, dir, env, "plan", "-detailed-exitcode", "-no-color"); err != nil {
			t.Errorf("the plan after the apply is not empty (%v):\n%s", err, acctest.Tail(out, 3000))
		}
	}
}

// The secret never reaches the state, the plan or a TRACE log, at creation
// and at rotation.
func TestAccConnection_secretNeverInStateOrLogs(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	const name = "acc_conn_secret"
	runSecretRotation(t, secretRotation{
		cfg: func(version int) string {
			return fmt.Sprintf(`resource "dataiku_connection" "test" {
  name                     = %q
  type                     = "PostgreSQL"
  params                   = jsonencode({ host = "db", user = "dss" })
  secret_params_wo         = jsonencode({ password = var.pw, basicCredential = { password = var.pw } })
  secret_params_wo_version = %d
}
`, name, version)
		},
		first: "trace-First-S3cret", second: "trace-Second-S3cret",
		holds: func(secret string) error {
			if err := testConnectionSecretIs(t, name, secret); err != nil {
				return err
			}
			info, err := acctest.Client(t).GetConnectionInfo(acctest.Ctx(t), name)
			if err != nil {
				return err
			}
			if bc, _ := info.ResolvedParams["basicCredential"].(map[string]any); bc["password"] != secret {
				return fmt.Errorf("basicCredential.password is not the one sent")
			}
			return nil
		},
	})
}

// Real instances name connections with spaces and parentheses ("Default
// (in DSS data dir.)"): one made elsewhere is imported with an empty plan,
// and one Terraform creates is created, changed in place and read back
// under that name, through DSS's API paths, which escape it.
func TestAccConnection_nameWithSpacesAndParentheses(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const madeElsewhere, ours = "Landing zone (EU)", "Sales warehouse 2"
	c := acctest.Client(t)
	if err := c.CreateConnection(acctest.Ctx(t), dss.NewConnection{Name: madeElsewhere, Type: "Filesystem", Params: dss.Object{"root": "/data/landing"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteConnection(context.Background(), madeElsewhere) })
	config := func(description string) string {
		return acctest.ImportBlock("dataiku_connection.landing", madeElsewhere) + fmt.Sprintf(`
resource "dataiku_connection" "landing" {
  name   = %q
  type   = "Filesystem"
  params = { root = "/data/landing" }
}

resource "dataiku_connection" "test" {
  name        = %q
  type        = "Filesystem"
  description = %q
  params      = { root = "/data/sales" }
}
`, madeElsewhere, ours, description)
	}
	inDSS := func(description string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			conn, err := acctest.Connection(t, ours)
			if err != nil {
				return fmt.Errorf("reading connection %q: %w", ours, err)
			}
			if conn.Name != ours || conn.Description != description || conn.Params["root"] != "/data/sales" {
				return fmt.Errorf("connection %q in DSS: %+v", ours, conn)
			}
			return nil
		}
	}
	acctest.Case(t, acctest.CheckConnectionsDestroyed(t), []resource.TestStep{
		{
			Config:           config("one"),
			ConfigPlanChecks: emptyPlanAfterApply,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("dataiku_connection.landing", tfjsonpath.New("id"), knownvalue.StringExact(madeElsewhere)),
				statecheck.ExpectKnownValue(testConnAddr, tfjsonpath.New("id"), knownvalue.StringExact(ours)),
			},
			Check: inDSS("one"),
		},
		{
			Config: config("two"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testConnAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: inDSS("two"),
		},
		{ResourceName: testConnAddr, ImportState: true, ImportStateId: ours, ImportStateVerify: true},
	})
}

// TestAccConnection_groupsWithoutAllowedAdopted: a connection usable and
// readable by ALL that still holds allowed groups, the shape dataikuapi's
// set_usability(all=True) and set_readability(all=True) leave, made
// through the client, is adopted with a configuration writing those groups
// as DSS holds them: no error, no change, an empty plan, DSS's groups
// kept. The provider once refused such a configuration at plan time.
func TestAccConnection_groupsWithoutAllowedAdopted(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const name = "acc_conn_all_groups"
	c := acctest.Client(t)
	if err := c.CreateConnection(acctest.Ctx(t), dss.NewConnection{Name: name, Type: "Filesystem", Params: dss.Object{"root": "/data/all"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteConnection(context.Background(), name) })
	acctest.EditOutside(t, dss.ConnectionDoc(name), func(conn *dss.Connection) {
		conn.UsableBy, conn.AllowedGroups = dss.ConnectionUsableByAll, []string{acctest.AliceGroup}
		conn.DetailsReadability.ReadableBy, conn.DetailsReadability.AllowedGroups = dss.ConnectionUsableByAll, []string{acctest.AliceGroup}
	})
	cfg := fmt.Sprintf(`resource "dataiku_connection" "test" {
  name                   = %q
  type                   = "Filesystem"
  params                 = jsonencode({ root = "/data/all" })
  usable_by              = "ALL"
  allowed_groups         = [%[2]q]
  details_readable_by    = "ALL"
  details_allowed_groups = [%[2]q]
}
`, name, acctest.AliceGroup)
	adopt := acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testConnAddr, acctest.ImportBlock(testConnAddr, name)+cfg))
	adopt.Check = func(*terraform.State) error {
		conn, err := acctest.Connection(t, name)
		if err != nil {
			return err
		}
		if conn.UsableBy != dss.ConnectionUsableByAll || !slices.Equal(conn.AllowedGroups, []string{acctest.AliceGroup}) ||
			conn.DetailsReadability.ReadableBy != dss.ConnectionUsableByAll || !slices.Equal(conn.DetailsReadability.AllowedGroups, []string{acctest.AliceGroup}) {
			return fmt.Errorf("connection in DSS: usable by %s %q, details readable by %s %q", conn.UsableBy, conn.AllowedGroups,
				conn.DetailsReadability.ReadableBy, conn.DetailsReadability.AllowedGroups)
		}
		return nil
	}
	acctest.Case(t, acctest.CheckConnectionsDestroyed(t), []resource.TestStep{adopt})
}
