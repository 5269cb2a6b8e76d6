package instance_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const usersResyncRoute = "POST /public/api/admin/users/actions/resync-multi"

// usersResyncHCL is a dataiku_users_resync action named "sync"; config is
// its config block's body, "" for an action declared without one.
func usersResyncHCL(config string) string {
	if config == "" {
		return "\naction \"dataiku_users_resync\" \"sync\" {}\n"
	}
	return fmt.Sprintf("\naction \"dataiku_users_resync\" \"sync\" {\n  config {\n    %s\n  }\n}\n", config)
}

// usersResyncSetup makes, outside Terraform, the groups resync_analysts (mapped
// from LDAP's cn=analysts) and resync_engineers (cn=eng), the LDAP users lena
// and omar and the local user lou, all three in no group; the emulator's
// LDAP reports lena in cn=analysts and omar in cn=eng and cn=analysts.
func usersResyncSetup(t *testing.T, em *emulator.Running) *dss.Client {
	t.Helper()
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	for name, mapped := range map[string]string{"resync_analysts": "cn=analysts", "resync_engineers": "cn=eng"} {
		acctest.MustDo(t, c.CreateGroup(ctx, name, "", "LOCAL"))
		_, _, err := dss.GroupDoc(name).Update(ctx, c, func(g *dss.Group) error {
			g.LDAPGroupNames = &dss.GroupNames{Names: []string{mapped}}
			return nil
		})
		acctest.MustDo(t, err)
	}
	for login, src := range map[string]string{"lena": "LDAP", "omar": "LDAP", "lou": "LOCAL"} {
		acctest.MustDo(t, c.CreateUser(ctx, dss.NewUser{Login: login, SourceType: src}))
	}
	acctest.MustDo(t, em.Server.SetSupplierGroups(map[string][]string{"lena": {"cn=analysts"}, "omar": {"cn=eng", "cn=analysts"}}))
	return c
}

// groupsDiffer reads each login's groups in DSS through the API and
// says how they differ from the ones wanted; nil when none does.
func groupsDiffer(t *testing.T, c *dss.Client, want map[string][]string) error {
	t.Helper()
	for _, login := range slices.Sorted(maps.Keys(want)) {
		u, err := dss.UserDoc(login).Get(acctest.Ctx(t), c)
		if err != nil {
			return fmt.Errorf("reading %s: %w", login, err)
		}
		if got := slices.Sorted(slices.Values(u.Groups)); !slices.Equal(got, want[login]) {
			return fmt.Errorf("%s's groups in DSS are %v, want %v", login, got, want[login])
		}
	}
	return nil
}

