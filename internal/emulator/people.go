package emulator

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// The people model: users, groups and API keys (issue 12; the wire
// contract is /work/people-contract.md). Secrets are stored only as
// SHA-256 hex, in the state and in the state file; the clear secrets of
// keys created or seeded by this process are kept in Server.clearKeys
// (never persisted) so reads can return "key" as DSS does.

// ErrTypeSecurity is DSS's class for a refused instance-level right.
const ErrTypeSecurity = "java.lang.SecurityException"

// LicensedProfiles are the user profiles the emulator's licence offers
// (also reported by GET /admin/licensing/status): the older licences'
// and the newer ones' that dataikuapi's create_user docstring names
// (FULL_DESIGNER, DATA_DESIGNER, AI_CONSUMER [V]), so that users taken
// from either kind of instance can be created or seeded. [I]
var LicensedProfiles = []string{"DATA_SCIENTIST", "DATA_ENGINEER", "DATA_ANALYST", "DESIGNER",
	"ADVANCED_ANALYST", "FULL_DESIGNER", "DATA_DESIGNER", "AI_CONSUMER", "READER", "NONE"}

// UserSourceTypes are the user sourceType values DSS is known to have. A
// case variant of one is refused (DSS's values are case-exact); any other
// value is kept, since a DSS version may add identity sources. [I]
var UserSourceTypes = []string{"LOCAL", "LDAP", "SAAS", "LOCAL_NO_AUTH"}

// DefaultUserProfile is the profile of a user created without one
// (dataikuapi's default too).
const DefaultUserProfile = "DATA_SCIENTIST"

// GroupCapabilities are the group's may* flags (wire names).
var GroupCapabilities = []string{"mayCreateProjects", "mayCreateProjectsFromMacros", "mayCreateProjectsFromTemplates",
	"mayCreateProjectsFromDataikuApps", "mayCreatePublishedAPIServices", "mayCreatePublishedProjects",
	"mayCreateActiveWebContent", "mayCreateCodeEnvs", "mayCreateClusters", "mayCreateAuthenticatedConnections",
	"mayDevelopPlugins", "mayEditLibFolders", "mayManageCodeEnvs", "mayManageClusters", "mayManageUDM",
	"mayViewIndexedHiveConnections", "mayWriteSafeCode", "mayWriteUnsafeCode", "mayWriteInRootProjectFolder",
	// DSS 11 and 12 (workspaces, data collections) [T]: false for a new
	// group here; DSS's own default is not documented [I].
	"mayCreateWorkspaces", "mayShareToWorkspaces", "mayCreateDataCollections", "mayPublishToDataCollections"}

// Messages of the people model. [I] all but the SecurityException one.
const (
	MsgAdminRequired    = "Action forbidden: admin rights required"
	MsgMayNotCreateProj = "You may not create new projects"
	// [I] worded as the projects' one.
	MsgMayNotCreateWorkspaces      = "You may not create workspaces"
	MsgMayNotCreateDataCollections = "You may not create data collections"
	MsgLastAdmin                   = "Cannot delete the last administrator"
	MsgSelfDeletion                = "You cannot delete your own user"
	MsgUnknownKey                  = "Unknown API Key"
	MsgExpiredKey                  = "API key expired"
	MsgNoUserForKey                = "This API key is not associated with a user"
	msgUserMissing                 = "User %s does not exist"
	msgGroupMissing                = "Group %s does not exist"
	msgKeyMissing                  = "API key %s does not exist"
	msgUserExists                  = "User %s already exists"
	msgGroupExists                 = "Group %s already exists"
	msgInvalidLogin                = "Invalid login: %s"
	msgInvalidGroupName            = "Invalid group name: %s"
	msgUnknownProfile              = "Unknown user profile: %s"
	msgUnknownSourceType           = "Unknown source type: %s"
	msgCannotRenameUser            = "Cannot rename user %s"
	msgCannotRenameGroup           = "Cannot rename group %s"
	dayMillis                      = int64(24 * time.Hour / time.Millisecond)
	keyIDLength, keyChars          = 16, 32
)

// User is a stored user: its settings document as DSS returns it (unknown
// keys kept) and the SHA-256 of its password.
type User struct {
	Settings     map[string]any `json:"settings"`
	PasswordHash string         `json:"passwordHash,omitempty"`
}

func (u *User) login() string    { s, _ := u.Settings["login"].(string); return s }
func (u *User) enabled() bool    { return u.Settings["enabled"] == true }
func (u *User) groups() []string { return stringList(u.Settings["groups"]) }
func (u *User) profile() string  { s, _ := u.Settings["userProfile"].(string); return s }

// GlobalAPIKeyRecord is a stored global API key.
type GlobalAPIKeyRecord struct {
	ID      string `json:"id"`
	KeyHash string `json:"keyHash"`
	Label   string `json:"label"`
	// NullLabel: the key was created without a label, as dataikuapi's
	// create_global_api_key does by default (label: null [V]); DSS then
	// holds none and reads answer null [I], until a label is written.
	NullLabel   bool   `json:"nullLabel,omitempty"`
	Description string `json:"description"`
	CreatedOn   int64  `json:"createdOn"`
	CreatedBy   string `json:"createdBy"`
	// DSSUser is dssUserForImpersonation; "" for none.
	DSSUser string `json:"dssUserForImpersonation,omitempty"`
	// Groups is nil for an admin key without groups.
	Groups    []string `json:"groups"`
	Admin     bool     `json:"admin"`
	Expiry    int64    `json:"expiry"`    // days, 0 = never
	ExpiresOn int64    `json:"expiresOn"` // ms, 0 = never
}

