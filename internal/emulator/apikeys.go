package emulator

import (
	"fmt"
	"net/http"
)

// Global and personal API key routes (people-contract.md "API keys").

func (s *Server) apiKeyRoutes() {
	keys := func(st *State) map[string]*GlobalAPIKeyRecord { return st.GlobalAPIKeys }
	s.handle("GET /admin/global-api-keys", s.adminOnly(listOf(s, keys, s.globalKeyDoc)))
	s.handle("POST /admin/global-api-keys", s.adminOnly(s.handleCreateGlobalKey))
	s.handle("GET /admin/global-api-keys/{id}", s.adminOnly(oneOf(s, "id", msgKeyMissing, keys, s.globalKeyDoc)))
	s.handle("PUT /admin/global-api-keys/{id}", s.adminOnly(s.handlePutGlobalKey))
	s.handle("DELETE /admin/global-api-keys/{id}", s.adminOnly(s.handleDeleteGlobalKey))

	s.handle("GET /personal-api-keys", s.handleListOwnPersonalKeys)
	s.handle("POST /personal-api-keys", s.handleCreateOwnPersonalKey)
	s.handle("GET /personal-api-keys/{id}", s.handleGetPersonalKey)
	s.handle("PUT /personal-api-keys/{id}", s.handlePutPersonalKey)
	s.handle("DELETE /personal-api-keys/{id}", s.handleDeletePersonalKey)
	s.handle("GET /admin/personal-api-keys", s.adminOnly(s.handleListAllPersonalKeys))
	s.handle("POST /admin/personal-api-keys", s.adminOnly(s.handleCreatePersonalKeyFor))
}

// callerName is what createdBy records: the login, else the key's label.
func callerName(c *Caller) string {
	if c.Login != "" {
		return c.Login
	}
	return c.AuthIdentifier
}

// globalKeyDoc is the wire definition of a global key. Call under the lock.
func (s *Server) globalKeyDoc(kr *GlobalAPIKeyRecord) map[string]any {
	var user, groups any
	if kr.DSSUser != "" {
		user = kr.DSSUser
	}
	if kr.Groups != nil {
		groups = anyList(kr.Groups)
	}
	var label any = kr.Label
	if kr.NullLabel {
		label = nil
	}
	return map[string]any{
		"id": kr.ID, "key": s.clearKeys[kr.KeyHash], "label": label, "description": kr.Description,
		"createdOn": kr.CreatedOn, "createdBy": kr.CreatedBy, "dssUserForImpersonation": user, "groups": groups,
		"globalPermissions": map[string]any{"admin": kr.Admin}, "expiry": kr.Expiry, "expiresOn": kr.ExpiresOn,
	}
}

func (s *Server) personalKeyDoc(kr *PersonalAPIKeyRecord) map[string]any {
	return map[string]any{
		"id": kr.ID, "key": s.clearKeys[kr.KeyHash], "user": kr.User, "label": kr.Label,
		"description": kr.Description, "createdOn": kr.CreatedOn, "createdBy": kr.CreatedBy,
	}
}

// newSecret makes a new key secret no stored key has, remembers it in
// clear for this process and returns its hash.
func (s *Server) newSecret() string {
	for {
		secret := randomToken(keyChars)
		h := hashSecret(secret)
		if _, taken := s.keyIndex[h]; !taken {
			s.clearKeys[h] = secret
			return h
		}
	}
}

// mintKey is a new key's id, one taken does not hold, and the hash of its
// fresh secret (see newSecret).
func (s *Server) mintKey(taken func(id string) bool) (id, hash string) {
	for {
		if id = randomToken(keyIDLength); !taken(id) {
			return id, s.newSecret()
		}
	}
}

// setKeyText sets a key's label and description from body; an absent or
// null field keeps what they hold.
func setKeyText(body map[string]any, label, description *string) *APIError {
	var err *APIError
	if *label, err = bodyString(body, "label", *label); err != nil {
		return err
	}
	*description, err = bodyString(body, "description", *description)
	return err
}

