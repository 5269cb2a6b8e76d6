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

// New refuses an UnauthorizedStatus that is no HTTP error: 42 made every
// refused request panic in net/http and drop the connection, and a 2xx
// would read as a success. 0 is the default 403, and any error status
// stands.
func TestUnauthorizedStatusMustBeAnError(t *testing.T) {
	for _, status := range []int{42, 200, 399, 600} {
		if _, err := New(Options{AdminKey: "a", UnauthorizedStatus: status}); err == nil {
			t.Errorf("UnauthorizedStatus %d was accepted", status)
		}
	}
	for _, status := range []int{0, 400, 404, 599} {
		if _, err := New(Options{AdminKey: "a", UnauthorizedStatus: status}); err != nil {
			t.Errorf("UnauthorizedStatus %d: %v", status, err)
		}
	}
}
