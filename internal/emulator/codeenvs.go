package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Code environments (dss-api.md §2.6, dss-api-more.md corrections 1–2, §5,
// §7.1, §7.5) and the futures their builds run as.

// DefaultCodeEnvBuildTime is how long an emulated build takes unless
// Options.CodeEnvBuildTime says otherwise.
const DefaultCodeEnvBuildTime = 200 * time.Millisecond

// UnavailablePackagePrefix starts the name of every package the emulator
// cannot install: a requirement line naming one makes the build fail with
// DSS's message shape (documented in the emulator guide).
const UnavailablePackagePrefix = "unavailable-"

// ErrTypeCodedIO is DSS's error for a missing code env (dss-api.md §1.7).
const ErrTypeCodedIO = "com.dataiku.dip.exceptions.CodedIOException"

// CodeEnvNamePattern: letters, digits and hyphens as DSS documents, plus
// underscores, which samples use (dss-api.md §6.3); the fact is
// internal/dss/names'.
var CodeEnvNamePattern = names.CodeEnvNamePattern

// CodeEnvDeploymentModes are the modes DSS knows (dss-api.md §2.6), plus
// DSS_INTERNAL, DSS's own envs ([V] dataikuapi's DSSCodeEnvSettings.get_raw
// lists it). Whether DSS lets a client create a DSS_INTERNAL env is not
// known [I]: the emulator accepts it, so that it can hold one as a DSS does
// and never refuses what DSS may accept.
var CodeEnvDeploymentModes = []string{"DESIGN_MANAGED", "DESIGN_NON_MANAGED", "PLUGIN_MANAGED", "PLUGIN_NON_MANAGED",
	"EXTERNAL_CONDA_NAMED", "AUTOMATION_SINGLE", "AUTOMATION_VERSIONED", "AUTOMATION_NON_MANAGED_PATH", "DSS_INTERNAL"}

// future is a long-running task: it has its result from the start and
// reports it once its duration has passed, or at once when aborted.
type future struct {
	id      string
	start   time.Time
	runFor  time.Duration
	result  map[string]any
	aborted bool
}

func (f *future) done(now time.Time) bool { return f.aborted || now.Sub(f.start) >= f.runFor }

// futureTable holds the running and finished futures of this process
// (never persisted: a restarted DSS has lost them too).
type futureTable struct {
	mu   sync.Mutex
	byID map[string]*future
}

func (t *futureTable) add(runFor time.Duration, result map[string]any) *future {
	t.mu.Lock()
	defer t.mu.Unlock()
	ensureMap(&t.byID)
	f := &future{id: randomToken(12), start: time.Now(), runFor: runFor, result: result}
	t.byID[f.id] = f
	return f
}

// start adds a future and answers its first state.
func (t *futureTable) start(runFor time.Duration, result map[string]any, withResult bool) map[string]any {
	f := t.add(runFor, result)
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.state(f, withResult)
}

// state is the future's state as DSS answers GET /futures/{id}; call it
// with t.mu held (abort changes the future).
func (t *futureTable) state(f *future, withResult bool) map[string]any {
	out := map[string]any{"jobId": f.id, "hasResult": false, "alive": true, "aborted": f.aborted,
		"startTime": f.start.UnixMilli(), "runningTime": time.Since(f.start).Milliseconds(),
		"progress": map[string]any{"states": []any{map[string]any{"name": "Building", "unit": "NONE"}}}}
	if f.done(time.Now()) {
		out["hasResult"], out["alive"] = true, false
		delete(out, "progress")
		if withResult {
			out["result"] = deepCopy(f.result)
		}
	}
	return out
}

// operationMessages is DSS's messages envelope around msgs ({severity,
// title, message, ...}): anyMessage when there is one, error and not
// success when one is an ERROR, warning when one is a WARNING; none is
// fatal.
func operationMessages(msgs ...map[string]any) map[string]any {
	list := make([]any, len(msgs))
	failed, warned := false, false
	for i, m := range msgs {
		list[i] = m
		failed = failed || m["severity"] == "ERROR"
		warned = warned || m["severity"] == "WARNING"
	}
	return map[string]any{"anyMessage": len(msgs) > 0, "success": !failed, "warning": warned,
		"error": failed, "fatal": false, "messages": list}
}

// CodeEnvBuildTime returns how long a build takes now.
func (s *Server) CodeEnvBuildTime() time.Duration {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.opts.CodeEnvBuildTime
}

// SetCodeEnvBuildTime changes how long the builds started from now on take
// (tests use it to outlast a Terraform timeout).
func (s *Server) SetCodeEnvBuildTime(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.CodeEnvBuildTime = d
}

// codeEnvKind: /admin/code-envs/{lang}/{name}, on the instance, keyed by
// LANG/name. The caller needs rights on the env (codeEnvRight) to read or
// change it; the list shows the envs the caller may manage or use, as
// summaries. GET, the list and DELETE are the store's; create and PUT
// are below, and create, DELETE and the rebuilds answer a build (or its
// future).
var codeEnvKind = &docKind{
	noun:     "code env",
	path:     "code-envs",
	param:    "name",
	keyField: "envName",
	instance: func(st *State) map[string]map[string]any { return st.CodeEnvs },
	idOf:     func(r *http.Request) string { return codeEnvKey(r.PathValue("lang"), r.PathValue("name")) },
	notFound: func(_, id string) *APIError {
		lang, name, _ := strings.Cut(id, "/")
		return errCodeEnvMissing(lang, name)
	},
	mayManage: func(x *docCall, id string, doc map[string]any) *APIError {
		if !codeEnvRight(x.st, x.c, codeEnvOwner(doc), false) {
			_, name, _ := strings.Cut(id, "/")
			return x.s.errCodeEnvForbidden(name)
		}
		return nil
	},
	listFilter: func(x *docCall) func(map[string]any) bool {
		return func(doc map[string]any) bool {
			return x.c.IsAdmin || codeEnvRight(x.st, x.c, codeEnvOwner(doc), false) || codeEnvUsableByAll(doc)
		}
	},
	listItem: func(_ *docCall, doc map[string]any) map[string]any {
		lang, _ := doc["envLang"].(string)
		name, _ := doc["envName"].(string)
		return map[string]any{"envName": name, "envLang": lang, "deploymentMode": doc["deploymentMode"],
			"name": name, "language": lang, "type": doc["deploymentMode"], "owner": codeEnvOwner(doc)}
	},
	deleted: codeEnvDeleted,
}

func (s *Server) codeEnvRoutes() {
	k := codeEnvKind
	s.handle("GET /admin/code-envs", s.handleListDocs(k))
	s.handle("POST /admin/code-envs/{lang}/{name}", s.serveCollection(k, AccessWrite, true, createCodeEnv))
	s.handle("GET /admin/code-envs/{lang}/{name}", s.handleReadPart(k, copyDoc))
	s.handle("PUT /admin/code-envs/{lang}/{name}", s.serveDoc(k, AccessWrite, true, putCodeEnv))
	s.handle("DELETE /admin/code-envs/{lang}/{name}", s.handleDeleteKindDoc(k))
	s.handle("POST /admin/code-envs/{lang}/{name}/packages", s.serveDoc(k, AccessWrite, false, rebuildCodeEnv("packages")))
	s.handle("POST /admin/code-envs/{lang}/{name}/jupyter", s.serveDoc(k, AccessWrite, false, rebuildCodeEnv("jupyter")))
	s.handle("GET /futures", s.handleListFutures)
	s.handle("GET /futures/{id}", s.handleGetFuture)
	s.handle("DELETE /futures/{id}", s.handleAbortFuture)
}

func codeEnvKey(lang, name string) string { return strings.ToUpper(lang) + "/" + name }

func errCodeEnvMissing(lang, name string) *APIError {
	return newError(http.StatusInternalServerError, ErrTypeCodedIO, fmt.Sprintf("%s env %s doesn't exist", strings.ToUpper(lang), name))
}

// codeEnvRight: admin; or a group allowed to manage every env; or, for
// creation, a group allowed to create envs; or the env's owner.
func codeEnvRight(st *State, c *Caller, owner string, creating bool) bool {
	if c.IsAdmin || (owner != "" && owner == c.Login) {
		return true
	}
	for _, g := range c.Groups {
		d := st.Groups[g]
		if d == nil {
			continue
		}
		if d["mayManageCodeEnvs"] == true || (creating && d["mayCreateCodeEnvs"] == true) {
			return true
		}
	}
	return false
}

func (s *Server) errCodeEnvForbidden(name string) *APIError {
	return newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized, "Action forbidden: you may not manage code env "+name)
}

