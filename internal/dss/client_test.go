package dss

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

const testKey = "s3cr3t-api-key-value"

func newTestClient(t *testing.T, url string) *Client {
	t.Helper()
	c, err := NewClient(Config{Host: url, APIKey: testKey, MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond, UserAgent: "terraform-provider-dataiku/test Terraform/1.11.4"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNormalizeHost(t *testing.T) {
	for in, want := range map[string]string{
		"https://dss.example.com:11200":             "https://dss.example.com:11200",
		"https://dss.example.com:11200/":            "https://dss.example.com:11200",
		"https://dss.example.com:11200/public/api":  "https://dss.example.com:11200",
		"https://dss.example.com:11200/public/api/": "https://dss.example.com:11200",
		"http://proxy.example.com/dss/public/api":   "http://proxy.example.com/dss",
		" http://localhost:1234 ":                   "http://localhost:1234",
	} {
		u, err := NormalizeHost(in)
		if err != nil {
			t.Errorf("NormalizeHost(%q): %v", in, err)
			continue
		}
		if u.String() != want {
			t.Errorf("NormalizeHost(%q) = %q, want %q", in, u.String(), want)
		}
	}
	for _, bad := range []string{"", "dss.example.com", "ftp://dss", "https://", "http://h/?a=b", "http://h?", "::"} {
		if _, err := NormalizeHost(bad); err == nil {
			t.Errorf("NormalizeHost(%q) accepted a bad URL", bad)
		}
	}
	// A host without its scheme gets the same hint, whatever url.Parse
	// would make of it (an IP address and port is a parse error there).
	for _, bare := range []string{"127.0.0.1:11400", "dss.example.com:11200", "localhost:11200", "dss.example.com", "[::1]:11200"} {
		_, err := NormalizeHost(bare)
		if err == nil || err.Error() != fmt.Sprintf("%q must start with http:// or https://", bare) {
			t.Errorf("NormalizeHost(%q): %v, want the scheme hint", bare, err)
		}
	}
}

// TestNormalizeHostRefusesCredentials: a host with a user name or password
// in it is refused, by NormalizeHost and by NewClient, with an error that
// points to the API key settings and quotes the host without them, and
// that never holds the user name nor the password (however they are
// written: a password with "/", "?", "#" or "@" in it included).
func TestNormalizeHostRefusesCredentials(t *testing.T) {
	const user, pass = "dssuser7", "hunter2pw"
	cases := map[string]string{
		"https://" + user + ":" + pass + "@dss.example.com":                     "https://dss.example.com",
		" https://" + user + ":" + pass + "@dss.example.com:11200/public/api/ ": "https://dss.example.com:11200/public/api/",
		"http://" + user + "@dss.example.com":                                   "http://dss.example.com",
		"https://:" + pass + "@dss.example.com":                                 "https://dss.example.com",
		"https://" + user + ":" + pass + "/x@dss.example.com":                   "https://dss.example.com",
		"https://" + user + ":" + pass + "?x@dss.example.com":                   "https://dss.example.com",
		"https://" + user + ":" + pass + "#x@dss.example.com":                   "https://dss.example.com",
		"https://" + user + ":" + pass + "@x@dss.example.com":                   "https://dss.example.com",
		"https://" + user + ":" + pass + "%zz@dss.example.com":                  "https://dss.example.com",
		"HTTPS://" + user + ":" + pass + "@dss.example.com":                     "HTTPS://dss.example.com",
		user + ":" + pass + "@dss.example.com":                                  "dss.example.com",
		user + ":" + pass + "@https://dss.example.com":                          "https://dss.example.com",
	}
	for in, shown := range cases {
		_, err := NormalizeHost(in)
		if err == nil {
			t.Errorf("NormalizeHost accepted a host with credentials")
			continue
		}
		_, clientErr := NewClient(Config{Host: in, APIKey: testKey})
		if clientErr == nil {
			t.Errorf("NewClient accepted a host with credentials")
			continue
		}
		for _, msg := range []string{err.Error(), clientErr.Error()} {
			if strings.Contains(msg, user) || strings.Contains(msg, pass) {
				t.Errorf("the error repeats the credentials: %s", strings.NewReplacer(user, "<USER>", pass, "<PASS>").Replace(msg))
				continue
			}
			for _, want := range []string{"credentials", "api_key", "DATAIKU_API_KEY", `"` + shown + `"`} {
				if !strings.Contains(msg, want) {
					t.Errorf("the error for %q lacks %q: %s", shown, want, msg)
				}
			}
		}
	}
}

// TestNormalizeHostErrorsQuoteTheInputOnce: url.Parse's error, which
// quotes the whole input, is not wrapped as it is.
func TestNormalizeHostErrorsQuoteTheInputOnce(t *testing.T) {
	_, err := NormalizeHost("http://h/%zz")
	if err == nil {
		t.Fatal("accepted a bad escape")
	}
	if got := strings.Count(err.Error(), "http://h/%zz"); got != 1 || strings.Contains(err.Error(), "parse ") {
		t.Errorf("the input is quoted %d times: %s", got, err)
	}
	if !strings.Contains(err.Error(), "invalid URL escape") {
		t.Errorf("the error lost what is wrong: %s", err)
	}
}

func TestRequestShape(t *testing.T) {
	var got *http.Request
	var gotBody []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		gotBody, _ = io.ReadAll(r.Body)
		w.Header().Set("DSS-Version", "14.3.3")
		_, _ = w.Write([]byte(`{"authIdentifier":"admin","groups":["administrators"]}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL+"/public/api/")
	var out map[string]any
	if err := c.Put(context.Background(), Path("projects", "A B", "metadata"), nil, map[string]any{"label": "x"}, &out); err != nil {
		t.Fatal(err)
	}
	user, pass, ok := got.BasicAuth()
	if !ok || user != testKey || pass != "" {
		t.Errorf("basic auth = %q/%q/%v, want the key as user and an empty password", user, pass, ok)
	}
	if got.URL.EscapedPath() != "/public/api/projects/A%20B/metadata" {
		t.Errorf("path = %q", got.URL.EscapedPath())
	}
	for h, want := range map[string]string{"Accept": "application/json", "Content-Type": "application/json", "User-Agent": "terraform-provider-dataiku/test Terraform/1.11.4"} {
		if got.Header.Get(h) != want {
			t.Errorf("%s = %q, want %q", h, got.Header.Get(h), want)
		}
	}
	if string(gotBody) != `{"label":"x"}` {
		t.Errorf("body = %s", gotBody)
	}
	if c.DSSVersion() != "14.3.3" {
		t.Errorf("DSSVersion = %q", c.DSSVersion())
	}
}

func TestErrorDecoding(t *testing.T) {
	cases := []struct {
		name, body string
		status     int
		want       string
		notFound   bool
		unauth     bool
	}{
		{"dss json", `{"errorType":"com.dataiku.dip.server.controllers.NotFoundException","message":"Project X does not exist","detailedMessage":"Project X does not exist"}`, 404,
			"GET /public/api/projects/X: 404 com.dataiku.dip.server.controllers.NotFoundException: Project X does not exist", true, false},
		{"detailed preferred", `{"errorType":"java.lang.IllegalArgumentException","message":"short","detailedMessage":"long, with cause"}`, 400,
			"GET /public/api/projects/X: 400 java.lang.IllegalArgumentException: long, with cause", false, false},
		{"html from proxy", "<html>\n<body><h1>502 Bad Gateway</h1>\n</body></html>" + strings.Repeat("x", 500), 502,
			"GET /public/api/projects/X: 502 (non-JSON response) <html> <body><h1>502 Bad Gateway</h1> </body></html>xxx", false, false},
		{"empty", "", 500, "GET /public/api/projects/X: 500 Internal Server Error (empty response)", false, false},
		{"unauthorized non-admin", `{"errorType":"com.dataiku.dip.exceptions.UnauthorizedException","message":"Failed to read project permissions"}`, 403,
			"GET /public/api/projects/X: 403 com.dataiku.dip.exceptions.UnauthorizedException: Failed to read project permissions", false, true},
		{"unauthorized as 404", `{"errorType":"com.dataiku.dip.exceptions.UnauthorizedException","message":"Failed to read project permissions"}`, 404,
			"GET /public/api/projects/X: 404 com.dataiku.dip.exceptions.UnauthorizedException: Failed to read project permissions", false, true},
		{"bad key", `{"errorType":"com.dataiku.dip.exceptions.NotAuthenticatedException","message":"Unknown API Key"}`, 401,
			"GET /public/api/projects/X: 401 com.dataiku.dip.exceptions.NotAuthenticatedException: Unknown API Key", false, true},
		{"missing connection", `{"errorType":"java.lang.IllegalArgumentException","message":"Connection 'pg' does not exist"}`, 400,
			"GET /public/api/projects/X: 400 java.lang.IllegalArgumentException: Connection 'pg' does not exist", true, false},
		{"not found type on 500 is not gone", `{"errorType":"com.dataiku.dip.server.controllers.NotFoundException","message":"x"}`, 500,
			"GET /public/api/projects/X: 500 com.dataiku.dip.server.controllers.NotFoundException: x", false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			c, _ := NewClient(Config{Host: srv.URL, APIKey: testKey, MaxRetries: -1})
			err := c.Get(context.Background(), Path("projects", "X"), nil, nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %v (%T) is not an *APIError", err, err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error text\n got %q\nwant %q", err.Error(), tc.want)
			}
			if len(err.Error()) > 400 {
				t.Errorf("error text is %d bytes long; a non-JSON body must be shortened", len(err.Error()))
			}
			if IsNotFound(err) != tc.notFound {
				t.Errorf("IsNotFound = %v, want %v", IsNotFound(err), tc.notFound)
			}
			if IsUnauthorized(err) != tc.unauth {
				t.Errorf("IsUnauthorized = %v, want %v", IsUnauthorized(err), tc.unauth)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Errorf("error contains the API key")
			}
		})
	}
}

// refusedAddr is a local address nothing listens on: a port just
// released.
func refusedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestNetworkErrorIsNeverNotFound(t *testing.T) {
	addr := refusedAddr(t)
	c := newTestClient(t, "http://"+addr)
	err := c.Get(context.Background(), "/projects/X", nil, nil)
	if err == nil || IsNotFound(err) || IsUnauthorized(err) {
		t.Fatalf("err = %v; a network error must be neither not-found nor unauthorized", err)
	}
	if !strings.Contains(err.Error(), addr) {
		t.Errorf("error %q does not name the host", err)
	}
}

// TestRetryMatrix checks which statuses are retried for which methods.
func TestRetryMatrix(t *testing.T) {
	cases := []struct {
		method       string
		status       int
		wantAttempts int32
		wantUnknown  bool
	}{
		{"GET", 429, 4, false}, {"GET", 502, 4, false}, {"GET", 503, 4, false}, {"GET", 504, 4, false},
		{"GET", 500, 1, false}, {"GET", 404, 1, false}, {"GET", 401, 1, false}, {"GET", 400, 1, false},
		{"PUT", 502, 4, false}, {"DELETE", 503, 4, false},
		{"POST", 429, 4, false}, {"POST", 503, 4, false},
		{"POST", 502, 1, true}, {"POST", 504, 1, true}, {"POST", 500, 1, false}, {"POST", 400, 1, false},
	}
	for _, tc := range cases {
		t.Run(tc.method+"_"+http.StatusText(tc.status), func(t *testing.T) {
			var attempts atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				attempts.Add(1)
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(`{"errorType":"x.Y","message":"m"}`))
			}))
			defer srv.Close()
			c := newTestClient(t, srv.URL)
			err := c.Do(context.Background(), tc.method, "/projects/X", nil, map[string]any{"a": 1}, nil)
			if err == nil {
				t.Fatal("expected an error")
			}
			if got := attempts.Load(); got != tc.wantAttempts {
				t.Errorf("attempts = %d, want %d", got, tc.wantAttempts)
			}
			if IsOutcomeUnknown(err) != tc.wantUnknown {
				t.Errorf("IsOutcomeUnknown = %v, want %v (%v)", IsOutcomeUnknown(err), tc.wantUnknown, err)
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status {
				t.Errorf("the last answer must be reported as an APIError with its status, got %v", err)
			}
		})
	}
}

func TestRetrySucceedsAndResendsBody(t *testing.T) {
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if string(body) != `{"k":"v"}` {
			t.Errorf("attempt %d body = %q", attempts.Load(), body)
		}
		if attempts.Add(1) < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	var out struct{ OK bool }
	if err := newTestClient(t, srv.URL).Put(context.Background(), "/x", nil, map[string]string{"k": "v"}, &out); err != nil || !out.OK {
		t.Fatalf("err=%v out=%v", err, out)
	}
	if attempts.Load() != 3 {
		t.Errorf("attempts = %d", attempts.Load())
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	var attempts atomic.Int32
	var first time.Time
	var gap time.Duration
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if attempts.Add(1) == 1 {
			first = time.Now()
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		gap = time.Since(first)
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	if err := newTestClient(t, srv.URL).Get(context.Background(), "/x", nil, nil); err != nil {
		t.Fatal(err)
	}
	// The backoff without Retry-After would be a few milliseconds.
	if gap < 900*time.Millisecond {
		t.Errorf("retried after %v, want at least the 1s of Retry-After", gap)
	}
}

func TestPostDroppedConnectionIsNotReplayed(t *testing.T) {
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	err := c.Post(context.Background(), "/projects/", nil, map[string]any{"projectKey": "A"}, nil)
	if !IsOutcomeUnknown(err) {
		t.Fatalf("err = %v, want an OutcomeUnknownError", err)
	}
	if attempts.Load() != 1 {
		t.Errorf("POST sent %d times; it must not be replayed", attempts.Load())
	}
	attempts.Store(0)
	if err := c.Get(context.Background(), "/projects/A", nil, nil); err == nil || IsOutcomeUnknown(err) {
		t.Fatalf("GET err = %v", err)
	}
	if attempts.Load() != 4 {
		t.Errorf("GET sent %d times, want 4 (1 + 3 retries)", attempts.Load())
	}
}

func TestPostRetriedWhenConnectionRefused(t *testing.T) {
	addr := refusedAddr(t)
	c := newTestClient(t, "http://"+addr)
	err := c.Post(context.Background(), "/projects/", nil, map[string]any{}, nil)
	if err == nil || IsOutcomeUnknown(err) {
		t.Fatalf("a refused connection means the POST never reached DSS; err = %v", err)
	}
}

func TestTimeoutIsAnError(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c, _ := NewClient(Config{Host: srv.URL, APIKey: testKey, MaxRetries: 1, RequestTimeout: 50 * time.Millisecond, RetryWaitMin: time.Millisecond})
	err := c.Get(context.Background(), "/projects/X", nil, nil)
	if err == nil || IsNotFound(err) {
		t.Fatalf("err = %v", err)
	}
}

func TestEmptyAndNonJSONSuccessBodies(t *testing.T) {
	body := ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(body)) }))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	for _, b := range []string{"", "ok", `"PROJ"`} {
		body = b
		if err := c.Delete(context.Background(), "/projects/X", nil, nil); err != nil {
			t.Errorf("body %q with no result wanted: %v", b, err)
		}
	}
	body = ""
	var out map[string]any
	if err := c.Get(context.Background(), "/projects/X", nil, &out); err == nil {
		t.Error("an empty body where a document is needed must be an error")
	}
}

func TestKeyMaskedInLogs(t *testing.T) {
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		// A server that echoes the key back must not make us log it.
		_, _ = w.Write([]byte(`{"errorType":"x","message":"bad key ` + testKey + `"}`))
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL+"/"+testKey)
	_ = c.Get(ctx, "/projects/"+testKey, nil, nil)
	if logs.Len() == 0 {
		t.Fatal("no logs were written")
	}
	encoded := base64.StdEncoding.EncodeToString([]byte(testKey + ":"))
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, testKey) || strings.Contains(line, encoded) {
			t.Errorf("log line leaks the key: %s", line)
		}
	}
	var entry map[string]any
	if err := json.Unmarshal([]byte(strings.Split(logs.String(), "\n")[0]), &entry); err != nil {
		t.Errorf("log is not JSON: %v", err)
	}
}

// TestRefusedConnectionFailsFast checks that, with the default retry
// settings, a port nothing listens on fails within a few seconds (not after
// the full backoff meant for an overloaded DSS) and that the error says it
// was retried, and how often.
func TestRefusedConnectionFailsFast(t *testing.T) {
	addr := refusedAddr(t)
	c, err := NewClient(Config{Host: "http://" + addr, APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		start := time.Now()
		err = c.Do(context.Background(), method, "/projects/", nil, nil, nil)
		elapsed := time.Since(start)
		if err == nil {
			t.Fatalf("%s: no error from a closed port", method)
		}
		if elapsed > 8*time.Second {
			t.Errorf("%s: a refused connection took %s to fail", method, elapsed)
		}
		if !regexp.MustCompile(`refused.*tried 3 times over \d+(\.\d+)?s`).MatchString(err.Error()) {
			t.Errorf("%s: the error does not say how often it was tried: %v", method, err)
		}
		if IsOutcomeUnknown(err) {
			t.Errorf("%s: a refused connection never reached DSS: %v", method, err)
		}
	}
}

// TestPlainHTTPServerForHTTPSHost: an https:// host whose server speaks
// plain HTTP fails at once, for a GET and a POST, saying what to change;
// it was retried for 15 s. The server never read a request, so a POST's
// outcome is known: nothing was done.
func TestPlainHTTPServerForHTTPSHost(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		t.Error("the plain-HTTP server was sent a request it could read")
	}))
	defer srv.Close()
	c, err := NewClient(Config{Host: "https://" + srv.Listener.Addr().String(), APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		err := c.Do(context.Background(), method, "/projects/", nil, nil, nil)
		if err == nil || !strings.Contains(err.Error(), "tried once, not retried; the server there speaks plain HTTP, not HTTPS: start the host with http://") {
			t.Errorf("%s: %v, want one try and the hint", method, err)
		}
		if IsOutcomeUnknown(err) {
			t.Errorf("%s: the plain-HTTP server read no request, so the outcome is known: %v", method, err)
		}
		if err != nil && strings.Contains(err.Error(), testKey) {
			t.Errorf("%s: the error holds the key: %v", method, err)
		}
	}
}

// TestUnknownHostFailsFast: a host name DNS says does not exist (".invalid"
// never does) fails as fast as a refused connection, saying so. Where the
// resolver cannot give that answer quickly, there is nothing to test.
func TestUnknownHostFailsFast(t *testing.T) {
	const host = "dss.invalid"
	start := time.Now()
	_, err := net.DefaultResolver.LookupHost(context.Background(), host)
	var dnsErr *net.DNSError
	if !errors.As(err, &dnsErr) || !dnsErr.IsNotFound || time.Since(start) > time.Second {
		t.Skipf("this resolver does not answer \"no such host\" quickly for %s: %v", host, err)
	}
	c, err := NewClient(Config{Host: "http://" + host + ":11200", APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	err = c.Get(context.Background(), "/projects/", nil, nil)
	if elapsed := time.Since(start); elapsed > 8*time.Second {
		t.Errorf("an unknown host took %s to fail", elapsed)
	}
	if err == nil || !regexp.MustCompile(`no such host.*tried 3 times.*DNS knows no such host`).MatchString(err.Error()) {
		t.Errorf("the error does not say the host is unknown and how often it was tried: %v", err)
	}
}
