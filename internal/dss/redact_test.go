package dss

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// The secrets a request sends in redactTests, and what shows each one
// leaked, in whatever form: the plain one, one with every character JSON
// or Gson escapes, and the string leaves of a JSON document.
const (
	plainSecret   = "pw-plain-7Hq2Zx"
	specialSecret = `p"w\<&='9LkMn`
	leafSecret    = "pw-leaf-3Vb8Qe"
	leafHost      = "leaf-host-4RtYu"
)

// secretTells: a prefix of plainSecret is a leak too (a page cut short).
var secretTells = []string{"pw-plain", "7Hq2Zx", "9LkMn", "3Vb8Qe", "4RtYu"}

// secretDoc is a JSON document of secrets (a connection's secret params):
// its string leaves are secrets, its number and boolean are not.
var secretDoc = map[string]any{"password": leafSecret, "port": 5432.0, "tls": true, "hosts": []any{leafHost}}

// secretCtx is ctx carrying the secrets the way a caller names them.
func secretCtx(ctx context.Context) context.Context {
	return WithSecrets(ctx, append([]string{plainSecret, specialSecret, ""}, SecretLeaves(secretDoc)...)...)
}

func assertNoSecretTell(t *testing.T, what, text string) {
	t.Helper()
	for _, tell := range secretTells {
		if strings.Contains(text, tell) {
			t.Errorf("%s leaks a secret (%q): %s", what, tell, text)
		}
	}
}

func TestSecretLeaves(t *testing.T) {
	got := SecretLeaves(secretDoc)
	slices.Sort(got)
	if want := []string{leafHost, leafSecret}; !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q (strings only: numbers and booleans are not secrets)", got, want)
	}
}

