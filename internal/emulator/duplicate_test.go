package emulator

import (
	"testing"
)

// duplicateProject duplicates src as dataikuapi's DSSProject.duplicate does.
func duplicateProject(t *testing.T, u, src, asKey string, body map[string]any) resp {
	t.Helper()
	return call(t, u, "POST", "/public/api/projects/"+src+"/duplicate/", asKey, body)
}

// TestDuplicateProject: the copy holds the source's datasets and recipes
// naming the new key (a "${projectKey}" in a path stays as written), a
// remapped connection, the target name, the caller as owner; the source
// is unchanged.
func TestDuplicateProject(t *testing.T) {
	rn := startTest(t, withPG(testOpts()))
	u := rn.URL()
	expectOK(t, createProject(t, u, "SRC", testAdmin, map[string]any{"owner": "bob", "description": "the source"}))
	for _, ds := range []string{"raw", "clean"} {
		expectOK(t, createDataset(t, u, "SRC", testAdmin, map[string]any{
			"projectKey": "SRC", "name": ds, "type": "Filesystem",
			"params": map[string]any{"connection": "filesystem_root", "path": "/${projectKey}/" + ds}, "formatType": "csv", "formatParams": map[string]any{},
		}))
	}
	expectOK(t, call(t, u, "POST", "/public/api/projects/SRC/recipes/", testAdmin, map[string]any{
		"recipePrototype": map[string]any{
			"projectKey": "SRC", "name": "compute_clean", "type": "python",
			"inputs":  map[string]any{"main": map[string]any{"items": []any{map[string]any{"ref": "raw"}}}},
			"outputs": map[string]any{"main": map[string]any{"items": []any{map[string]any{"ref": "clean"}}}},
		},
		"creationSettings": map[string]any{"script": "print(1)"},
	}))

	r := duplicateProject(t, u, "SRC", testAdmin, map[string]any{
		"targetProjectKey": "COPY", "targetProjectName": "The copy", "duplicationMode": "MINIMAL",
		"remapping": map[string]any{"connections": []any{map[string]any{"source": "filesystem_root", "target": "filesystem_managed"}}},
	})
	expectOK(t, r)
	if r.obj()["targetProjectKey"] != "COPY" || r.obj()["sourceProjectKey"] != "SRC" {
		t.Fatalf("answer %s", r.raw)
	}
	d := call(t, u, "GET", dsBase+"COPY/datasets/raw", testAdmin, nil).obj()
	params, _ := d["params"].(map[string]any)
	if d["projectKey"] != "COPY" || params["connection"] != "filesystem_managed" || params["path"] != "/${projectKey}/raw" {
		t.Fatalf("copied dataset %v", d)
	}
	rec := call(t, u, "GET", "/public/api/projects/COPY/recipes/compute_clean", testAdmin, nil).obj()
	recipe, _ := rec["recipe"].(map[string]any)
	if recipe["projectKey"] != "COPY" || rec["payload"] != "print(1)" {
		t.Fatalf("copied recipe %v", rec)
	}
	md := call(t, u, "GET", "/public/api/projects/COPY/metadata", testAdmin, nil).obj()
	if md["label"] != "The copy" || md["description"] != "the source" {
		t.Fatalf("copy's metadata %v", md)
	}
	if sum := call(t, u, "GET", "/public/api/projects/COPY", testAdmin, nil).obj(); sum["ownerLogin"] != AdminLogin {
		t.Fatalf("copy's owner %v", sum["ownerLogin"])
	}
	// The source is unchanged.
	src := call(t, u, "GET", dsBase+"SRC/datasets/raw", testAdmin, nil).obj()
	if src["projectKey"] != "SRC" || src["params"].(map[string]any)["connection"] != "filesystem_root" {
		t.Fatalf("source dataset changed: %v", src)
	}
}

// TestDuplicateProjectRefusals: a taken target key, a missing source, an
// invalid key, a duplicationMode that is empty or not a string, a source
// the caller cannot read, and a caller who may not create projects are
// refused as DSS refuses them, and nothing is created.
func TestDuplicateProjectRefusals(t *testing.T) {
	rn, u := startWithProject(t, testOpts(), "SRC")
	expectOK(t, createProject(t, u, "TAKEN", testAdmin, nil))
	body := func(key string) map[string]any {
		return map[string]any{"targetProjectKey": key, "targetProjectName": "n"}
	}
	expectMessage(t, duplicateProject(t, u, "SRC", testAdmin, body("TAKEN")), StatusDuplicate, ErrTypeIllegalArgument, "Project TAKEN already exists")
	expectMessage(t, duplicateProject(t, u, "NOPE", testAdmin, body("NEW")), 404, ErrTypeNotFound, "Project NOPE does not exist")
	expectMessage(t, duplicateProject(t, u, "SRC", testAdmin, body("A-B")), StatusInvalidKey, ErrTypeIllegalArgument, "Invalid project key: A-B")
	for mode, shown := range map[any]string{"": `""`, 5: `5`, true: `true`} {
		expectMessage(t, duplicateProject(t, u, "SRC", testAdmin, map[string]any{"targetProjectKey": "NEW", "targetProjectName": "n", "duplicationMode": mode}),
			400, ErrTypeIllegalArgument, "Invalid duplicationMode: "+shown)
	}
	// bob cannot see SRC: the same answer as for a missing project.
	expectMessage(t, duplicateProject(t, u, "SRC", testBob, body("NEW")), rn.Server.opts.UnauthorizedStatus, ErrTypeUnauthorized, MsgProjectPermissions)
	// carol reads SRC but may not create projects.
	g := call(t, u, "GET", "/public/api/admin/groups/readers", testAdmin, nil).obj()
	g["mayCreateProjects"] = false
	expectOK(t, call(t, u, "PUT", "/public/api/admin/groups/readers", testAdmin, g))
	expectOK(t, call(t, u, "PUT", "/public/api/projects/SRC/permissions", testAdmin, map[string]any{
		"owner": AdminLogin, "permissions": []any{map[string]any{"group": "readers", "readProjectContent": true}},
	}))
	expectMessage(t, duplicateProject(t, u, "SRC", testCarol, body("NEW")), 403, ErrTypeSecurity, MsgMayNotCreateProj)
	if _, ok := rn.Server.Snapshot().Projects["NEW"]; ok {
		t.Fatal("a refused duplication created NEW")
	}
}

// TestDuplicateProjectAnyMode: a duplicationMode outside the four
// dataikuapi names (a mode a newer DSS adds, a spelling DSS may take) is
// DSS's to judge, not the emulator's: the copy is made. The emulator once
// refused them.
func TestDuplicateProjectAnyMode(t *testing.T) {
	rn, u := startWithProject(t, testOpts(), "SRC")
	for key, mode := range map[string]any{"FUTURE": "FUTURE_MODE_2", "LOWER": "minimal", "NULL": nil} {
		expectOK(t, duplicateProject(t, u, "SRC", testAdmin, map[string]any{"targetProjectKey": key, "targetProjectName": "n", "duplicationMode": mode}))
		if _, ok := rn.Server.Snapshot().Projects[key]; !ok {
			t.Errorf("the duplication with mode %v made no project %s", mode, key)
		}
	}
}