// PersonalAPIKeyRecord is a stored personal API key.
type PersonalAPIKeyRecord struct {
	ID          string `json:"id"`
	KeyHash     string `json:"keyHash"`
	User        string `json:"user"`
	Label       string `json:"label"`
	Description string `json:"description"`
	CreatedOn   int64  `json:"createdOn"`
	CreatedBy   string `json:"createdBy"`
}

// keyRef says where the key with a given hash is stored.
type keyRef struct {
	global bool
	id     string
}

func hashSecret(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// randomToken returns n random [a-zA-Z0-9] characters.
func randomToken(n int) string {
	b := make([]byte, n)
	n62 := big.NewInt(int64(len(idAlphabet)))
	for i := range b {
		x, err := rand.Int(rand.Reader, n62)
		if err != nil {
			panic("emulator: no randomness: " + err.Error())
		}
		b[i] = idAlphabet[x.Int64()]
	}
	return string(b)
}

// seedKeyID derives a stable id from a seeded secret, so seeding is
// idempotent across restarts with a state file and across resets.
func seedKeyID(secret string) string {
	h := sha256.Sum256([]byte("dss-emulator seeded key id\x00" + secret))
	b := make([]byte, keyIDLength)
	for i := range b {
		b[i] = idAlphabet[int(h[i])%len(idAlphabet)]
	}
	return string(b)
}

func anyList(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// newGroupDoc is the stored definition of a group just created.
func newGroupDoc(name, description, sourceType string) map[string]any {
	g := map[string]any{
		"name": name, "description": description, "sourceType": sourceType, "admin": false,
		"ldapGroupNames": []any{}, "ssoGroupNames": []any{}, "azureADGroupNames": []any{}, "customGroupNames": []any{},
		"canObtainAPITicketFromCookiesForGroupsRegex": "",
	}
	for _, c := range GroupCapabilities {
		g[c] = c == "mayWriteSafeCode"
	}
	return g
}

// newUserSettings is the stored settings document of a user just created.
func newUserSettings(login, displayName, email, profile, sourceType string, groups []string) map[string]any {
	return map[string]any{
		"login": login, "displayName": displayName, "email": email, "groups": anyList(groups),
		"userProfile": profile, "enabled": true, "sourceType": sourceType,
		"adminProperties": map[string]any{}, "userProperties": map[string]any{}, "secrets": []any{},
		"credentials": map[string]any{}, "preferences": map[string]any{}, "creationDate": nowMillis(),
	}
}

// userSettingsKeys are filled from the stored document when a PUT omits them.
var userSettingsKeys = []string{"login", "displayName", "email", "groups", "userProfile", "enabled", "sourceType",
	"adminProperties", "userProperties", "secrets", "credentials", "preferences", "creationDate"}

// userSummary is the GET /users item.
func userSummary(u *User) map[string]any {
	return map[string]any{
		"login": u.login(), "displayName": u.Settings["displayName"], "email": u.Settings["email"],
		"groups": anyList(u.groups()), "enabled": u.enabled(),
	}
}

func isAdminGroup(st *State, name string) bool {
	g := st.Groups[name]
	return g != nil && g["admin"] == true
}

// enabledAdmins counts enabled users in at least one admin group.
func enabledAdmins(users map[string]*User, groups map[string]map[string]any) int {
	n := 0
	for _, u := range users {
		if !u.enabled() {
			continue
		}
		for _, g := range u.groups() {
			if d := groups[g]; d != nil && d["admin"] == true {
				n++
				break
			}
		}
	}
	return n
}

// checkAdminsKept refuses a change of users/groups that would leave no
// enabled administrator when there was one. user/group name the changed
// object; nil means deleted. Pass "" to change nothing of that kind.
func checkAdminsKept(st *State, login string, user *User, group string, gdoc map[string]any) *APIError {
	before := enabledAdmins(st.Users, st.Groups)
	if before == 0 {
		return nil
	}
	users, groups := st.Users, st.Groups
	if login != "" {
		users = make(map[string]*User, len(st.Users))
		maps.Copy(users, st.Users)
		if user == nil {
			delete(users, login)
		} else {
			users[login] = user
		}
	}
	if group != "" {
		groups = make(map[string]map[string]any, len(st.Groups))
		maps.Copy(groups, st.Groups)
		if gdoc == nil {
			delete(groups, group)
		} else {
			groups[group] = gdoc
		}
	}
	if enabledAdmins(users, groups) == 0 {
		return errIllegalArgument(MsgLastAdmin)
	}
	return nil
}

// checkGroupsExist validates a list of group names from a body.
func checkGroupsExist(st *State, groups []string) *APIError {
	for _, g := range groups {
		if _, ok := st.Groups[g]; !ok {
			return errIllegalArgument(fmt.Sprintf(msgGroupMissing, g))
		}
	}
	return nil
}

// bodyStrings reads a list of strings from a body value (nil → empty).
func bodyStrings(v any, field string) ([]string, *APIError) {
	if v == nil {
		return []string{}, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, errIllegalArgument(field + " must be a list of strings")
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return nil, errIllegalArgument(field + " must be a list of strings")
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out, nil
}

// bodyString reads an optional string (null/absent → def).
func bodyString(body map[string]any, field, def string) (string, *APIError) {
	v, ok := body[field]
	if !ok || v == nil {
		return def, nil
	}
	s, isStr := v.(string)
	if !isStr {
		return "", errIllegalArgument(field + " must be a string")
	}
	return s, nil
}

// bodyInt reads an optional integer (null/absent → def).
func bodyInt(body map[string]any, field string, def int64) (int64, *APIError) {
	v, ok := body[field]
	if !ok || v == nil {
		return def, nil
	}
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n, nil
		}
		if f, err := x.Float64(); err == nil && f == float64(int64(f)) {
			return int64(f), nil
		}
	case float64:
		if x == float64(int64(x)) {
			return int64(x), nil
		}
	}
	return 0, errIllegalArgument(field + " must be an integer")
}

// --- seeding -------------------------------------------------------------

// seed ensures the users, groups and keys of the options exist (created
// when absent, so it is idempotent with a state file and after a reset)
// and remembers their clear secrets. Called under the write lock.
func (s *Server) seed(st *State) error {
	ensureGroup := func(name string, admin bool) error {
		if !names.GroupNamePattern.MatchString(name) {
			return fmt.Errorf("emulator: invalid group name %q", name)
		}
		if _, ok := st.Groups[name]; ok {
			return nil
		}
		g := newGroupDoc(name, "", "LOCAL")
		g["admin"] = admin
		// Seeded groups may create projects so existing set-ups keep working.
		g["mayCreateProjects"] = true
		st.Groups[name] = g
		return nil
	}
	ensureUser := func(login string, groups []string) error {
		if !names.LoginPattern.MatchString(login) {
			return fmt.Errorf("emulator: invalid login %q", login)
		}
		u := st.Users[login]
		if u == nil {
			u = &User{Settings: newUserSettings(login, login, "", DefaultUserProfile, "LOCAL", nil)}
			st.Users[login] = u
		}
		have := u.groups()
		for _, g := range groups {
			if !slices.Contains(have, g) {
				have = append(have, g)
			}
		}
		u.Settings["groups"] = anyList(have)
		return nil
	}
	personal := func(login, secret string) {
		h := hashSecret(secret)
		s.clearKeys[h] = secret
		for _, k := range st.PersonalAPIKeys {
			if k.KeyHash == h {
				k.User = login // the options say whose key it is now
				return
			}
		}
		id := seedKeyID(secret)
		st.PersonalAPIKeys[id] = &PersonalAPIKeyRecord{ID: id, KeyHash: h, User: login, Label: "seeded",
			Description: "Seeded by the emulator's options", CreatedOn: nowMillis(), CreatedBy: AdminLogin}
	}
	for _, g := range AdminGroups {
		if err := ensureGroup(g, true); err != nil {
			return err
		}
	}
	if err := ensureUser(AdminLogin, AdminGroups); err != nil {
		return err
	}
	personal(AdminLogin, s.opts.AdminKey)
	for _, uk := range s.opts.UserKeys {
		for _, g := range uk.Groups {
			if err := ensureGroup(g, false); err != nil {
				return err
			}
		}
		if err := ensureUser(uk.Login, uk.Groups); err != nil {
			return err
		}
		personal(uk.Login, uk.Key)
	}
	for _, gk := range s.opts.GlobalKeys {
		if gk.AssociatedUser != "" {
			if err := ensureUser(gk.AssociatedUser, nil); err != nil {
				return err
			}
		}
		h := hashSecret(gk.Key)
		s.clearKeys[h] = gk.Key
		found := false
		for _, k := range st.GlobalAPIKeys {
			if k.KeyHash == h {
				found = true
			}
		}
		if !found {
			id := seedKeyID(gk.Key)
			st.GlobalAPIKeys[id] = &GlobalAPIKeyRecord{ID: id, KeyHash: h, Label: gk.Label,
				Description: "Seeded by the emulator's options", CreatedOn: nowMillis(), CreatedBy: AdminLogin,
				DSSUser: gk.AssociatedUser, Admin: true}
		}
	}
	return nil
}

// reindex rebuilds the key lookup (SHA-256 → key) after a change.
// Called under the write lock.
func (s *Server) reindex(st *State) {
	idx := make(map[string]keyRef, len(st.GlobalAPIKeys)+len(st.PersonalAPIKeys))
	for id, k := range st.PersonalAPIKeys {
		idx[k.KeyHash] = keyRef{id: id}
	}
	for id, k := range st.GlobalAPIKeys {
		idx[k.KeyHash] = keyRef{global: true, id: id}
	}
	s.keyIndex = idx
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
