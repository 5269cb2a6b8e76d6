package emulator

import (
	"strings"
	"testing"
)

// Messaging channels: create (admin only, duplicate and unknown type
// refused, a generated id), GET and list (family derived from the type,
// filters), settings (secrets encrypted, kept when sent back, replaced
// when sent anew), permissions, delete and the stats.
func TestMessagingChannelsLifecycle(t *testing.T) {
	rn := startTest(t, testOpts())
	base := rn.URL()
	const root = "/public/api/messaging-channels/"
	smtp := map[string]any{"id": "mail-1", "type": "smtp",
		"configuration": map[string]any{"host": "smtp.example.com", "port": 587, "password": "pw-1", "sender": "dss@example.com"}, "permissions": nil}
	expectError(t, call(t, base, "POST", root, testBob, smtp), 403, ErrTypeUnauthorized)
	r := call(t, base, "POST", root, testAdmin, smtp)
	expectOK(t, r)
	if r.obj()["id"] != "mail-1" || r.obj()["family"] != "mail" || r.obj()["sender"] != "dss@example.com" {
		t.Fatalf("created: %s", r.raw)
	}
	expectError(t, call(t, base, "POST", root, testAdmin, smtp), StatusDuplicate, ErrTypeIllegalArgument)
	expectError(t, call(t, base, "POST", root, testAdmin, map[string]any{"id": "x", "type": "pigeon"}), StatusIllegalArgument, ErrTypeIllegalArgument)
	gen := call(t, base, "POST", root, testAdmin, map[string]any{"id": "", "type": "slack", "configuration": map[string]any{"webhookUrl": "https://hooks/s3cret"}})
	expectOK(t, gen)
	slackID, _ := gen.obj()["id"].(string)
	if len(slackID) != 8 || gen.obj()["family"] != "" {
		t.Fatalf("generated: %s", gen.raw)
	}

	// Everyone lists and reads; the filters.
	l := call(t, base, "GET", root+"?channelFamily=mail", testBob, nil)
	expectOK(t, l)
	if list, _ := l.body.([]any); len(list) != 1 {
		t.Fatalf("mail channels: %s", l.raw)
	}
	l = call(t, base, "GET", root+"?channelType=slack", testBob, nil)
	if list, _ := l.body.([]any); len(list) != 1 || list[0].(map[string]any)["id"] != slackID {
		t.Fatalf("slack channels: %s", l.raw)
	}
	expectOK(t, call(t, base, "GET", root+"mail-1", testBob, nil))
	expectError(t, call(t, base, "GET", root+"nope", testAdmin, nil), 404, ErrTypeNotFound)

	// Settings: admin only, secrets encrypted.
	expectError(t, call(t, base, "GET", root+"mail-1/settings", testBob, nil), 403, ErrTypeUnauthorized)
	s := call(t, base, "GET", root+"mail-1/settings", testAdmin, nil)
	expectOK(t, s)
	enc, _ := s.obj()["password"].(string)
	if !strings.HasPrefix(enc, EncryptedPrefix) || strings.Contains(string(s.raw), "pw-1") || s.obj()["host"] != "smtp.example.com" {
		t.Fatalf("settings: %s", s.raw)
	}
	if got := rn.MessagingChannelSecret("mail-1", "password"); got != "pw-1" {
		t.Fatalf("stored secret %q", got)
	}
	// Sent back as read: kept. Sent anew: replaced.
	conf := s.obj()
	conf["host"] = "smtp2.example.com"
	expectError(t, call(t, base, "PUT", root+"mail-1/settings", testBob, conf), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, base, "PUT", root+"mail-1/settings", testAdmin, conf))
	if got := rn.MessagingChannelSecret("mail-1", "password"); got != "pw-1" {
		t.Fatalf("secret after a write-back %q", got)
	}
	conf["password"] = "pw-2"
	expectOK(t, call(t, base, "PUT", root+"mail-1/settings", testAdmin, conf))
	if got := rn.MessagingChannelSecret("mail-1", "password"); got != "pw-2" {
		t.Fatalf("secret after a rotation %q", got)
	}
	if s := call(t, base, "GET", root+"mail-1/settings", testAdmin, nil); s.obj()["host"] != "smtp2.example.com" || s.obj()["password"] == enc {
		t.Fatalf("settings after the rotation: %s", s.raw)
	}

	// Permissions: [] by default; PUT admin only; an entry without a
	// principal refused.
	p := call(t, base, "GET", root+"mail-1/permissions", testAdmin, nil)
	if list, ok := p.body.([]any); !ok || len(list) != 0 {
		t.Fatalf("default permissions: %s", p.raw)
	}
	perms := []any{map[string]any{"group": "data_team", "canUse": true}}
	expectError(t, call(t, base, "PUT", root+"mail-1/permissions", testBob, perms), 403, ErrTypeUnauthorized)
	expectError(t, call(t, base, "PUT", root+"mail-1/permissions", testAdmin, []any{map[string]any{"canUse": true}}), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectOK(t, call(t, base, "PUT", root+"mail-1/permissions", testAdmin, perms))
	if p := call(t, base, "GET", root+"mail-1/permissions", testAdmin, nil); !strings.Contains(string(p.raw), `"data_team"`) {
		t.Fatalf("permissions: %s", p.raw)
	}

	// Delete: admin only; then gone, its secrets too.
	expectError(t, call(t, base, "DELETE", root+"mail-1", testBob, nil), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, base, "DELETE", root+"mail-1", testAdmin, nil))
	expectError(t, call(t, base, "GET", root+"mail-1/settings", testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, base, "DELETE", root+"mail-1", testAdmin, nil), 404, ErrTypeNotFound)
	if got := rn.MessagingChannelSecret("mail-1", "password"); got != "" {
		t.Fatal("the deleted channel's secret is still stored")
	}
	if n := rn.Server.Stats().ByRoute["PUT /public/api/messaging-channels/{id}/settings"]; n != 3 {
		t.Errorf("settings PUTs counted: %d", n)
	}
}
