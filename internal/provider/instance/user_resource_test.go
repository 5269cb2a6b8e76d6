package instance_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testUserAddr = "dataiku_user.test"

func testUserRaw(t *testing.T, login string) map[string]any {
	return acctest.RawDoc(t, dss.UserDoc(login).Path())
}

func testUserExists(t *testing.T, login string) bool {
	return testDocExists(t, dss.UserDoc(login).Path())
}

func testAccCheckUsersDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_user", func(st *terraform.InstanceState) string { return dss.UserDoc(st.ID).Path() })
}

func testUserPuts(t *testing.T) int64 {
	return acctest.RequireEmulator(t).Server.Stats().ByRoute["PUT /public/api/admin/users/{login}"]
}

const testUserGroups = `
resource "dataiku_group" "g1" {
  name = "acc_usr_g1"
}

resource "dataiku_group" "g2" {
  name = "acc_usr_g2"
}
`

func testAccUserConfig(login, body string) string {
	return testUserGroups + fmt.Sprintf("resource \"dataiku_user\" \"test\" {\n  login = %q\n%s}\n", login, body)
}

func TestAccUser_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	const login = "acc_usr_life"
	first := `  display_name        = "Jane"
  email               = "jane@example.com"
  groups              = [dataiku_group.g1.name]
  user_profile        = "READER"
  enabled             = false
  admin_properties    = { cost_center = "42" }
  password_wo         = "first-Passw0rd"
  password_wo_version = 1
`
	second := strings.NewReplacer(`"Jane"`, `"Jane Doe"`, `[dataiku_group.g1.name]`, `[dataiku_group.g1.name, dataiku_group.g2.name]`,
		"enabled             = false", "enabled             = true").Replace(first)
	rotated := strings.NewReplacer(`"first-Passw0rd"`, `"second-Passw0rd"`, "password_wo_version = 1", "password_wo_version = 2").Replace(second)
	var puts int64
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckUsersDestroyed(t), testAccCheckGroupsDestroyed(t)), []resource.TestStep{
		{
			// Created disabled: DSS ignores enabled in the POST, so a PUT follows.
			Config: testAccUserConfig(login, first),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testUserAddr, tfjsonpath.New("id"), knownvalue.StringExact(login)),
				statecheck.ExpectKnownValue(testUserAddr, tfjsonpath.New("password_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(testUserAddr, tfjsonpath.New("user_properties"), knownvalue.Null()),
			},
			Check: func(*terraform.State) error {
				u := testUserRaw(t, login)
				if u["enabled"] != false || u["userProfile"] != "READER" || u["displayName"] != "Jane" || u["email"] != "jane@example.com" ||
					fmt.Sprint(u["groups"]) != "[acc_usr_g1]" || fmt.Sprint(u["adminProperties"]) != "map[cost_center:42]" {
					return fmt.Errorf("user in DSS: %v", u)
				}
				if _, ok := u["password"]; ok {
					return fmt.Errorf("DSS returned a password: %v", u)
				}
				puts = testUserPuts(t)
				return acctest.UserPasswordIs(t, login, "first-Passw0rd")
			},
		},
		{
			// Changed outside Terraform: a group removed and an unmodelled key
			// added; the plan repairs the group and keeps the key, and the
			// password is not sent again.
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.UserDoc(login).Path(), func(u map[string]any) {
					u["groups"] = []string{}
					u["preferences"] = map[string]any{"uiLanguage": "fr"}
					u["customField"] = json.RawMessage(`{"n":9007199254740993}`)
				})
			},
			Config: testAccUserConfig(login, second),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testUserAddr, Attrs: []string{"display_name", "groups", "enabled"}},
			}},
			Check: func(*terraform.State) error {
				var raw struct {
					Enabled     bool
					Groups      []string
					Preferences map[string]string
					CustomField struct {
						N json.Number `json:"n"`
					} `json:"customField"`
				}
				if err := acctest.Client(t).Get(acctest.Ctx(t), dss.UserDoc(login).Path(), nil, &raw); err != nil {
					return err
				}
				if !raw.Enabled || fmt.Sprint(raw.Groups) != "[acc_usr_g1 acc_usr_g2]" || raw.Preferences["uiLanguage"] != "fr" || raw.CustomField.N != "9007199254740993" {
					return fmt.Errorf("after the update: %+v", raw)
				}
				return acctest.UserPasswordIs(t, login, "first-Passw0rd")
			},
		},
		acctest.ImportVerifyStep(testUserAddr, acctest.ImportID(login), "password_wo", "password_wo_version"),
		acctest.ImportIdentityStep(t, testUserAddr, "password_wo", "password_wo_version"),
		{
			// Rotation: a new version sends the new password in a PUT.
			Config: testAccUserConfig(login, rotated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testUserAddr, Attrs: []string{"password_wo_version"}},
			}},
			Check: func(*terraform.State) error {
				if n := testUserPuts(t); n <= puts {
					return fmt.Errorf("no PUT of the user since the first step (%d, was %d)", n, puts)
				}
				return acctest.UserPasswordIs(t, login, "second-Passw0rd")
			},
		},
		{
			// A new login: DSS cannot rename, so the user is replaced.
			Config:           testAccUserConfig(login+"_2", rotated),
			ConfigPlanChecks: acctest.Plans(testUserAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if testUserExists(t, login) {
					return fmt.Errorf("the old user %s still exists", login)
				}
				return acctest.UserPasswordIs(t, login+"_2", "second-Passw0rd")
			},
		},
	})
}