// codeEnvUsableByAll reads usableByAll at the top (dataikuapi's
// docstring) or in desc.
func codeEnvUsableByAll(doc map[string]any) bool {
	desc, _ := doc["desc"].(map[string]any)
	return desc["usableByAll"] == true || doc["usableByAll"] == true
}

func codeEnvOwner(doc map[string]any) string {
	desc, _ := doc["desc"].(map[string]any)
	o, _ := desc["owner"].(string)
	return o
}

// buildMessages runs an emulated build of the env's spec: it fails when a
// requirement names an unavailable package, with pip's message.
func buildMessages(name string, doc map[string]any) map[string]any {
	var msgs []map[string]any
	for _, field := range []string{"specPackageList", "specCondaEnvironment"} {
		spec, _ := doc[field].(string)
		for _, line := range strings.Split(spec, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			pkg := line
			if i := strings.IndexAny(line, "=<>!~[; "); i >= 0 {
				pkg = line[:i]
			}
			if strings.HasPrefix(strings.ToLower(pkg), UnavailablePackagePrefix) {
				msgs = append(msgs, map[string]any{"severity": "ERROR", "title": "Failed to install packages",
					"message": "Could not find a version that satisfies the requirement " + line,
					"details": "ERROR: No matching distribution found for " + line})
			}
		}
	}
	if len(msgs) == 0 {
		msgs = []map[string]any{{"severity": "INFO", "title": "Code env built", "message": "Code env " + name + " built"}}
	}
	return map[string]any{"envName": name, "messages": operationMessages(msgs...)}
}

