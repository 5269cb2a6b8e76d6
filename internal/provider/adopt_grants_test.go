package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAdoptGrants: dss-adopt --grants adopts a project's grants as
// dataiku_project_grant resources (a group's whose name holds a space, and
// a user's), each naming its adopted group or user by reference, and
// leaves permissions out of the dataiku_project block, which then leaves
// the grants to them. The adopting apply writes nothing, the next plan is
// empty, and a change to one grant is applied to that grant alone.
func TestAdoptGrants(t *testing.T) {
	site := startAdoptSite(t, emulator.Options{AdminKey: "adopt-grants-admin-key-6e1f", CodeEnvBuildTime: -1})
	c, ctx := site.c, context.Background()
	const key, group, login = "GRANTED", "Data Team", "ana"
	must := fatalOnError(t)
	site.createProject(ctx, t, key, "Granted")
	must("group", c.CreateGroup(ctx, group, "", "LOCAL"))
	must("user", c.CreateUser(ctx, dss.NewUser{Login: login, DisplayName: "Ana", Groups: []string{group}}))
	yes, no := true, false
	_, _, err := dss.ProjectPermissionsDoc(key).Update(ctx, c, func(p *dss.ProjectPermissions) error {
		p.Grants = []dss.ProjectGrant{
			{Group: group, ReadProjectContent: &yes, WriteProjectContent: &yes},
			{User: login, ReadProjectContent: &yes, WriteProjectContent: &no},
		}
		return nil
	})
	must("grants", err)
	// A project without grants leaves permissions out too: a grant added
	// to it later must not meet an authoritative empty list.
	site.createProject(ctx, t, "UNGRANTED", "Ungranted")
	_, _, err = dss.ProjectPermissionsDoc("UNGRANTED").Update(ctx, c, func(p *dss.ProjectPermissions) error {
		p.Grants = nil
		return nil
	})
	must("no grants", err)

	adopted := site.adopt(t, nil, "--grants", "--kinds", "project,group,user", "--projects", key+",UNGRANTED")
	imports := string(adopted.file(t, "imports.tf"))
	for _, id := range []string{key + ".group." + group, key + ".user." + login} {
		if !strings.Contains(imports, `id = "`+id+`"`) {
			t.Errorf("imports.tf does not import the grant %s:\n%s", id, imports)
		}
	}
	if n := strings.Count(imports, "to = dataiku_project_grant."); n != 2 {
		t.Errorf("imports.tf imports %d grants, want 2:\n%s", n, imports)
	}
	generated := string(adopted.file(t, "generated.tf"))
	projects := regexp.MustCompile(`(?s)resource "dataiku_project" "\w+" \{.*?\n\}`).FindAllString(generated, -1)
	if len(projects) != 2 {
		t.Errorf("generated.tf has %d project blocks, want 2:\n%s", len(projects), generated)
	}
	for _, project := range projects {
		if strings.Contains(project, "permissions") {
			t.Errorf("a project's block, which must leave permissions to the grants:\n%s", project)
		}
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?s)resource "dataiku_project_grant" "\w+" \{[^}]*group\s+= dataiku_group\.\w+\.name`),
		regexp.MustCompile(`(?s)resource "dataiku_project_grant" "\w+" \{[^}]*user\s+= dataiku_user\.\w+\.login`),
	} {
		if !want.MatchString(generated) {
			t.Errorf("generated.tf has no grant matching %s:\n%s", want, generated)
		}
	}
	expectContains(t, "the summary", adopted.stdout, "Grants: 2 dataiku_project blocks leave out permissions")

	before := site.writes()
	adopted.apply(t, "0 added, 0 changed, 0 destroyed", "the adopting apply changed something")
	if n := site.writes() - before; n != 0 {
		t.Errorf("the adopting apply sent %d writes to DSS", n)
	}
	adopted.requirePlanEmpty(t)

	// The user's grant gains write access: that grant alone changes.
	p := filepath.Join(adopted.dir, "generated.tf")
	userGrant := regexp.MustCompile(`(?s)(resource "dataiku_project_grant" "\w+" \{[^}]*user\s+= dataiku_user\.\w+\.login)`)
	edited := userGrant.ReplaceAllString(generated, "${1}\n  write_project_content = true")
	if edited == generated {
		t.Fatal("no user grant to edit")
	}
	must("edit", os.WriteFile(p, []byte(edited), 0o600))
	out := acctest.MustTerraform(t, adopted.dir, adopted.env, adopted.secrets, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, "0 added, 1 changed, 0 destroyed") {
		t.Errorf("the edited grant's apply:\n%s", acctest.Tail(out, 3000))
	}
	perms, err := dss.ProjectPermissionsDoc(key).Get(ctx, c)
	must("permissions", err)
	byWho := map[string]dss.ProjectGrant{}
	for _, g := range perms.Grants {
		byWho[g.Group+"|"+g.User] = g
	}
	if g := byWho["|"+login]; g.WriteProjectContent == nil || !*g.WriteProjectContent {
		t.Errorf("DSS's grant to %s after the edit: %+v", login, g)
	}
	if g := byWho[group+"|"]; len(perms.Grants) != 2 || g.WriteProjectContent == nil || !*g.WriteProjectContent {
		t.Errorf("DSS's grants after the edit: %+v, want the group's unchanged beside the user's", perms.Grants)
	}
	adopted.requirePlanEmpty(t)
}
