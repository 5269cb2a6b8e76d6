package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Scenarios (dss-api.md §5.2, dss-api-more.md §3): per-project settings
// documents keyed by an id DSS derives from the name. Names need not be
// unique (dss-api-more.md correction 3): a collision gets a suffixed id.
// A custom-python scenario's script is not in the settings; it lives
// behind …/payload. Runs and their routes are in runs.go.

// Keys of a stored scenario that no GET of the settings shows: the
// custom-python script and the recorded runs.
const (
	scenarioScriptKey = "_script"
	scenarioRunsKey   = "_runs"
)

// Scenario types DSS knows [V create_scenario docstring].
const (
	ScenarioStepBased    = "step_based"
	ScenarioCustomPython = "custom_python"
)

// ScenarioID derives a scenario id from its name [T PEERS: "Nightly
// build" → "Nightly_build"; I for the rest]: every character that is not
// an ASCII letter or digit becomes "_"; an empty result is "SCENARIO".
// taken reports ids already used; a collision appends _2, _3, …
func ScenarioID(name string, taken func(string) bool) string {
	base := strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return r
		}
		return '_'
	}, name)
	if strings.Trim(base, "_") == "" {
		base = "SCENARIO"
	}
	id := base
	for n := 2; taken(id); n++ {
		id = fmt.Sprintf("%s_%d", base, n)
	}
	return id
}

func scenarioNotFound(key, id string) *APIError {
	return errNotFound(fmt.Sprintf("Scenario %s.%s does not exist", key, id))
}

func checkScenarioName(_ *Project, name string) *APIError {
	if strings.TrimSpace(name) == "" {
		return errIllegalArgument("Scenario name cannot be blank")
	}
	return nil
}

// checkScenario: the type is step_based or custom_python and cannot
// change on a PUT [I: DSS has no conversion]; triggers, reporters and
// steps are lists of objects; only an administrator sets runAsUser to
// another value than the stored one [V docstring: "only admins may set
// non-null"; I: keeping the stored value is allowed]. On a PUT the script
// and runs the settings do not show are carried over.
func checkScenario(x *docCall, doc, old map[string]any) *APIError {
	if old != nil {
		fillMissing(doc, map[string]any{"type": old["type"], "name": old["name"]})
		if doc["type"] != old["type"] {
			return errIllegalArgument(fmt.Sprintf("Cannot change the type of scenario %v from %v to %v", old["id"], old["type"], doc["type"]))
		}
		copyPresent(doc, old, scenarioScriptKey, scenarioRunsKey)
	}
	if t, _ := doc["type"].(string); t != ScenarioStepBased && t != ScenarioCustomPython {
		return errIllegalArgument(fmt.Sprintf("Invalid scenario type: %v (expected %s or %s)", doc["type"], ScenarioStepBased, ScenarioCustomPython))
	}
	if n, ok := doc["name"].(string); !ok || strings.TrimSpace(n) == "" {
		return errIllegalArgument("Scenario name cannot be blank")
	}
	for _, k := range []string{"triggers", "reporters"} {
		if err := checkObjectList(doc[k], k); err != nil {
			return err
		}
	}
	if err := checkOptional[map[string]any](doc, "an object", "params"); err != nil {
		return err
	}
	pm, _ := doc["params"].(map[string]any)
	if err := checkObjectList(pm["steps"], "params.steps"); err != nil {
		return err
	}
	if err := checkOptional[string](doc, "a login or null", "runAsUser"); err != nil {
		return err
	}
	if r := doc["runAsUser"]; r != nil && !x.c.IsAdmin && (old == nil || r != old["runAsUser"]) {
		return errRunAsForbidden()
	}
	return nil
}

func checkObjectList(v any, what string) *APIError {
	if v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		return errIllegalArgument(what + " must be a list")
	}
	for _, e := range list {
		if _, ok := e.(map[string]any); !ok {
			return errIllegalArgument(what + " must be a list of objects")
		}
	}
	return nil
}

