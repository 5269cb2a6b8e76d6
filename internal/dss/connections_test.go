package dss

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// A connection as DSS sends it: the secret encrypted, fields the provider
// does not model (indexing, creation tag, a future key), a big number.
const connectionWire = `{"name":"pg","type":"PostgreSQL","description":"","params":{"host":"db","port":5432,
"password":"e:AES:0123456789abcdef0123456789abcdef","basicCredential":{"user":"u","password":"e:AES:ffff"}},
"allowWrite":true,"allowManagedDatasets":true,"allowManagedFolders":false,"usableBy":"ALLOWED","allowedGroups":["a"],
"detailsReadability":{"readableBy":"NONE","allowedGroups":[],"future":1},"credentialsMode":"GLOBAL","maxActivities":0,
"useGlobalProxy":false,"indexingSettings":{},"creationTag":{"lastModifiedBy":{"login":"admin"},"lastModifiedOn":1700000000123},
"future":{"n":9007199254740993}}`

func TestConnectionRoundTripKeepsEverything(t *testing.T) {
	c := decodeWire[Connection](t, connectionWire)
	if c.Name != "pg" || c.UsableBy != "ALLOWED" || c.AllowManagedFolders || c.DetailsReadability.ReadableBy != "NONE" ||
		c.Params["port"] != json.Number("5432") {
		t.Fatalf("decoded: %+v", c)
	}
	out := encode(t, c)
	if !semanticallyEqualExact(t, string(out), connectionWire) || !strings.Contains(string(out), "9007199254740993") {
		t.Fatalf("round trip changed the document:\n%s\n%s", connectionWire, out)
	}
}

func TestSecretParams(t *testing.T) {
	params := Object{"host": "db", "password": "e:AES:x", "token": "t",
		"basicCredential": map[string]any{"user": "u", "password": "e:AES:y"}, "other": map[string]any{"password": "not a container"}}
	if got := fmt.Sprint(SecretParamsIn(params)); got != "[basicCredential.password password token]" {
		t.Errorf("SecretParamsIn: %s", got)
	}
	clean := ParamsWithoutSecrets(params)
	if fmt.Sprint(clean) != "map[basicCredential:map[user:u] host:db other:map[password:not a container]]" {
		t.Errorf("ParamsWithoutSecrets: %v", clean)
	}
	if _, ok := params["password"]; !ok {
		t.Error("ParamsWithoutSecrets changed its argument")
	}
	for _, k := range []string{"password", "secretKey", "token", "privateKey"} {
		if !IsSecretParamKey(k) {
			t.Errorf("%s is not a secret key", k)
		}
	}
}

// A credential object written is merged with DSS's, whose encrypted secret
// stays unless written replaces it; other keys are replaced whole.
func TestMergeParamsKeepsEncryptedSecrets(t *testing.T) {
	dssParams := Object{"host": "old", "password": "e:AES:1",
		"basicCredential": map[string]any{"user": "old", "password": "e:AES:2", "domain": "d"}, "nested": map[string]any{"a": 1}}
	got := MergeParams(dssParams, Object{"host": "new", "basicCredential": map[string]any{"user": "new"}, "nested": map[string]any{"b": 2}})
	want := "map[basicCredential:map[password:e:AES:2 user:new] host:new nested:map[b:2] password:e:AES:1]"
	if fmt.Sprint(got) != want {
		t.Errorf("merged:\n%v\nwant\n%v", got, want)
	}
	got = MergeSecrets(got, Object{"password": "clear", "basicCredential": map[string]any{"password": "clear2"}})
	if got["password"] != "clear" || fmt.Sprint(got["basicCredential"]) != "map[password:clear2 user:new]" {
		t.Errorf("secrets written: %v", got)
	}
	if fmt.Sprint(MergeParams(nil, Object{"a": "b"})) != "map[a:b]" {
		t.Error("nil params")
	}
}

