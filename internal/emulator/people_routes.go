package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Users and groups routes (people-contract.md "Users", "Groups").

func (s *Server) peopleRoutes() {
	users := func(st *State) map[string]*User { return st.Users }
	groups := func(st *State) map[string]map[string]any { return st.Groups }
	settings := func(u *User) map[string]any { return copyDoc(u.Settings) }
	s.handle("GET /users", listOf(s, users, userSummary))
	s.handle("GET /users/{login}", oneOf(s, "login", msgUserMissing, users, userSummary))
	s.handle("GET /groups", listOf(s, groups, groupSummary))
	s.handle("GET /current-user", s.handleGetCurrentUser)
	s.handle("PUT /current-user", s.handlePutCurrentUser)
	s.handle("GET /admin/licensing/status", s.adminOnly(s.handleLicensingStatus))

	s.handle("GET /admin/users", s.adminOnly(listOf(s, users, settings)))
	s.handle("POST /admin/users", s.adminOnly(s.handleCreateUser))
	s.handle("GET /admin/users/{login}", s.adminOnly(oneOf(s, "login", msgUserMissing, users, settings)))
	s.handle("PUT /admin/users/{login}", s.adminOnly(s.handlePutUser))
	s.handle("DELETE /admin/users/{login}", s.adminOnly(s.handleDeleteUser))

	s.adminKindRoutes("/admin/groups", groupKind, createGroup, putGroup)

	s.apiKeyRoutes()
}

// adminOnly wraps a handler of an /admin route: a caller who is not an
// admin gets DSS's refusal.
func (s *Server) adminOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !callerFrom(r.Context()).IsAdmin {
			writeError(w, s.opts.UnauthorizedStatus, ErrTypeUnauthorized, "Action forbidden: admin rights required")
			return
		}
		h(w, r)
	}
}

// mayCreateProjects: admin, or a group with mayCreateProjects.
func mayCreateProjects(st *State, c *Caller) bool { return groupsGrant(st, c, "mayCreateProjects") }

// groupsGrant reports whether c holds the group capability flag (such as
// mayCreateWorkspaces): as an administrator, or through one of its groups.
func groupsGrant(st *State, c *Caller, flag string) bool {
	if c.IsAdmin {
		return true
	}
	for _, g := range c.Groups {
		if d := st.Groups[g]; d != nil && d[flag] == true {
			return true
		}
	}
	return false
}

// listOf answers GET of a collection: its documents in key order, each
// made by doc (which must copy what it returns) under the read lock.
func listOf[V any](s *Server, coll func(*State) map[string]V, doc func(V) map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		out := []any{}
		_ = s.read(func(st *State) error {
			m := coll(st)
			for _, k := range sortedKeys(m) {
				out = append(out, doc(m[k]))
			}
			return nil
		})
		writeJSON(w, http.StatusOK, out)
	}
}

// oneOf answers GET of one document named by the path wildcard param, or
// NotFoundException with missing (a format taking the name).
func oneOf[V any](s *Server, param, missing string, coll func(*State) map[string]V, doc func(V) map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue(param)
		s.answerRead(w, func(st *State) (any, error) {
			v, ok := coll(st)[name]
			if !ok {
				return nil, errNotFound(fmt.Sprintf(missing, name))
			}
			return doc(v), nil
		})
	}
}

// groupSummary is the GET /groups item.
func groupSummary(g map[string]any) map[string]any {
	return map[string]any{"name": g["name"], "description": deepCopy(g["description"]),
		"admin": g["admin"] == true, "sourceType": deepCopy(g["sourceType"])}
}

func (s *Server) handleLicensingStatus(w http.ResponseWriter, r *http.Request) {
	profiles := map[string]any{}
	for _, p := range LicensedProfiles {
		profiles[p] = map[string]any{"profile": p, "licensedLimit": -1}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"expired": false,
		"base":    map[string]any{"licenseContent": map[string]any{"licensee": map[string]any{"company": "DSS emulator"}}},
		"limits":  map[string]any{"licensedProfiles": profiles},
	})
}

// --- /admin/users ----------------------------------------------------------

// knownSourceTypeSpelling refuses a blank source type and a case variant
// of a known one ("ldap"): DSS's values are case-exact. Any other value is
// kept, as a DSS version may add identity sources. [I]
func knownSourceTypeSpelling(t string) bool {
	if strings.TrimSpace(t) == "" {
		return false
	}
	for _, known := range UserSourceTypes {
		if strings.EqualFold(known, t) {
			return known == t
		}
	}
	return true
}