// buildAnswer answers a build request once the env is stored (outside
// the state lock, as the build takes time): with wait=true after the
// build time, with the result; otherwise at once with a future.
func (s *Server) buildAnswer(r *http.Request, result map[string]any) afterCommit {
	return func(w http.ResponseWriter) {
		d := s.CodeEnvBuildTime()
		if queryBool(r, "wait", true) {
			if !sleepCtx(r.Context(), d) {
				return
			}
			writeJSON(w, http.StatusOK, result)
			return
		}
		writeJSON(w, http.StatusOK, s.futures.start(d, result, false))
	}
}

// createCodeEnv is POST /admin/code-envs/{lang}/{name}: a new env, built
// from its spec; the answer is the build's (or its future).
func createCodeEnv(x *docCall, body map[string]any) (any, *APIError) {
	lang, name := strings.ToUpper(x.r.PathValue("lang")), x.r.PathValue("name")
	if !codeEnvRight(x.st, x.c, "", true) {
		return nil, newError(x.s.opts.UnauthorizedStatus, "java.lang.SecurityException", "You may not create code environments")
	}
	if lang != "PYTHON" && lang != "R" {
		return nil, errIllegalArgument("Unknown code env language: " + x.r.PathValue("lang") + " (PYTHON or R)")
	}
	if !CodeEnvNamePattern.MatchString(name) {
		return nil, errIllegalArgument("Invalid code env name: " + name)
	}
	if x.st.CodeEnvs[codeEnvKey(lang, name)] != nil {
		return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Code env %s already exists", name))
	}
	mode, _ := body["deploymentMode"].(string)
	if !slices.Contains(CodeEnvDeploymentModes, mode) {
		return nil, errIllegalArgument(fmt.Sprintf("Invalid deploymentMode: %v (one of %s)", body["deploymentMode"],
			strings.Join(CodeEnvDeploymentModes, ", ")))
	}
	// owner lives in desc; usableByAll and permissions at the top of
	// a design node's env, as dataikuapi's DSSCodeEnv.set_definition
	// docstring lists them (env.permissions, env.usableByAll,
	// env.desc.owner). codeEnvUsableByAll also reads desc, for a
	// client that wrote it there.
	desc := map[string]any{"deploymentMode": mode, "installCorePackages": true, "installJupyterSupport": false,
		"owner": x.c.Login, "conda": false}
	if lang == "PYTHON" {
		desc["pythonInterpreter"] = "PYTHON310"
	}
	doc := map[string]any{"envName": name, "envLang": lang, "deploymentMode": mode, "specPackageList": "",
		"specCondaEnvironment": "", "allContainerConfs": false, "containerConfs": []any{},
		"allSparkKubernetesConfs": false, "sparkKubernetesConfs": []any{}, "usableByAll": false, "permissions": []any{}}
	for field, v := range body {
		switch field {
		case "deploymentMode":
		case "pythonInterpreter", "conda", "installCorePackages", "installJupyterSupport", "owner", "desc":
			if m, ok := v.(map[string]any); ok && field == "desc" {
				for dk, dv := range m {
					desc[dk] = deepCopy(dv)
				}
				continue
			}
			desc[field] = deepCopy(v)
		default:
			doc[field] = deepCopy(v)
		}
	}
	doc["desc"] = desc
	x.st.CodeEnvs[codeEnvKey(lang, name)] = doc
	return x.s.buildAnswer(x.r, buildMessages(name, doc)), nil
}