// fillScenarioDefaults fills what DSS's scenario object carries
// [dss-api-more.md §3.1 emulator defaults; I for the trigger and step
// fields]: ids for triggers and steps (run replies name trigger ids),
// each trigger's delay and grace settings, a temporal trigger's
// repeatFrequency 1 and timezone SERVER, each step's run condition.
func fillScenarioDefaults(doc map[string]any) {
	fillObjectDefaults(doc)
	fillMissing(doc, map[string]any{
		"active": false, "triggers": []any{}, "reporters": []any{}, "runAsUser": nil, "params": map[string]any{},
	})
	for _, t := range objectList(doc, "triggers") {
		tr, ok := t.(map[string]any)
		if !ok {
			continue
		}
		if id, _ := tr["id"].(string); id == "" {
			tr["id"] = randomID(8)
		}
		fillMissing(tr, map[string]any{
			"active": true, "name": "", "delay": json.Number("5"), "params": map[string]any{},
			"graceDelaySettings": map[string]any{"checkAgainAfterGraceDelay": false, "delay": json.Number("0")},
		})
		if tr["type"] == "temporal" {
			fillMissing(objectField(tr, "params"), map[string]any{"repeatFrequency": json.Number("1"), "timezone": "SERVER"})
		}
	}
	if doc["type"] != ScenarioStepBased {
		return
	}
	steps := objectList(objectField(doc, "params"), "steps")
	used := map[string]bool{}
	for _, s := range steps {
		st, _ := s.(map[string]any) // not an object: nil, no id
		if id, _ := st["id"].(string); id != "" {
			used[id] = true
		}
	}
	for _, s := range steps {
		st, ok := s.(map[string]any)
		if !ok {
			continue
		}
		if id, _ := st["id"].(string); id == "" {
			for id == "" || used[id] {
				id = "step_" + randomID(6)
			}
			used[id] = true
			st["id"] = id
		}
		fillMissing(st, map[string]any{
			"name": "", "params": map[string]any{}, "runConditionType": "RUN_IF_STATUS_MATCH",
			"runConditionStatuses": []any{"SUCCESS", "WARNING"}, "resetScenarioStatus": false,
			"maxRetriesOnFail": json.Number("0"), "delayBetweenRetries": json.Number("10"),
		})
	}
}

// objectList returns doc[key] as a list, setting an empty one when it is
// missing, null or not a list.
func objectList(doc map[string]any, key string) []any {
	l, ok := doc[key].([]any)
	if !ok || l == nil {
		l = []any{}
		doc[key] = l
	}
	return l
}

// copyPresent copies into dst (deeply) the keys of src that src has.
func copyPresent(dst, src map[string]any, keys ...string) {
	for _, k := range keys {
		if v, ok := src[k]; ok {
			dst[k] = deepCopy(v)
		}
	}
}

// scenarioKind serves the list, GET, PUT and DELETE of scenarios through
// the store: GET answers the settings (scenarioSettings), the list their
// items [V DSSScenarioListItem] with type and active [I], sorted by id,
// and checkScenario refuses a runAsUser a non-admin sets. The create and the light, payload
// and run routes are below.
var scenarioKind = &docKind{
	noun:      "scenario",
	path:      "scenarios",
	param:     "scenarioId",
	keyField:  "id",
	docs:      func(p *Project) map[string]map[string]any { return p.Scenarios },
	notFound:  scenarioNotFound,
	checkName: checkScenarioName,
	check:     checkScenario,
	fill:      fillScenarioDefaults,
	view:      scenarioSettings,
	listItem: func(_ *docCall, d map[string]any) map[string]any {
		item := scenarioSettings(d)
		item["running"] = false
		return item
	},
}

// scenarioSettings is what a GET of the settings shows: the stored
// document without the script and the runs.
func scenarioSettings(d map[string]any) map[string]any {
	out := copyDoc(d)
	delete(out, scenarioScriptKey)
	delete(out, scenarioRunsKey)
	return out
}