// checkUserFields validates the typed fields of a user document.
func checkUserFields(st *State, doc map[string]any) *APIError {
	groups, err := bodyStrings(doc["groups"], "groups")
	if err != nil {
		return err
	}
	if err := checkGroupsExist(st, groups); err != nil {
		return err
	}
	doc["groups"] = anyList(groups)
	if p, _ := doc["userProfile"].(string); !slices.Contains(LicensedProfiles, p) {
		return errIllegalArgument(fmt.Sprintf(msgUnknownProfile, fmt.Sprint(doc["userProfile"])))
	}
	if t, _ := doc["sourceType"].(string); !knownSourceTypeSpelling(t) {
		return errIllegalArgument(fmt.Sprintf(msgUnknownSourceType, fmt.Sprint(doc["sourceType"])))
	}
	if _, ok := doc["enabled"].(bool); !ok {
		return errIllegalArgument("enabled must be a boolean")
	}
	for _, f := range []string{"displayName", "email"} {
		if doc[f] == nil {
			doc[f] = ""
		} else if _, ok := doc[f].(string); !ok {
			return errIllegalArgument(f + " must be a string")
		}
	}
	return nil
}

// takePassword removes "password" from a body and returns its hash ("" and
// false when absent or null).
func takePassword(doc map[string]any) (string, bool, *APIError) {
	v, ok := doc["password"]
	delete(doc, "password")
	if !ok || v == nil {
		return "", false, nil
	}
	p, isStr := v.(string)
	if !isStr {
		return "", false, errIllegalArgument("password must be a string")
	}
	return hashSecret(p), true, nil
}

func (s *Server) handleCreateUser(w http.ResponseWriter, r *http.Request) {
	s.answerWriteObject(w, r, func(st *State, body map[string]any) (any, error) {
		login, _ := body["login"].(string)
		if !names.LoginPattern.MatchString(login) {
			return nil, errIllegalArgument(fmt.Sprintf(msgInvalidLogin, fmt.Sprint(body["login"])))
		}
		if st.Users[login] != nil {
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf(msgUserExists, login))
		}
		doc := newUserSettings(login, "", "", DefaultUserProfile, "LOCAL", nil)
		// DSS takes only these at creation; enabled and the rest need a PUT.
		for _, f := range []string{"displayName", "email", "groups", "userProfile", "sourceType"} {
			if v, ok := body[f]; ok && v != nil {
				doc[f] = deepCopy(v)
			}
		}
		if err := checkUserFields(st, doc); err != nil {
			return nil, err
		}
		hash, _, err := takePassword(copyDoc(body))
		if err != nil {
			return nil, err
		}
		st.Users[login] = &User{Settings: doc, PasswordHash: hash}
		return copyDoc(doc), nil
	})
}

func (s *Server) handlePutUser(w http.ResponseWriter, r *http.Request) {
	login := r.PathValue("login")
	s.answerWriteObject(w, r, func(st *State, body map[string]any) (any, error) {
		old := st.Users[login]
		if old == nil {
			return nil, errNotFound(fmt.Sprintf(msgUserMissing, login))
		}
		doc := copyDoc(body)
		if l, ok := doc["login"]; ok && l != login {
			return nil, errIllegalArgument(fmt.Sprintf(msgCannotRenameUser, login))
		}
		hash, setPw, err := takePassword(doc)
		if err != nil {
			return nil, err
		}
		for _, f := range userSettingsKeys {
			if _, ok := doc[f]; !ok {
				doc[f] = deepCopy(old.Settings[f])
			}
		}
		if err := checkUserFields(st, doc); err != nil {
			return nil, err
		}
		u := &User{Settings: doc, PasswordHash: old.PasswordHash}
		if setPw {
			u.PasswordHash = hash
		}
		if err := checkAdminsKept(st, login, u, "", nil); err != nil {
			return nil, err
		}
		st.Users[login] = u
		return map[string]any{}, nil
	})
}

func (s *Server) handleDeleteUser(w http.ResponseWriter, r *http.Request) {
	login := r.PathValue("login")
	c := callerFrom(r.Context())
	self := queryBool(r, "allowSelfDeletion", false)
	s.answerWrite(w, func(st *State) (any, error) {
		if st.Users[login] == nil {
			return nil, errNotFound(fmt.Sprintf(msgUserMissing, login))
		}
		if c.HasUser && c.Login == login && !self {
			return nil, errIllegalArgument(MsgSelfDeletion)
		}
		if err := checkAdminsKept(st, login, nil, "", nil); err != nil {
			return nil, err
		}
		delete(st.Users, login)
		for id, k := range st.PersonalAPIKeys {
			if k.User == login {
				delete(s.clearKeys, k.KeyHash)
				delete(st.PersonalAPIKeys, id)
			}
		}
		return message("Deleted user " + login), nil
	})
}

