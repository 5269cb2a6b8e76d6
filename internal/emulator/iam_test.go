package emulator

import (
	"strings"
	"testing"
)

// The identity-provider documents: admin only, defaults, a whole-document
// PUT, the secret kept apart and never returned, a view of the general
// settings' key, and persistence.
func TestIAMSettingsDocuments(t *testing.T) {
	o := persistentOpts(t)
	rn := startTest(t, o)
	u := rn.URL()
	user := newUserKey(t, u, "ivy")
	for _, d := range []struct{ route, secretKey, settingsKey string }{
		{"ldap-settings", "bindPassword", "ldapSettings"},
		{"sso-settings", "clientSecret", "ssoSettings"},
		{"azure-ad-settings", "credentialsClientSecret", "azureADSettings"},
	} {
		path := api + "/admin/iam/" + d.route
		expectError(t, call(t, u, "GET", path, user, nil), 403, ErrTypeUnauthorized)
		expectError(t, call(t, u, "PUT", path, user, map[string]any{"enabled": true}), 403, ErrTypeUnauthorized)

		doc := call(t, u, "GET", path, testAdmin, nil).obj()
		if doc["enabled"] != false {
			t.Fatalf("%s: a fresh document is enabled: %v", d.route, doc)
		}
		doc["enabled"] = true
		doc["someKeyDSSAdds"] = "kept"
		if d.route == "sso-settings" {
			oid, _ := doc["openIDParams"].(map[string]any)
			oid["clientSecret"] = "s3cret-" + d.route
		} else {
			doc[d.secretKey] = "s3cret-" + d.route
		}
		expectOK(t, call(t, u, "PUT", path, testAdmin, doc))
		got := call(t, u, "GET", path, testAdmin, nil)
		if strings.Contains(string(got.raw), "s3cret") || strings.Contains(string(got.raw), d.secretKey) {
			t.Fatalf("%s: the GET returns the secret: %s", d.route, got.raw)
		}
		if m := got.obj(); m["enabled"] != true || m["someKeyDSSAdds"] != "kept" {
			t.Fatalf("%s: the PUT was not kept: %v", d.route, m)
		}
		if s := rn.IAMSecret(d.route); s != "s3cret-"+d.route {
			t.Fatalf("%s: secret held %q", d.route, s)
		}
		// A read-modify-write without the secret keeps it.
		m := got.obj()
		m["enabled"] = false
		expectOK(t, call(t, u, "PUT", path, testAdmin, m))
		if s := rn.IAMSecret(d.route); s != "s3cret-"+d.route {
			t.Fatalf("%s: a PUT without the secret lost it: %q", d.route, s)
		}
		// The document is the general settings' key.
		gs := call(t, u, "GET", api+"/admin/general-settings", testAdmin, nil).obj()
		if sub, _ := gs[d.settingsKey].(map[string]any); sub == nil || sub["someKeyDSSAdds"] != "kept" {
			t.Fatalf("%s: not in the general settings' %s: %v", d.route, d.settingsKey, gs[d.settingsKey])
		}
	}
	rn.Close()
	rn2 := startTest(t, o)
	if s := rn2.IAMSecret("ldap-settings"); s != "s3cret-ldap-settings" {
		t.Fatalf("the secret did not survive a restart: %q", s)
	}
	if m := call(t, rn2.URL(), "GET", api+"/admin/iam/ldap-settings", testAdmin, nil).obj(); m["someKeyDSSAdds"] != "kept" {
		t.Fatalf("the document did not survive a restart: %v", m)
	}
	// An empty secret clears it.
	expectOK(t, call(t, rn2.URL(), "PUT", api+"/admin/iam/ldap-settings", testAdmin, map[string]any{"bindPassword": ""}))
	if s := rn2.IAMSecret("ldap-settings"); s != "" {
		t.Fatalf("an empty secret did not clear it: %q", s)
	}
}
