package dss

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// createdSecret is a key secret a fake DSS hands out; it must never reach
// an error or a log line.
const createdSecret = "NewKeySecretAbCdEfGhIjKlMnOpQrSt"

// keyServer records each request (method, path, body) and answers with
// the reply registered for "METHOD path".
type keyServer struct {
	mu       sync.Mutex
	requests []string
	bodies   map[string]string
	replies  map[string]string
}

func newKeyServer(t *testing.T, replies map[string]string) (*keyServer, *Client) {
	t.Helper()
	ks := &keyServer{bodies: map[string]string{}, replies: replies}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		k := r.Method + " " + r.URL.Path
		ks.mu.Lock()
		ks.requests = append(ks.requests, k)
		ks.bodies[k] = string(b)
		reply, ok := ks.replies[k]
		ks.mu.Unlock()
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"errorType":"com.dataiku.dip.server.controllers.NotFoundException","message":"API key x does not exist"}`))
			return
		}
		_, _ = w.Write([]byte(reply))
	}))
	t.Cleanup(srv.Close)
	return ks, newTestClient(t, srv.URL)
}

func jsonEqual(t *testing.T, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("%s: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if !bytes.Equal(gb, wb) {
		t.Errorf("body %s, want %s", gb, wb)
	}
}

const globalKeyReply = `{"id":"AbCdEfGh12345678","key":"` + createdSecret + `","label":"ci","description":"d",` +
	`"createdOn":1700000000000,"createdBy":"admin","groups":["ci"],"globalPermissions":{"admin":false},` +
	`"expiry":0,"expiresOn":0,"futureField":{"x":1}}`

func TestCreateGlobalAPIKeyBodies(t *testing.T) {
	ks, c := newKeyServer(t, map[string]string{"POST /public/api/admin/global-api-keys/": globalKeyReply})
	ctx := context.Background()
	k, err := c.CreateGlobalAPIKey(ctx, NewGlobalAPIKey{Label: "ci", Description: "d", Groups: []string{"ci"}})
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, ks.bodies["POST /public/api/admin/global-api-keys/"], `{"label":"ci","description":"d","groups":["ci"]}`)
	if k.ID != "AbCdEfGh12345678" || k.Key != createdSecret || k.IsAdmin() || k.CreatedBy != "admin" || len(k.Groups) != 1 {
		t.Errorf("decoded %+v", k)
	}
	if _, err := c.CreateGlobalAPIKey(ctx, NewGlobalAPIKey{Label: "root", Admin: true}); err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, ks.bodies["POST /public/api/admin/global-api-keys/"], `{"label":"root","description":"","globalPermissions":{"admin":true}}`)
}

// TestGlobalAPIKeyUpdateKeepsUnmodelledFields: a read-modify-write of a
// key changes the label and sends DSS's other fields back as they were.
func TestGlobalAPIKeyUpdateKeepsUnmodelledFields(t *testing.T) {
	path := "/public/api/admin/global-api-keys/AbCdEfGh12345678"
	ks, c := newKeyServer(t, map[string]string{"GET " + path: globalKeyReply, "PUT " + path: `{}`})
	_, changed, err := GlobalAPIKeyDoc("AbCdEfGh12345678").Update(context.Background(), c, func(k *GlobalAPIKey) error {
		k.Label = "renamed"
		return nil
	})
	if err != nil || !changed {
		t.Fatalf("changed=%t err=%v", changed, err)
	}
	var sent map[string]any
	if err := json.Unmarshal([]byte(ks.bodies["PUT "+path]), &sent); err != nil {
		t.Fatal(err)
	}
	if sent["label"] != "renamed" || sent["futureField"] == nil || sent["createdBy"] != "admin" {
		t.Errorf("PUT body %v", sent)
	}
	// The secret read with the key is not sent back.
	if _, has := sent["key"]; has {
		t.Error("the PUT body holds the key's secret")
	}
}

func TestPersonalAPIKeyCalls(t *testing.T) {
	reply := `{"id":"p1","key":"` + createdSecret + `","user":"bob","label":"l","description":"","createdOn":1,"createdBy":"admin"}`
	ks, c := newKeyServer(t, map[string]string{
		"POST /public/api/admin/personal-api-keys/":  reply,
		"GET /public/api/admin/personal-api-keys/":   "[" + reply + "]",
		"GET /public/api/admin/global-api-keys/":     "[" + globalKeyReply + "]",
		"DELETE /public/api/personal-api-keys/p1":    "",
		"DELETE /public/api/admin/global-api-keys/g": "",
	})
	ctx := context.Background()
	k, err := c.CreatePersonalAPIKeyFor(ctx, "bob", "l", "")
	if err != nil || k.User != "bob" || k.Key != createdSecret {
		t.Fatalf("%+v %v", k, err)
	}
	jsonEqual(t, ks.bodies["POST /public/api/admin/personal-api-keys/"], `{"user":"bob","label":"l","description":""}`)
	all, err := c.ListAllPersonalAPIKeys(ctx)
	if err != nil || len(all) != 1 || all[0].ID != "p1" {
		t.Fatalf("%+v %v", all, err)
	}
	globals, err := c.ListGlobalAPIKeys(ctx)
	if err != nil || len(globals) != 1 || globals[0].Label != "ci" {
		t.Fatalf("%+v %v", globals, err)
	}
	if err := c.DeletePersonalAPIKey(ctx, "p1"); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteGlobalAPIKey(ctx, "g"); err != nil {
		t.Fatal(err)
	}
	if _, err := PersonalAPIKeyDoc("nope").Get(ctx, c); !IsNotFound(err) {
		t.Errorf("missing key: %v", err)
	}
}
