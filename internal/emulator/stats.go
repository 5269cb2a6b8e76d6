package emulator

import "sync"

// Stats are request counters. Requests counts every non-control request
// received (including ones rejected by auth or faults); ByRoute counts
// requests that reached a route handler, keyed by the full pattern, e.g.
// "GET /public/api/projects/{projectKey}". Control endpoints are not counted.
type Stats struct {
	Requests int64            `json:"requests"`
	ByRoute  map[string]int64 `json:"byRoute"`
	// Persist: what persisting the writes cost since the start (with a
	// state file only; a reset does not clear it).
	Persist *PersistStats `json:"persist,omitempty"`
}

// PersistStats counts the writes to the state file and its journal.
type PersistStats struct {
	Writes      int     `json:"writes"`
	Bytes       int64   `json:"bytes"`
	Seconds     float64 `json:"seconds"`
	Compactions int     `json:"compactions"`
}

type statsTracker struct {
	mu       sync.Mutex
	requests int64
	byRoute  map[string]int64
}

func newStatsTracker() *statsTracker { return &statsTracker{byRoute: map[string]int64{}} }

func (t *statsTracker) request() {
	t.mu.Lock()
	t.requests++
	t.mu.Unlock()
}

func (t *statsTracker) route(key string) {
	t.mu.Lock()
	t.byRoute[key]++
	t.mu.Unlock()
}

func (t *statsTracker) snapshot() Stats {
	t.mu.Lock()
	defer t.mu.Unlock()
	m := make(map[string]int64, len(t.byRoute))
	for k, v := range t.byRoute {
		m[k] = v
	}
	return Stats{Requests: t.requests, ByRoute: m}
}

func (t *statsTracker) reset() {
	t.mu.Lock()
	t.requests = 0
	t.byRoute = map[string]int64{}
	t.mu.Unlock()
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	st := s.stats.snapshot()
	if s.opts.StatePath != "" {
		p := s.persistCounters()
		st.Persist = &PersistStats{Writes: p.Writes, Bytes: p.Bytes, Seconds: p.Duration.Seconds(), Compactions: p.Compactions}
	}
	return st
}