// applyGlobalKeyFields sets the fields a POST or PUT may set, from those
// present in body.
func applyGlobalKeyFields(st *State, kr *GlobalAPIKeyRecord, body map[string]any) *APIError {
	if err := setKeyText(body, &kr.Label, &kr.Description); err != nil {
		return err
	}
	if _, ok := body["label"].(string); ok {
		kr.NullLabel = false
	}
	if v, ok := body["dssUserForImpersonation"]; ok {
		u, _ := v.(string)
		if v != nil && u == "" {
			if _, isStr := v.(string); !isStr {
				return errIllegalArgument("dssUserForImpersonation must be a string")
			}
		}
		// Only a new value is checked: a key whose user was deleted since
		// (and so no longer authenticates) can still be saved unchanged.
		if u != "" && u != kr.DSSUser && st.Users[u] == nil {
			return errIllegalArgument(fmt.Sprintf(msgUserMissing, u))
		}
		kr.DSSUser = u
	}
	if v, ok := body["groups"]; ok {
		if v == nil && kr.Admin {
			kr.Groups = nil
		} else {
			gs, err := bodyStrings(v, "groups")
			if err != nil {
				return err
			}
			if err := checkGroupsExist(st, gs); err != nil {
				return err
			}
			kr.Groups = gs
		}
	}
	if _, ok := body["expiry"]; ok {
		days, err := bodyInt(body, "expiry", 0)
		if err != nil {
			return err
		}
		if days < 0 {
			return errIllegalArgument("expiry must not be negative")
		}
		kr.Expiry, kr.ExpiresOn = days, 0
		if days > 0 {
			kr.ExpiresOn = kr.CreatedOn + days*dayMillis
		}
	}
	return nil
}

func (s *Server) handleCreateGlobalKey(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	var out map[string]any
	err := s.mutate(func(st *State) error {
		kr := &GlobalAPIKeyRecord{CreatedOn: nowMillis(), CreatedBy: callerName(c), NullLabel: true}
		if gp, ok := body["globalPermissions"].(map[string]any); ok {
			kr.Admin = gp["admin"] == true
		}
		if !kr.Admin {
			kr.Groups = []string{}
		}
		if err := applyGlobalKeyFields(st, kr, body); err != nil {
			return err
		}
		if kr.Admin && len(kr.Groups) == 0 {
			kr.Groups = nil
		}
		kr.ID, kr.KeyHash = s.mintKey(func(id string) bool { return st.GlobalAPIKeys[id] != nil })
		st.GlobalAPIKeys[kr.ID] = kr
		out = s.globalKeyDoc(kr)
		return nil
	})
	answer(w, err, out)
}

func (s *Server) handlePutGlobalKey(w http.ResponseWriter, r *http.Request) {
	changeFound(s, w, r, globalKeyFor, func(st *State, id string, old *GlobalAPIKeyRecord, body map[string]any) (any, error) {
		kr := *old
		kr.Groups = append([]string(nil), old.Groups...)
		if old.Groups == nil {
			kr.Groups = nil
		}
		if err := applyGlobalKeyFields(st, &kr, body); err != nil {
			return nil, err
		}
		st.GlobalAPIKeys[id] = &kr
		return s.globalKeyDoc(&kr), nil
	})
}

// globalKeyFor finds the global key id, for answerFound.
func globalKeyFor(st *State, _ *Caller, id string) (*GlobalAPIKeyRecord, *APIError) {
	if kr := st.GlobalAPIKeys[id]; kr != nil {
		return kr, nil
	}
	return nil, errNotFound(fmt.Sprintf(msgKeyMissing, id))
}

func (s *Server) handleDeleteGlobalKey(w http.ResponseWriter, r *http.Request) {
	answerFound(s, w, r, true, globalKeyFor, func(st *State, id string, kr *GlobalAPIKeyRecord) (any, error) {
		delete(s.clearKeys, kr.KeyHash)
		delete(st.GlobalAPIKeys, id)
		return message("Deleted API key " + id), nil
	})
}

