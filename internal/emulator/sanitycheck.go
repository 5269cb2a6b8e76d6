package emulator

import (
	"fmt"
	"net/http"
	"slices"
)

// The instance sanity check (Administration > Maintenance > Sanity check).
// Paths and bodies are dataikuapi's [V] (dssclient.py
// perform_instance_sanity_check: POST /admin/sanity-check/run with the
// list of codes to exclude, answering a future whose result is DSS's info
// messages {anyMessage, success, warning, error, fatal, maxSeverity,
// messages: [{severity, code, title, message, details}]};
// get_sanity_check_codes: GET /admin/sanity-check/codes, a list of codes;
// both "require an API key with admin rights").
//
// [I] the rest: the emulator cannot inspect an installation, so the
// check reports what SetSanityCheckFindings (or PUT
// /_emulator/sanity-check) gave it, none by default, less the excluded
// codes. The codes are a small catalogue in DSS's style plus the codes of
// the findings given.

// sanityCheckCodes is the emulator's catalogue of sanity check codes [I].
var sanityCheckCodes = []string{
	"INSTANCE_DISK_SPACE", "INSTANCE_JAVA_VERSION", "INSTANCE_PYTHON_VERSION",
	"CONNECTION_UNREACHABLE", "CODE_ENV_BROKEN", "CONTAINER_EXEC_BASE_IMAGES_OUTDATED", "LICENSE_EXPIRING",
}

// sanityCheckSeverities are the severities of DSS's info messages, lowest
// first [V DSSInfoMessage; the order is I].
var sanityCheckSeverities = []string{"INFO", "SUCCESS", "WARNING", "ERROR"}

func (s *Server) sanityCheckRoutes() {
	s.handle("GET /admin/sanity-check/codes", s.adminOnly(s.handleSanityCheckCodes))
	s.handle("POST /admin/sanity-check/run", s.adminOnly(s.handleSanityCheckRun))
}

// SetSanityCheckFindings replaces what the sanity check reports: each
// finding needs a code and one of DSS's severities; title defaults to
// the code, and isFatal makes the report fatal.
func (s *Server) SetSanityCheckFindings(findings []map[string]any) error {
	for _, f := range findings {
		if code, _ := f["code"].(string); code == "" {
			return fmt.Errorf("a finding needs a code")
		}
		if sev, _ := f["severity"].(string); !slices.Contains(sanityCheckSeverities, sev) {
			return fmt.Errorf("finding %v: severity %v is none of %v", f["code"], f["severity"], sanityCheckSeverities)
		}
	}
	return s.mutate(func(st *State) error {
		st.SanityCheckFindings = nil
		for _, f := range findings {
			d := copyDoc(f)
			if d["title"] == nil {
				d["title"] = d["code"]
			}
			st.SanityCheckFindings = append(st.SanityCheckFindings, d)
		}
		return nil
	})
}

func (s *Server) handleSanityCheckCodes(w http.ResponseWriter, _ *http.Request) {
	s.answerRead(w, func(st *State) (any, error) {
		codes := slices.Clone(sanityCheckCodes)
		for _, f := range st.SanityCheckFindings {
			if code, _ := f["code"].(string); !slices.Contains(codes, code) {
				codes = append(codes, code)
			}
		}
		return codes, nil
	})
}

// handleSanityCheckRun starts the check; its body is the list of codes
// to exclude (dataikuapi sends [] by default). The answer is a future
// whose result is the report.
func (s *Server) handleSanityCheckRun(w http.ResponseWriter, r *http.Request) {
	var excluded []string
	if r.ContentLength != 0 && !decodeBody(w, r, &excluded) {
		return
	}
	var report map[string]any
	_ = s.read(func(st *State) error {
		var msgs []map[string]any
		fatal, top := false, -1
		for _, f := range st.SanityCheckFindings {
			if code, _ := f["code"].(string); slices.Contains(excluded, code) {
				continue
			}
			m := copyDoc(f)
			isFatal, _ := m["isFatal"].(bool)
			fatal = fatal || isFatal
			severity, _ := m["severity"].(string)
			top = max(top, slices.Index(sanityCheckSeverities, severity))
			msgs = append(msgs, m)
		}
		report = operationMessages(msgs...)
		report["fatal"] = fatal
		if top >= 0 {
			report["maxSeverity"] = sanityCheckSeverities[top]
		}
		return nil
	})
	s.startTask(w, report)
}
