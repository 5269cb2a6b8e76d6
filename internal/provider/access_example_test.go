package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccAccessFromYAMLExample applies examples/access-from-yaml as a user
// would: groups, users and project grants from one YAML file, onto
// projects the configuration does not own. It checks through DSS's API
// that each group, each user's groups and each grant are as the file says,
// that a grant made outside the file survives every apply and the destroy,
// that an edit of the file (a user leaves a group, a role changes, a grant
// is dropped) applies in place with an empty plan after, that a role the
// file does not define fails the plan naming it, and that destroy removes
// the people and the grants but not the projects.
func TestAccAccessFromYAMLExample(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireTerraformCLITests(t)
	acctest.PreCheck(t)
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	work := acctest.CopyExampleDir(t, "access-from-yaml")
	source, err := os.ReadFile(filepath.Join(acctest.RepoRoot(t), "examples", "access-from-yaml", "access.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeAccess := func(text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(work, "access.yaml"), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	writeAccess(string(source))

	// Names of their own, so that a run on a real DSS meets no real team.
	prefix := "tfacc_"
	keyPrefix := acctest.ProjectKey("ACCESS") + "_"
	sales, finance := keyPrefix+"SALES", keyPrefix+"FINANCE"
	analysts, engineers, auditors := prefix+"analysts", prefix+"engineers", prefix+"auditors"
	// The projects belong to another configuration, and SALES already
	// grants a group the file does not name.
	outsiders := prefix + "outsiders"
	if err := c.CreateGroup(ctx, outsiders, "", "LOCAL"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Delete(ctx, dss.Path("admin", "groups", outsiders), nil, nil) })
	for _, key := range []string{sales, finance} {
		if err := c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: key, Name: key, Owner: "admin"}, ""); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Delete(ctx, dss.Path("projects", key), nil, nil) })
	}
	var perms map[string]any
	if err := c.Get(ctx, dss.Path("projects", sales, "permissions"), nil, &perms); err != nil {
		t.Fatal(err)
	}
	perms["permissions"] = append(asList(perms["permissions"]), map[string]any{"group": outsiders, "readProjectContent": true})
	if err := c.Put(ctx, dss.Path("projects", sales, "permissions"), nil, perms, nil); err != nil {
		t.Fatal(err)
	}

	vars := []string{"-var", "dss_host=" + acctest.Host(t), "-var", "dss_api_key=" + acctest.APIKey,
		"-var", "name_prefix=" + prefix, "-var", "project_key_prefix=" + keyPrefix}
	run := func(args ...string) (string, int) {
		t.Helper()
		return acctest.TerraformRun(t, work, append(append(args, "-no-color"), vars...)...)
	}
	destroy := acctest.DestroyAtEnd(t, work, vars...)
	applyThenEmptyPlan := func(step string) {
		t.Helper()
		if out, code := run("apply", "-auto-approve"); code != 0 {
			t.Fatalf("%s: apply failed (exit %d):\n%s", step, code, out)
		}
		if out, code := run("plan", "-detailed-exitcode"); code != 0 {
			t.Errorf("%s: the plan after the apply is not empty (exit %d):\n%s", step, code, out)
		}
	}
	// grants reads a project's grants by group: DSS's flags as it holds them.
	grants := func(key string) map[string]map[string]any {
		t.Helper()
		var doc map[string]any
		if err := c.Get(ctx, dss.Path("projects", key, "permissions"), nil, &doc); err != nil {
			t.Fatal(err)
		}
		out := map[string]map[string]any{}
		for _, e := range asList(doc["permissions"]) {
			if m, ok := e.(map[string]any); ok && m["group"] != nil {
				out[fmt.Sprint(m["group"])] = m
			}
		}
		return out
	}
	wantGroups := func(key string, want ...string) map[string]map[string]any {
		t.Helper()
		g := grants(key)
		got := make([]string, 0, len(g))
		for name := range g {
			got = append(got, name)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("project %s is granted to %v, want %v", key, got, want)
		}
		return g
	}
	userGroups := func(login string) []string {
		t.Helper()
		var u struct {
			Groups []string `json:"groups"`
		}
		if err := c.Get(ctx, dss.Path("admin", "users", login), nil, &u); err != nil {
			t.Fatal(err)
		}
		slices.Sort(u.Groups)
		return u.Groups
	}
	isReader := func(m map[string]any) bool {
		return m["readProjectContent"] == true && m["readDashboards"] == true && m["writeProjectContent"] != true && m["admin"] != true
	}
	isContributor := func(m map[string]any) bool {
		return m["writeProjectContent"] == true && m["runScenarios"] == true && m["admin"] != true
	}

	applyThenEmptyPlan("the example's file")
	var eng map[string]any
	if err := c.Get(ctx, dss.Path("admin", "groups", engineers), nil, &eng); err != nil {
		t.Fatal(err)
	}
	if eng["sourceType"] != "LDAP" || !strings.Contains(fmt.Sprint(eng["ldapGroupNames"]), "cn=data-eng,ou=groups,dc=example,dc=com") {
		t.Errorf("group %s = %v: want LDAP, mapped from cn=data-eng", engineers, eng)
	}
	if got := userGroups(prefix + "omar.haddad"); !slices.Equal(got, []string{analysts, engineers}) {
		t.Errorf("omar.haddad's groups %v, want %s and %s", got, analysts, engineers)
	}
	g := wantGroups(sales, analysts, engineers, auditors, outsiders)
	if !isContributor(g[analysts]) || g[engineers]["admin"] != true || !isReader(g[auditors]) {
		t.Errorf("SALES grants %v: want analysts contributing, engineers admin, auditors reading", g)
	}
	if o := g[outsiders]; o["readProjectContent"] != true {
		t.Errorf("the grant made outside the file changed: %v", o)
	}
	if g := wantGroups(finance, auditors); !isReader(g[auditors]) {
		t.Errorf("FINANCE grants %v: want auditors reading", g)
	}

	// The file edited: omar leaves the analysts, the auditors contribute
	// to FINANCE, the analysts lose SALES.
	edited := strings.Replace(string(source), "groups: [engineers, analysts]", "groups: [engineers]", 1)
	edited = strings.Replace(edited, "  FINANCE:\n    auditors: reader", "  FINANCE:\n    auditors: contributor", 1)
	edited = strings.Replace(edited, "    analysts: contributor\n", "", 1)
	if edited == string(source) || strings.Count(edited, "\n") != strings.Count(string(source), "\n")-1 {
		t.Fatalf("the edits of access.yaml did not all apply; the example's file changed?\n%s", edited)
	}
	writeAccess(edited)
	applyThenEmptyPlan("the edited file")
	if got := userGroups(prefix + "omar.haddad"); !slices.Equal(got, []string{engineers}) {
		t.Errorf("after the edit, omar.haddad's groups %v, want %s alone", got, engineers)
	}
	wantGroups(sales, engineers, auditors, outsiders)
	if g := wantGroups(finance, auditors); !isContributor(g[auditors]) {
		t.Errorf("after the edit, FINANCE grants %v: want auditors contributing", g)
	}

	// A role the file does not define fails the plan, naming it.
	writeAccess(strings.Replace(edited, "auditors: contributor", "auditors: owner", 1))
	if out, code := run("plan"); code == 0 || !strings.Contains(out, `the role "owner"`) {
		t.Errorf("a plan with an unknown role: exit %d, want a failure naming the role:\n%s", code, out)
	}
	writeAccess(edited)

	destroy(vars...)
	for _, path := range []string{dss.Path("admin", "groups", analysts), dss.Path("admin", "users", prefix+"jane.doe")} {
		if err := c.Get(ctx, path, nil, nil); !dss.IsNotFound(err) {
			t.Errorf("%s after the destroy: %v, want not found", path, err)
		}
	}
	wantGroups(sales, outsiders)
	wantGroups(finance)
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
