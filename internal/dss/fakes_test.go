package dss

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// The fake DSS servers several tests share.

// fakeDocument is a fake DSS holding one document: GET answers it, PUT
// replaces it and is counted. With path set, any other path is a 404.
type fakeDocument struct {
	path   string
	mu     sync.Mutex
	stored string
	puts   int
}

// client starts the fake, stopped with the test, and a client of it.
func (d *fakeDocument) client(t *testing.T) *Client {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.path != "" && r.URL.Path != d.path {
			http.NotFound(w, r)
			return
		}
		switch r.Method {
		case http.MethodGet:
			_, _ = io.WriteString(w, d.stored)
		case http.MethodPut:
			d.puts++
			b, _ := io.ReadAll(r.Body)
			d.stored = string(b)
			_, _ = io.WriteString(w, "{}")
		}
	}))
	t.Cleanup(srv.Close)
	return newTestClient(t, srv.URL)
}

// requestLog is what a recording fake DSS saw, one line a request.
type requestLog struct {
	mu    sync.Mutex
	lines []string
}

// recordRequests starts a fake DSS, stopped with the test, that logs each
// request as show writes it (from the request and its body) and answers
// it with answer, which can read the body again; it returns a client of it.
func recordRequests(t *testing.T, show func(r *http.Request, body string) string, answer http.HandlerFunc) (*Client, *requestLog) {
	log := &requestLog{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		log.mu.Lock()
		log.lines = append(log.lines, show(r, string(body)))
		log.mu.Unlock()
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		answer(w, r)
	}))
	t.Cleanup(srv.Close)
	return newTestClient(t, srv.URL), log
}

// methodURIBody shows a request as "METHOD /uri?query body".
func methodURIBody(r *http.Request, body string) string {
	return r.Method + " " + r.URL.RequestURI() + " " + body
}

// methodPathBody shows a request as "METHOD /path body", without its
// query, for tests whose calls send none worth checking.
func methodPathBody(r *http.Request, body string) string {
	return r.Method + " " + r.URL.Path + " " + body
}

// seen is a copy of the lines logged so far.
func (l *requestLog) seen() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

// expect fails the test unless the requests were want, in order.
func (l *requestLog) expect(t *testing.T, want ...string) {
	t.Helper()
	if got := strings.Join(l.seen(), "\n"); got != strings.Join(want, "\n") {
		t.Fatalf("requests:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
