package instance_test

import (
	"context"
	"fmt"
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
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// People as real instances hold them, managed from Terraform: a group
// named as a directory names it ("Data Team"), a user whose login holds a
// backslash and a space and whose identity source the provider does not
// list, a global key with no label and no groups (dataikuapi's default
// key) and a personal key with an empty label. Each is created, changed
// and brought back, with an empty plan after every apply and DSS's side
// checked through the client, then imported with ImportStateVerify.

const (
	realGroup = "Data Team"
	realLogin = `CORP\j doe`
)

// testAccRealPeopleConfig: the keys' label and groups lines are keyLines
// and personalLines (empty: left out), the user's groups userGroups.
func testAccRealPeopleConfig(keyLines, personalLines, userGroups string) string {
	return fmt.Sprintf(`
resource "dataiku_group" "team" {
  name = %[1]q
}

resource "dataiku_user" "jdoe" {
  login       = %[2]q
  source_type = "AZURE_AD"
  groups      = %[5]s
}

resource "dataiku_api_key" "bare" {
%[3]s}

resource "dataiku_personal_api_key" "bare" {
  user = dataiku_user.jdoe.login
%[4]s}
`, realGroup, realLogin, keyLines, personalLines, userGroups)
}

// testRealPeopleInDSS checks, through the admin client, the keys' labels
// and groups and the user's groups and source as DSS holds them.
func testRealPeopleInDSS(t *testing.T, keyLabel string, keyGroups []string, personalLabel string, userGroups []string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c, ctx := acctest.Client(t), acctest.Ctx(t)
		k, err := dss.GlobalAPIKeyDoc(s.RootModule().Resources["dataiku_api_key.bare"].Primary.ID).Get(ctx, c)
		if err != nil {
			return err
		}
		if k.Label != keyLabel || k.IsAdmin() || !slices.Equal(kit.NonNilStrings(k.Groups), keyGroups) {
			return fmt.Errorf("global key in DSS: label %q, admin %t, groups %q; want label %q, groups %q", k.Label, k.IsAdmin(), k.Groups, keyLabel, keyGroups)
		}
		p, err := dss.PersonalAPIKeyDoc(s.RootModule().Resources["dataiku_personal_api_key.bare"].Primary.ID).Get(ctx, c)
		if err != nil {
			return err
		}
		if p.Label != personalLabel || p.User != realLogin {
			return fmt.Errorf("personal key in DSS: label %q of %q; want %q of %q", p.Label, p.User, personalLabel, realLogin)
		}
		u, err := dss.UserDoc(realLogin).Get(ctx, c)
		if err != nil {
			return err
		}
		if u.SourceType != "AZURE_AD" || !slices.Equal(kit.NonNilStrings(u.Groups), userGroups) {
			return fmt.Errorf("user in DSS: source %q, groups %q; want AZURE_AD, %q", u.SourceType, u.Groups, userGroups)
		}
		g, err := dss.GroupDoc(realGroup).Get(ctx, c)
		if err != nil {
			return fmt.Errorf("group %q in DSS: %w", realGroup, err)
		}
		if g.Name != realGroup {
			return fmt.Errorf("group %q in DSS is named %q", realGroup, g.Name)
		}
		return nil
	}
}

func TestAccRealShape_people(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	team := "[dataiku_group.team.name]"
	bare := testAccRealPeopleConfig("", "", team)
	destroyed := resource.ComposeAggregateTestCheckFunc(testAccCheckAPIKeysDestroyed(t), testAccCheckUsersDestroyed(t), testAccCheckGroupsDestroyed(t))
	acctest.Case(t, destroyed, []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: bare,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("dataiku_api_key.bare", tfjsonpath.New("label"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue("dataiku_api_key.bare", tfjsonpath.New("groups"), knownvalue.Null()),
				statecheck.ExpectKnownValue("dataiku_personal_api_key.bare", tfjsonpath.New("label"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue("dataiku_user.jdoe", tfjsonpath.New("id"), knownvalue.StringExact(realLogin)),
			},
			Check: testRealPeopleInDSS(t, "", []string{}, "", []string{realGroup}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: testAccRealPeopleConfig("  label  = \"ci\"\n  groups = "+team+"\n", "  label = \"laptop\"\n", "[]"),
			Check:  testRealPeopleInDSS(t, "ci", []string{realGroup}, "laptop", []string{}),
		}),
		// Back to no label and no groups: null groups mean none, so DSS's
		// are removed.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: bare,
			Check:  testRealPeopleInDSS(t, "", []string{}, "", []string{realGroup}),
		}),
		// groups = [] is no change from null while DSS holds none.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: testAccRealPeopleConfig("  groups = []\n", "", team),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("dataiku_api_key.bare", tfjsonpath.New("groups"), knownvalue.SetExact(nil)),
			},
			Check: testRealPeopleInDSS(t, "", []string{}, "", []string{realGroup}),
		}),
		{Config: bare},
		acctest.ImportVerifyStep("dataiku_group.team", acctest.ImportID(realGroup)),
		acctest.ImportVerifyStep("dataiku_user.jdoe", acctest.ImportID(realLogin)),
		acctest.ImportVerifyStep("dataiku_api_key.bare", nil, "secret"),
		acctest.ImportVerifyStep("dataiku_personal_api_key.bare", nil, "secret"),
	})
}

