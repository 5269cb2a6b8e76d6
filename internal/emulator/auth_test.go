package emulator

import (
	"encoding/json"
	"testing"
)

// /auth/info for the admin key, a user key and global keys with and
// without an associated user.
func TestAuthInfoAssociatedUser(t *testing.T) {
	opts := testOpts()
	opts.GlobalKeys = []GlobalKey{
		{Key: "global-nouser", Label: "ci-pipeline"},
		{Key: "global-alice", Label: "alice-key", AssociatedUser: "alice"},
	}
	rn := startTest(t, opts)
	for _, c := range []struct {
		key, id, user string
		admin         bool
	}{
		{testAdmin, AdminLogin, AdminLogin, true},
		{testBob, "bob", "bob", false},
		{"global-nouser", "ci-pipeline", "", true},
		{"global-alice", "alice-key", "alice", true},
	} {
		r := call(t, rn.URL(), "GET", "/public/api/auth/info", c.key, nil)
		expectOK(t, r)
		var info struct {
			AuthIdentifier    string `json:"authIdentifier"`
			AssociatedDSSUser string `json:"associatedDSSUser"`
			Admin             bool   `json:"admin"`
		}
		if err := json.Unmarshal(r.raw, &info); err != nil {
			t.Fatal(err)
		}
		if info.AuthIdentifier != c.id || info.AssociatedDSSUser != c.user || info.Admin != c.admin {
			t.Errorf("key %s: auth info %+v, want id %q user %q admin %v", c.key, info, c.id, c.user, c.admin)
		}
	}
}