func TestAccUser_importBlockAndDeletedOutside(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const login = "acc_usr_imp"
	c := acctest.Client(t)
	if err := c.CreateUser(acctest.Ctx(t), dss.NewUser{Login: login, DisplayName: "Made elsewhere", SourceType: "LDAP", UserProfile: "DESIGNER"}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteUser(context.Background(), login) })
	// Properties set in DSS, unmanaged here: an import reads them, a
	// configuration that does not set them leaves them alone.
	acctest.EditOutside(t, dss.UserDoc(login), func(u *dss.User) { u.UserProperties = map[string]string{"team": "data"} })
	resourceCfg := fmt.Sprintf("resource \"dataiku_user\" \"test\" {\n  login        = %q\n  display_name = \"Made elsewhere\"\n  source_type  = \"LDAP\"\n  user_properties = { team = \"data\" }\n}\n", login)
	importCfg := acctest.ImportBlock(testUserAddr, login) + resourceCfg
	acctest.Case(t, testAccCheckUsersDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(testUserAddr, importCfg,
			statecheck.ExpectKnownValue(testUserAddr, tfjsonpath.New("user_profile"), knownvalue.StringExact("DESIGNER"))),
		acctest.DeletedOutsideStep(t, testUserAddr, resourceCfg,
			func() error { return c.DeleteUser(acctest.Ctx(t), login) },
			func(*terraform.State) error {
				if u := testUserRaw(t, login); u["sourceType"] != "LDAP" || fmt.Sprint(u["userProperties"]) != "map[team:data]" {
					return fmt.Errorf("user created again: %v", u)
				}
				return nil
			}),
	})
}

// A non-admin key is refused at plan time (refuseAdminOnly, issue 26)
// with the address, before DSS's admin-rights error could come; and no
// user is created.
func TestAccUser_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	acctest.RefusedToBob(t, "resource \"dataiku_user\" \"test\" {\n  login = \"acc_usr_bob\"\n}\n",
		testNeedsAdmin("dataiku_user"))
	if testUserExists(t, "acc_usr_bob") {
		t.Fatal("the user was created")
	}
}

// Destroying the key's own user is refused by DSS (no allowSelfDeletion is
// sent), and DSS's message reaches the user with the address.
func TestAccUser_ownUserNotDeleted(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	const own = "admin"
	cfg := acctest.ImportBlock(testUserAddr, own) +
		fmt.Sprintf("resource \"dataiku_user\" \"test\" {\n  login        = %q\n  display_name = %q\n  groups       = [\"administrators\"]\n}\n", own, own)
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": acctest.CliRequiredProviders + cfg})
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	acctest.MustTerraform(t, dir, env, nil, "apply", "-auto-approve", "-no-color")
	out, err := acctest.RunTerraform(t, dir, env, "destroy", "-auto-approve", "-no-color")
	if err == nil || !regexp.MustCompile(`(?s)Cannot delete dataiku_user "admin".*IllegalArgumentException.*own user`).MatchString(out) {
		t.Fatalf("destroying the key's own user: %v\n%s", err, acctest.Tail(out, 3000))
	}
	acctest.MustTerraform(t, dir, env, nil, "state", "rm", testUserAddr)
	if !testUserExists(t, own) {
		t.Fatal("the key's own user was deleted")
	}
}

