package instance_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The fault matrix for the instance's people: a group, a user in it with a
// write-only password, a global key with the group's rights and a personal
// key of the user. Each call of their own meets a failure: the four
// creation POSTs (the user's with its write-only password, the keys' found
// by label after a lost answer) and the personal key's read-modify-write,
// which its apply makes itself. Whatever the faulty apply does, the next
// one converges to exactly the configuration with an empty plan, no
// duplicate group, user or key, and no secret in Terraform's output. Their
// reads, the group's, user's and global key's SyncDocument and the deletes
// are the kit's, whose faults are tested once in kit/
// (TestKitFaultsOnGenericCalls, TestKitPartialFailure).

// faultPeople is one configuration; Desc changes between the base and the
// update, and every object's name derives from Prefix.
type faultPeople struct {
	Prefix, Desc string
}

func (p faultPeople) group() string    { return strings.ToLower(p.Prefix) + "_team" }
func (p faultPeople) login() string    { return strings.ToLower(p.Prefix) + "_bot" }
func (p faultPeople) keyLabel() string { return strings.ToLower(p.Prefix) + "-service" }
func (p faultPeople) pkLabel() string  { return strings.ToLower(p.Prefix) + "-personal" }

// faultPeoplePassword is the user's password in every configuration: it
// must never appear in Terraform's output.
const faultPeoplePassword = "fault-matrix-Pa55word!"

func faultPeopleHCL(p *faultPeople) string {
	return fmt.Sprintf(`
resource "dataiku_group" "team" {
  name                = %[1]q
  description         = %[5]q
  may_create_projects = true
}

resource "dataiku_user" "bot" {
  login               = %[2]q
  display_name        = %[5]q
  groups              = [dataiku_group.team.name]
  password_wo         = %[6]q
  password_wo_version = 1
}

resource "dataiku_api_key" "service" {
  label       = %[3]q
  description = %[5]q
  groups      = [dataiku_group.team.name]
}

resource "dataiku_personal_api_key" "bot" {
  user        = dataiku_user.bot.login
  label       = %[4]q
  description = %[5]q
}
`, p.group(), p.login(), p.keyLabel(), p.pkLabel(), p.Desc, faultPeoplePassword)
}

// assertPeopleHold checks through the admin client that DSS holds exactly
// what the configuration declares for prefix (nil: nothing): one group,
// one user, one global key and one personal key with the configured
// descriptions, and no duplicate key.
func assertPeopleHold(t *testing.T, prefix string, want *faultPeople) {
	t.Helper()
	c := acctest.Client(t)
	p := faultPeople{Prefix: prefix}
	gotGroups := namedIn(t, "groups", c.ListGroups, func(g dss.Group) (string, bool) { return g.Name, g.Name == p.group() }, func(g dss.Group) string {
		if want != nil && (g.Description != want.Desc || g.MayCreateProjects == nil || !*g.MayCreateProjects) {
			return fmt.Sprintf("group %s: description %q, mayCreateProjects %v; want %q and true", g.Name, g.Description, g.MayCreateProjects, want.Desc)
		}
		return ""
	})
	gotUsers := namedIn(t, "users", c.ListUsers, func(u dss.User) (string, bool) { return u.Login, u.Login == p.login() }, func(u dss.User) string {
		if want != nil && (u.DisplayName != want.Desc || !slices.Equal(u.Groups, []string{p.group()})) {
			return fmt.Sprintf("user %s: display name %q, groups %v; want %q and [%s]", u.Login, u.DisplayName, u.Groups, want.Desc, p.group())
		}
		return ""
	})
	gotKeys := namedIn(t, "global keys", c.ListGlobalAPIKeys, func(k dss.GlobalAPIKey) (string, bool) { return k.ID, k.Label == p.keyLabel() }, func(k dss.GlobalAPIKey) string {
		if want != nil && (k.Description != want.Desc || !slices.Equal(k.Groups, []string{p.group()})) {
			return fmt.Sprintf("global key %s: description %q, groups %v; want %q and [%s]", k.ID, k.Description, k.Groups, want.Desc, p.group())
		}
		return ""
	})
	gotPersonal := namedIn(t, "personal keys", c.ListAllPersonalAPIKeys, func(k dss.PersonalAPIKey) (string, bool) { return k.ID, k.Label == p.pkLabel() }, func(k dss.PersonalAPIKey) string {
		if want != nil && (k.Description != want.Desc || k.User != p.login()) {
			return fmt.Sprintf("personal key %s: description %q, user %q; want %q and %s", k.ID, k.Description, k.User, want.Desc, p.login())
		}
		return ""
	})
	n := 0
	if want != nil {
		n = 1
	}
	for what, got := range map[string][]string{"groups": gotGroups, "users": gotUsers, "global keys": gotKeys, "personal keys": gotPersonal} {
		if len(got) != n {
			t.Errorf("%s* %s in DSS: %v, the configuration has %d", prefix, what, got, n)
		}
	}
}

// namedIn lists what with list and returns the ids of the elements the
// configuration names (name says each one's id and whether it is one),
// failing the test with each such element's problem ("" for none).
func namedIn[T any](t *testing.T, what string, list func(context.Context) ([]T, error), name func(x T) (string, bool), problem func(x T) string) []string {
	t.Helper()
	all, err := list(context.Background())
	if err != nil {
		t.Fatalf("listing %s: %v", what, err)
	}
	var ids []string
	for _, x := range all {
		if id, ok := name(x); ok {
			ids = append(ids, id)
			if p := problem(x); p != "" {
				t.Error(p)
			}
		}
	}
	return ids
}

