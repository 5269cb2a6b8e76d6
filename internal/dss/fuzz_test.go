package dss

import (
	"encoding/json"
	"net/http"
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

// FuzzNormalizeHost: NormalizeHost never panics, and what it accepts is an
// absolute http(s) URL with a host, without query, fragment, trailing slash
// or API suffix, which normalises to itself again.
func FuzzNormalizeHost(f *testing.F) {
	for _, s := range []string{
		"https://dss.example.com:11200",
		"https://dss.example.com:11200/public/api/",
		"http://proxy.example.com/dss/public/api",
		"http://proxy.example.com/dss/dip/publicapi/",
		" http://localhost:1234 ",
		"http://[::1]:11200",
		"https://user:pass@dss.example.com",
		"http://h/a%2Fb/public/api",
		"http://h/public/api/public/api",
		"http://h//",
		"ftp://dss",
		"dss.example.com:11200",
		"https://",
		"http://h/?a=b",
		"http://h/#f",
		"::",
		"http://h/\u00e9t\u00e9",
		"HTTP://H",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		u, err := NormalizeHost(in)
		if err != nil {
			if u != nil {
				t.Fatalf("both a URL and an error for %q", in)
			}
			return
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			t.Fatalf("%q accepted with scheme %q", in, u.Scheme)
		}
		if u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("%q accepted as %#v", in, u)
		}
		if strings.HasSuffix(u.Path, "/") {
			t.Fatalf("%q normalised with a trailing slash: %q", in, u.Path)
		}
		again, err := NormalizeHost(u.String())
		if err != nil {
			t.Fatalf("%q normalised to %q, which is refused: %v", in, u.String(), err)
		}
		if again.String() != u.String() {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, u.String(), again.String())
		}
	})
}