// TestAccRealShape_longPeopleNames: a 300-character group name, login and
// display name, as a directory may hand them over, are managed, read back
// with an empty plan and imported: DSS documents no length limit on them,
// so the provider refuses none.
func TestAccRealShape_longPeopleNames(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	group, login, display := acctest.LongName("g"), acctest.LongName("u"), acctest.LongName("d")
	destroyed := resource.ComposeAggregateTestCheckFunc(testAccCheckUsersDestroyed(t), testAccCheckGroupsDestroyed(t))
	acctest.Case(t, destroyed, []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: fmt.Sprintf(`
resource "dataiku_group" "long" {
  name = %[1]q
}

resource "dataiku_user" "long" {
  login        = %[2]q
  display_name = %[3]q
  groups       = [dataiku_group.long.name]
}
`, group, login, display),
			Check: func(*terraform.State) error {
				c, ctx := acctest.Client(t), acctest.Ctx(t)
				if _, err := dss.GroupDoc(group).Get(ctx, c); err != nil {
					return fmt.Errorf("the 300-character group in DSS: %w", err)
				}
				u, err := dss.UserDoc(login).Get(ctx, c)
				if err != nil {
					return fmt.Errorf("the 300-character user in DSS: %w", err)
				}
				if u.DisplayName != display || !slices.Equal(u.Groups, []string{group}) {
					return fmt.Errorf("user in DSS: display name of %d characters, groups %q; want %d characters and the long group", len(u.DisplayName), u.Groups, len(display))
				}
				return nil
			},
		}),
		acctest.ImportVerifyStep("dataiku_group.long", acctest.ImportID(group)),
		acctest.ImportVerifyStep("dataiku_user.long", acctest.ImportID(login)),
	})
}

// realEmails are e-mails real instances hold that are no addresses: the
// local administrator's, a directory's placeholder, a bare name, and none.
// DSS stores each as it is given (dataikuapi's create_user sends any
// string; an LDAP sync copies the directory's attribute).
var realEmails = []struct{ login, email string }{
	{"acc_mail_admin", "admin@localhost"},
	{"acc_mail_na", "n/a"},
	{"acc_mail_bare", "jane"},
	{"acc_mail_none", ""},
}

// testAccRealEmailsConfig writes each user of realEmails with the e-mail
// emailOf gives it, as dss-adopt writes what DSS holds; withImports adds
// the import blocks that adopt them.
func testAccRealEmailsConfig(withImports bool, emailOf func(i int) string) string {
	var b strings.Builder
	for i, u := range realEmails {
		addr := "dataiku_user.mail" + fmt.Sprint(i)
		if withImports {
			b.WriteString(acctest.ImportBlock(addr, u.login))
		}
		fmt.Fprintf(&b, "resource \"dataiku_user\" \"mail%d\" {\n  login       = %q\n  source_type = \"LDAP\"\n  email       = %q\n}\n", i, u.login, emailOf(i))
	}
	return b.String()
}

// testRealEmailsInDSS checks, through the admin client, each user's e-mail
// as DSS holds it.
func testRealEmailsInDSS(t *testing.T, emailOf func(i int) string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for i, u := range realEmails {
			got, err := dss.UserDoc(u.login).Get(acctest.Ctx(t), acctest.Client(t))
			if err != nil {
				return err
			}
			if got.Email != emailOf(i) {
				return fmt.Errorf("user %s in DSS has e-mail %q, want %q", u.login, got.Email, emailOf(i))
			}
		}
		return nil
	}
}

// TestAccRealShape_userEmails: users whose e-mail DSS holds but which is
// no address ("admin@localhost", "n/a", "jane", none), made through the
// client as an instance holds them, are adopted by import blocks with a
// configuration writing their e-mail as it is: no error at plan time, no
// change to DSS, an empty plan after. Then each takes another of these
// values, which the provider writes and DSS keeps. The provider once
// refused all but the well-formed addresses at plan time, locking these
// users out of Terraform.
func TestAccRealShape_userEmails(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	c := acctest.Client(t)
	for _, u := range realEmails {
		if err := c.CreateUser(acctest.Ctx(t), dss.NewUser{Login: u.login, SourceType: "LDAP", Email: u.email}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.DeleteUser(context.Background(), u.login) })
	}
	held := func(i int) string { return realEmails[i].email }
	rotated := func(i int) string { return realEmails[(i+1)%len(realEmails)].email }
	adopt := resource.TestStep{Config: testAccRealEmailsConfig(true, held), Check: testRealEmailsInDSS(t, held)}
	for i := range realEmails {
		adopt.ConfigPlanChecks.PreApply = append(adopt.ConfigPlanChecks.PreApply,
			plancheck.ExpectResourceAction("dataiku_user.mail"+fmt.Sprint(i), plancheck.ResourceActionNoop))
	}
	acctest.Case(t, testAccCheckUsersDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(adopt),
		acctest.EmptyPlanAfter(resource.TestStep{Config: testAccRealEmailsConfig(false, rotated), Check: testRealEmailsInDSS(t, rotated)}),
	})
}
