package dss

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// What a request sends that must never come back: the client's API key,
// and the secrets the caller names with WithSecrets (a connection's
// secret params, a user's password, ...). DSS, a proxy or a failed task's
// log may quote the request in an error; every error the client builds
// from DSS's answer is redacted of them, and every log line written with
// the call's context masks them.

// Replacement texts: explicit, so that a reader knows something was there.
const (
	redactedKey    = "<redacted API key>"
	redactedSecret = "<redacted secret>"
)

type secretsKey struct{}

// WithSecrets is ctx carrying values as secrets that the calls made with
// it send: the client redacts them from the errors it builds from DSS's
// answers and masks them in its log lines. Secrets add up over nested
// calls. An empty value is no secret (redacting "" would garble every
// error) and is ignored.
func WithSecrets(ctx context.Context, values ...string) context.Context {
	held := secretsIn(ctx)
	all := slices.Clone(held)
	for _, v := range values {
		if v != "" && !slices.Contains(all, v) {
			all = append(all, v)
		}
	}
	if len(all) == len(held) {
		return ctx
	}
	ctx = context.WithValue(ctx, secretsKey{}, all)
	// Log lines written with ctx outside the client (the caller's own)
	// hide them too.
	return maskForms(ctx, secretForms(values))
}

// secretSender is a request document that carries secrets DSS stored and
// handed back: a read-modify-write sends them back as read (an
// infrastructure's admin keys, a connection's encrypted params), although
// the configuration never named them. Do redacts them like the caller's
// own (WithSecrets).
type secretSender interface{ sentSecrets() []string }

func secretsIn(ctx context.Context) []string {
	s, _ := ctx.Value(secretsKey{}).([]string)
	return s
}

// SecretLeaves is the string leaves of a decoded JSON document (a
// connection's secret params, a preset's secret config, a scenario's
// reporter credentials), for WithSecrets. Numbers and booleans are left
// out: a port or a flag is not worth hiding, and redacting every "5432"
// or "true" an error holds would garble it. Keys name the secrets and are
// not secret.
func SecretLeaves(doc any) []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch t := v.(type) {
		case string:
			out = append(out, t)
		case map[string]any:
			for _, e := range t {
				walk(e)
			}
		case []any:
			for _, e := range t {
				walk(e)
			}
		}
	}
	walk(doc)
	return out
}

// secretForms are the forms the values can take on the wire: as written,
// and JSON-escaped as they appear inside a JSON string, by Go's encoder
// (with and without its HTML escapes) and by Gson's (DSS's), which also
// escapes "=" and "'".
func secretForms(values []string) []string {
	var out []string
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, v := range values {
		add(v)
		htmlSafe, _ := json.Marshal(v)
		escaped := string(htmlSafe[1 : len(htmlSafe)-1])
		add(escaped)
		add(strings.NewReplacer("=", `\u003d`, "'", `\u0027`).Replace(escaped))
		var plain bytes.Buffer
		enc := json.NewEncoder(&plain)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(v)
		quoted := strings.TrimSpace(plain.String())
		add(quoted[1 : len(quoted)-1])
	}
	return out
}

// redaction is one form of a secret and what replaces it.
type redaction struct{ form, with string }

// redactor removes, from text that comes from the server, the API key (as
// itself and as the Basic credentials "key:" in base64) and the secrets of
// the call's context, in all their forms.
type redactor []redaction

func (c *Client) redactor(ctx context.Context) redactor {
	var r redactor
	for _, f := range []string{c.apiKey, base64.StdEncoding.EncodeToString([]byte(c.apiKey + ":"))} {
		r = append(r, redaction{f, redactedKey})
	}
	for _, f := range secretForms(secretsIn(ctx)) {
		r = append(r, redaction{f, redactedSecret})
	}
	// The longest first: a secret holding another is replaced whole.
	slices.SortStableFunc(r, func(a, b redaction) int { return cmp.Compare(len(b.form), len(a.form)) })
	return r
}

func (r redactor) redact(s string) string {
	for _, x := range r {
		if x.form != "" {
			s = strings.ReplaceAll(s, x.form, x.with)
		}
	}
	s = urlPassword.ReplaceAllString(s, "${1}:"+redactedSecret+"@")
	return urlTokenUser.ReplaceAllString(s, "${1}"+redactedSecret+"@")
}

// urlPassword is the password of a URL's user information
// (https://user:token@host/...), which a failed Git clone, pull or plugin
// install may quote: DSS stores such URLs as given, and a remote's URL
// may have been set outside Terraform, so the caller cannot always name
// the password as a secret. It is redacted from every answer, whatever
// the call's secrets; the user name and the host stay, for the reader.
// The classes stop at quotes and backslashes so that a match never
// crosses a JSON string.
var urlPassword = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://[^/?#@\s:"'\\]*):[^/?#@\s"'\\]+@`)

// urlTokenUser is a token given as a URL's whole user name
// (https://ghp_…@github.com/...), which Git hosts accept in place of a
// user and password: redacted like a password, whatever the call's
// secrets. A user name that is not a token (https://ci-bot@host/...)
// stays.
var urlTokenUser = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://)` + names.URLTokenUser + `@`)

func (r redactor) apiError(e *APIError) {
	for _, f := range []*string{&e.Path, &e.ErrorType, &e.Message, &e.DetailedMessage, &e.RawBody} {
		*f = r.redact(*f)
	}
}

// messages redacts DSS's report of an operation (a failed task's log may
// quote what it was given: a Git URL with its password).
func (r redactor) messages(m *Messages) {
	for i := range m.Messages {
		for _, f := range []*string{&m.Messages[i].Title, &m.Messages[i].Message, &m.Messages[i].Details} {
			*f = r.redact(*f)
		}
	}
}

// mask makes every log line written with ctx hide what r redacts.
func (r redactor) mask(ctx context.Context) context.Context {
	forms := make([]string, 0, len(r))
	for _, x := range r {
		forms = append(forms, x.form)
	}
	return maskForms(ctx, forms)
}

func maskForms(ctx context.Context, forms []string) context.Context {
	forms = slices.DeleteFunc(forms, func(s string) bool { return s == "" })
	if len(forms) == 0 {
		return ctx
	}
	ctx = tflog.MaskMessageStrings(ctx, forms...)
	return tflog.MaskAllFieldValuesStrings(ctx, forms...)
}
