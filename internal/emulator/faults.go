package emulator

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// FaultRule injects a failure into matching API requests. Matching is on
// the normalised path (legacy base rewritten to /public/api, one trailing
// slash stripped). Rules never apply to /_emulator/ paths.
type FaultRule struct {
	Method    string `json:"method,omitempty"`    // empty = any
	PathRegex string `json:"pathRegex,omitempty"` // empty = any; unanchored
	// Status, when non-zero, answers with a DSS error of that status.
	Status    int    `json:"status,omitempty"`
	ErrorType string `json:"errorType,omitempty"` // default by status
	Message   string `json:"message,omitempty"`
	// Skip is how many matching requests the rule lets through untouched
	// before it fires: with Skip 1, a rule on an object's GET passes the
	// first read (a refresh's) and fails the next (an update's own read).
	// Skipped requests are not firings: Count counts from the first one
	// after them.
	Skip int `json:"skip,omitempty"`
	// Count is how many matching requests the rule fires for, after the
	// skipped ones; 0 = unlimited.
	Count int `json:"count,omitempty"`
	// DelayMs sleeps before continuing (then handles normally unless
	// Status or DropConnection is set).
	DelayMs           int  `json:"delayMs,omitempty"`
	RetryAfterSeconds int  `json:"retryAfterSeconds,omitempty"`
	DropConnection    bool `json:"dropConnection,omitempty"`
	// Probability in (0,1] fires the rule at random (seeded RNG); 0 = always.
	Probability float64 `json:"probability,omitempty"`
	// AfterHandler runs the real handler first (so writes happen and are
	// persisted), discards its response, then drops the connection or
	// answers with Status: a lost response to a successful request.
	AfterHandler bool `json:"afterHandler,omitempty"`
	// EchoBody ends the error's message with the request's body, as DSS
	// quoting a document it could not take, or a proxy quoting the
	// request, does: what the body sent comes back in the error. It needs
	// Status.
	EchoBody bool `json:"echoBody,omitempty"`

	re      *regexp.Regexp
	skipped int
	fired   int
}

// FaultConfig is the object form accepted by POST /_emulator/faults.
type FaultConfig struct {
	Seed  *int64      `json:"seed,omitempty"`
	Rules []FaultRule `json:"rules"`
}

type faultSet struct {
	mu    sync.Mutex
	rules []*FaultRule
	rng   *rand.Rand
}

func newFaultSet(seed int64) *faultSet {
	return &faultSet{rng: rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))}
}

func compileRules(rules []FaultRule) ([]*FaultRule, error) {
	out := make([]*FaultRule, 0, len(rules))
	for i, r := range rules {
		rule := r
		rule.skipped, rule.fired = 0, 0
		if rule.PathRegex != "" {
			re, err := regexp.Compile(rule.PathRegex)
			if err != nil {
				return nil, fmt.Errorf("rule %d: bad pathRegex: %w", i, err)
			}
			rule.re = re
		}
		// A rule without an effect lets every request through: a test
		// relying on it would pass with no fault injected.
		if rule.Status == 0 && rule.DelayMs == 0 && !rule.DropConnection {
			return nil, fmt.Errorf("rule %d does nothing: give it a status, a delayMs or dropConnection", i)
		}
		if rule.Status != 0 && (rule.Status < 100 || rule.Status > 599) {
			return nil, fmt.Errorf("rule %d: bad status %d", i, rule.Status)
		}
		if rule.Probability < 0 || rule.Probability > 1 {
			return nil, fmt.Errorf("rule %d: probability must be in [0,1]", i)
		}
		if rule.EchoBody && rule.Status == 0 {
			return nil, fmt.Errorf("rule %d: echoBody needs a status", i)
		}
		if rule.Skip < 0 || rule.Count < 0 || rule.DelayMs < 0 || rule.RetryAfterSeconds < 0 {
			return nil, fmt.Errorf("rule %d: negative skip/count/delayMs/retryAfterSeconds", i)
		}
		out = append(out, &rule)
	}
	return out, nil
}

// SetFaults replaces all fault rules.
func (s *Server) SetFaults(rules []FaultRule) error {
	compiled, err := compileRules(rules)
	if err != nil {
		return err
	}
	s.faults.mu.Lock()
	s.faults.rules = compiled
	s.faults.mu.Unlock()
	return nil
}

// SetFaultSeed reseeds the RNG used by probabilistic rules.
func (s *Server) SetFaultSeed(seed int64) {
	s.faults.mu.Lock()
	s.faults.rng = rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	s.faults.mu.Unlock()
}

// ClearFaults removes all fault rules.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	s.faults.rules = nil
	s.faults.mu.Unlock()
}

// Faults returns the active rules with how many requests each has let
// through as skipped and how many it has fired for.
func (s *Server) Faults() []map[string]any {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	out := []map[string]any{}
	for _, r := range s.faults.rules {
		out = append(out, map[string]any{"rule": *r, "skipped": r.skipped, "fired": r.fired})
	}
	return out
}

// match returns a copy of the first rule that fires for this request and
// consumes one of its counts. A rule still skipping counts the request as
// skipped and does not fire, as a rule that does not match: the rules
// after it may. Exhausted rules are removed.
func (f *faultSet) match(method, path string) *FaultRule {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, r := range f.rules {
		if r.Method != "" && r.Method != method {
			continue
		}
		if r.re != nil && !r.re.MatchString(path) {
			continue
		}
		if r.skipped < r.Skip {
			r.skipped++
			continue
		}
		if r.Probability > 0 && r.Probability < 1 && f.rng.Float64() >= r.Probability {
			continue
		}
		r.fired++
		out := *r
		if r.Count > 0 && r.fired >= r.Count {
			f.rules = append(f.rules[:i:i], f.rules[i+1:]...)
		}
		return &out
	}
	return nil
}

// bufferedWriter captures a handler's response so it can be discarded.
type bufferedWriter struct {
	h      http.Header
	status int
	buf    bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.h }
func (b *bufferedWriter) WriteHeader(s int) {
	if b.status == 0 {
		b.status = s
	}
}
func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = 200
	}
	return b.buf.Write(p)
}

func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, rule *FaultRule) {
	if rule.DelayMs > 0 {
		if !sleepCtx(r.Context(), time.Duration(rule.DelayMs)*time.Millisecond) {
			return
		}
	}
	if rule.Status == 0 && !rule.DropConnection {
		s.serveAPI(w, r)
		return
	}
	var body []byte
	if rule.EchoBody {
		body, _ = io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body)) // the handler may read it too
	}
	if rule.AfterHandler {
		bw := &bufferedWriter{h: http.Header{}}
		s.serveAPI(bw, r)
	}
	if rule.DropConnection {
		dropConnection(w)
		return
	}
	if rule.RetryAfterSeconds > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(rule.RetryAfterSeconds))
	}
	msg := cmp.Or(rule.Message, fmt.Sprintf("Injected fault (HTTP %d)", rule.Status))
	if rule.EchoBody {
		msg += ": " + string(body)
	}
	writeError(w, rule.Status, rule.ErrorType, msg)
}

// dropConnection closes the client connection without any response.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}