func TestAccUserDataSources(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	cfg := testUserGroups + `
resource "dataiku_user" "a" {
  login           = "acc_usr_ds_a"
  groups          = [dataiku_group.g1.name]
  user_properties = { team = "ml" }
}

resource "dataiku_user" "b" {
  login   = "acc_usr_ds_b"
  groups  = [dataiku_group.g1.name]
  enabled = false
}

data "dataiku_user" "a" {
  login = dataiku_user.a.login
}

data "dataiku_users" "g1_enabled" {
  group      = dataiku_group.g1.name
  enabled    = true
  depends_on = [dataiku_user.a, dataiku_user.b]
}

data "dataiku_users" "g1" {
  group      = dataiku_group.g1.name
  depends_on = [dataiku_user.a, dataiku_user.b]
}
`
	acctest.Case(t, testAccCheckUsersDestroyed(t), []resource.TestStep{{
		Config: cfg,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.dataiku_user.a", tfjsonpath.New("user_properties"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("ml")})),
			statecheck.ExpectKnownValue("data.dataiku_user.a", tfjsonpath.New("enabled"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue("data.dataiku_users.g1_enabled", tfjsonpath.New("logins"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("acc_usr_ds_a")})),
			statecheck.ExpectKnownValue("data.dataiku_users.g1", tfjsonpath.New("logins"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("acc_usr_ds_a"), knownvalue.StringExact("acc_usr_ds_b")})),
			statecheck.ExpectKnownValue("data.dataiku_users.g1", tfjsonpath.New("users").AtSliceIndex(1).AtMapKey("enabled"), knownvalue.Bool(false)),
		},
	}})
}

// TestAccUserPasswordNeverInStateOrLogs runs the real terraform with
// TF_LOG=TRACE: create with a password, rotate it, destroy. Neither
// password may appear in the state files or the output, while DSS has
// received each (the emulator keeps its hash).
func TestAccUserPasswordNeverInStateOrLogs(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	const login = "acc_usr_secret"
	passwords := []string{"Pw-first-7d1c55e0a9", "Pw-second-b83f02c4e6"}
	cfg := acctest.CliRequiredProviders + testSensitivePw + fmt.Sprintf(`variable "pw_version" {
  type = number
}

resource "dataiku_user" "test" {
  login               = %q
  password_wo         = var.pw
  password_wo_version = var.pw_version
}
`, login)
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": cfg})
	t.Cleanup(func() { _ = acctest.Client(t).DeleteUser(context.Background(), login) })
	base := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey, "TF_LOG=TRACE", "TF_LOG_PROVIDER=TRACE"}
	var all strings.Builder
	for i, pw := range passwords {
		env := append(append([]string{}, base...), "TF_VAR_pw="+pw, fmt.Sprintf("TF_VAR_pw_version=%d", i+1))
		all.WriteString(acctest.MustTerraform(t, dir, env, passwords, "apply", "-auto-approve", "-no-color"))
		all.WriteString(acctest.MustTerraform(t, dir, env, passwords, "plan", "-detailed-exitcode", "-no-color"))
		if err := acctest.UserPasswordIs(t, login, pw); err != nil {
			t.Fatal(err)
		}
		for name, content := range acctest.StateFiles(t, dir) {
			acctest.AssertNoSecret(t, "state file "+name, content, passwords)
		}
	}
	env := append(append([]string{}, base...), "TF_VAR_pw="+passwords[1], "TF_VAR_pw_version=2")
	all.WriteString(acctest.MustTerraform(t, dir, env, passwords, "destroy", "-auto-approve", "-no-color"))
	acctest.AssertNoSecret(t, "terraform output with TF_LOG=TRACE", all.String(), passwords)
	for _, want := range []string{"/public/api/admin/users", "PUT", "password_wo"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("the TRACE output lacks %q: the test would not see a leak there", want)
		}
	}
	if testUserExists(t, login) {
		t.Error("the user was not destroyed")
	}
}

// A lost answer to the create POST of a group or a user is recovered by
// finding it by name: one object in DSS, in the state, with the password
// sent once. A user created with the defaults costs a POST and no PUT.
func TestAccPeople_lostPostRecoveredAndCreateCost(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	cfg := acctest.NoRetries + `
resource "dataiku_group" "test" {
  name = "acc_lost_grp"
}

resource "dataiku_user" "test" {
  login       = "acc_lost_usr"
  groups      = [dataiku_group.test.name]
  password_wo = "lost-Answer-Pw1"
}
`
	var putsBefore int64
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckUsersDestroyed(t), testAccCheckGroupsDestroyed(t)), []resource.TestStep{{
		PreConfig: func() {
			putsBefore = testUserPuts(t)
			acctest.SetFaults(t, em,
				emulator.FaultRule{Method: "POST", PathRegex: "/admin/groups/?$", Status: 502, AfterHandler: true, Count: 1},
				emulator.FaultRule{Method: "POST", PathRegex: "/admin/users/?$", DropConnection: true, AfterHandler: true, Count: 1})()
		},
		Config: cfg,
		Check: func(*terraform.State) error {
			if err := acctest.FaultsFired(em); err != nil {
				return err
			}
			if !testGroupExists(t, "acc_lost_grp") {
				return fmt.Errorf("the group is missing")
			}
			if n := testUserPuts(t); n != putsBefore {
				return fmt.Errorf("%d PUTs of users for a user created with the defaults", n-putsBefore)
			}
			return acctest.UserPasswordIs(t, "acc_lost_usr", "lost-Answer-Pw1")
		},
	}})
}
