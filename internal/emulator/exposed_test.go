package emulator

import (
	"testing"
)

// exposeBody is project settings with exposedObjects set to objects,
// built from a GET of the settings so that every other field is kept.
func exposeBody(t *testing.T, u, key, asKey string, objects []any) map[string]any {
	t.Helper()
	r := call(t, u, "GET", "/public/api/projects/"+key+"/settings", asKey, nil)
	expectOK(t, r)
	doc := r.obj()
	doc["exposedObjects"] = map[string]any{"objects": objects}
	return doc
}

// A recipe of RC reads SRC.shared only once SRC exposes it to RC (by a
// rule naming RC, or by quick sharing); the refusal is DSS's
// UnauthorizedException naming both projects.
func TestRecipeForeignInputNeedsExposure(t *testing.T) {
	u := recipeSetup(t)
	expectOK(t, createProject(t, u, "SRC", testAdmin, nil))
	expectOK(t, call(t, u, "POST", "/dip/publicapi/projects/SRC/datasets/", testAdmin,
		`{"projectKey": "SRC", "name": "shared", "type": "Filesystem", "params": {"connection": "filesystem_managed", "path": "/shared"}}`))
	folder := call(t, u, "POST", "/dip/publicapi/projects/SRC/managedfolders/", testAdmin,
		map[string]any{"name": "files", "projectKey": "SRC", "params": map[string]any{"connection": "filesystem_folders", "path": "/f"}})
	expectOK(t, folder)
	folderID, _ := folder.obj()["id"].(string)

	expectMessage(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("a", "SRC.shared", "clean")),
		403, ErrTypeUnauthorized, "Dataset SRC.shared is not exposed to project RC")
	// Exposed to another project only: still refused.
	expectOK(t, call(t, u, "PUT", "/public/api/projects/SRC/settings", testAdmin, exposeBody(t, u, "SRC", testAdmin, []any{
		map[string]any{"type": "DATASET", "localName": "shared", "rules": []any{map[string]any{"targetProject": "ELSEWHERE"}}},
	})))
	expectError(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("a", "SRC.shared", "clean")), 403, ErrTypeUnauthorized)
	// Exposed to RC: accepted. The settings come back as they were sent,
	// fields the emulator does not know included.
	objects := []any{
		map[string]any{"type": "DATASET", "localName": "shared", "quickSharingEnabled": false, "futureField": "kept",
			"rules": []any{map[string]any{"targetProject": "RC", "appearOnFlow": true}}},
	}
	expectOK(t, call(t, u, "PUT", "/public/api/projects/SRC/settings", testAdmin, exposeBody(t, u, "SRC", testAdmin, objects)))
	got := call(t, u, "GET", "/public/api/projects/SRC/settings", testAdmin, nil).obj()["exposedObjects"]
	if !sameJSON(got, map[string]any{"objects": objects}) {
		t.Fatalf("exposedObjects as stored: %v", got)
	}
	expectOK(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("a", "SRC.shared", "clean")))

	// A managed folder is exposed by id; quick sharing opens it to every
	// project.
	expectMessage(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("b", "SRC."+folderID, "joined")),
		403, ErrTypeUnauthorized, "Managed folder SRC."+folderID+" is not exposed to project RC")
	objects = append(objects, map[string]any{"type": "MANAGED_FOLDER", "localName": folderID, "quickSharingEnabled": true, "rules": []any{}})
	expectOK(t, call(t, u, "PUT", "/public/api/projects/SRC/settings", testAdmin, exposeBody(t, u, "SRC", testAdmin, objects)))
	expectOK(t, call(t, u, "POST", recipeBase, testAdmin, recipeBody("b", "SRC."+folderID, "joined")))

	// Renaming the shared dataset carries its exposure along with the
	// recipe's ref, so the recipe can still be written.
	expectOK(t, call(t, u, "POST", "/dip/publicapi/projects/SRC/actions/renameDataset", testAdmin, map[string]any{"oldName": "shared", "newName": "shared2"}))
	eo := call(t, u, "GET", "/public/api/projects/SRC/settings", testAdmin, nil).obj()["exposedObjects"].(map[string]any)
	if first := eo["objects"].([]any)[0].(map[string]any); first["localName"] != "shared2" || first["futureField"] != "kept" {
		t.Fatalf("exposure after the rename: %v", first)
	}
	doc := call(t, u, "GET", recipeBase+"a", testAdmin, nil).obj()
	expectOK(t, call(t, u, "PUT", recipeBase+"a", testAdmin, doc))
}

