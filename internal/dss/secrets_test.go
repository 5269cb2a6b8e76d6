package dss

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// TestErrorsNeverContainTheKey covers every way a call can fail: DSS (or a
// proxy) echoing the credentials back in a JSON error, in a JSON-escaped
// form, in an HTML page and in a success body that is not JSON, a refused
// connection and a timeout. The error text must never hold the key nor its
// Basic form.
func TestErrorsNeverContainTheKey(t *testing.T) {
	basic := base64.StdEncoding.EncodeToString([]byte(testKey + ":"))
	var escaped strings.Builder // the key with every character JSON-escaped
	for _, r := range testKey {
		fmt.Fprintf(&escaped, `\u%04x`, r)
	}
	answers := map[string]struct {
		status int
		body   string
		delay  time.Duration
	}{
		"json echo":         {401, `{"errorType":"com.dataiku.dip.exceptions.NotAuthenticatedException","message":"Unknown API Key ` + testKey + `","detailedMessage":"Authorization: Basic ` + basic + `"}`, 0},
		"json escaped echo": {403, `{"errorType":"x.UnauthorizedException","message":"key ` + escaped.String() + `"}`, 0},
		"html echo":         {502, "<html><body>upstream refused Basic " + basic + " for " + testKey + "</body></html>", 0},
		"long html echo":    {503, strings.Repeat("x", bodyPrefixLimit-10) + testKey + strings.Repeat("y", 300), 0},
		"non-JSON success":  {200, "not json " + testKey, 0},
		"slow past timeout": {200, `{}`, 2 * time.Second},
		"key in errorType":  {500, `{"errorType":"` + testKey + `","message":"m"}`, 0},
	}
	for name, a := range answers {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if a.delay > 0 {
					select {
					case <-time.After(a.delay):
					case <-r.Context().Done():
						return
					}
				}
				w.WriteHeader(a.status)
				_, _ = w.Write([]byte(a.body))
			}))
			defer srv.Close()
			c, err := NewClient(Config{Host: srv.URL, APIKey: testKey, MaxRetries: -1, RequestTimeout: 300 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			var out map[string]any
			for _, method := range []string{http.MethodGet, http.MethodPost} {
				err := c.Do(context.Background(), method, "/projects/X", nil, nil, &out)
				if err == nil {
					t.Fatalf("%s: no error", method)
				}
				assertNoKey(t, err.Error(), basic)
			}
		})
	}
	t.Run("refused connection", func(t *testing.T) {
		host := "http://" + refusedAddr(t)
		c, err := NewClient(Config{Host: host, APIKey: testKey, MaxRetries: -1})
		if err != nil {
			t.Fatal(err)
		}
		err = c.Get(context.Background(), "/projects/X", nil, nil)
		if err == nil {
			t.Fatal("no error")
		}
		assertNoKey(t, err.Error(), basic)
	})
}

func assertNoKey(t *testing.T, text, basic string) {
	t.Helper()
	if strings.Contains(text, testKey) || strings.Contains(text, basic) {
		t.Errorf("error leaks the API key: %s", text)
	}
	// A prefix of the key long enough to narrow a guess is a leak too.
	if strings.Contains(text, testKey[:8]) {
		t.Errorf("error leaks a prefix of the API key: %s", text)
	}
}

// TestKeySecretsNeverInErrorsOrLogs: a reply holding a key's secret that
// the client cannot decode (cut short, a field of the wrong type) gives an
// error naming the request without quoting the body, and no log line (at
// TRACE) holds the secret either.
func TestKeySecretsNeverInErrorsOrLogs(t *testing.T) {
	bad := map[string]string{
		"cut short":  globalKeyReply[:len(globalKeyReply)-20],
		"wrong type": strings.Replace(globalKeyReply, `"createdOn":1700000000000`, `"createdOn":"`+createdSecret+`"`, 1),
	}
	for name, reply := range bad {
		t.Run(name, func(t *testing.T) {
			var logs bytes.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &logs)
			_, c := newKeyServer(t, map[string]string{
				"POST /public/api/admin/global-api-keys/":                reply,
				"GET /public/api/admin/global-api-keys/":                 "[" + reply + "]",
				"GET /public/api/admin/global-api-keys/AbCdEfGh12345678": reply,
				"POST /public/api/admin/personal-api-keys/":              reply,
			})
			var errs []error
			_, err := c.CreateGlobalAPIKey(ctx, NewGlobalAPIKey{Label: "ci", Admin: true})
			errs = append(errs, err)
			_, err = c.ListGlobalAPIKeys(ctx)
			errs = append(errs, err)
			_, err = GlobalAPIKeyDoc("AbCdEfGh12345678").Get(ctx, c)
			errs = append(errs, err)
			_, err = c.CreatePersonalAPIKeyFor(ctx, "bob", "l", "")
			errs = append(errs, err)
			for i, err := range errs {
				if err == nil {
					t.Errorf("call %d: no error", i)
					continue
				}
				if strings.Contains(err.Error(), createdSecret[:8]) {
					t.Errorf("call %d: the error holds the key secret: %v", i, err)
				}
			}
			if logs.Len() == 0 {
				t.Fatal("no logs were written")
			}
			if strings.Contains(logs.String(), createdSecret[:8]) {
				t.Errorf("the logs hold the key secret:\n%s", logs.String())
			}
		})
	}
	// And a good create: the secret is decoded, and still not logged.
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	_, c := newKeyServer(t, map[string]string{"POST /public/api/admin/global-api-keys/": globalKeyReply})
	k, err := c.CreateGlobalAPIKey(ctx, NewGlobalAPIKey{Label: "ci", Admin: true})
	if err != nil || k.Key != createdSecret {
		t.Fatalf("%+v %v", k, err)
	}
	if strings.Contains(logs.String(), createdSecret[:8]) {
		t.Errorf("the logs hold the key secret:\n%s", logs.String())
	}
}