// deletePeopleWithPrefix removes what a case left, so a failed case does
// not disturb the next ones. Deleting the user deletes its personal keys.
func deletePeopleWithPrefix(t *testing.T, prefix string) {
	t.Helper()
	c, ctx := acctest.Client(t), context.Background()
	p := faultPeople{Prefix: prefix}
	if keys, err := c.ListGlobalAPIKeys(ctx); err == nil {
		for _, k := range keys {
			if k.Label == p.keyLabel() {
				_ = c.DeleteGlobalAPIKey(ctx, k.ID)
			}
		}
	}
	_ = c.DeleteUser(ctx, p.login())
	_ = c.DeleteGroup(ctx, p.group())
}

var faultPeopleClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_(group|user|api_key|personal_api_key) "[A-Za-z0-9_.@-]+"`)

func TestAccFaultsPeopleConverge(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	base, updated := "before", "after" // the descriptions

	var (
		postGroup    = acctest.FaultCall{Name: "create group", Method: "POST", Path: `/admin/groups$`}
		postUser     = acctest.FaultCall{Name: "create user", Method: "POST", Path: `/admin/users$`}
		postKey      = acctest.FaultCall{Name: "create global key", Method: "POST", Path: `/admin/global-api-keys$`}
		postPersonal = acctest.FaultCall{Name: "create personal key", Method: "POST", Path: `/admin/personal-api-keys$`}
		putPersonal  = acctest.FaultCall{Name: "update personal key", Method: "PUT", Path: `/personal-api-keys/[^/]+$`}
	)
	const (
		routeCreateGroup    = "POST /public/api/admin/groups"
		routeCreateUser     = "POST /public/api/admin/users"
		routeCreateKey      = "POST /public/api/admin/global-api-keys"
		routeCreatePersonal = "POST /public/api/admin/personal-api-keys"
	)
	type op = acctest.FaultOp[string]
	update := op{Setup: &base, Target: &updated}
	createOnce := func(route string) op { return op{Target: &base, Creates: []string{route}} }

	cases := []acctest.FaultRow[string]{
		{Call: postGroup, Fault: acctest.FaultDropAfter, Op: createOnce(routeCreateGroup), MayFail: false},
		{Call: postGroup, Fault: acctest.Fault502After, Op: createOnce(routeCreateGroup), MayFail: false},
		{Call: postUser, Fault: acctest.FaultDropAfter, Op: createOnce(routeCreateUser), MayFail: false},
		{Call: postUser, Fault: acctest.Fault503, Op: op{Target: &base}, MayFail: false},
		{Call: postKey, Fault: acctest.FaultDropAfter, Op: createOnce(routeCreateKey), MayFail: false},
		{Call: postKey, Fault: acctest.Fault502After, Op: createOnce(routeCreateKey), MayFail: false},
		{Call: postPersonal, Fault: acctest.FaultDropAfter, Op: createOnce(routeCreatePersonal), MayFail: false},
		{Call: putPersonal, Fault: acctest.FaultDrop, Op: update, MayFail: false},
	}

	// people is case prefix's configuration with description desc (nil:
	// none).
	people := func(prefix string, desc *string) *faultPeople {
		if desc == nil {
			return nil
		}
		return &faultPeople{Prefix: prefix, Desc: *desc}
	}
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[string]{
		What:       "people",
		Name:       func(i int) string { return fmt.Sprintf("fltp%02d", i) },
		ClearError: faultPeopleClearError,
		Secrets:    []string{faultPeoplePassword},
		Prepare:    func(t *testing.T, prefix string) { t.Cleanup(func() { deletePeopleWithPrefix(t, prefix) }) },
		HCL:        func(prefix string, desc *string) string { return faultPeopleHCL(people(prefix, desc)) },
		Holds: func(t *testing.T, prefix, dir string, desc *string) {
			target := people(prefix, desc)
			assertPeopleHold(t, prefix, target)
			if target != nil {
				// The converged keys work: the global key's secret in the
				// state authenticates with the group's rights.
				assertServiceKeyWorks(t, dir, target)
			}
		},
	}, cases)
}

// assertServiceKeyWorks reads the global key's secret from the state and
// checks that DSS accepts it as a key of the configured group, not admin.
func assertServiceKeyWorks(t *testing.T, dir string, p *faultPeople) {
	t.Helper()
	st := acctest.StateFiles(t, dir)["terraform.tfstate"]
	m := regexp.MustCompile(`"secret":\s*"([^"]+)"`).FindAllStringSubmatch(st, -1)
	if len(m) == 0 {
		t.Error("no key secret in the state after convergence")
		return
	}
	for _, s := range m {
		info, err := testKeyAuthInfo(t, s[1])
		if err != nil {
			t.Errorf("a key secret in the converged state does not authenticate: %v", err)
			continue
		}
		if info.Admin || !slices.Contains(info.Groups, p.group()) {
			t.Errorf("a converged key authenticates as %q with groups %v (admin %t), want group %s only", info.AuthIdentifier, info.Groups, info.Admin, p.group())
		}
	}
}
