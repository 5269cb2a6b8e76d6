package dss

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeAPIError: any status and body give an *APIError whose text is
// never empty and stays short, without panicking; the predicates never call
// one answer both "not found" and "unauthorized"; and a DSS error document
// built from arbitrary strings gives back its errorType and message.
func FuzzDecodeAPIError(f *testing.F) {
	seeds := []struct {
		status          int
		body            string
		errorType, text string
	}{
		{404, `{"errorType":"com.dataiku.dip.server.controllers.NotFoundException","message":"Project X does not exist","detailedMessage":"Project X does not exist"}`, "com.dataiku.dip.server.controllers.NotFoundException", "Project X does not exist"},
		{400, `{"errorType":"java.lang.IllegalArgumentException","message":"Connection 'pg' does not exist"}`, "java.lang.IllegalArgumentException", "Connection 'pg' does not exist"},
		{403, `{"errorType":"com.dataiku.dip.exceptions.UnauthorizedException","message":"Failed to read project permissions"}`, "com.dataiku.dip.exceptions.UnauthorizedException", ""},
		{401, `{"errorType":"com.dataiku.dip.exceptions.NotAuthenticatedException","message":"Unknown API Key"}`, "x.NotAuthenticatedException", "Unknown API Key"},
		{502, "<html>\n<body><h1>502 Bad Gateway</h1></body></html>", ".", "\u00e9\u00e8"},
		{500, "", "", ""},
		{503, `{"errorType":null,"message":7}`, "a\x00b", "\xff\xfe"},
		{429, `[{"errorType":"x"}]`, "x", "y"},
		{404, `{"errorType":"x.UnauthorizedException"}` + " trailing", "NotFoundException", "does not exist"},
		{0, "\xff\xfe\xfd" + strings.Repeat("\u00e9", 150), "é", "é"},
		{-1, `{"detailedMessage":"only detailed"}`, "", "only detailed"},
		{999, `   {"errorType":"  "}   `, " ", " "},
	}
	for _, s := range seeds {
		f.Add(s.status, []byte(s.body), s.errorType, s.text)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, errorType, text string) {
		e := decodeAPIError(http.MethodGet, "/projects/X", status, body)
		msg := e.Error()
		if msg == "" {
			t.Fatal("empty error text")
		}
		if !strings.HasPrefix(msg, "GET /projects/X: ") {
			t.Fatalf("error text does not name the request: %q", msg)
		}
		if len(e.RawBody) > bodyPrefixLimit+len("...") {
			t.Fatalf("raw body quoted at %d bytes", len(e.RawBody))
		}
		if e.RawBody != "" && (e.ErrorType != "" || e.Message != "" || e.DetailedMessage != "") {
			t.Fatalf("both a decoded document and a raw body: %#v", e)
		}
		if IsNotFound(e) && IsUnauthorized(e) {
			t.Fatalf("status %d %q is both not-found and unauthorized", status, msg)
		}
		if (status == 401 || status == 403 || status >= 500) && IsNotFound(e) {
			t.Fatalf("status %d must never mean not found", status)
		}

		// A well-formed DSS error document round-trips.
		if errorType == "" || !utf8.ValidString(errorType) || !utf8.ValidString(text) {
			return
		}
		doc, err := json.Marshal(map[string]string{"errorType": errorType, "message": text, "detailedMessage": text})
		if err != nil {
			t.Fatal(err)
		}
		e = decodeAPIError(http.MethodPost, "/projects", status, doc)
		if e.ErrorType != errorType || e.Message != text || e.Text() != text {
			t.Fatalf("round trip of %s gave %#v", doc, e)
		}
		if e.RawBody != "" {
			t.Fatalf("a DSS document was treated as raw: %#v", e)
		}
		if !strings.Contains(e.Error(), errorType) {
			t.Fatalf("error text %q lost the errorType %q", e.Error(), errorType)
		}
	})
}

