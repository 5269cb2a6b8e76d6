package provider_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAdoptRealShapesPeople adopts people as real instances hold them,
// each made with the exact body Dataiku's Python client sends
// (dss-api-more.md §7.1): a group named as a directory names it ("Data
// Team"), a user whose login holds a backslash and a space and who is in
// that group, the global key create_global_api_key makes by default (label
// null, not admin, no groups), a personal key with an empty label, and a
// project granted to a group whose name holds a backslash and to that user,
// and users whose e-mail is no address (the local administrator's
// "admin@localhost", a directory's placeholder "n/a").
// dss-adopt once stopped on each ("Attribute label string length must be
// between 1 and 256", "Missing rights for dataiku_api_key", "Invalid
// group name"); the e-mails once made the generated configuration's plan
// fail ("must be an e-mail address"). Generation must succeed, the adopting apply must write
// nothing and the next plan must be empty.
//
// The admin's key is "secret", the short word the docs' emulator commands
// use: dss-adopt once refused every run with it, taking the word in its own
// providers.tf comment and in secret_params_wo for a leaked key.
func TestAdoptRealShapesPeople(t *testing.T) {
	site := startAdoptSite(t, emulator.Options{AdminKey: "secret", CodeEnvBuildTime: -1})
	c, ctx := site.c, context.Background()
	const group, login = "Data Team", `CORP\j doe`
	must := fatalOnError(t)
	must("group", c.Post(ctx, "/admin/groups/", nil, map[string]any{"name": group, "description": nil, "sourceType": "LOCAL"}, nil))
	must("user", c.Post(ctx, "/admin/users/", nil, map[string]any{"login": login, "password": "Pw-real-shapes-1", "displayName": "",
		"sourceType": "LOCAL", "groups": []string{group}, "userProfile": "DATA_SCIENTIST", "email": nil}, nil))
	for login, email := range map[string]string{"local_admin": "admin@localhost", "ldap_placeholder": "n/a"} {
		must("user "+login, c.CreateUser(ctx, dss.NewUser{Login: login, SourceType: "LDAP", Email: email}))
	}
	var global, personal struct {
		ID  string `json:"id"`
		Key string `json:"key"`
	}
	must("global key", c.Post(ctx, "/admin/global-api-keys/", nil,
		map[string]any{"label": nil, "description": nil, "globalPermissions": map[string]any{"admin": false}}, &global))
	must("personal key", c.Post(ctx, "/admin/personal-api-keys/", nil, map[string]any{"user": login, "label": "", "description": ""}, &personal))
	// A group whose name holds a backslash, granted with the user on a
	// project: the grants must reference both adopted resources.
	const corpGroup, project = `CORP\analysts`, "REAL_PEOPLE"
	must("backslash group", c.Post(ctx, "/admin/groups/", nil, map[string]any{"name": corpGroup, "description": nil, "sourceType": "LOCAL"}, nil))
	must("project", c.CreateProject(ctx, dss.CreateProjectRequest{ProjectKey: project, Name: project}, ""))
	_, _, err := dss.ProjectPermissionsDoc(project).Update(ctx, c, func(p *dss.ProjectPermissions) error {
		p.Grants = []dss.ProjectGrant{{Group: corpGroup, ReadProjectContent: new(true)}, {User: login, WriteProjectContent: new(true), ReadProjectContent: new(true)}}
		return nil
	})
	must("grants", err)
	// DSS's side is what the provider must read: no label, no groups.
	raw := map[string]any{}
	must("global key read", c.Get(ctx, dss.GlobalAPIKeyDoc(global.ID).Path(), nil, &raw))
	if label, ok := raw["label"]; !ok || label != nil || fmt.Sprint(raw["groups"]) != "[]" {
		t.Fatalf("the default global key in DSS: %v", raw)
	}

	// --include-builtin: a personal key of another user than dss-adopt's
	// is adopted only when asked.
	adopted := site.adopt(t, []string{global.Key, personal.Key, "Pw-real-shapes-1"},
		"--kinds", "project,group,user,api_key,personal_api_key", "--include-builtin")
	generated := adopted.file(t, "generated.tf")
	expectGenerated(t, generated,
		`name = "Data Team"`,
		`login = "CORP\\j doe"`,
		`groups = [dataiku_group.data_team.name]`,
		// The personal key's user is a reference, matched by the
		// login's value, though HCL writes its backslash escaped.
		`user = dataiku_user.corp_j_doe.login`,
		// The project's grantees are references too, matched by their
		// value though HCL writes their backslash escaped.
		`group = dataiku_group.corp_analysts.name`,
		// The e-mails as DSS holds them.
		`email = "admin@localhost"`,
		`email = "n/a"`,
	)
	// The user is referenced twice: by the personal key and the grant.
	if n := strings.Count(string(generated), "= dataiku_user.corp_j_doe.login\n"); n != 2 {
		t.Errorf("generated.tf references the user %d times, want 2 (the personal key, the project's grant):\n%s", n, generated)
	}
	// The empty label and the missing groups are the schema's defaults:
	// left out of the configuration.
	for _, line := range strings.Split(string(generated), "\n") {
		if f := strings.Fields(line); len(f) > 2 && (f[0] == "label" || (f[0] == "groups" && f[2] != "[dataiku_group.data_team.name]")) {
			t.Errorf("generated.tf writes %q, the schema's default:\n%s", strings.TrimSpace(line), generated)
		}
	}
	imports := adopted.file(t, "imports.tf")
	expectContains(t, "imports.tf", string(imports), `id = "`+global.ID+`"`, `id = "`+personal.ID+`"`, `id = "Data Team"`, `id = "CORP\\j doe"`)
	imported := strings.Count(string(imports), "import {")

	before := site.writes()
	out := acctest.MustTerraform(t, adopted.dir, adopted.env, adopted.secrets, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, fmt.Sprintf("%d imported, 0 added, 0 changed, 0 destroyed", imported)) || imported < 4 {
		t.Errorf("the adopting apply did not import the %d objects of imports.tf without a change:\n%s", imported, acctest.MaskSecrets(acctest.Tail(out, 4000), adopted.secrets))
	}
	if n := site.writes() - before; n != 0 {
		t.Errorf("the adopting apply wrote %d times to DSS", n)
	}
	adopted.requirePlanEmpty(t)
	// Still as DSS's client made them: the adoption wrote nothing back.
	raw = map[string]any{}
	must("global key read", c.Get(ctx, dss.GlobalAPIKeyDoc(global.ID).Path(), nil, &raw))
	if raw["label"] != nil {
		t.Errorf("the adoption wrote the global key's label: %v", raw)
	}
	for login, email := range map[string]string{"local_admin": "admin@localhost", "ldap_placeholder": "n/a"} {
		u, err := dss.UserDoc(login).Get(ctx, c)
		must("user "+login+" read", err)
		if u.Email != email {
			t.Errorf("user %s in DSS has e-mail %q after the adoption, want %q", login, u.Email, email)
		}
	}
}
