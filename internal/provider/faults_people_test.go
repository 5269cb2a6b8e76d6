package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The fault matrix for the instance's people: a group, a user in it with a
// write-only password, a global key with the group's rights and a personal
// key of the user. Each DSS call those four resources make meets a failure,
// and whatever the faulty apply does, the next one converges to exactly the
// configuration with an empty plan, no duplicate group, user or key, and no
// secret in Terraform's output.

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
	c, ctx := testClient(t), context.Background()
	p := faultPeople{Prefix: prefix}
	groups, err := c.ListGroups(ctx)
	if err != nil {
		t.Fatalf("listing groups: %v", err)
	}
	var gotGroups []string
	for _, g := range groups {
		if g.Name == p.group() {
			gotGroups = append(gotGroups, g.Name)
			if want != nil && (g.Description != want.Desc || g.MayCreateProjects == nil || !*g.MayCreateProjects) {
				t.Errorf("group %s: description %q, mayCreateProjects %v; want %q and true", g.Name, g.Description, g.MayCreateProjects, want.Desc)
			}
		}
	}
	users, err := c.ListUsers(ctx)
	if err != nil {
		t.Fatalf("listing users: %v", err)
	}
	var gotUsers []string
	for _, u := range users {
		if u.Login == p.login() {
			gotUsers = append(gotUsers, u.Login)
			if want != nil && (u.DisplayName != want.Desc || !slices.Equal(u.Groups, []string{p.group()})) {
				t.Errorf("user %s: display name %q, groups %v; want %q and [%s]", u.Login, u.DisplayName, u.Groups, want.Desc, p.group())
			}
		}
	}
	globals, err := c.ListGlobalAPIKeys(ctx)
	if err != nil {
		t.Fatalf("listing global keys: %v", err)
	}
	var gotKeys []string
	for _, k := range globals {
		if k.Label == p.keyLabel() {
			gotKeys = append(gotKeys, k.ID)
			if want != nil && (k.Description != want.Desc || !slices.Equal(k.Groups, []string{p.group()})) {
				t.Errorf("global key %s: description %q, groups %v; want %q and [%s]", k.ID, k.Description, k.Groups, want.Desc, p.group())
			}
		}
	}
	personals, err := c.ListAllPersonalAPIKeys(ctx)
	if err != nil {
		t.Fatalf("listing personal keys: %v", err)
	}
	var gotPersonal []string
	for _, k := range personals {
		if k.Label == p.pkLabel() {
			gotPersonal = append(gotPersonal, k.ID)
			if want != nil && (k.Description != want.Desc || k.User != p.login()) {
				t.Errorf("personal key %s: description %q, user %q; want %q and %s", k.ID, k.Description, k.User, want.Desc, p.login())
			}
		}
	}
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

// deletePeopleWithPrefix removes what a case left, so a failed case does
// not disturb the next ones. Deleting the user deletes its personal keys.
func deletePeopleWithPrefix(t *testing.T, prefix string) {
	t.Helper()
	c, ctx := testClient(t), context.Background()
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
	testAccParallelOnEmulator(t)
	testAccPreCheck(t)
	requireEmulator(t)
	base, updated := "before", "after" // the descriptions

	var (
		postGroup    = faultCall{"create group", "POST", `/admin/groups$`}
		putGroup     = faultCall{"update group", "PUT", `/admin/groups/%s_team$`}
		getGroup     = faultCall{"read group", "GET", `/admin/groups/%s_team$`}
		deleteGroup  = faultCall{"delete group", "DELETE", `/admin/groups/%s_team$`}
		postUser     = faultCall{"create user", "POST", `/admin/users$`}
		putUser      = faultCall{"update user", "PUT", `/admin/users/%s_bot$`}
		getUser      = faultCall{"read user", "GET", `/admin/users/%s_bot$`}
		deleteUser   = faultCall{"delete user", "DELETE", `/admin/users/%s_bot$`}
		postKey      = faultCall{"create global key", "POST", `/admin/global-api-keys$`}
		putKey       = faultCall{"update global key", "PUT", `/admin/global-api-keys/[^/]+$`}
		getKey       = faultCall{"read global key", "GET", `/admin/global-api-keys/[^/]+$`}
		deleteKey    = faultCall{"delete global key", "DELETE", `/admin/global-api-keys/[^/]+$`}
		postPersonal = faultCall{"create personal key", "POST", `/admin/personal-api-keys$`}
		putPersonal  = faultCall{"update personal key", "PUT", `/personal-api-keys/[^/]+$`}
		getPersonal  = faultCall{"read personal key", "GET", `/personal-api-keys/[^/]+$`}
	)
	const (
		routeCreateGroup    = "POST /public/api/admin/groups"
		routeCreateUser     = "POST /public/api/admin/users"
		routeCreateKey      = "POST /public/api/admin/global-api-keys"
		routeCreatePersonal = "POST /public/api/admin/personal-api-keys"
	)
	type op = faultOp[string]
	create := op{target: &base}
	read := op{setup: &base, target: &base}
	update := op{setup: &base, target: &updated}
	destroy := op{setup: &base}
	createOnce := func(route string) op { return op{target: &base, creates: []string{route}} }

	cases := []faultRow[string]{
		{postGroup, faultDropAfter, createOnce(routeCreateGroup), false},
		{postGroup, fault502After, createOnce(routeCreateGroup), false},
		{putGroup, faultDown503, create, true}, // the group exists, its capabilities are not written yet
		{putGroup, fault429, update, false},
		{getGroup, faultDrop, read, false},
		{postUser, faultDropAfter, createOnce(routeCreateUser), false},
		{postUser, fault503, create, false},
		{putUser, faultSlow, update, false},
		{putUser, faultDown502, update, true},
		{getUser, fault502, read, false},
		{postKey, faultDropAfter, createOnce(routeCreateKey), false},
		{postKey, fault502After, createOnce(routeCreateKey), false},
		{putKey, fault503, update, false},
		{getKey, faultSlow, read, false},
		{postPersonal, faultDropAfter, createOnce(routeCreatePersonal), false},
		{putPersonal, faultDrop, update, false},
		{getPersonal, fault429, read, false},
		{deleteKey, faultDropAfter, destroy, false},
		{deleteUser, fault503, destroy, false},
		{deleteGroup, faultDropAfter, destroy, false},
	}

	// people is case prefix's configuration with description desc (nil:
	// none).
	people := func(prefix string, desc *string) *faultPeople {
		if desc == nil {
			return nil
		}
		return &faultPeople{Prefix: prefix, Desc: *desc}
	}
	runFaultMatrix(t, faultMatrix[string]{
		what:       "people",
		name:       func(i int) string { return fmt.Sprintf("fltp%02d", i) },
		clearError: faultPeopleClearError,
		secrets:    []string{faultPeoplePassword},
		prepare:    func(t *testing.T, prefix string) { t.Cleanup(func() { deletePeopleWithPrefix(t, prefix) }) },
		hcl:        func(prefix string, desc *string) string { return faultPeopleHCL(people(prefix, desc)) },
		holds: func(t *testing.T, prefix, dir string, desc *string) {
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
	st := stateFiles(t, dir)["terraform.tfstate"]
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