// TestSecretsNeverInErrors: DSS or a proxy answering a request with an
// error that quotes what the request sent (its body, as sent or as DSS
// decoded it, a page cut short in the middle of a secret, Gson's escapes)
// gives an error holding none of the call's secrets, each replaced by an
// explicit mark.
func TestSecretsNeverInErrors(t *testing.T) {
	// specialSecret as Gson (DSS's encoder) writes it inside a JSON string.
	const gsonSpecial = `p\"w\\\u003c\u0026\u003d\u00279LkMn`
	answers := map[string]func(w http.ResponseWriter, body string){
		"DSS's error quoting the body": func(w http.ResponseWriter, body string) {
			msg, _ := json.Marshal("cannot parse " + body)
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"errorType":"java.lang.IllegalArgumentException","message":%s,"detailedMessage":%s}`, msg, msg)
		},
		"DSS's error quoting the values": func(w http.ResponseWriter, _ string) {
			msg, _ := json.Marshal(fmt.Sprintf("login failed with %s, %s, %s on %s", plainSecret, specialSecret, leafSecret, leafHost))
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprintf(w, `{"errorType":"%s","message":%s}`, plainSecret, msg)
		},
		"a proxy's page quoting the body": func(w http.ResponseWriter, body string) {
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprintf(w, "<html><body>upstream refused %s</body></html>", body)
		},
		"a page cut short in a secret": func(w http.ResponseWriter, body string) {
			w.WriteHeader(http.StatusBadRequest)
			pad := bodyPrefixLimit - len("pw-plain-") - strings.Index(body, plainSecret)
			fmt.Fprintf(w, "%s%s", strings.Repeat("x", max(pad, 0)), body)
		},
		"Gson's escapes": func(w http.ResponseWriter, _ string) {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `not a DSS error: {"password":"%s"}`, gsonSpecial)
		},
		"a success that is not JSON": func(w http.ResponseWriter, body string) {
			fmt.Fprintf(w, "echo %s", body)
		},
	}
	for name, answer := range answers {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				answer(w, string(b))
			}))
			defer srv.Close()
			c := newTestClient(t, srv.URL)
			c.http.RetryMax = 0
			body := map[string]any{"name": "c", "password": plainSecret, "token": specialSecret, "params": secretDoc}
			var out map[string]any
			err := c.Put(secretCtx(context.Background()), "/admin/connections/c", nil, body, &out)
			if err == nil {
				t.Fatal("no error")
			}
			assertNoSecretTell(t, "the error", err.Error())
			if !strings.Contains(err.Error(), redactedSecret) {
				t.Errorf("the error does not show where a secret was: %v", err)
			}
			// What is not secret is left as it is ("" among the secrets
			// redacts nothing).
			if !strings.Contains(err.Error(), "PUT /public/api/admin/connections/c: ") {
				t.Errorf("the error lost what is not secret: %v", err)
			}
			// Without the secrets in ctx, the error quotes them: the
			// answer does carry them.
			if err := c.Put(context.Background(), "/admin/connections/c", nil, body, &out); err == nil || !slices.ContainsFunc(secretTells, func(tell string) bool { return strings.Contains(err.Error(), tell) }) {
				t.Errorf("the answer quotes no secret, so the case tests nothing: %v", err)
			}
		})
	}
}

// TestSecretsNeverInFutureFailures: a long-running task's failure, read
// from a 200 answer, may quote what the task was given (a Git URL with
// its password); the error holds none of the call's secrets, and is still
// DSS's report (an OperationError).
func TestSecretsNeverInFutureFailures(t *testing.T) {
	details, _ := json.Marshal(fmt.Sprintf("fatal: could not read from https://ci:%s@git.example.com (%s %s %s)", plainSecret, specialSecret, leafSecret, leafHost))
	s := &futureServer{finish: func(w http.ResponseWriter) {
		fmt.Fprintf(w, `{"jobId":"j1","hasResult":true,"alive":false,"result":{"messages":{"error":true,"messages":[
			{"severity":"ERROR","title":"Pull of %s failed","message":"m","details":%s}]}}}`, plainSecret, details)
	}}
	srv := httptest.NewServer(s.handler(t))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	ctx := secretCtx(context.Background())
	f, err := c.futureCall(ctx, http.MethodPost, "/admin/code-envs/PYTHON/py", url.Values{"wait": {"false"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.WaitFuture(ctx, f, true)
	var opErr *OperationError
	if !errors.As(err, &opErr) {
		t.Fatalf("want DSS's report, got %v", err)
	}
	assertNoSecretTell(t, "the task's error", err.Error())
	if !strings.Contains(err.Error(), "https://ci:"+redactedSecret+"@git.example.com") {
		t.Errorf("the error does not show where the secret was: %v", err)
	}
}

// TestSecretsMaskedInLogs: no log line written with a context carrying
// secrets shows them, at any level: neither the client's (a path quoting
// one, as a proxy's redirect could) nor the caller's own.
func TestSecretsMaskedInLogs(t *testing.T) {
	var logs bytes.Buffer
	ctx := secretCtx(tflogtest.RootLogger(context.Background(), &logs))
	tflog.Trace(ctx, "sending "+plainSecret, map[string]any{"body": specialSecret + " " + leafSecret})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	_ = c.Get(ctx, Path("lookup", plainSecret, leafHost), nil, nil)
	if !strings.Contains(logs.String(), "retrying DSS request") || !strings.Contains(logs.String(), "sending") {
		t.Fatalf("the logs lack the lines that would show a leak:\n%s", logs.String())
	}
	assertNoSecretTell(t, "the logs", logs.String())
}

// TestHeldSecretsNeverInErrors: a read-modify-write sends back secrets DSS
// stored (an infrastructure's admin keys, a connection's encrypted
// params, a scenario's reporter credentials) that no configuration named, so no caller put them in ctx; an
// error quoting the body holds none of them.
func TestHeldSecretsNeverInErrors(t *testing.T) {
	graphite := "metrics"
	docs := map[string]any{
		"project deployer infra": &InfraSettings{ID: "prod", AutomationNodeURL: "https://auto", AdminAPIKey: plainSecret},
		"API deployer infra": &APIInfraSettings{ID: "api", Type: "STATIC", APINodes: &[]APINode{
			{URL: "https://n1", AdminAPIKey: plainSecret}, {URL: "https://n2", AdminAPIKey: specialSecret, GraphitePrefix: &graphite},
		}},
		"scenario": &Scenario{ID: "s", Name: "nightly", Type: ScenarioStepBased,
			Reporters: []any{map[string]any{"messaging": map[string]any{"type": "webhook", "configuration": map[string]any{"url": plainSecret, "payload": "ok"}}}},
			Params: ScenarioParams{Steps: []ScenarioStep{{Type: "send_report", Params: Object{
				"messaging": map[string]any{"configuration": map[string]any{"token": specialSecret}}}}}}},
		"connection": &Connection{Name: "pg", Type: "PostgreSQL", Params: Object{
			"host": "db", "password": leafSecret, "basicCredential": map[string]any{"user": "u", "password": specialSecret},
		}},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		msg, _ := json.Marshal("cannot save " + string(b))
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"errorType":"java.lang.IllegalArgumentException","message":%s}`, msg)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	c.http.RetryMax = 0
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			err := c.Put(context.Background(), "/some/settings", nil, doc, nil)
			if err == nil {
				t.Fatal("no error")
			}
			assertNoSecretTell(t, "the error", err.Error())
			if !strings.Contains(err.Error(), redactedSecret) || !strings.Contains(err.Error(), "cannot save") {
				t.Errorf("the error should be DSS's, with the secrets marked: %v", err)
			}
		})
	}
}