func (s *Server) scenarioRoutes() {
	k := scenarioKind
	one := "/projects/{projectKey}/scenarios/{scenarioId}"
	s.kindRoutesWith(k, s.serveCollection(k, AccessWrite, true, createScenario))
	s.handle("GET "+one+"/light", s.handleReadPart(k, scenarioLight))
	s.handle("PUT "+one+"/light", s.handleWritePart(k, "light settings", applyScenarioLight))
	s.handle("GET "+one+"/payload", s.handleReadPart(k, func(d map[string]any) map[string]any {
		script, _ := d[scenarioScriptKey].(string)
		return map[string]any{"script": script}
	}))
	s.handle("PUT "+one+"/payload", s.handleWritePart(k, "script", func(d, body map[string]any) *APIError {
		if d["type"] == ScenarioStepBased {
			return errIllegalArgument(fmt.Sprintf("Scenario %v is step-based and has no script", d["id"]))
		}
		script, ok := body["script"].(string)
		if !ok {
			return errIllegalArgument("script must be a string")
		}
		d[scenarioScriptKey] = script
		return nil
	}))
	s.handle("POST "+one+"/run", s.handleRunScenario)
	s.handle("GET "+one+"/get-last-runs", s.handleScenarioRuns)
	s.handle("GET "+one+"/get-run-for-trigger", s.handleScenarioRunForTrigger)
}

// scenarioLight is GET …/light: the light settings with the status
// [V DSSScenarioStatus]; nothing runs, so running is false and nextRun 0.
func scenarioLight(d map[string]any) map[string]any {
	out := map[string]any{"running": false, "start": json.Number("0"), "nextRun": json.Number("0")}
	copyPresent(out, d, "id", "projectKey", "name", "type", "active", "tags", "description", "shortDesc", "checklists")
	return out
}

// applyScenarioLight is PUT …/light: only active, checklists,
// description, shortDesc and tags change [V docstring]; other keys of the
// body (the status, the name) are ignored.
func applyScenarioLight(d, body map[string]any) *APIError {
	if v, ok := body["active"]; ok {
		b, ok := v.(bool)
		if !ok {
			return errIllegalArgument("active must be a boolean")
		}
		d["active"] = b
	}
	copyPresent(d, body, "checklists", "description", "shortDesc")
	if v, ok := body["tags"]; ok {
		d["tags"] = sortTags(deepCopy(v))
	}
	return nil
}

// errRunAsForbidden is DSS's refusal of a runAsUser set by a non-admin.
func errRunAsForbidden() *APIError {
	return newError(http.StatusForbidden, "com.dataiku.dip.exceptions.UnauthorizedException",
		"Only administrators can set the user a scenario runs as")
}

// createScenario is POST /projects/{k}/scenarios/ with {…definition,
// name, type}; the reply is the stored settings (clients read id).
//
// The id: create_scenario sends the caller's definition as the body and
// only sets name and type in it [V dss/project.py create_scenario], and
// its docstring points callers at get_definition() of an existing
// scenario for a sample definition, which carries that scenario's id [V].
// A definition written by DSS (a project pushed to git, an export) names
// its scenario by that id, and triggers of other scenarios
// (follow_scenariorun) and steps (run_scenario) refer to it. So an id in
// the body is kept when it is free [I: what a DSS loading such a
// definition must do for those references to hold]; when it is taken —
// the docstring's copy-an-existing-definition case — or absent, the id is
// derived from the name as before, so a create never fails on a taken id
// [I]. A kept id is checked as any scenario id (ScenarioIDPattern); so a
// definition copied from another project is taken, under this project's
// key.
func createScenario(x *docCall, body map[string]any) (any, *APIError) {
	doc := scenarioSettings(body) // a client cannot set the hidden script and runs
	name, _ := doc["name"].(string)
	if err := checkScenarioName(x.p, name); err != nil {
		return nil, err
	}
	// A projectKey in the body gives way to the URL's, as the seed loader
	// remaps it: the definition the docstring points at may be another
	// project's scenario's [I].
	ensureDocs(&x.p.Scenarios)
	taken := func(id string) bool { _, ok := x.p.Scenarios[id]; return ok }
	id, _ := doc["id"].(string)
	if id != "" && !taken(id) {
		if !names.ScenarioIDPattern.MatchString(id) {
			return nil, errIllegalArgument(fmt.Sprintf("Invalid scenario id: %q (%s)", id, names.ScenarioIDRule))
		}
	} else {
		id = ScenarioID(name, taken)
	}
	doc["projectKey"], doc["id"] = x.key, id
	if err := checkScenario(x, doc, nil); err != nil {
		return nil, err
	}
	return scenarioSettings(scenarioKind.insertDoc(x.p, id, doc, x.c.Login)), nil
}