// putCodeEnv is PUT /admin/code-envs/{lang}/{name}: the whole definition;
// the language, the name and the deployment mode stay. The answer is the
// updated definition, which dataikuapi's set_definition returns.
func putCodeEnv(x *docCall, id string, old, body map[string]any) (any, *APIError) {
	name := x.r.PathValue("name")
	if n, ok := body["envName"]; ok && n != name {
		return nil, errIllegalArgument("Cannot rename code env " + name)
	}
	if err := checkOptional[string](body, "a string", "specPackageList", "specCondaEnvironment"); err != nil {
		return nil, err
	}
	doc := copyDoc(body)
	doc["envName"], doc["envLang"], doc["deploymentMode"] = name, old["envLang"], old["deploymentMode"]
	x.st.CodeEnvs[id] = doc
	return copyDoc(doc), nil
}

// codeEnvDeleted answers a DELETE: the build messages of a removal, at
// once or (wait=false) as a finished future.
func codeEnvDeleted(x *docCall, _ string) any {
	result := map[string]any{"envName": x.r.PathValue("name"), "messages": operationMessages()}
	if queryBool(x.r, "wait", true) {
		return result
	}
	return x.s.futures.start(0, result, true)
}

// rebuildCodeEnv is POST .../packages and .../jupyter: a rebuild of the
// env from its stored spec (jupyter also switches its Jupyter support).
func rebuildCodeEnv(what string) func(x *docCall, id string, doc, _ map[string]any) (any, *APIError) {
	return func(x *docCall, _ string, doc, _ map[string]any) (any, *APIError) {
		if what == "jupyter" {
			if desc, ok := doc["desc"].(map[string]any); ok {
				desc["installJupyterSupport"] = queryBool(x.r, "active", true)
			}
		}
		return x.s.buildAnswer(x.r, buildMessages(x.r.PathValue("name"), doc)), nil
	}
}

