package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Resyncing users from their external supplier (LDAP, Azure AD, SSO, a
// custom authenticator): what DSS does at a user's login, on demand.
// Paths and bodies are dataikuapi's [V] (dssclient.py
// start_resync_users_from_supplier: POST /admin/users/actions/resync-multi
// with the JSON list of logins; start_resync_all_users_from_supplier: the
// same POST without a body; dss/admin.py DSSUser.start_resync_from_supplier:
// POST /admin/users/{login}/actions/resync), each answering a future.
//
// [I] the rest, the safest readings:
//   - The emulator has no directory: what a supplier says of a user is
//     what SetSupplierGroups (or PUT /_emulator/supplier-groups) gave it,
//     the supplier's group names by login. A resync recomputes the user's
//     DSS groups from the groups' mappings (ldapGroupNames for an LDAP
//     user, azureADGroupNames, ssoGroupNames, customGroupNames): the DSS
//     groups one of whose mapped names the supplier lists. A user the
//     supplier has no record of keeps its groups, as does a user of a
//     source type with no known mapping.
//   - Every resync is counted per login (UserResyncs), so a test sees
//     which users a call covered even when their groups do not change.
//   - A login that names no user, and a local user (LOCAL, LOCAL_NO_AUTH:
//     it has no supplier), fail the task with a message naming them, and
//     no user is changed: an operator who lists a user expects it synced,
//     so silence would hide the mistake. In resync-multi the check runs in
//     the task (its result's messages); the per-user route answers DSS's
//     404 for an unknown login, as every /admin/users/{login} route does.
//   - Without a body, resync-multi resyncs every user that is not local;
//     an empty list resyncs nobody.

const (
	msgResyncLocalUser = "User %s is a local user (source type %s): it has no external supplier to resync from"
	msgResyncFailed    = "Failed to resync users from their supplier"
)

// localSourceTypes are the users' source types that no supplier holds.
var localSourceTypes = []string{"LOCAL", "LOCAL_NO_AUTH"}

// supplierGroupMapping is, by a user's source type, the key of a group's
// definition that lists the supplier's group names mapped to it.
var supplierGroupMapping = map[string]string{
	"LDAP": "ldapGroupNames", "AZURE_AD": "azureADGroupNames",
	"SSO": "ssoGroupNames", "SAML": "ssoGroupNames", "OPENID": "ssoGroupNames",
	"CUSTOM": "customGroupNames",
}

func (s *Server) usersResyncRoutes() {
	s.handle("POST /admin/users/actions/resync-multi", s.adminOnly(s.handleResyncUsers))
	s.handle("POST /admin/users/{login}/actions/resync", s.adminOnly(s.handleResyncUser))
}

// SetSupplierGroups replaces what the users' external suppliers report:
// the supplier's group names of each login. A login absent from the map
// is unknown to its supplier.
func (s *Server) SetSupplierGroups(groups map[string][]string) error {
	for login := range groups {
		if strings.TrimSpace(login) == "" {
			return fmt.Errorf("a login is blank")
		}
	}
	return s.mutate(func(st *State) error {
		st.SupplierGroups = map[string][]string{}
		for login, gs := range groups {
			st.SupplierGroups[login] = slices.Clone(gs)
		}
		return nil
	})
}

// UserResyncs returns how many times each login was resynced from its
// supplier.
func (s *Server) UserResyncs() map[string]int {
	out := map[string]int{}
	_ = s.read(func(st *State) error {
		for login, n := range st.UserResyncs {
			out[login] = n
		}
		return nil
	})
	return out
}

// handleResyncUsers is resync-multi: the body's logins, or without a body
// every user from an external supplier.
func (s *Server) handleResyncUsers(w http.ResponseWriter, r *http.Request) {
	var logins []string
	all := r.ContentLength == 0
	if !all {
		var raw any
		if !decodeBody(w, r, &raw) {
			return
		}
		// JSON null is what a client sends for "no list" [I].
		if all = raw == nil; !all {
			list, err := bodyStrings(raw, "logins")
			if err != nil {
				writeErr(w, err)
				return
			}
			logins = list
		}
	}
	var result map[string]any
	err := s.mutate(func(st *State) error {
		if all {
			logins = nil
			for _, login := range sortedKeys(st.Users) {
				if !slices.Contains(localSourceTypes, sourceTypeOf(st.Users[login])) {
					logins = append(logins, login)
				}
			}
		}
		result = resyncUsers(st, logins)
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	s.startTask(w, result)
}

// handleResyncUser is one user's resync.
func (s *Server) handleResyncUser(w http.ResponseWriter, r *http.Request) {
	login := r.PathValue("login")
	var result map[string]any
	err := s.mutate(func(st *State) error {
		if st.Users[login] == nil {
			return errNotFound(fmt.Sprintf(msgUserMissing, login))
		}
		result = resyncUsers(st, []string{login})
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	s.startTask(w, result)
}

// resyncUsers resyncs logins, or none of them when one cannot be: the
// task's result, with a message per user or per refusal.
func resyncUsers(st *State, logins []string) map[string]any {
	var refusals []map[string]any
	for _, login := range logins {
		u := st.Users[login]
		switch {
		case u == nil:
			refusals = append(refusals, resyncMessage("ERROR", msgResyncFailed, fmt.Sprintf(msgUserMissing, login)))
		case slices.Contains(localSourceTypes, sourceTypeOf(u)):
			refusals = append(refusals, resyncMessage("ERROR", msgResyncFailed, fmt.Sprintf(msgResyncLocalUser, login, sourceTypeOf(u))))
		}
	}
	if len(refusals) > 0 {
		return map[string]any{"messages": operationMessages(refusals...)}
	}
	msgs := make([]map[string]any, 0, len(logins))
	for _, login := range logins {
		u := st.Users[login]
		if st.UserResyncs == nil {
			st.UserResyncs = map[string]int{}
		}
		st.UserResyncs[login]++
		what := "kept its groups"
		if groups, synced := supplierGroups(st, u); synced {
			u.Settings["groups"] = anyList(groups)
			what = "groups: " + strings.Join(groups, ", ")
			if len(groups) == 0 {
				what = "no group"
			}
		}
		msgs = append(msgs, resyncMessage("INFO", "User resynced",
			fmt.Sprintf("%s resynced from its supplier (%s): %s", login, sourceTypeOf(u), what)))
	}
	return map[string]any{"messages": operationMessages(msgs...)}
}

// supplierGroups are the DSS groups of u by its supplier's record and the
// groups' mappings, sorted; false when the supplier has no record of u or
// u's source type has no known mapping (u keeps its groups).
func supplierGroups(st *State, u *User) ([]string, bool) {
	key, mapped := supplierGroupMapping[sourceTypeOf(u)]
	theirs, known := st.SupplierGroups[u.login()]
	if !mapped || !known {
		return nil, false
	}
	groups := []string{}
	for _, name := range sortedKeys(st.Groups) {
		for _, n := range mappedNames(st.Groups[name][key]) {
			if slices.Contains(theirs, n) {
				groups = append(groups, name)
				break
			}
		}
	}
	return groups, true
}

// mappedNames reads a group's mapping: a list, or the comma-separated
// string of DSS before 12.6.
func mappedNames(v any) []string {
	if s, ok := v.(string); ok {
		var out []string
		for _, n := range strings.Split(s, ",") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, n)
			}
		}
		return out
	}
	return stringList(v)
}

func sourceTypeOf(u *User) string { s, _ := u.Settings["sourceType"].(string); return s }

func resyncMessage(severity, title, msg string) map[string]any {
	return map[string]any{"severity": severity, "title": title, "message": msg}
}
