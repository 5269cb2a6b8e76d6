package emulator

import (
	"cmp"
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
	// UserProfile is the user's profile ("" without a user).
	UserProfile string
	// HasUser: the caller acts as a stored user (personal key, or a
	// global key with dssUserForImpersonation).
	HasUser bool
}

// GlobalKey is an instance-wide (admin) API key to seed, as created in DSS's
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

// authenticate resolves the caller from the key's SHA-256 in the store.
// A personal key acts as its user with the user's groups (admin when one
// is an admin group); a global key per its globalPermissions or groups.
// X-DKU-ProxyUser from an admin personal key acts as that login with its
// groups from the user store. On failure it returns DSS's message.
func (s *Server) authenticate(r *http.Request) (*Caller, string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	msg := MsgUnknownKey
	for _, k := range requestKeys(r) {
		if k == "" {
			continue
		}
		ref, ok := s.keyIndex[hashSecret(k)]
		if !ok {
			continue
		}
		st := s.state
		if !ref.global {
			rec := st.PersonalAPIKeys[ref.id]
			u := st.Users[rec.User]
			if u == nil || !u.enabled() {
				continue
			}
			c := s.userCaller(st, u)
			if proxy := strings.TrimSpace(r.Header.Get("X-DKU-ProxyUser")); c.IsAdmin && proxy != "" && proxy != c.Login {
				if pu := st.Users[proxy]; pu != nil {
					return s.userCaller(st, pu), ""
				}
				return &Caller{Login: proxy, Groups: []string{}}, ""
			}
			return c, ""
		}
		rec := st.GlobalAPIKeys[ref.id]
		if rec.ExpiresOn != 0 && nowMillis() >= rec.ExpiresOn {
			msg = MsgExpiredKey
			continue
		}
		c := &Caller{Login: rec.DSSUser, AuthIdentifier: cmp.Or(rec.Label, rec.ID), NoAssociatedUser: rec.DSSUser == ""}
		if rec.DSSUser != "" {
			u := st.Users[rec.DSSUser]
			if u == nil || !u.enabled() {
				continue
			}
			c.UserProfile, c.HasUser = u.profile(), true
		}
		if rec.Admin {
			c.IsAdmin = true
			c.Groups = append([]string(nil), AdminGroups...)
		}
		if rec.Groups != nil {
			c.Groups = append([]string(nil), rec.Groups...)
			for _, g := range rec.Groups {
				if isAdminGroup(st, g) {
					c.IsAdmin = true
				}
			}
		}
		if c.Groups == nil {
			c.Groups = []string{}
		}
		return c, ""
	}
	return nil, msg
}

// userCaller is the caller acting as user u. Call under the lock.
func (s *Server) userCaller(st *State, u *User) *Caller {
	c := &Caller{Login: u.login(), Groups: u.groups(), UserProfile: u.profile(), HasUser: true}
	for _, g := range c.Groups {
		if isAdminGroup(st, g) {
			c.IsAdmin = true
		}
	}
	return c
}

// isAdminRequest reports whether r carries an admin key (no
// impersonation). The configured admin key is always admin, so the
// control endpoints stay usable whatever was done to the admin user.
func (s *Server) isAdminRequest(r *http.Request) (authenticated, admin bool) {
	if r.Header.Get("X-DKU-ProxyUser") == "" {
		for _, k := range requestKeys(r) {
			if keyEqual(k, s.opts.AdminKey) {
				return true, true
			}
		}
	}
	c, msg := s.authenticate(r)
	if msg != "" {
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
		"userProfile":       c.UserProfile,
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
		"nodeType":   s.nodeType(),
	})
}