// --- personal keys -------------------------------------------------------------

func (s *Server) listPersonalKeys(w http.ResponseWriter, keep func(*PersonalAPIKeyRecord) bool) {
	out := []any{}
	_ = s.read(func(st *State) error {
		for _, id := range sortedKeys(st.PersonalAPIKeys) {
			if kr := st.PersonalAPIKeys[id]; keep(kr) {
				out = append(out, s.personalKeyDoc(kr))
			}
		}
		return nil
	})
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleListOwnPersonalKeys(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	s.listPersonalKeys(w, func(kr *PersonalAPIKeyRecord) bool { return c.HasUser && kr.User == c.Login })
}

func (s *Server) handleListAllPersonalKeys(w http.ResponseWriter, r *http.Request) {
	s.listPersonalKeys(w, func(*PersonalAPIKeyRecord) bool { return true })
}

// createPersonalKey creates a key for user login from body's label and
// description.
func (s *Server) createPersonalKey(w http.ResponseWriter, c *Caller, login string, body map[string]any) {
	var out map[string]any
	err := s.mutate(func(st *State) error {
		if st.Users[login] == nil {
			return errIllegalArgument(fmt.Sprintf(msgUserMissing, login))
		}
		kr := &PersonalAPIKeyRecord{User: login, CreatedOn: nowMillis(), CreatedBy: callerName(c)}
		if err := setKeyText(body, &kr.Label, &kr.Description); err != nil {
			return err
		}
		kr.ID, kr.KeyHash = s.mintKey(func(id string) bool { return st.PersonalAPIKeys[id] != nil })
		st.PersonalAPIKeys[kr.ID] = kr
		out = s.personalKeyDoc(kr)
		return nil
	})
	answer(w, err, out)
}

func (s *Server) handleCreateOwnPersonalKey(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	if !c.HasUser {
		illegalArgument(w, MsgNoUserForKey)
		return
	}
	s.createPersonalKey(w, c, c.Login, body)
}

func (s *Server) handleCreatePersonalKeyFor(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	login, _ := body["user"].(string)
	s.createPersonalKey(w, callerFrom(r.Context()), login, body)
}

// personalKeyFor finds a personal key its owner or an admin may see; any
// other caller gets the same not-found as for a missing key.
func personalKeyFor(st *State, c *Caller, id string) (*PersonalAPIKeyRecord, *APIError) {
	kr := st.PersonalAPIKeys[id]
	if kr == nil || !(c.IsAdmin || (c.HasUser && kr.User == c.Login)) {
		return nil, errNotFound(fmt.Sprintf(msgKeyMissing, id))
	}
	return kr, nil
}

func (s *Server) handleGetPersonalKey(w http.ResponseWriter, r *http.Request) {
	answerFound(s, w, r, false, personalKeyFor, func(_ *State, _ string, kr *PersonalAPIKeyRecord) (any, error) {
		return s.personalKeyDoc(kr), nil
	})
}

func (s *Server) handlePutPersonalKey(w http.ResponseWriter, r *http.Request) {
	changeFound(s, w, r, personalKeyFor, func(st *State, id string, old *PersonalAPIKeyRecord, body map[string]any) (any, error) {
		kr := *old
		if err := setKeyText(body, &kr.Label, &kr.Description); err != nil {
			return nil, err
		}
		st.PersonalAPIKeys[id] = &kr
		return s.personalKeyDoc(&kr), nil
	})
}

func (s *Server) handleDeletePersonalKey(w http.ResponseWriter, r *http.Request) {
	answerFound(s, w, r, true, personalKeyFor, func(st *State, id string, kr *PersonalAPIKeyRecord) (any, error) {
		delete(s.clearKeys, kr.KeyHash)
		delete(st.PersonalAPIKeys, id)
		return message("Deleted API key " + id), nil
	})
}
