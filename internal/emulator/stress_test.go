package emulator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestKeyComparison: keys are matched exactly, near misses are refused over
// HTTP, and no code of the package compares key material other than through
// keyEqual (a plain == would leak, through timing, how much of a guess is
// right).
func TestKeyComparison(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{testAdmin, testAdmin, true},
		{"", "", true},
		{testAdmin, testAdmin[:len(testAdmin)-1], false},
		{testAdmin, testAdmin + "x", false},
		{testAdmin, strings.ToUpper(testAdmin), false},
		{testAdmin, "", false},
		{"a", "b", false},
	} {
		if got := keyEqual(c.a, c.b); got != c.want {
			t.Errorf("keyEqual(%q, %q) = %v", c.a, c.b, got)
		}
	}

	rn := startTest(t, testOpts())
	for _, near := range []string{
		testAdmin[:len(testAdmin)-1], testAdmin + "x", strings.ToUpper(testAdmin), " " + testAdmin,
		testBob + testAdmin, testAdmin[:1], testBob[:len(testBob)-1],
	} {
		expectError(t, call(t, rn.URL(), "GET", "/public/api/auth/info", near, nil), 401, ErrTypeNotAuthenticated)
		expectError(t, call(t, rn.URL(), "GET", "/_emulator/stats", near, nil), 401, ErrTypeNotAuthenticated)
	}

	// Source check: no ==, != or string/byte comparison function applied to
	// a key outside keyEqual.
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	isKey := func(e ast.Expr) bool {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			return x.Sel.Name == "AdminKey" || x.Sel.Name == "Key"
		case *ast.Ident:
			// API key material is named k, apiKey, adminKey or userKey;
			// a plain "key" or "projectKey" is a project key, not a secret.
			n := strings.ToLower(x.Name)
			return n == "k" || strings.HasSuffix(n, "apikey") || strings.HasSuffix(n, "adminkey") || strings.HasSuffix(n, "userkey")
		}
		return false
	}
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			if fn, ok := n.(*ast.FuncDecl); ok && fn.Name.Name == "keyEqual" {
				return false
			}
			switch x := n.(type) {
			case *ast.BinaryExpr:
				if (x.Op == token.EQL || x.Op == token.NEQ) && (isKey(x.X) || isKey(x.Y)) && !isEmptyString(x.X) && !isEmptyString(x.Y) {
					t.Errorf("%s: key compared with %s; use keyEqual", fset.Position(x.Pos()), x.Op)
				}
			case *ast.CallExpr:
				sel, ok := x.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				pkg, ok := sel.X.(*ast.Ident)
				if !ok || (pkg.Name != "strings" && pkg.Name != "bytes") {
					return true
				}
				switch sel.Sel.Name {
				case "EqualFold", "Compare", "Equal", "HasPrefix", "HasSuffix":
					for _, arg := range x.Args {
						if isKey(arg) {
							t.Errorf("%s: key compared with %s.%s; use keyEqual", fset.Position(x.Pos()), pkg.Name, sel.Sel.Name)
						}
					}
				}
			}
			return true
		})
	}
	if checked < 5 {
		t.Fatalf("only %d source files checked", checked)
	}
}

func isEmptyString(e ast.Expr) bool {
	lit, ok := e.(*ast.BasicLit)
	return ok && lit.Kind == token.STRING && (lit.Value == `""` || lit.Value == "``")
}

