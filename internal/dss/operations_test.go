package dss

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestOutcomeWorseThan(t *testing.T) {
	for _, c := range []struct {
		outcome, limit string
		worse          bool
	}{
		{OutcomeSuccess, OutcomeWarning, false},
		{OutcomeWarning, OutcomeWarning, false},
		{OutcomeFailed, OutcomeWarning, true},
		{OutcomeWarning, OutcomeFailed, false},
		{OutcomeAborted, OutcomeFailed, true},
		// An outcome DSS adds later fails rather than passes.
		{"SOMETHING_NEW", OutcomeFailed, true},
	} {
		if got := OutcomeWorseThan(c.outcome, c.limit); got != c.worse {
			t.Errorf("OutcomeWorseThan(%s, %s) = %t", c.outcome, c.limit, got)
		}
	}
}

// A job's log is text, not JSON: it comes back as DSS sent it, with the
// activity asked for.
func TestJobLogIsText(t *testing.T) {
	const log = "[2024/01/01-00:00:00.000] [ERROR] Column amount not found\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/public/api/projects/P/jobs/J1/log" || r.URL.Query().Get("activity") != "compute_x_NP" {
			http.Error(w, "unexpected "+r.URL.String(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte(log))
	}))
	defer srv.Close()
	got, err := newTestClient(t, srv.URL).JobLog(context.Background(), "P", "J1", "compute_x_NP")
	if err != nil || got != log {
		t.Fatalf("JobLog = %q, %v", got, err)
	}
}
