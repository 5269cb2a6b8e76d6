package emulator

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// Caller is the authenticated identity of a request.
type Caller struct {
	Login   string
	Groups  []string
	IsAdmin bool
	// AuthIdentifier, when set, is what /auth/info reports instead of
	// Login (a global key's label).
	AuthIdentifier string
	// NoAssociatedUser is a global key with no associated DSS user:
	// /auth/info reports an empty associatedDSSUser.
	NoAssociatedUser bool
}

// GlobalKey is an instance-wide (admin) API key, as created in DSS's
// administration. DSS reports the key's label as its authIdentifier, which
// is not a user login, and an associated DSS user only when one was chosen
// for the key.
type GlobalKey struct {
	Key   string
	Label string
	// AssociatedUser is the login DSS reports as associatedDSSUser and acts
	// as; "" for a key with no associated user.
	AssociatedUser string
}

// InGroup reports whether the caller belongs to group g.
func (c *Caller) InGroup(g string) bool {
	for _, x := range c.Groups {
		if x == g {
			return true
		}
	}
	return false
}

type callerKey struct{}

func withCaller(ctx context.Context, c *Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// callerFrom returns the caller placed in the context by authentication.
// Outside authenticated handlers it returns an anonymous non-admin caller.
func callerFrom(ctx context.Context) *Caller {
	if c, ok := ctx.Value(callerKey{}).(*Caller); ok {
		return c
	}
	return &Caller{}
}

// AdminGroups are the groups reported for the admin key.
var AdminGroups = []string{"administrators"}

// keyEqual compares API keys in constant time. Both are hashed first
// because subtle.ConstantTimeCompare returns at once when the lengths
// differ, which would tell a prober the key's length.
func keyEqual(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// requestKeys extracts candidate API keys: Bearer token, Basic username
// (with empty password), Basic password (with empty username).
func requestKeys(r *http.Request) []string {
	auth := strings.TrimSpace(r.Header.Get("Authorization"))
	if len(auth) > 7 && strings.EqualFold(auth[:7], "bearer ") {
		return []string{strings.TrimSpace(auth[7:])}
	}
	user, pass, ok := r.BasicAuth()
	if !ok {
		return nil
	}
	switch {
	case user != "" && pass == "":
		return []string{user}
	case user == "" && pass != "":
		return []string{pass}
	case user != "" && pass != "":
		return []string{user, pass} // [I] lenient: either may be the key
	}
	return nil
}

// authenticate resolves the caller. X-DKU-ProxyUser from the admin key
// impersonates that login (non-admin; groups from a matching user key).
func (s *Server) authenticate(r *http.Request) (*Caller, bool) {
	for _, k := range requestKeys(r) {
		if k == "" {
			continue
		}
		if keyEqual(k, s.opts.AdminKey) {
			if proxy := strings.TrimSpace(r.Header.Get("X-DKU-ProxyUser")); proxy != "" && proxy != AdminLogin {
				c := &Caller{Login: proxy}
				for _, u := range s.opts.UserKeys {
					if u.Login == proxy {
						c.Groups = append([]string(nil), u.Groups...)
						break
					}
				}
				return c, true
			}
			return &Caller{Login: AdminLogin, Groups: append([]string(nil), AdminGroups...), IsAdmin: true}, true
		}
		for _, g := range s.opts.GlobalKeys {
			if keyEqual(k, g.Key) {
				return &Caller{Login: g.AssociatedUser, Groups: append([]string(nil), AdminGroups...), IsAdmin: true,
					AuthIdentifier: g.Label, NoAssociatedUser: g.AssociatedUser == ""}, true
			}
		}
		var found *UserKey
		for i := range s.opts.UserKeys {
			if keyEqual(k, s.opts.UserKeys[i].Key) && found == nil {
				found = &s.opts.UserKeys[i]
			}
		}
		if found != nil {
			return &Caller{Login: found.Login, Groups: append([]string(nil), found.Groups...)}, true
		}
	}
	return nil, false
}

// isAdminRequest reports whether r carries the admin key (no impersonation).
func (s *Server) isAdminRequest(r *http.Request) (authenticated, admin bool) {
	c, ok := s.authenticate(r)
	if !ok {
		return false, false
	}
	return true, c.IsAdmin
}

func (s *Server) handleAuthInfo(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	groups := c.Groups
	if groups == nil {
		groups = []string{}
	}
	id, user := c.Login, c.Login
	if c.AuthIdentifier != "" {
		id = c.AuthIdentifier
	}
	if c.NoAssociatedUser {
		user = ""
	}
	out := map[string]any{
		"authIdentifier":    id,
		"groups":            groups,
		"userProfile":       "DESIGNER",
		"associatedDSSUser": user,
		"admin":             c.IsAdmin,
	}
	if queryBool(r, "withSecrets", false) {
		out["secrets"] = []any{}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleInstanceInfo(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"dssVersion": s.opts.DSSVersion,
		"instanceId": s.instanceID,
		"nodeId":     s.instanceID,
		"nodeName":   "DSS emulator",
		"nodeType":   "DESIGN",
	})
}