// --- /current-user -----------------------------------------------------------

// currentUserFields are what a user may change in their own settings.
var currentUserFields = []string{"displayName", "email", "userProperties", "preferences"}

func (s *Server) handleGetCurrentUser(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	s.answerRead(w, func(st *State) (any, error) {
		u := st.Users[c.Login]
		if !c.HasUser || u == nil {
			return nil, errIllegalArgument(MsgNoUserForKey)
		}
		return copyDoc(u.Settings), nil
	})
}

func (s *Server) handlePutCurrentUser(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	s.answerWriteObject(w, r, func(st *State, body map[string]any) (any, error) {
		old := st.Users[c.Login]
		if !c.HasUser || old == nil {
			return nil, errIllegalArgument(MsgNoUserForKey)
		}
		doc := copyDoc(old.Settings)
		for _, f := range currentUserFields {
			if v, ok := body[f]; ok {
				doc[f] = deepCopy(v)
			}
		}
		if err := checkUserFields(st, doc); err != nil {
			return nil, err
		}
		st.Users[c.Login] = &User{Settings: doc, PasswordHash: old.PasswordHash}
		return map[string]any{}, nil
	})
}

// --- /admin/groups -----------------------------------------------------------

// createGroup is POST /admin/groups: a new group with its name,
// description and source type.
func createGroup(x *docCall, body map[string]any) (any, *APIError) {
	name, _ := body["name"].(string)
	if !names.GroupNamePattern.MatchString(name) {
		return nil, errIllegalArgument(fmt.Sprintf(msgInvalidGroupName, fmt.Sprint(body["name"])))
	}
	if x.st.Groups[name] != nil {
		return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf(msgGroupExists, name))
	}
	desc, err := bodyString(body, "description", "")
	if err != nil {
		return nil, err
	}
	src, err := bodyString(body, "sourceType", "LOCAL")
	if err != nil {
		return nil, err
	}
	// Capabilities in the body are ignored: DSS needs a PUT for them.
	x.st.Groups[name] = newGroupDoc(name, desc, src)
	return copyDoc(x.st.Groups[name]), nil
}

// groupKind: /admin/groups, on the instance, keyed by name and admin only
// (every route is adminOnly). The list, GET and DELETE are the store's:
// a group whose loss would leave no admin stays, and a deleted group
// leaves every user and global key. The create is createGroup.
var groupKind = &docKind{
	noun:      "group",
	path:      "groups",
	param:     "name",
	keyField:  "name",
	instance:  func(st *State) map[string]map[string]any { return st.Groups },
	notFound:  func(_, name string) *APIError { return errNotFound(fmt.Sprintf(msgGroupMissing, name)) },
	mayDelete: func(x *docCall, name string) *APIError { return checkAdminsKept(x.st, "", nil, name, nil) },
	forget: func(x *docCall, name string) {
		for _, u := range x.st.Users {
			if gs := u.groups(); slices.Contains(gs, name) {
				u.Settings["groups"] = anyList(without(gs, name))
			}
		}
		for _, k := range x.st.GlobalAPIKeys {
			if k.Groups != nil && slices.Contains(k.Groups, name) {
				k.Groups = without(k.Groups, name)
			}
		}
	},
	deleted: func(_ *docCall, name string) any { return message("Deleted group " + name) },
}

// putGroup is PUT /admin/groups/{name}: the whole definition, under the
// same name, keeping an admin group.
func putGroup(x *docCall, name string, _, body map[string]any) (any, *APIError) {
	doc := copyDoc(body)
	if n, ok := doc["name"]; ok && n != name {
		return nil, errIllegalArgument(fmt.Sprintf(msgCannotRenameGroup, name))
	}
	doc["name"] = name
	if a, ok := doc["admin"]; ok && a != nil {
		if _, isBool := a.(bool); !isBool {
			return nil, errIllegalArgument("admin must be a boolean")
		}
	}
	if err := checkAdminsKept(x.st, "", nil, name, doc); err != nil {
		return nil, err
	}
	x.st.Groups[name] = doc
	return map[string]any{}, nil
}

func without(list []string, x string) []string {
	out := make([]string, 0, len(list))
	for _, e := range list {
		if e != x {
			out = append(out, e)
		}
	}
	return out
}
