package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Running a project's Project Standards checks (dataikuapi dss/project.py
// start_run_project_standards_checks, get_project_standards_last_report,
// get_project_standards_scope; DSSProjectStandardsRunReport [V] for the
// paths and the report's shape). What they leave open is [I]:
//   - the project's scope is the first scope, in order, that selects it:
//     by key, by its folder or one of the folder's ancestors, or by one of
//     its tags; otherwise the default scope;
//   - a caller who may read the project may run its checks and read its
//     report;
//   - the emulator evaluates two of its invented specs: a project without
//     a description fails project-description (severity 3), and a Flow with
//     more datasets than threshold fails max-datasets (the check's
//     severity param, 3 by default); the two others are NOT_APPLICABLE;
//   - an explicit checkIds list runs those checks and leaves the saved
//     report alone, as dataikuapi says; an unknown id is an error.

func (s *Server) projectStandardsRunRoutes() {
	s.handle("POST /projects/{projectKey}/project-standards/actions/run", s.handleRunProjectStandards)
	s.handle("GET /projects/{projectKey}/project-standards/last-report", s.handleLastProjectStandardsReport)
	s.handle("GET /projects/{projectKey}/project-standards/scope", s.handleProjectStandardsScopeName)
}

// projectScope is the scope that selects project p. It only reads the
// state: before any Project Standards write, the default scope is
// defaultScopeDoc's.
func projectScope(st *State, p *Project) map[string]any {
	var scopes []map[string]any
	if st.ProjectStandards != nil {
		scopes = st.ProjectStandards.Scopes
	}
	folders := map[string]bool{}
	for id := p.FolderID; id != ""; {
		folders[id] = true
		f := st.Folders[id]
		if f == nil || f.ParentID == nil {
			break
		}
		id = *f.ParentID
	}
	tags := stringList(p.Metadata["tags"])
	for _, sc := range scopes {
		switch sc["selectionMethod"] {
		case "BY_PROJECT":
			if slices.Contains(stringList(sc["selectedProjects"]), p.ProjectKey) {
				return sc
			}
		case "BY_FOLDER":
			if slices.ContainsFunc(stringList(sc["selectedFolders"]), func(id string) bool { return folders[id] }) {
				return sc
			}
		case "BY_TAG":
			if slices.ContainsFunc(stringList(sc["selectedTags"]), func(t string) bool { return slices.Contains(tags, t) }) {
				return sc
			}
		case "ALL":
			return sc
		}
	}
	return defaultScopeDoc(st)
}

// numberParam is a check's numeric param, or def.
func numberParam(params map[string]any, key string, def float64) float64 {
	switch v := params[key].(type) {
	case float64:
		return v
	case int:
		return float64(v)
	}
	return def
}

// runCheck evaluates one check on project p: {status, severity, message}.
func runCheck(p *Project, check map[string]any) map[string]any {
	params, _ := check["checkParams"].(map[string]any)
	switch check["checkElementType"] {
	case "pstd-builtin_project-description":
		short, _ := p.Metadata["shortDesc"].(string)
		long, _ := p.Metadata["description"].(string)
		if strings.TrimSpace(short) == "" && strings.TrimSpace(long) == "" {
			return map[string]any{"status": "RUN_SUCCESS", "severity": 3, "message": "The project has no description"}
		}
		return map[string]any{"status": "RUN_SUCCESS", "severity": 0, "message": "The project has a description"}
	case "pstd-builtin_max-datasets":
		limit := numberParam(params, "threshold", 100)
		if n := len(p.Datasets); float64(n) > limit {
			return map[string]any{"status": "RUN_SUCCESS", "severity": int(numberParam(params, "severity", 3)),
				"message": fmt.Sprintf("The Flow holds %d datasets, more than %g", n, limit)}
		}
		return map[string]any{"status": "RUN_SUCCESS", "severity": 0, "message": fmt.Sprintf("The Flow holds %d datasets", len(p.Datasets))}
	}
	return map[string]any{"status": "NOT_APPLICABLE", "message": "Not evaluated by the emulator"}
}

// handleRunProjectStandards runs the project's checks (its scope's, or
// checkIds) and answers a future whose result is the report.
func (s *Server) handleRunProjectStandards(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	explicit := r.URL.Query()["checkIds"]
	var report map[string]any
	err := s.mutate(func(st *State) error {
		p, apiErr := s.projectForCaller(st, c, r.PathValue("projectKey"), AccessRead)
		if apiErr != nil {
			return apiErr
		}
		ps := st.projectStandards()
		scope := projectScope(st, p)
		ids := stringList(scope["checks"])
		if len(explicit) > 0 {
			ids = explicit
		}
		runs := map[string]any{}
		for _, id := range ids {
			check := ps.Checks[id]
			if check == nil {
				return errNotFound("Project Standards check " + id + " not found")
			}
			runs[id] = map[string]any{"check": copyDoc(check), "result": runCheck(p, check), "durationMs": 1,
				"expandedCheckParams": deepCopy(check["checkParams"])}
		}
		report = map[string]any{"projectKey": p.ProjectKey, "scope": scope["name"], "requester": c.Login,
			"startTime": time.Now().UnixMilli(), "totalDurationMs": len(ids), "bundleChecksRunInfo": runs}
		if len(explicit) == 0 {
			if ps.LastReports == nil {
				ps.LastReports = map[string]map[string]any{}
			}
			ps.LastReports[p.ProjectKey] = copyDoc(report)
		}
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	s.startTask(w, report)
}

// handleLastProjectStandardsReport answers the saved report, or an empty
// body when the checks never ran (dataikuapi reads "no text" as None).
func (s *Server) handleLastProjectStandardsReport(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	var report map[string]any
	err := s.read(func(st *State) error {
		p, apiErr := s.projectForCaller(st, c, r.PathValue("projectKey"), AccessRead)
		if apiErr != nil {
			return apiErr
		}
		if st.ProjectStandards != nil && st.ProjectStandards.LastReports[p.ProjectKey] != nil {
			report = copyDoc(st.ProjectStandards.LastReports[p.ProjectKey])
		}
		return nil
	})
	switch {
	case err != nil:
		writeErr(w, err)
	case report == nil:
		w.WriteHeader(http.StatusOK)
	default:
		writeJSON(w, http.StatusOK, report)
	}
}

// handleProjectStandardsScopeName answers the name of the project's scope,
// as text [V _perform_text].
func (s *Server) handleProjectStandardsScopeName(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	var name string
	err := s.read(func(st *State) error {
		p, apiErr := s.projectForCaller(st, c, r.PathValue("projectKey"), AccessRead)
		if apiErr != nil {
			return apiErr
		}
		name, _ = projectScope(st, p)["name"].(string)
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(name))
}
