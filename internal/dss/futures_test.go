package dss

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// futureServer is a DSS answering one code-env build as a future: polls
// answer hasResult:false until `pending` polls have passed, then what
// finish gives (nil: the success result). It records the aborts.
type futureServer struct {
	mu      sync.Mutex
	polls   int
	pending int
	aborted int
	finish  func(w http.ResponseWriter)
	pollErr func(poll int, w http.ResponseWriter) bool
}

const buildOK = `{"envName":"py","messages":{"anyMessage":false,"success":true,"warning":false,"error":false,"fatal":false,"messages":[]}}`

func (s *futureServer) handler(t *testing.T) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/public/api/admin/code-envs/PYTHON/py":
			if r.URL.Query().Get("wait") != "false" {
				t.Errorf("create without wait=false: %s", r.URL)
			}
			fmt.Fprint(w, `{"jobId":"j1","hasResult":false,"alive":true}`)
		case r.Method == http.MethodGet && r.URL.Path == "/public/api/futures/j1":
			s.polls++
			if s.pollErr != nil && s.pollErr(s.polls, w) {
				return
			}
			if s.polls <= s.pending {
				fmt.Fprint(w, `{"jobId":"j1","hasResult":false,"alive":true,"progress":{"states":[]}}`)
				return
			}
			if s.finish != nil {
				s.finish(w)
				return
			}
			fmt.Fprintf(w, `{"jobId":"j1","hasResult":true,"alive":false,"result":%s}`, buildOK)
		case r.Method == http.MethodDelete && r.URL.Path == "/public/api/futures/j1":
			s.aborted++
			fmt.Fprint(w, `{}`)
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL)
			w.WriteHeader(http.StatusNotFound)
		}
	})
}

func startFuture(t *testing.T, s *futureServer) (*Client, *Future) {
	t.Helper()
	srv := httptest.NewServer(s.handler(t))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL)
	f, err := c.CreateCodeEnv(context.Background(), "python", "py", CodeEnvCreate{DeploymentMode: "DESIGN_MANAGED"})
	if err != nil {
		t.Fatal(err)
	}
	return c, f
}

func TestWaitFutureFollowsABuildThatTakesAWhile(t *testing.T) {
	s := &futureServer{pending: 4}
	c, f := startFuture(t, s)
	start := time.Now()
	res, err := c.WaitFuture(context.Background(), f, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res), `"success":true`) {
		t.Errorf("result %s", res)
	}
	// 100ms, 150ms, 225ms, 337ms, 506ms: the backoff grows.
	if s.polls != 5 || time.Since(start) < 800*time.Millisecond {
		t.Errorf("%d polls in %s, want 5 with a growing interval", s.polls, time.Since(start))
	}
	if s.aborted != 0 {
		t.Error("a finished future was aborted")
	}
}

func TestWaitFutureBackoffIsCapped(t *testing.T) {
	old := futurePollMax
	futurePollMax = 150 * time.Millisecond
	t.Cleanup(func() { futurePollMax = old })
	s := &futureServer{pending: 8}
	c, f := startFuture(t, s)
	start := time.Now()
	if _, err := c.WaitFuture(context.Background(), f, true); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("9 polls capped at 150ms took %s", d)
	}
}

func TestWaitFutureReportsDSSMessagesVerbatim(t *testing.T) {
	s := &futureServer{pending: 1, finish: func(w http.ResponseWriter) {
		fmt.Fprint(w, `{"jobId":"j1","hasResult":true,"alive":false,"result":{"envName":"py","messages":{"anyMessage":true,"success":false,"warning":false,"error":true,"fatal":false,
"messages":[{"severity":"ERROR","title":"Failed to install packages","message":"Could not find a version that satisfies the requirement unavailable-pkg==1.0","details":""}]}}}`)
	}}
	c, f := startFuture(t, s)
	_, err := c.WaitFuture(context.Background(), f, true)
	var opErr *OperationError
	if !errors.As(err, &opErr) {
		t.Fatalf("want an OperationError, got %v", err)
	}
	want := "ERROR: Failed to install packages — Could not find a version that satisfies the requirement unavailable-pkg==1.0"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not carry DSS's message %q", err, want)
	}
}

func TestWaitFutureFailsOnAFutureThatDied(t *testing.T) {
	s := &futureServer{pending: 1, finish: func(w http.ResponseWriter) {
		fmt.Fprint(w, `{"jobId":"j1","hasResult":false,"alive":false}`)
	}}
	c, f := startFuture(t, s)
	_, err := c.WaitFuture(context.Background(), f, true)
	var failed *FutureFailedError
	if !errors.As(err, &failed) || failed.JobID != "j1" {
		t.Fatalf("want a FutureFailedError, got %v", err)
	}
}

