package emulator

import (
	"testing"
)

// Project Standards: the spec catalogue; import (admin only, one check per
// element type with the spec's defaults, an unknown type refusing the
// whole import); a check's PUT answering the saved check and keeping its
// id and element type; scopes (created before the default, duplicates and
// unknown checks refused, order, reorder, the default scope's rules); a
// deleted check leaving every scope.
func TestProjectStandardsLifecycle(t *testing.T) {
	rn := startTest(t, testOpts())
	base := rn.URL()
	const root = "/public/api/project-standards/"

	specs := call(t, base, "GET", root+"check-specs", testBob, nil)
	expectOK(t, specs)
	if list, _ := specs.body.([]any); len(list) != len(ProjectStandardsCheckSpecs) || list[0].(map[string]any)["elementType"] == "" {
		t.Fatalf("check specs: %s", specs.raw)
	}

	imp := map[string]any{"checkSpecElementTypes": []any{"pstd-builtin_max-datasets", "pstd-builtin_project-description"}}
	expectError(t, call(t, base, "POST", root+"checks/actions/import", testBob, imp), 403, ErrTypeUnauthorized)
	expectError(t, call(t, base, "POST", root+"checks/actions/import", testAdmin,
		map[string]any{"checkSpecElementTypes": []any{"pstd-builtin_max-datasets", "nope"}}), StatusIllegalArgument, ErrTypeIllegalArgument)
	if l := call(t, base, "GET", root+"checks", testAdmin, nil); len(l.body.([]any)) != 0 {
		t.Fatalf("a refused import created checks: %s", l.raw)
	}
	created := call(t, base, "POST", root+"checks/actions/import", testAdmin, imp)
	expectOK(t, created)
	checks, _ := created.body.([]any)
	if len(checks) != 2 {
		t.Fatalf("imported: %s", created.raw)
	}
	maxDS := checks[0].(map[string]any)
	id, _ := maxDS["id"].(string)
	if len(id) != 8 || maxDS["name"] != "Maximum number of datasets" || maxDS["checkParams"].(map[string]any)["threshold"] == nil {
		t.Fatalf("imported check: %v", maxDS)
	}
	other, _ := checks[1].(map[string]any)["id"].(string)

	maxDS["name"] = "At most 50 datasets"
	maxDS["checkParams"] = map[string]any{"threshold": 50}
	maxDS["tags"] = []any{"flow"}
	maxDS["checkElementType"] = "pstd-builtin_project-description"
	expectError(t, call(t, base, "PUT", root+"checks/"+id, testBob, maxDS), 403, ErrTypeUnauthorized)
	saved := call(t, base, "PUT", root+"checks/"+id, testAdmin, maxDS)
	expectOK(t, saved)
	if saved.obj()["name"] != "At most 50 datasets" || saved.obj()["checkElementType"] != "pstd-builtin_max-datasets" || len(saved.obj()["tags"].([]any)) != 1 {
		t.Fatalf("saved check: %s", saved.raw)
	}
	expectError(t, call(t, base, "GET", root+"checks/nope", testAdmin, nil), 404, ErrTypeNotFound)

	// Scopes.
	scope := func(name string, checks ...any) map[string]any {
		return map[string]any{"name": name, "description": "d", "checks": checks, "selectionMethod": "BY_PROJECT", "selectedProjects": []any{"P1"}}
	}
	expectError(t, call(t, base, "POST", root+"scopes/a", testBob, scope("a")), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, base, "POST", root+"scopes/a", testAdmin, scope("a", id)))
	expectOK(t, call(t, base, "POST", root+"scopes/b", testAdmin, scope("b", id, other)))
	expectError(t, call(t, base, "POST", root+"scopes/a", testAdmin, scope("a")), StatusDuplicate, ErrTypeIllegalArgument)
	expectError(t, call(t, base, "POST", root+"scopes/c", testAdmin, scope("c", "nope")), StatusIllegalArgument, ErrTypeIllegalArgument)
	all := map[string]any{"name": "c", "selectionMethod": "ALL"}
	expectError(t, call(t, base, "POST", root+"scopes/c", testAdmin, all), StatusIllegalArgument, ErrTypeIllegalArgument)
	names := func() []string {
		l := call(t, base, "GET", root+"scopes", testBob, nil)
		expectOK(t, l)
		var out []string
		for _, s := range l.body.([]any) {
			out = append(out, s.(map[string]any)["name"].(string))
		}
		return out
	}
	if got := names(); len(got) != 3 || got[0] != "a" || got[1] != "b" || got[2] != DefaultProjectStandardsScope {
		t.Fatalf("scopes: %v", got)
	}
	expectOK(t, call(t, base, "POST", root+"scopes/a/actions/reorder", testAdmin, map[string]any{"index": 1}))
	if got := names(); got[0] != "b" || got[1] != "a" {
		t.Fatalf("after reorder: %v", got)
	}
	expectError(t, call(t, base, "POST", root+"scopes/a/actions/reorder", testAdmin, map[string]any{"index": 2}), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectError(t, call(t, base, "POST", root+"scopes/default/actions/reorder", testAdmin, map[string]any{"index": 0}), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectError(t, call(t, base, "DELETE", root+"scopes/default", testAdmin, nil), StatusIllegalArgument, ErrTypeIllegalArgument)

	// A PUT changes the selection; the default scope's PUT only its checks.
	changed := scope("a", other)
	changed["selectionMethod"] = "BY_TAG"
	changed["selectedTags"] = []any{"finance"}
	put := call(t, base, "PUT", root+"scopes/a", testAdmin, changed)
	expectOK(t, put)
	if put.obj()["selectionMethod"] != "BY_TAG" || len(put.obj()["selectedTags"].([]any)) != 1 {
		t.Fatalf("saved scope: %s", put.raw)
	}
	def := call(t, base, "GET", root+"default-scope", testBob, nil)
	expectOK(t, def)
	d := def.obj()
	d["checks"], d["selectionMethod"], d["description"] = []any{id}, "BY_TAG", "new"
	expectOK(t, call(t, base, "PUT", root+"scopes/default", testAdmin, d))
	def = call(t, base, "GET", root+"default-scope", testBob, nil)
	if def.obj()["selectionMethod"] != "ALL" || len(def.obj()["checks"].([]any)) != 1 || def.obj()["description"] == "new" {
		t.Fatalf("default scope: %s", def.raw)
	}

	// Deleting a check removes it from the scopes.
	expectOK(t, call(t, base, "DELETE", root+"checks/"+id, testAdmin, nil))
	if b := call(t, base, "GET", root+"scopes/b", testAdmin, nil); len(b.obj()["checks"].([]any)) != 1 {
		t.Fatalf("scope b after its check's deletion: %s", b.raw)
	}
	if def := call(t, base, "GET", root+"default-scope", testAdmin, nil); len(def.obj()["checks"].([]any)) != 0 {
		t.Fatalf("default scope after its check's deletion: %s", def.raw)
	}
	expectOK(t, call(t, base, "DELETE", root+"scopes/a", testAdmin, nil))
	expectError(t, call(t, base, "GET", root+"scopes/a", testAdmin, nil), 404, ErrTypeNotFound)
}
