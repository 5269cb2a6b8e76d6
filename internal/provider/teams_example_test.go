package provider_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccTeamsExample applies examples/teams, built from the reusable
// modules (modules/team, modules/project), as a user would: a copy at the
// same depth as in a clone, terraform get, the real terraform and the
// provider built from this tree. It checks through DSS's API what each
// module promises (the groups and what members may do, the team folder and
// its grant, the team's code env and who may use it, the project in the
// team's folder with one grant per group at its role's rights, the zones,
// the default Python env), that the next plan is empty, that a reader
// added later is granted in place, and that destroy removes it all.
func TestAccTeamsExample(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireTerraformCLITests(t)
	acctest.PreCheck(t)
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	work := acctest.CopyExampleDir(t, "teams")
	if out, code := acctest.TerraformRun(t, work, "get", "-no-color"); code != 0 {
		t.Fatalf("terraform get failed (exit %d):\n%s", code, out)
	}
	// Names of their own, so that a run on a real DSS meets no real team.
	prefix, key := "tfacc_", acctest.ProjectKey("TEAMS")
	growth, finance, env := prefix+"growth", prefix+"finance", prefix+"growth-py"
	// A group that exists before, for the reader added in the second apply.
	auditors := prefix + "auditors"
	if err := c.CreateGroup(ctx, auditors, "", "LOCAL"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Delete(ctx, dss.Path("admin", "groups", auditors), nil, nil) })
	vars := func(extraReaders string) []string {
		return []string{"-var", "dss_host=" + acctest.Host(t), "-var", "dss_api_key=" + acctest.APIKey,
			"-var", "name_prefix=" + prefix, "-var", "project_key=" + key, "-var", "extra_readers=" + extraReaders}
	}
	destroy := acctest.DestroyAtEnd(t, work, vars("[]")...)
	applyThenEmptyPlan := func(extraReaders string) {
		t.Helper()
		if out, code := acctest.TerraformRun(t, work, append([]string{"apply", "-auto-approve", "-no-color"}, vars(extraReaders)...)...); code != 0 {
			t.Fatalf("apply with extra_readers=%s failed (exit %d):\n%s", extraReaders, code, out)
		}
		if out, code := acctest.TerraformRun(t, work, append([]string{"plan", "-detailed-exitcode", "-no-color"}, vars(extraReaders)...)...); code != 0 {
			t.Errorf("the plan after the apply with extra_readers=%s is not empty (exit %d):\n%s", extraReaders, code, out)
		}
	}
	getDoc := func(path string) map[string]any {
		t.Helper()
		var doc map[string]any
		if err := c.Get(ctx, path, nil, &doc); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		return doc
	}

	applyThenEmptyPlan("[]")

	// modules/team: the groups, with what members may do.
	g := getDoc(dss.Path("admin", "groups", growth))
	if g["sourceType"] != "LOCAL" || g["mayCreateProjects"] != true || g["mayCreateCodeEnvs"] != true || g["mayWriteUnsafeCode"] != false {
		t.Errorf("group %s = %v: want LOCAL, may create projects and code envs, no unsafe code", growth, g)
	}
	f := getDoc(dss.Path("admin", "groups", finance))
	if f["sourceType"] != "LDAP" || f["mayCreateProjects"] != false || !strings.Contains(fmt.Sprint(f["ldapGroupNames"]), "cn=finance,ou=groups,dc=example,dc=com") {
		t.Errorf("group %s = %v: want LDAP from cn=finance, no project creation", finance, f)
	}
	// The team's folder, granted to the team, holds the project.
	folder, err := c.LocateProject(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if folder.Name == nil || *folder.Name != growth {
		t.Errorf("project %s is in folder %+v, want the growth team's folder %q", key, folder, growth)
	}
	if perms := fmt.Sprint(getDoc(dss.Path("project-folders", folder.ID, "settings"))["permissions"]); !strings.Contains(perms, "group:"+growth) || !strings.Contains(perms, "writeContents:true") {
		t.Errorf("folder %s permissions = %s: want the growth group writing its contents", folder.ID, perms)
	}
	// The team's env (permissions at the top of a design node's env): the
	// team uses it, and cannot change it.
	if perms := fmt.Sprint(getDoc(dss.CodeEnvPath("PYTHON", env))["permissions"]); !strings.Contains(perms, "group:"+growth) || !strings.Contains(perms, "use:true") || strings.Contains(perms, "update:true") {
		t.Errorf("code env %s permissions = %s: want the growth group using it, not updating it", env, perms)
	}
	// modules/project: one grant per group at its role's rights.
	wantGrants := func(extra ...string) {
		t.Helper()
		grants := map[string]map[string]any{}
		raw, _ := getDoc(dss.Path("projects", key, "permissions"))["permissions"].([]any)
		for _, e := range raw {
			if m, ok := e.(map[string]any); ok {
				grants[fmt.Sprint(m["group"])] = m
			}
		}
		want := append([]string{"administrators", finance, growth}, extra...)
		got := make([]string, 0, len(grants))
		for name := range grants {
			got = append(got, name)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("project %s is granted to %v, want %v", key, got, want)
		}
		if a := grants["administrators"]; a["admin"] != true {
			t.Errorf("administrators' grant %v: want admin", a)
		}
		if w := grants[growth]; w["writeProjectContent"] != true || w["runScenarios"] != true || w["admin"] != false {
			t.Errorf("%s's grant %v: want a contributor's (write, run scenarios, not admin)", growth, w)
		}
		for _, reader := range append([]string{finance}, extra...) {
			if r := grants[reader]; r["readProjectContent"] != true || r["readDashboards"] != true || r["writeProjectContent"] != false {
				t.Errorf("%s's grant %v: want a reader's (read content and dashboards, no write)", reader, r)
			}
		}
	}
	wantGrants()
	zones, err := c.ListFlowZones(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	var zoneNames []string
	for _, z := range zones {
		zoneNames = append(zoneNames, z.Name)
	}
	if !slices.Contains(zoneNames, "ingest") || !slices.Contains(zoneNames, "scoring") {
		t.Errorf("project %s zones %v: want ingest and scoring", key, zoneNames)
	}
	if settings := fmt.Sprint(getDoc(dss.Path("projects", key, "settings"))["settings"]); !strings.Contains(settings, "envName:"+env) {
		t.Errorf("project %s settings %s: want %s as the default Python env", key, settings, env)
	}

	// A reader added later: granted in place, nothing else moves.
	applyThenEmptyPlan(`["` + auditors + `"]`)
	wantGrants(auditors)

	destroy(vars(`["` + auditors + `"]`)...)
	for _, path := range []string{dss.Path("projects", key), dss.Path("admin", "groups", growth), dss.Path("admin", "groups", finance),
		dss.CodeEnvPath("PYTHON", env), dss.Path("project-folders", folder.ID)} {
		if err := c.Get(ctx, path, nil, nil); !dss.IsNotFound(err) && !dss.IsCodeEnvMissing(err) {
			t.Errorf("%s after the destroy: %v, want not found", path, err)
		}
	}
	// The group the configuration only named stays.
	if err := c.Get(ctx, dss.Path("admin", "groups", auditors), nil, nil); err != nil {
		t.Errorf("group %s, which the configuration only granted, after the destroy: %v", auditors, err)
	}
}