func TestWaitFutureFailsOnAPollError(t *testing.T) {
	s := &futureServer{pending: 10, pollErr: func(poll int, w http.ResponseWriter) bool {
		if poll < 2 {
			return false
		}
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"errorType":"com.dataiku.dip.exceptions.NotFoundException","message":"Future j1 does not exist"}`)
		return true
	}}
	c, f := startFuture(t, s)
	_, err := c.WaitFuture(context.Background(), f, true)
	if err == nil || !strings.Contains(err.Error(), "Future j1 does not exist") {
		t.Fatalf("want DSS's error, got %v", err)
	}
	if s.aborted != 0 {
		t.Error("a failed poll aborted the future")
	}
}

func TestWaitFutureRetriesTransientPollErrors(t *testing.T) {
	s := &futureServer{pending: 1, pollErr: func(poll int, w http.ResponseWriter) bool {
		if poll == 1 || poll == 2 {
			w.WriteHeader(http.StatusBadGateway)
			return true
		}
		return false
	}}
	c, f := startFuture(t, s)
	if _, err := c.WaitFuture(context.Background(), f, true); err != nil {
		t.Fatalf("a 502 on a poll is retried: %v", err)
	}
}

// waitPastDeadline waits, abortOnTimeout or not, under deadline on a
// future that never ends, and says how long the wait took.
func waitPastDeadline(t *testing.T, deadline time.Duration, abortOnTimeout bool) (*futureServer, time.Duration, error) {
	s := &futureServer{pending: 1 << 30}
	c, f := startFuture(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	start := time.Now()
	_, err := c.WaitFuture(ctx, f, abortOnTimeout)
	return s, time.Since(start), err
}

func TestWaitFutureAbortsAtTheDeadline(t *testing.T) {
	s, took, err := waitPastDeadline(t, 400*time.Millisecond, true)
	var timeout *FutureTimeoutError
	if !errors.As(err, &timeout) || !timeout.Aborted || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want an aborted FutureTimeoutError, got %v", err)
	}
	if took > time.Second {
		t.Errorf("stopped %s after a 400ms deadline", took)
	}
	if s.aborted != 1 {
		t.Errorf("%d aborts, want 1", s.aborted)
	}
	if !strings.Contains(err.Error(), "still running") || !strings.Contains(err.Error(), "aborted") {
		t.Errorf("error text %q", err)
	}
}

func TestWaitFutureWithoutAbortLeavesTheTask(t *testing.T) {
	s, _, err := waitPastDeadline(t, 200*time.Millisecond, false)
	if !IsFutureTimeout(err) || s.aborted != 0 {
		t.Fatalf("want a timeout without abort, got %v and %d aborts", err, s.aborted)
	}
}

func TestWaitFutureAbortedResultIsAFailure(t *testing.T) {
	s := &futureServer{finish: func(w http.ResponseWriter) {
		fmt.Fprint(w, `{"jobId":"j1","hasResult":true,"alive":false,"aborted":true,"result":{"messages":{"error":true,"messages":[{"severity":"ERROR","message":"Aborted"}]}}}`)
	}}
	c, f := startFuture(t, s)
	_, err := c.WaitFuture(context.Background(), f, true)
	var opErr *OperationError
	if !errors.As(err, &opErr) || !opErr.Aborted || !strings.Contains(err.Error(), "ERROR: Aborted") {
		t.Fatalf("want an aborted OperationError, got %v", err)
	}
}

// A result whose messages are a list is a report of findings (the sanity
// check's info messages), returned to the caller, not a failed operation,
// even when a finding is an error; an aborted one still fails.
func TestWaitFutureReturnsAReportOfFindings(t *testing.T) {
	const report = `{"anyMessage":true,"error":true,"maxSeverity":"ERROR","messages":[{"severity":"ERROR","code":"X","title":"Broken"}]}`
	for _, aborted := range []bool{false, true} {
		s := &futureServer{finish: func(w http.ResponseWriter) {
			fmt.Fprintf(w, `{"jobId":"j1","hasResult":true,"alive":false,"aborted":%t,"result":%s}`, aborted, report)
		}}
		c, f := startFuture(t, s)
		raw, err := c.WaitFuture(context.Background(), f, true)
		if aborted {
			var opErr *OperationError
			if !errors.As(err, &opErr) || !opErr.Aborted {
				t.Fatalf("an aborted report: want an aborted OperationError, got %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("a report of findings failed the wait: %v", err)
		}
		r, err := DecodeSanityCheckReport(raw)
		if err != nil || len(r.Messages) != 1 || r.Messages[0].Code != "X" || !r.Error {
			t.Fatalf("the report read back: %+v %v", r, err)
		}
	}
}

func TestFutureCallAcceptsAnImmediateAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"messages":{"error":false,"messages":[]}}`)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	f, err := c.DeleteCodeEnv(context.Background(), "PYTHON", "py")
	if err != nil || !f.HasResult {
		t.Fatalf("future %+v, %v", f, err)
	}
	if _, err := c.WaitFuture(context.Background(), f, true); err != nil {
		t.Fatal(err)
	}
	if _, err := c.WaitFuture(context.Background(), &Future{}, true); err == nil {
		t.Error("a future with neither a jobId nor a result was accepted")
	}
}

