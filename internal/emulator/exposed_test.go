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
	grant := func(flags map[string]any) {
		t.Helper()
		g := map[string]any{"user": "bob", "readProjectContent": true}
		for k, v := range flags {
			g[k] = v
		}
		expectOK(t, call(t, u, "PUT", "/public/api/projects/EXP/permissions", testAdmin,
			map[string]any{"owner": "admin", "permissions": []any{g}}))
	}
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