// requireGroups fails the test, saying after what, unless each login's
// groups in DSS are the ones wanted.
func requireGroups(t *testing.T, c *dss.Client, what string, want map[string][]string) {
	t.Helper()
	if err := groupsDiffer(t, c, want); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// TestAccUsersResyncAction: dataiku_users_resync with logins resyncs
// those users alone, in one request whose body is exactly their logins
// (DSS recomputes their groups from the LDAP mapping; the others keep
// theirs); without logins, every user from a supplier is resynced and the
// local one is not; an unknown login and a local user fail the apply
// naming them, with the action's address, and change nobody; a key that
// is not admin gets DSS's refusal; an empty set and a login DSS cannot
// hold are refused at plan time, before any request.
func TestAccUsersResyncAction(t *testing.T) {
	acctest.RequireActionsTerraform(t)
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	c := usersResyncSetup(t, em)
	requests := func() int64 { return em.Server.Stats().ByRoute[usersResyncRoute] }
	const addr = "dataiku_users_resync.sync"
	failed := "Action failed: action." + addr

	before := requests()
	acctest.InvokeAction(t, usersResyncHCL(`logins = ["lena"]`), addr, true, "lena's resync",
		"Users lena: resyncing from their supplier", "Users lena: done", "lena resynced from its supplier (LDAP): groups: resync_analysts")
	if n := requests() - before; n != 1 {
		t.Fatalf("lena's resync sent %d requests, want 1", n)
	}
	if got := em.Server.UserResyncs(); got["lena"] != 1 || got["omar"] != 0 || got["lou"] != 0 {
		t.Fatalf("the resync of lena resynced %v", got)
	}
	requireGroups(t, c, "after lena's resync", map[string][]string{"lena": {"resync_analysts"}, "omar": {}, "lou": {}})

	acctest.InvokeAction(t, usersResyncHCL(""), addr, true, "the resync of all users",
		"Users from an external supplier: resyncing from their supplier", "Users from an external supplier: done",
		"omar resynced from its supplier (LDAP): groups: resync_analysts, resync_engineers")
	if got := em.Server.UserResyncs(); got["lena"] != 2 || got["omar"] != 1 || got["lou"] != 0 || got[emulator.AdminLogin] != 0 {
		t.Fatalf("the resync of all users resynced %v", got)
	}
	requireGroups(t, c, "after the resync of all", map[string][]string{"lena": {"resync_analysts"}, "omar": {"resync_analysts", "resync_engineers"}, "lou": {}})

	resyncs := em.Server.UserResyncs()
	acctest.InvokeAction(t, usersResyncHCL(`logins = ["omar", "nobody"]`), addr, false, "an unknown login",
		failed, "cannot resync users nobody, omar from their external supplier", "User nobody does not exist")
	acctest.InvokeAction(t, usersResyncHCL(`logins = ["lou"]`), addr, false, "a local user",
		failed, "User lou is a local user (source type LOCAL)")
	if got := em.Server.UserResyncs(); !maps.Equal(got, resyncs) {
		t.Fatalf("a failed resync resynced users: %v, before %v", got, resyncs)
	}

	before = requests()
	acctest.InvokeAction(t, acctest.AsBob(usersResyncHCL(`logins = ["lena"]`)), addr, false, "a key that is not admin",
		failed, "admin rights required")
	if n := requests() - before; n != 1 {
		t.Fatalf("as bob: %d requests, want DSS's one refusal", n)
	}

	before = requests()
	// Terraform wraps a diagnostic's detail: the words are compared with
	// their spacing undone.
	out := acctest.InvokeAction(t, usersResyncHCL(`logins = []`), addr, false, "an empty set", "No login to resync", "with action."+addr)
	acctest.MustContain(t, strings.Join(strings.Fields(out), " "), "Leave logins out to resync every user from an external supplier")
	// (a slash is DSS's to judge: the logins go in the request's body)
	out = acctest.InvokeAction(t, usersResyncHCL(`logins = ["team\tlena"]`), addr, false, "a login with a control character", "with action."+addr)
	acctest.MustContain(t, strings.Join(strings.Fields(out), " "), "must not be blank nor contain a control character")
	if n := requests() - before; n != 0 {
		t.Fatalf("configurations refused at plan time sent %d requests:\n%s", n, out)
	}
	if got := em.Server.UserResyncs(); !maps.Equal(got, resyncs) {
		t.Fatalf("refused configurations resynced users: %v, before %v", got, resyncs)
	}
}

// TestAccUsersResyncActionTrigger: a group's LDAP mapping changed by
// Terraform, with the resync in its lifecycle, reaches the users in the
// same apply: created with the mapping of cn=analysts, the group holds
// lena; mapped to cn=eng instead, it holds omar and no longer lena. The
// state holds the group alone, and each plan after an apply is empty.
func TestAccUsersResyncActionTrigger(t *testing.T) {
	acctest.RequireActionsTerraform(t)
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	c := usersResyncSetup(t, em)
	config := func(mapped string) string {
		return usersResyncHCL(`logins = ["lena", "omar"]`) + fmt.Sprintf(`
resource "dataiku_group" "team" {
  name             = "resync_team"
  ldap_group_names = [%q]

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.dataiku_users_resync.sync]
    }
  }
}
`, mapped)
	}
	members := func(lena, omar []string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			if err := groupsDiffer(t, c, map[string][]string{"lena": lena, "omar": omar}); err != nil {
				return err
			}
			for a := range s.RootModule().Resources {
				if a != "dataiku_group.team" {
					return fmt.Errorf("the state holds %s: actions must not write to it", a)
				}
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps: []resource.TestStep{
			{Config: config("cn=analysts"), Check: members([]string{"resync_analysts", "resync_team"}, []string{"resync_analysts", "resync_engineers", "resync_team"})},
			{Config: config("cn=eng"), Check: members([]string{"resync_analysts"}, []string{"resync_analysts", "resync_engineers", "resync_team"})},
		},
	})
	if got := em.Server.UserResyncs(); got["lena"] != 2 || got["omar"] != 2 {
		t.Fatalf("two applies with a change each resynced %v, want lena and omar twice", got)
	}
}
