package emulator

import (
	"fmt"
	"net/http"
)

func (s *Server) requireAdmin(w http.ResponseWriter, r *http.Request) bool {
	if !callerFrom(r.Context()).IsAdmin {
		writeError(w, s.opts.UnauthorizedStatus, ErrTypeUnauthorized, "Action forbidden: admin rights required")
		return false
	}
	return true
}

// GET /admin/connections/: object keyed by name (dss-api.md §2.5).
func (s *Server) handleListConnections(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	out := map[string]any{}
	_ = s.read(func(st *State) error {
		for k, v := range st.Connections {
			out[k] = copyDoc(v)
		}
		return nil
	})
	writeJSON(w, http.StatusOK, out)
}

// GET /admin/connections/{name}; missing is 400 IllegalArgumentException
// "Connection 'X' does not exist" (dss-api.md §6.1) [I status].
func (s *Server) handleGetConnection(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	name := r.PathValue("name")
	var out map[string]any
	_ = s.read(func(st *State) error {
		if c, ok := st.Connections[name]; ok {
			out = copyDoc(c)
		}
		return nil
	})
	if out == nil {
		illegalArgument(w, fmt.Sprintf("Connection '%s' does not exist", name))
		return
	}
	writeJSON(w, http.StatusOK, out)
}