// TestBodySizeLimit: a body of exactly MaxBodyBytes is accepted, one byte
// more is refused with DSS's 413 whether or not the length is announced,
// on API and control endpoints alike, and a refused body changes nothing.
func TestBodySizeLimit(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "BIG")
	before := call(t, u, "GET", "/public/api/projects/BIG/metadata", testAdmin, nil).raw

	body := func(size int) string {
		const head, tail = `{"label":"`, `"}`
		return head + strings.Repeat("a", size-len(head)-len(tail)) + tail
	}
	exact := body(MaxBodyBytes)
	if len(exact) != MaxBodyBytes {
		t.Fatalf("built %d bytes", len(exact))
	}
	expectError(t, call(t, u, "PUT", "/public/api/projects/BIG/metadata", testAdmin, body(MaxBodyBytes+1)), 413, ErrTypeTooLarge)
	if after := call(t, u, "GET", "/public/api/projects/BIG/metadata", testAdmin, nil).raw; string(after) != string(before) {
		t.Fatal("a refused body changed the project")
	}
	// Without Content-Length (chunked), the limit still holds.
	req, err := http.NewRequest("PUT", u+"/public/api/projects/BIG/metadata", io.MultiReader(strings.NewReader(body(MaxBodyBytes+1))))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(testAdmin, "")
	req.ContentLength = -1
	expectError(t, doReq(t, req), 413, ErrTypeTooLarge)
	expectError(t, call(t, u, "POST", "/public/api/projects/", testAdmin, `{"projectKey":"HUGE","name":"`+strings.Repeat("n", MaxBodyBytes)+`"}`), 413, ErrTypeTooLarge)
	expectError(t, call(t, u, "GET", "/public/api/projects/HUGE", testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "POST", "/_emulator/faults", testAdmin, `[`+strings.Repeat(" ", MaxBodyBytes)+`]`), 413, ErrTypeTooLarge)

	expectOK(t, call(t, u, "PUT", "/public/api/projects/BIG/metadata", testAdmin, exact))
	if got := call(t, u, "GET", "/public/api/projects/BIG/metadata", testAdmin, nil).obj()["label"].(string); len(got) != MaxBodyBytes-len(`{"label":""}`) {
		t.Fatalf("stored label of %d bytes", len(got))
	}
}

// TestNonAdminConfinement adds to TestVisibility: admin-only endpoints
// refuse user keys, and a request the admin key makes on behalf of a user
// (X-DKU-ProxyUser) is confined exactly like that user's own key.
func TestNonAdminConfinement(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "SECRET")
	expectOK(t, createProject(t, u, "READABLE", testAdmin, map[string]any{"permissions": []any{
		map[string]any{"group": "readers", "readProjectContent": true}}}))

	for _, key := range []string{testBob, testCarol} {
		for _, c := range []struct{ method, path string }{
			{"GET", "/public/api/admin/connections"},
			{"GET", "/public/api/admin/connections/filesystem_managed"},
			{"GET", "/_emulator/stats"},
			{"GET", "/_emulator/state"},
			{"POST", "/_emulator/reset"},
			{"DELETE", "/_emulator/faults"},
		} {
			expectError(t, call(t, u, c.method, c.path, key, nil), 403, ErrTypeUnauthorized)
		}
	}
	if n := len(call(t, u, "GET", "/public/api/projects", testAdmin, nil).body.([]any)); n != 2 {
		t.Fatalf("a refused reset changed the state: %d projects", n)
	}

	asCarol := func(method, path string, body string) resp {
		req, err := http.NewRequest(method, u+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.SetBasicAuth(testAdmin, "")
		req.Header.Set("X-DKU-ProxyUser", "carol")
		return doReq(t, req)
	}
	own := call(t, u, "GET", "/public/api/projects", testCarol, nil).body
	if proxied := asCarol("GET", "/public/api/projects", "").body; !reflect.DeepEqual(proxied, own) {
		t.Fatalf("on behalf of carol the list is %v; carol's own key sees %v", proxied, own)
	}
	expectOK(t, asCarol("GET", "/public/api/projects/READABLE", ""))
	expectError(t, asCarol("GET", "/public/api/projects/SECRET", ""), 403, ErrTypeUnauthorized)
	expectError(t, asCarol("PUT", "/public/api/projects/READABLE/metadata", `{"label":"x"}`), 403, ErrTypeUnauthorized)
	expectError(t, asCarol("DELETE", "/public/api/projects/SECRET", ""), 403, ErrTypeUnauthorized)
	expectError(t, asCarol("GET", "/public/api/admin/connections", ""), 403, ErrTypeUnauthorized)
	expectError(t, asCarol("GET", "/_emulator/state", ""), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "GET", "/public/api/projects/SECRET", testAdmin, nil))
}
