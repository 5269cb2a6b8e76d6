package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Exposed objects (dss-real-shapes.md, project settings): a project shares
// a dataset, managed folder or other Flow object with other projects
// through settings.exposedObjects.objects[] = {type, localName,
// quickSharingEnabled, rules: [{targetProject, appearOnFlow}]}. The
// settings document is stored as given (a whole-document PUT); this file
// holds the two rules that read it:
//
//   - a recipe of project B reads PROJECT_A.name only when A exposes that
//     object to B, or has quick sharing on for it [V dataikuapi's
//     DSSProjectFlow.replace_input_computable exposes a foreign input
//     before using it; D doc "Shared objects": with quick sharing, all
//     users who can see the object may use it in their projects];
//   - changing exposedObjects needs the "Manage exposed elements"
//     permission on the project (or its admin rights, or ownership) [D doc
//     "Exposed objects": "you need to have the Manage exposed elements
//     permission on project A"]; changing the execution defaults
//     (settings.codeEnvs, settings.container: Settings > Code env and
//     Containerized execution) needs admin rights on the project [I: the
//     project's Settings pages are its administrators'; the provider's
//     dataiku_project_execution_defaults says so]; changing anything else
//     in the settings still needs write access.

// renameDatasetInExposed makes p's exposedObjects follow a dataset renamed
// from oldName to newName, as the recipes of other projects that read it
// do (renameInRecipes): otherwise those recipes would read an object no
// longer exposed to them. [I] DSS's rename carries references along; the
// exposure is one of them.
func renameDatasetInExposed(p *Project, oldName, newName string) {
	settings := copyDoc(p.Settings)
	eo, _ := settings["exposedObjects"].(map[string]any)
	objects, _ := eo["objects"].([]any)
	changed := false
	for _, o := range objects {
		if m, _ := o.(map[string]any); m["type"] == "DATASET" && m["localName"] == oldName {
			m["localName"] = newName
			changed = true
		}
	}
	if changed {
		p.Settings = settings
	}
}

// exposedObjectType is the exposedObjects type of the object id in p: the
// zone objectType of whichever kind holds it (DATASET, MANAGED_FOLDER,
// SAVED_MODEL, MODEL_EVALUATION_STORE, RETRIEVABLE_KNOWLEDGE), which is
// the vocabulary exposedObjects uses too.
func exposedObjectType(p *Project, id string) string {
	if kind := recipeRefKind(p, id); kind != nil {
		return zoneTypeOf(kind)
	}
	return "DATASET"
}

// exposedTo reports whether p exposes its object (typ, id) to project
// target.
func exposedTo(p *Project, typ, id, target string) bool {
	eo, _ := p.Settings["exposedObjects"].(map[string]any)
	objects, _ := eo["objects"].([]any)
	for _, o := range objects {
		m, _ := o.(map[string]any)
		if m["type"] != typ || m["localName"] != id {
			continue
		}
		if m["quickSharingEnabled"] == true {
			return true
		}
		rules, _ := m["rules"].([]any)
		for _, r := range rules {
			if rm, _ := r.(map[string]any); rm["targetProject"] == target {
				return true
			}
		}
	}
	return false
}

// errNotExposed is DSS's refusal of a recipe input that its project does
// not expose to the recipe's project. [I] DSS treats exposure as a
// permission on the object (doc "Permissions on exposed objects"), so the
// class is UnauthorizedException; the wording is ours, naming both
// projects as the documentation's screens do.
func (s *Server) errNotExposed(typ, from, id, to string) *APIError {
	noun := "Dataset"
	if kind := zoneKinds[typ]; kind != nil {
		noun = strings.ToUpper(kind.noun[:1]) + kind.noun[1:]
	}
	return newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized,
		fmt.Sprintf("%s %s.%s is not exposed to project %s", noun, from, id, to))
}

// canManageExposed reports whether c may change p's exposed objects: an
// admin, the owner, or a grant with admin or manageExposedElements.
func canManageExposed(p *Project, c *Caller) bool {
	if canAccess(p, c, AccessAdmin) {
		return true
	}
	for _, g := range grants(p, c) {
		if g["manageExposedElements"] == true {
			return true
		}
	}
	return false
}

// authorizeSettingsPut checks a PUT of p's settings (doc, already
// decoded) for c, who can at least read p: write access for any change
// outside exposedObjects, the exposed-elements permission for a change of
// exposedObjects, admin rights for a change of the execution defaults. A
// PUT that changes nothing needs read access only. [I]
func (s *Server) authorizeSettingsPut(c *Caller, p *Project, doc map[string]any) *APIError {
	rest := func(m map[string]any) map[string]any {
		out := copyDoc(m)
		delete(out, "exposedObjects")
		return out
	}
	for _, k := range executionDefaultKeys {
		if !sameJSON(settingsKey(doc, k), settingsKey(p.Settings, k)) && !canAccess(p, c, AccessAdmin) {
			return newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized,
				fmt.Sprintf("Action forbidden: you may not change the settings.%s of project %s: it needs admin rights on the project", k, p.ProjectKey))
		}
	}
	if !sameJSON(rest(doc), rest(p.Settings)) && !canAccess(p, c, AccessWrite) {
		return newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized,
			fmt.Sprintf("Action forbidden: you may not write project %s", p.ProjectKey))
	}
	if !sameJSON(doc["exposedObjects"], p.Settings["exposedObjects"]) && !canManageExposed(p, c) {
		return newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized,
			fmt.Sprintf("Action forbidden: you may not manage the exposed objects of project %s", p.ProjectKey))
	}
	return nil
}

// sameJSON reports whether a and b encode to the same JSON (map keys are
// sorted by the encoder), whatever Go types hold their numbers.
func sameJSON(a, b any) bool {
	ab, aerr := json.Marshal(a)
	bb, berr := json.Marshal(b)
	return aerr == nil && berr == nil && bytes.Equal(ab, bb)
}

// executionDefaultKeys are the keys of settings.settings that hold the
// project's execution defaults, which only its administrators change.
var executionDefaultKeys = []string{"codeEnvs", "container"}

// settingsKey is doc.settings[key], nil when absent.
func settingsKey(doc map[string]any, key string) any {
	inner, _ := doc["settings"].(map[string]any)
	return inner[key]
}