// FuzzNormalizeHost: NormalizeHost never panics; what it accepts is an
// absolute http(s) URL with the input's host name, without user info,
// query or fragment, that never ends in "/" or an API suffix, and that
// normalises to itself again (idempotence); a refused host holding "@"
// is quoted without what precedes its last "@".
func FuzzNormalizeHost(f *testing.F) {
	for _, s := range []string{
		"https://dss.example.com:11200",
		"https://dss.example.com:11200/public/api/",
		"http://proxy.example.com/dss/public/api",
		"http://proxy.example.com/dss/dip/publicapi/",
		"http://proxy.example.com/dss/public/api/dip/publicapi//public/api",
		" http://localhost:1234 ",
		"http://[::1]:11200",
		"https://user:pass@dss.example.com",
		"https://user:pa/ss@dss.example.com",
		"https://user:pa#ss@dss.example.com",
		"user:pass@dss.example.com",
		"https://@dss.example.com",
		"http://h/a@b",
		"http://h/%40",
		"http://h/a%40b/public/api/",
		"http://h/a%2Fb/public/api",
		"http://h/public/api/public/api",
		"http://h/public/api%2F",
		"http://public/api",
		"http://h//",
		"http://h/%zz",
		"ftp://dss",
		"dss.example.com:11200",
		"https://",
		"http://h/?a=b",
		"http://h/#f",
		"http://h?",
		"::",
		"http://h/\u00e9t\u00e9",
		"HTTP://H",
		"http://h\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		u, err := NormalizeHost(in)
		if err != nil {
			if u != nil {
				t.Fatalf("both a URL and an error for %q", in)
			}
			// Only the template's own "@" (in `before "@"`) may appear.
			if strings.Contains(in, "@") && strings.Count(err.Error(), "@") > 1 {
				t.Fatalf("the error for %q quotes what precedes an \"@\": %v", in, err)
			}
			return
		}
		if strings.Contains(in, "@") || u.User != nil {
			t.Fatalf("%q accepted with user info %v", in, u.User)
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			t.Fatalf("%q accepted with scheme %q", in, u.Scheme)
		}
		if u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
			t.Fatalf("%q accepted as %#v", in, u)
		}
		if parsed, err := url.Parse(strings.TrimSpace(in)); err != nil || parsed.Host != u.Host {
			t.Fatalf("%q normalised to host %q, not the input's", in, u.Host)
		}
		// The path, not the whole URL: in http://public/api, "public" is
		// the host name.
		out := u.String()
		for _, suffix := range []string{"/", APIPrefix, "/dip/publicapi"} {
			if strings.HasSuffix(u.Path, suffix) {
				t.Fatalf("%q normalised to %q, whose path ends in %q", in, out, suffix)
			}
		}
		if strings.HasSuffix(out, "/") {
			t.Fatalf("%q normalised to %q, which ends in \"/\"", in, out)
		}
		again, err := NormalizeHost(out)
		if err != nil {
			t.Fatalf("%q normalised to %q, which is refused: %v", in, out, err)
		}
		if again.String() != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again.String())
		}
	})
}

// FuzzNormalizeHostCredentials: a host with any user name and password is
// refused, by NormalizeHost and NewClient alike, and the error is the same
// whatever they are, so it cannot carry any part of them.
func FuzzNormalizeHostCredentials(f *testing.F) {
	for _, s := range [][2]string{
		{"user", "secret"}, {"", "secret"}, {"user", ""}, {"", ""},
		{"us@er", "p@ss"}, {"user", "pa/ss"}, {"user", "pa?ss"}, {"user", "pa#ss"},
		{"user", "p%zz"}, {"x://y", "z"}, {"dss.example.com", "https"}, {"\x00", " "},
	} {
		f.Add(s[0], s[1])
	}
	const suffix = "@dss.example.com:11200/public/api/"
	_, reference := NormalizeHost("https://u:p" + suffix)
	if reference == nil || !strings.Contains(reference.Error(), `"https://dss.example.com:11200/public/api/"`) {
		f.Fatalf("the reference error does not quote the host without its user info: %v", reference)
	}
	f.Fuzz(func(t *testing.T, user, pass string) {
		host := "https://" + user + ":" + pass + suffix
		if _, err := NormalizeHost(host); err == nil || err.Error() != reference.Error() {
			t.Fatalf("user %q, password %q: error %v, want %v", user, pass, err, reference)
		}
		if _, err := NewClient(Config{Host: host, APIKey: "k"}); err == nil || err.Error() != reference.Error() {
			t.Fatalf("NewClient, user %q, password %q: error %v, want %v", user, pass, err, reference)
		}
	})
}
