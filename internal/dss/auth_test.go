package dss

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// TestCallerAsksDSSOnce checks that Caller reuses the identity of the last
// successful AuthInfo (one request for any number of project creates), asks
// DSS itself when there is none, does not keep a failed answer, and hands
// out copies nobody can change the kept one through.
func TestCallerAsksDSSOnce(t *testing.T) {
	var requests atomic.Int64
	var fail atomic.Bool
	fail.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.URL.Path != "/public/api/auth/info" {
			http.NotFound(w, r)
			return
		}
		if fail.Load() {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"errorType":"com.dataiku.dip.exceptions.UnauthorizedException","message":"no"}`))
			return
		}
		_, _ = w.Write([]byte(`{"authIdentifier":"alice","associatedDSSUser":"alice","groups":["g1"]}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	ctx := context.Background()

	if _, err := c.Caller(ctx); err == nil {
		t.Fatal("Caller succeeded although DSS refused /auth/info")
	}
	if got := requests.Load(); got != 1 {
		t.Fatalf("a refused Caller sent %d requests, want 1 (403 is not retried)", got)
	}
	fail.Store(false)
	first, err := c.Caller(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if first.AssociatedDSSUser != "alice" || requests.Load() != 2 {
		t.Fatalf("Caller after a failure = %+v with %d requests, want alice asked anew (2 requests)", first, requests.Load())
	}
	first.Groups[0] = "changed"
	for range 5 {
		again, err := c.Caller(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if again.AssociatedDSSUser != "alice" || again.Groups[0] != "g1" {
			t.Fatalf("Caller = %+v, want alice in g1 (a caller's change must not reach the kept copy)", again)
		}
	}
	if got := requests.Load(); got != 2 {
		t.Fatalf("%d requests after six Callers, want 2: the identity is asked once", got)
	}
	if _, err := c.AuthInfo(ctx); err != nil || requests.Load() != 3 {
		t.Fatalf("AuthInfo = %v with %d requests, want a request of its own (it checks the credentials)", err, requests.Load())
	}
}
