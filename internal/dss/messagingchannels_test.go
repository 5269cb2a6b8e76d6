package dss

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A permission list DSS answers as null reads as no entry (where a
// Document's Get refuses null), and an empty list is written as [], never
// null; the create sends dataikuapi's body, permissions null when none.
func TestMessagingChannelPermissionsNullAndCreateBody(t *testing.T) {
	var put, post string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		switch r.Method + " " + r.URL.Path {
		case "GET /public/api/messaging-channels/m1/permissions":
			_, _ = w.Write([]byte("null"))
		case "PUT /public/api/messaging-channels/m1/permissions":
			put = string(b)
			_, _ = w.Write([]byte("{}"))
		case "POST /public/api/messaging-channels/":
			post = string(b)
			_, _ = w.Write([]byte(`{"id":"m1","type":"smtp","family":"mail"}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	perms, err := c.MessagingChannelPermissions(ctx, "m1")
	if err != nil || len(perms) != 0 {
		t.Fatalf("null permissions: %v %v", perms, err)
	}
	if err := c.SetMessagingChannelPermissions(ctx, "m1", nil); err != nil || put != "[]" {
		t.Fatalf("empty permissions written as %q (%v)", put, err)
	}
	id, err := c.CreateMessagingChannel(ctx, CreateMessagingChannelRequest{ID: "m1", Type: "smtp"})
	if err != nil || id != "m1" {
		t.Fatalf("create: %q %v", id, err)
	}
	if !strings.Contains(post, `"configuration":{}`) || !strings.Contains(post, `"permissions":null`) || !strings.Contains(post, `"id":"m1"`) {
		t.Fatalf("create body %s", post)
	}
}