// Changing a project's exposed objects needs the exposed-elements
// permission (or admin rights on the project); other settings need write
// access; a PUT that changes nothing passes with read access.
func TestSettingsExposedObjectsNeedManageExposed(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	grant := func(flags map[string]any) { t.Helper(); grantBob(t, u, "EXP", flags) }
	expectOK(t, createProject(t, u, "EXP", testAdmin, map[string]any{"owner": "admin"}))
	exposed := []any{map[string]any{"type": "DATASET", "localName": "d", "rules": []any{map[string]any{"targetProject": "X"}}}}

	grant(map[string]any{"writeProjectContent": true})
	expectMessage(t, call(t, u, "PUT", "/public/api/projects/EXP/settings", testBob, exposeBody(t, u, "EXP", testBob, exposed)),
		403, ErrTypeUnauthorized, "Action forbidden: you may not manage the exposed objects of project EXP")
	// Other settings: write access is enough; an unchanged PUT passes.
	other := exposeBody(t, u, "EXP", testBob, []any{})
	other["projectStatus"] = "Sandbox"
	expectOK(t, call(t, u, "PUT", "/public/api/projects/EXP/settings", testBob, other))

	grant(map[string]any{"manageExposedElements": true})
	expectOK(t, call(t, u, "PUT", "/public/api/projects/EXP/settings", testBob, exposeBody(t, u, "EXP", testBob, exposed)))
	changed := exposeBody(t, u, "EXP", testBob, exposed)
	changed["projectStatus"] = "Draft"
	expectMessage(t, call(t, u, "PUT", "/public/api/projects/EXP/settings", testBob, changed),
		403, ErrTypeUnauthorized, "Action forbidden: you may not write project EXP")
	expectOK(t, call(t, u, "PUT", "/public/api/projects/EXP/settings", testBob, exposeBody(t, u, "EXP", testBob, exposed)))
}

// Changing a project's execution defaults (settings.codeEnvs,
// settings.container) needs admin rights on it: write access, or the
// exposed-elements permission, is refused; the rest of the settings is
// unaffected, and the defaults come back as they were sent, unknown
// modes and fields included (the emulator is never stricter than DSS).
func TestSettingsExecutionDefaultsNeedAdmin(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	expectOK(t, createProject(t, u, "EXD", testAdmin, map[string]any{"owner": "admin"}))
	// A new project's defaults: INHERIT everywhere.
	doc := call(t, u, "GET", "/public/api/projects/EXD/settings", testAdmin, nil).obj()
	settings := doc["settings"].(map[string]any)
	if !sameJSON(settings["codeEnvs"], map[string]any{"python": map[string]any{"mode": "INHERIT", "useBuiltinEnv": true}, "r": map[string]any{"mode": "INHERIT", "useBuiltinEnv": true}}) ||
		!sameJSON(settings["container"], map[string]any{"containerMode": "INHERIT"}) {
		t.Fatalf("a new project's defaults: %v", settings)
	}
	grant := func(flags map[string]any) { t.Helper(); grantBob(t, u, "EXD", flags) }
	withDefaults := func(as string, key string, v any) map[string]any {
		t.Helper()
		d := call(t, u, "GET", "/public/api/projects/EXD/settings", as, nil).obj()
		d["settings"].(map[string]any)[key] = v
		return d
	}
	python := map[string]any{"python": map[string]any{"mode": "EXPLICIT_ENV", "useBuiltinEnv": false, "envName": "gone-env", "future": 1},
		"r": map[string]any{"mode": "A_NEWER_MODE"}}
	container := map[string]any{"containerMode": "EXPLICIT_CONTAINER", "containerConf": "k8s"}

	grant(map[string]any{"writeProjectContent": true, "manageExposedElements": true})
	for key, v := range map[string]any{"codeEnvs": python, "container": container} {
		expectMessage(t, call(t, u, "PUT", "/public/api/projects/EXD/settings", testBob, withDefaults(testBob, key, v)),
			403, ErrTypeUnauthorized, "Action forbidden: you may not change the settings."+key+" of project EXD: it needs admin rights on the project")
	}
	// The rest of the settings: write access is still enough.
	other := withDefaults(testBob, "k8sCluster", map[string]any{"clusterMode": "INHERIT"})
	expectOK(t, call(t, u, "PUT", "/public/api/projects/EXD/settings", testBob, other))

	grant(map[string]any{"admin": true})
	expectOK(t, call(t, u, "PUT", "/public/api/projects/EXD/settings", testBob, withDefaults(testBob, "codeEnvs", python)))
	expectOK(t, call(t, u, "PUT", "/public/api/projects/EXD/settings", testBob, withDefaults(testBob, "container", container)))
	got := call(t, u, "GET", "/public/api/projects/EXD/settings", testAdmin, nil).obj()["settings"].(map[string]any)
	if !sameJSON(got["codeEnvs"], python) || !sameJSON(got["container"], container) || !sameJSON(got["k8sCluster"], map[string]any{"clusterMode": "INHERIT"}) {
		t.Fatalf("settings as stored: %v", got)
	}
}

// grantBob makes bob's grant on project key read access plus flags, the
// admin staying its owner.
func grantBob(t *testing.T, u, key string, flags map[string]any) {
	t.Helper()
	g := map[string]any{"user": "bob", "readProjectContent": true}
	for k, v := range flags {
		g[k] = v
	}
	expectOK(t, call(t, u, "PUT", "/public/api/projects/"+key+"/permissions", testAdmin,
		map[string]any{"owner": "admin", "permissions": []any{g}}))
}