func TestCodeEnvKeepsUnmodelledFields(t *testing.T) {
	const wire = `{"envName":"py","envLang":"PYTHON","deploymentMode":"DESIGN_MANAGED","desc":{"deploymentMode":"DESIGN_MANAGED","pythonInterpreter":"PYTHON310","conda":false,"installCorePackages":true,"installJupyterSupport":false,"owner":"admin","yarnPythonBin":"/x"},"usableByAll":false,"permissions":[{"group":"g","use":true,"update":false,"manageUsers":false,"x":1}],"specPackageList":"pandas\nnumpy","specCondaEnvironment":"","allContainerConfs":false,"containerConfs":[],"n":9007199254740993}`
	var e CodeEnv
	if err := json.Unmarshal([]byte(wire), &e); err != nil {
		t.Fatal(err)
	}
	if e.Mode() != "DESIGN_MANAGED" || e.Desc.PythonInterpreter != "PYTHON310" || len(e.Permissions) != 1 || !e.Permissions[0].Use {
		t.Errorf("decoded %+v", e)
	}
	out, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"yarnPythonBin":"/x"`, `"n":9007199254740993`, `"containerConfs":[]`, `"x":1`} {
		if !strings.Contains(string(out), s) {
			t.Errorf("%s lost in %s", s, out)
		}
	}
}

func TestIsCodeEnvMissing(t *testing.T) {
	missing := func(status int, path, errorType, msg string) error {
		return &APIError{Method: "GET", Path: APIPrefix + path, StatusCode: status, ErrorType: errorType, Message: msg}
	}
	const coded = "com.dataiku.dip.exceptions.CodedIOException"
	for _, c := range []struct {
		err  error
		want bool
	}{
		{missing(500, "/admin/code-envs/PYTHON/py310", coded, "PYTHON env py310 doesn't exist"), true},
		{missing(500, "/admin/code-envs/R/r-base", coded, "R env r-base doesn't exist"), true},
		{fmt.Errorf("reading: %w", missing(500, "/admin/code-envs/PYTHON/py310", coded, "PYTHON env py310 doesn't exist")), true},
		// Another env's path, a sub-path, another message or class: not gone.
		{missing(500, "/admin/code-envs/PYTHON/other", coded, "PYTHON env py310 doesn't exist"), false},
		{missing(500, "/admin/code-envs/PYTHON/py310/packages", coded, "PYTHON env py310 doesn't exist"), false},
		{missing(500, "/admin/code-envs/R/py310", coded, "PYTHON env py310 doesn't exist"), false},
		{missing(500, "/admin/code-envs/PYTHON/py310", coded, "Failed to read env: disk full"), false},
		{missing(500, "/admin/code-envs/PYTHON/py310", "java.lang.NullPointerException", "PYTHON env py310 doesn't exist"), false},
		{missing(502, "/admin/code-envs/PYTHON/py310", coded, "PYTHON env py310 doesn't exist"), false},
		{missing(403, "/admin/code-envs/PYTHON/py310", "com.dataiku.dip.exceptions.UnauthorizedException", "Action forbidden: admin rights required"), false},
		{errors.New("dial tcp: connection refused"), false},
	} {
		if got := IsCodeEnvMissing(c.err); got != c.want {
			t.Errorf("IsCodeEnvMissing(%v) = %t, want %t", c.err, got, c.want)
		}
	}
}

// TaskMessages reads a task result's envelope of messages, and nothing
// from a result that holds none or holds a report's list.
func TestTaskMessages(t *testing.T) {
	msgs := TaskMessages(json.RawMessage(`{"messages":{"anyMessage":true,"error":false,"messages":[` +
		`{"severity":"INFO","title":"User resynced","message":"lena resynced"},{"severity":"WARNING","title":"Skipped"}]}}`))
	if len(msgs) != 2 || msgs[0].String() != "INFO: User resynced — lena resynced" || msgs[1].String() != "WARNING: Skipped" {
		t.Fatalf("messages %+v", msgs)
	}
	for _, raw := range []string{`{}`, `{"messages":[{"severity":"INFO"}]}`, `"done"`, ``} {
		if got := TaskMessages(json.RawMessage(raw)); got != nil {
			t.Fatalf("%q: messages %+v", raw, got)
		}
	}
}