// TestURLPasswordsNeverInErrors: an answer quoting a URL with a password
// (a failed clone of a remote set outside Terraform, whose password no
// call named as a secret) gives an error without the password, keeping
// the user, the host and the path; so does a URL whose whole user name is
// a token (GitHub's, an Azure DevOps PAT). URLs without a secret,
// scp-like Git addresses and other text are left as they are. A proxy's
// page is quoted only in part, so each quote is short enough to be
// quoted whole.
func TestURLPasswordsNeverInErrors(t *testing.T) {
	const (
		quoted       = `'https://bot:url-tok-7@git.example.com/org/x.git' "http://ci:p%40ss@10.0.0.1:8443/y" git@git.example.com:org/z.git https://bot@h/w a:b@c`
		ghToken      = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"
		azurePAT     = "k3xq7vyb2m5n4p6r8s9t0u1w2x3y4z5a6b7c8d9e0f1g2h3i4j5k"
		tokenQuoted  = `https://` + ghToken + `@github.com/org/v.git "https://` + azurePAT + `@dev.azure.com/org/_git/u" https://ci-bot@h/w`
		redactedUser = "https://" + redactedSecret + "@"
	)
	for _, c := range []struct {
		quoted        string
		secrets, kept []string
	}{
		{quoted, []string{"url-tok-7", "p%40ss"}, []string{"https://bot:" + redactedSecret + "@git.example.com/org/x.git", "http://ci:" + redactedSecret + "@10.0.0.1:8443/y",
			"git@git.example.com:org/z.git", "https://bot@h/w", "a:b@c"}},
		{tokenQuoted, []string{ghToken, azurePAT}, []string{redactedUser + "github.com/org/v.git", redactedUser + "dev.azure.com/org/_git/u", "https://ci-bot@h/w"}},
	} {
		for name, answer := range map[string]func(w http.ResponseWriter){
			"DSS's error": func(w http.ResponseWriter) {
				msg, _ := json.Marshal(c.quoted)
				w.WriteHeader(http.StatusInternalServerError)
				fmt.Fprintf(w, `{"errorType":"com.dataiku.dip.git.GitException","message":%s}`, msg)
			},
			"a proxy's page": func(w http.ResponseWriter) {
				w.WriteHeader(http.StatusBadGateway)
				fmt.Fprint(w, c.quoted)
			},
		} {
			t.Run(name, func(t *testing.T) {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { answer(w) }))
				defer srv.Close()
				cl := newTestClient(t, srv.URL)
				cl.http.RetryMax = 0
				err := cl.Get(context.Background(), "/projects/P/git/remotes", nil, nil)
				if err == nil {
					t.Fatal("no error")
				}
				for _, secret := range c.secrets {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("the error quotes the secret %q: %v", secret, err)
					}
				}
				for _, kept := range c.kept {
					if !strings.Contains(err.Error(), kept) {
						t.Errorf("the error lost %q: %v", kept, err)
					}
				}
			})
		}
	}

	// A failed task's report, read from a 200 answer.
	details, _ := json.Marshal(quoted)
	s := &futureServer{finish: func(w http.ResponseWriter) {
		fmt.Fprintf(w, `{"jobId":"j1","hasResult":true,"alive":false,"result":{"messages":{"error":true,"messages":[
			{"severity":"ERROR","title":"Pull failed","message":"m","details":%s}]}}}`, details)
	}}
	srv := httptest.NewServer(s.handler(t))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	f, err := c.futureCall(context.Background(), http.MethodPost, "/admin/code-envs/PYTHON/py", url.Values{"wait": {"false"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.WaitFuture(context.Background(), f, false)
	if err == nil || strings.Contains(err.Error(), "url-tok-7") || !strings.Contains(err.Error(), "https://bot:"+redactedSecret+"@git.example.com/org/x.git") {
		t.Errorf("the task's error: %v", err)
	}
}