func TestConnectionCalls(t *testing.T) {
	c, log := recordRequests(t, methodURIBody, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/public/api/admin/connections/":
			_, _ = io.WriteString(w, `{"pg":`+connectionWire+`,"fs":{"type":"Filesystem","params":{}}}`)
		case r.Method == http.MethodGet && r.URL.Path == "/public/api/admin/connections/pg":
			_, _ = io.WriteString(w, connectionWire)
		case r.Method == http.MethodGet && r.URL.Path == "/public/api/admin/connections/nope":
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"errorType":"java.lang.IllegalArgumentException","message":"Connection 'nope' does not exist"}`)
		case r.Method == http.MethodGet && r.URL.Path == "/public/api/connections/get-names":
			_, _ = io.WriteString(w, `["pg"]`)
		case r.Method == http.MethodGet && r.URL.Path == "/public/api/connections/pg/info":
			_, _ = io.WriteString(w, `{"name":"pg","type":"PostgreSQL","params":{"password":"e:AES:0"},"resolvedParams":{"password":"clear"}}`)
		case r.Method == http.MethodPut:
			_, _ = io.WriteString(w, `{}`)
		case r.Method == http.MethodPost:
			_, _ = io.WriteString(w, `{"name":"pg"}`)
		case r.Method == http.MethodDelete:
			_, _ = io.WriteString(w, `{"msg":"deleted"}`)
		}
	})
	ctx := context.Background()

	all, err := c.ListConnections(ctx)
	if err != nil || len(all) != 2 || all["fs"].Name != "fs" || all["pg"].Type != "PostgreSQL" {
		t.Fatalf("list: %v %+v", err, all)
	}
	if err := c.CreateConnection(ctx, NewConnection{Name: "pg", Type: "PostgreSQL", Params: Object{"host": "db"}}); err != nil {
		t.Fatal(err)
	}
	_, wrote, err := ConnectionDoc("pg").Update(ctx, c, func(d *Connection) error { d.MaxActivities = 3; return nil })
	if err != nil || !wrote {
		t.Fatalf("update: %v %v", wrote, err)
	}
	_, wrote, err = ConnectionDoc("pg").Update(ctx, c, func(*Connection) error { return nil })
	if err != nil || wrote {
		t.Fatalf("an unchanged update wrote: %v %v", wrote, err)
	}
	names, err := c.ConnectionNames(ctx, "PostgreSQL")
	if err != nil || fmt.Sprint(names) != "[pg]" {
		t.Fatalf("names: %v %v", names, err)
	}
	info, err := c.GetConnectionInfo(ctx, "pg")
	if err != nil || info.ResolvedParams["password"] != "clear" {
		t.Fatalf("info: %v %+v", err, info)
	}
	if err := c.DeleteConnection(ctx, "pg"); err != nil {
		t.Fatal(err)
	}
	_, err = ConnectionDoc("nope").Get(ctx, c)
	if !IsConnectionMissing(err) {
		t.Fatalf("missing connection not recognised: %v", err)
	}

	seen := log.seen()
	post := seen[1]
	if !strings.HasPrefix(post, "POST /public/api/admin/connections/ ") ||
		!strings.Contains(post, `"allowedGroups":[]`) || !strings.Contains(post, `"description":null`) ||
		!strings.Contains(post, `"usableBy":"ALL"`) || !strings.Contains(post, `"params":{"host":"db"}`) {
		t.Errorf("POST: %s", post)
	}
	put := seen[3]
	if !strings.HasPrefix(put, "PUT /public/api/admin/connections/pg ") || !strings.Contains(put, `"maxActivities":3`) ||
		!strings.Contains(put, `"password":"e:AES:0123456789abcdef0123456789abcdef"`) || !strings.Contains(put, `9007199254740993`) ||
		!strings.Contains(put, `"future":1`) {
		t.Errorf("PUT: %s", put)
	}
	if seen[5] != "GET /public/api/connections/get-names?type=PostgreSQL " {
		t.Errorf("get-names: %s", seen[5])
	}
}

// Only DSS's answer about that very connection is "missing": not another
// connection's, not another path's, never an auth or server error.
func TestIsConnectionMissing(t *testing.T) {
	mk := func(status int, path, errType, msg string) error {
		return &APIError{Method: "GET", Path: path, StatusCode: status, ErrorType: errType, Message: msg}
	}
	const iae = "java.lang.IllegalArgumentException"
	for _, c := range []struct {
		err  error
		want bool
	}{
		{mk(400, "/public/api/admin/connections/pg", iae, "Connection 'pg' does not exist"), true},
		{mk(400, "/public/api/admin/connections/pg/", iae, "Connection 'pg' does not exist"), true},
		{mk(400, "/public/api/admin/connections/a%20b", iae, "Connection 'a b' does not exist"), true},
		{mk(400, "/public/api/admin/connections/pg", iae, "Connection 'other' does not exist"), false},
		{mk(400, "/public/api/projects/P/datasets/", iae, "Connection 'pg' does not exist"), false},
		{mk(400, "/public/api/admin/connections/pg/x", iae, "Connection 'pg' does not exist"), false},
		{mk(403, "/public/api/admin/connections/pg", "com.dataiku.dip.exceptions.UnauthorizedException", "Connection 'pg' does not exist"), false},
		{mk(500, "/public/api/admin/connections/pg", iae, "Connection 'pg' does not exist"), false},
		{mk(400, "/public/api/admin/connections/pg", iae, "Connection pg already exists"), false},
		{fmt.Errorf("GET x: %w", context.DeadlineExceeded), false},
		{nil, false},
	} {
		if got := IsConnectionMissing(c.err); got != c.want {
			t.Errorf("%v: %v, want %v", c.err, got, c.want)
		}
	}
}