// onFuture answers what fn makes, under the futures' lock, of the future
// the path's {id} names, or DSS's not-found when there is none.
func (s *Server) onFuture(w http.ResponseWriter, r *http.Request, fn func(f *future) any) {
	id := r.PathValue("id")
	s.futures.mu.Lock()
	f := s.futures.byID[id]
	var out any
	if f != nil {
		out = fn(f)
	}
	s.futures.mu.Unlock()
	if f == nil {
		writeErr(w, errNotFound(fmt.Sprintf("Future %s does not exist", id)))
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleGetFuture(w http.ResponseWriter, r *http.Request) {
	s.onFuture(w, r, func(f *future) any { return s.futures.state(f, !queryBool(r, "peek", false)) })
}

// DELETE /futures/{id} aborts a running future: it then reports an
// aborted build.
func (s *Server) handleAbortFuture(w http.ResponseWriter, r *http.Request) {
	s.onFuture(w, r, func(f *future) any {
		if !f.done(time.Now()) {
			f.aborted = true
			f.result = map[string]any{"messages": operationMessages(map[string]any{"severity": "ERROR", "title": "Aborted", "message": "Aborted"})}
		}
		return map[string]any{}
	})
}

func (s *Server) handleListFutures(w http.ResponseWriter, r *http.Request) {
	s.futures.mu.Lock()
	defer s.futures.mu.Unlock()
	out := []any{}
	for _, id := range sortedKeys(s.futures.byID) {
		if f := s.futures.byID[id]; !f.done(time.Now()) {
			out = append(out, s.futures.state(f, false))
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// General settings and instance variables (dss-api.md §2.3): whole
// documents, admin only.

func defaultGeneralSettings() map[string]any {
	return map[string]any{
		"ldapSettings":               map[string]any{"enabled": false},
		"ssoSettings":                map[string]any{"enabled": false},
		"maxRunningActivities":       5,
		"maxRunningActivitiesPerJob": 2,
		"studioExternalUrl":          "",
		"udfSettings":                map[string]any{},
		"codeEnvs":                   map[string]any{"globalPythonEnvName": "", "globalREnvName": ""},
		"themeSettings":              map[string]any{"theme": "default"},
		"securitySettings":           map[string]any{"sessionTimeoutMinutes": 60},
	}
}

func (s *Server) settingsRoutes() {
	doc := func(get func(st *State) map[string]any, set func(st *State, d map[string]any)) (http.HandlerFunc, http.HandlerFunc) {
		getH := func(w http.ResponseWriter, r *http.Request) {
			var out map[string]any
			_ = s.read(func(st *State) error { out = copyDoc(get(st)); return nil })
			writeJSON(w, http.StatusOK, out)
		}
		putH := func(w http.ResponseWriter, r *http.Request) {
			body, ok := decodeObject(w, r)
			if !ok {
				return
			}
			err := s.mutate(func(st *State) error { set(st, copyDoc(body)); return nil })
			answer(w, err, map[string]any{})
		}
		return s.adminOnly(getH), s.adminOnly(putH)
	}
	g, p := doc(func(st *State) map[string]any { return st.GeneralSettings },
		func(st *State, d map[string]any) { st.GeneralSettings = d })
	s.handle("GET /admin/general-settings", g)
	s.handle("PUT /admin/general-settings", p)
	g, p = doc(func(st *State) map[string]any { return st.InstanceVariables },
		func(st *State, d map[string]any) { st.InstanceVariables = d })
	s.handle("GET /admin/variables", g)
	s.handle("PUT /admin/variables", p)
	s.handle("GET /projects/{projectKey}/variables-resolved", s.handleResolvedVariables)
}

// GET /projects/{k}/variables-resolved?typed=: the instance variables,
// overridden by the project's standard ones, overridden by its local
// ones. Untyped (the default), every value is a string: JSON text for
// anything but a string [I].
func (s *Server) handleResolvedVariables(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	typed := queryBool(r, "typed", false)
	out := map[string]any{}
	err := s.read(func(st *State) error {
		p, err := s.projectForCaller(st, c, r.PathValue("projectKey"), AccessRead)
		if err != nil {
			return err
		}
		layers := []any{st.InstanceVariables, p.Variables["standard"], p.Variables["local"]}
		for _, l := range layers {
			m, _ := l.(map[string]any)
			for k, v := range m {
				out[k] = deepCopy(v)
			}
		}
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	if !typed {
		for k, v := range out {
			if _, ok := v.(string); !ok {
				b, _ := json.Marshal(v)
				out[k] = string(b)
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
}
