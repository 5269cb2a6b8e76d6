package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Reset clears every object (keeps the configured connections, the seeded people and the seeded projects, read
// again from their paths) and the request counters. Fault rules are kept; use ClearFaults.
func (s *Server) Reset() error {
	err := s.mutate(func(st *State) error {
		// Built aside: a seed path that no longer loads leaves the
		// state as it was.
		ns := NewState()
		ns.InstanceSecret = st.InstanceSecret
		// The configured connections come back as configured; the ones
		// created through the API go.
		for _, c := range s.seedConnections() {
			ns.Connections[c.Name] = ConnectionDoc(c)
		}
		// Seeded users, groups, keys and projects come back as they
		// were seeded.
		if err := s.seed(ns); err != nil {
			return err
		}
		if err := s.seedProjects(ns); err != nil {
			return newError(http.StatusInternalServerError, ErrTypeRuntime, err.Error())
		}
		*st = *ns
		return nil
	})
	s.stats.reset()
	s.ops.reset()
	return err
}

// setFromControl serves a control call that replaces one of the
// emulator's settings: the body decoded as a T goes to set, a value set
// refuses is answered "Bad <what>: <why>", and a success done.
func setFromControl[T any](w http.ResponseWriter, r *http.Request, set func(T) error, what, done string) {
	var v T
	if !decodeBody(w, r, &v) {
		return
	}
	if err := set(v); err != nil {
		illegalArgument(w, "Bad "+what+": "+err.Error())
		return
	}
	writeMsg(w, done)
}

// faultShapes is the shapes POST /_emulator/faults takes, for its errors.
const faultShapes = `[rule, ...], one rule, or {"seed": N, "rules": [rule, ...]}`

// decodeFaultConfig reads the body of POST /_emulator/faults: a list of
// rules, one rule alone (as the guide shows a rule), or the object with a
// seed. Unknown fields are refused: a misspelled "statuss" would make a
// rule that fires as a no-op, and an object taken for the wrong form would
// set no rules, both answered 200 while a CI test "survives a 503" that
// never came.
func decodeFaultConfig(body []byte) (FaultConfig, error) {
	var cfg FaultConfig
	strict := func(v any) error {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			return fmt.Errorf("%s (want %s)", strings.TrimPrefix(err.Error(), "json: "), faultShapes)
		}
		return nil
	}
	body = bytes.TrimSpace(body)
	if len(body) > 0 && body[0] == '[' {
		return cfg, strict(&cfg.Rules)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return cfg, fmt.Errorf("want %s", faultShapes)
	}
	_, hasRules := fields["rules"]
	_, hasSeed := fields["seed"]
	if !hasRules && !hasSeed {
		var rule FaultRule
		if err := strict(&rule); err != nil {
			return cfg, err
		}
		cfg.Rules = []FaultRule{rule}
		return cfg, nil
	}
	if err := strict(&cfg); err != nil {
		return cfg, err
	}
	if cfg.Rules == nil {
		// {"seed": N} alone used to clear the rules: say so rather than
		// guess.
		return cfg, errors.New(`the object form needs "rules": [rule, ...] ([] sets none)`)
	}
	return cfg, nil
}

// serveControl handles /_emulator/* (admin key only; never counted, never
// subject to faults or latency).
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	authed, admin := s.isAdminRequest(r)
	if !authed {
		writeError(w, http.StatusUnauthorized, ErrTypeNotAuthenticated, "Unknown API Key")
		return
	}
	if !admin {
		writeError(w, s.opts.UnauthorizedStatus, ErrTypeUnauthorized, "Emulator control endpoints require the admin key")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	if s.serveDataQualityControl(w, r) || s.serveObservationsControl(w, r) || s.serveOperationsControl(w, r) || s.servePluginControl(w, r) {
		return
	}
	switch r.Method + " " + r.URL.Path {
	case "GET " + ControlPrefix + "/stats":
		writeJSON(w, http.StatusOK, s.Stats())
	case "POST " + ControlPrefix + "/reset":
		if err := s.Reset(); err != nil {
			writeErr(w, err)
			return
		}
		writeMsg(w, "Emulator reset")
	case "GET " + ControlPrefix + "/faults":
		writeJSON(w, http.StatusOK, s.Faults())
	case "POST " + ControlPrefix + "/faults", "PUT " + ControlPrefix + "/faults":
		var raw json.RawMessage
		if !decodeBody(w, r, &raw) {
			return
		}
		cfg, err := decodeFaultConfig(raw)
		if err != nil {
			illegalArgument(w, "Bad fault rules: "+err.Error())
			return
		}
		if err := s.SetFaults(cfg.Rules); err != nil {
			illegalArgument(w, "Bad fault rules: "+err.Error())
			return
		}
		if cfg.Seed != nil {
			s.SetFaultSeed(*cfg.Seed)
		}
		writeJSON(w, http.StatusOK, map[string]any{"msg": "Fault rules set", "rules": len(cfg.Rules)})
	case "DELETE " + ControlPrefix + "/faults":
		s.ClearFaults()
		writeMsg(w, "Fault rules cleared")
	case "POST " + ControlPrefix + "/code-studio-templates", "PUT " + ControlPrefix + "/code-studio-templates":
		setFromControl(w, r, s.SetCodeStudioTemplates, "code studio templates", "Code studio templates set")
	case "POST " + ControlPrefix + "/sanity-check", "PUT " + ControlPrefix + "/sanity-check":
		setFromControl(w, r, s.SetSanityCheckFindings, "sanity check findings", "Sanity check findings set")
	case "POST " + ControlPrefix + "/supplier-groups", "PUT " + ControlPrefix + "/supplier-groups":
		setFromControl(w, r, s.SetSupplierGroups, "supplier groups", "Supplier groups set")
	case "GET " + ControlPrefix + "/user-resyncs":
		writeJSON(w, http.StatusOK, s.UserResyncs())
	case "GET " + ControlPrefix + "/state":
		writeJSON(w, http.StatusOK, s.Snapshot())
	default:
		notFound(w, "No such emulator endpoint: "+r.Method+" "+r.URL.Path)
	}
}
