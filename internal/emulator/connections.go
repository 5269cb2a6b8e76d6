package emulator

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Connections (dss-api.md §2.5, dss-api-more.md §7.4, plumbing-contract.md).

// EncryptedPrefix starts the form in which DSS returns a secret.
const EncryptedPrefix = "e:AES:"

// isSecretParamKey reports whether a params key, at any depth, is one of
// DSS's secrets (internal/dss/names).
func isSecretParamKey(param string) bool { return slices.Contains(names.SecretParamKeys, param) }

// connectionKind: /admin/connections, on the instance, keyed by name and
// admin only (every route is adminOnly). The list is an object keyed by
// name (dss-api.md §2.5); a missing connection is 400
// IllegalArgumentException "Connection 'X' does not exist" (dss-api.md
// §6.1) [I status]. GET, the list and DELETE are the store's; a deleted
// connection's secrets go with it. Create and PUT are below: they seal
// secrets, and neither stamps a version.
var connectionKind = &docKind{
	noun:      "connection",
	path:      "connections",
	param:     "name",
	keyField:  "name",
	instance:  func(st *State) map[string]map[string]any { return st.Connections },
	notFound:  func(_, name string) *APIError { return errConnectionMissing(name) },
	listByKey: true,
	forget:    func(x *docCall, name string) { delete(x.st.ConnectionSecrets, name) },
	deleted:   func(_ *docCall, name string) any { return message("Deleted connection " + name) },
}

func (s *Server) connectionRoutes() {
	s.adminKindRoutes("/admin/connections", connectionKind, createConnection, putConnection)
	s.handle("GET /connections/get-names", s.handleConnectionNames)
	s.handle("GET /connections/{name}/info", s.handleConnectionInfo)
}

func errConnectionMissing(name string) *APIError {
	return errIllegalArgument(fmt.Sprintf("Connection '%s' does not exist", name))
}

// connectionDefaults fills what DSS adds to a connection created through
// the API, or saved without some of its fields (DSS reads a definition
// into its own object, whose fields have these defaults) [I].
func connectionDefaults(doc map[string]any) {
	def := map[string]any{
		"description": "", "params": map[string]any{}, "allowWrite": true, "allowManagedDatasets": true,
		"allowManagedFolders": true, "usableBy": "ALL", "allowedGroups": []any{},
		"detailsReadability": map[string]any{"readableBy": "NONE", "allowedGroups": []any{}},
		"credentialsMode":    "GLOBAL", "maxActivities": 0, "useGlobalProxy": false, "indexingSettings": map[string]any{},
	}
	for k, v := range def {
		if doc[k] == nil {
			doc[k] = v
		}
	}
}

// checkConnectionDoc validates the fields the emulator interprets.
func checkConnectionDoc(doc map[string]any) *APIError {
	if t, ok := doc["type"].(string); !ok || t == "" {
		return errIllegalArgument("Connection type is missing")
	}
	if _, ok := doc["params"].(map[string]any); !ok {
		return errIllegalArgument("params must be an object")
	}
	if err := checkOptional[string](doc, "a string", "description"); err != nil {
		return err
	}
	if u := doc["usableBy"]; u != "ALL" && u != "ALLOWED" {
		return errIllegalArgument(fmt.Sprintf("Invalid usableBy: %v (ALL or ALLOWED)", u))
	}
	if _, err := bodyStrings(doc["allowedGroups"], "allowedGroups"); err != nil {
		return err
	}
	if dr, ok := doc["detailsReadability"].(map[string]any); ok {
		if rb := dr["readableBy"]; rb != nil && rb != "NONE" && rb != "ALL" && rb != "ALLOWED" {
			return errIllegalArgument(fmt.Sprintf("Invalid detailsReadability.readableBy: %v", rb))
		}
	}
	return nil
}

// createConnection is POST /admin/connections: a named definition, filled
// with DSS's defaults, its secrets sealed.
func createConnection(x *docCall, body map[string]any) (any, *APIError) {
	name, _ := body["name"].(string)
	if !names.ConnectionNamePattern.MatchString(name) {
		return nil, errIllegalArgument(fmt.Sprintf("Invalid connection name: %v", body["name"]))
	}
	if x.st.Connections[name] != nil {
		return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Connection %s already exists", name))
	}
	doc := copyDoc(body)
	connectionDefaults(doc)
	doc["creationTag"] = versionTag(x.c.Login)
	if err := checkConnectionDoc(doc); err != nil {
		return nil, err
	}
	x.st.sealSecrets(name, doc, nil)
	x.st.Connections[name] = doc
	return copyDoc(doc), nil
}

// putConnection is PUT /admin/connections/{name}: the whole definition,
// under the same name; secrets sent back as read are kept.
func putConnection(x *docCall, name string, old, body map[string]any) (any, *APIError) {
	if n, ok := body["name"]; ok && n != name {
		return nil, errIllegalArgument(fmt.Sprintf("Cannot rename connection %s", name))
	}
	doc := copyDoc(body)
	doc["name"] = name
	connectionDefaults(doc)
	if err := checkConnectionDoc(doc); err != nil {
		return nil, err
	}
	x.st.sealSecrets(name, doc, old)
	x.st.Connections[name] = doc
	return map[string]any{}, nil
}

// GET /connections/get-names?type=all|TYPE: the names the caller may use.
func (s *Server) handleConnectionNames(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	typ := r.URL.Query().Get("type")
	s.answerRead(w, func(st *State) (any, error) {
		usable := []string{}
		for _, n := range sortedKeys(st.Connections) {
			doc := st.Connections[n]
			if t, _ := doc["type"].(string); (typ == "" || strings.EqualFold(typ, "all") || t == typ) && connectionUsable(doc, c) {
				usable = append(usable, n)
			}
		}
		return usable, nil
	})
}

// GET /connections/{name}/info: the definition with its secrets resolved in
// clear in resolvedParams, for a caller who may use the connection.
func (s *Server) handleConnectionInfo(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	name := r.PathValue("name")
	s.answerRead(w, func(st *State) (any, error) {
		doc := st.Connections[name]
		if doc == nil {
			return nil, errConnectionMissing(name)
		}
		if !connectionUsable(doc, c) {
			return nil, errConnectionNotUsable(s, name)
		}
		resolved, _ := deepCopy(doc["params"]).(map[string]any)
		st.openSecrets(name, resolved)
		out := map[string]any{"name": name, "type": doc["type"], "credentialsMode": doc["credentialsMode"],
			"params": deepCopy(doc["params"]), "resolvedParams": resolved}
		if bc, ok := resolved["basicCredential"].(map[string]any); ok {
			out["resolvedBasicCredential"] = deepCopy(bc)
		}
		return out, nil
	})
}

// connectionUsable reports whether c may use the connection in a dataset
// or a managed folder: usableBy ALL, or ALLOWED and c in allowedGroups.
func connectionUsable(doc map[string]any, c *Caller) bool {
	if c.IsAdmin || doc["usableBy"] != "ALLOWED" {
		return true
	}
	for _, g := range stringList(doc["allowedGroups"]) {
		if c.InGroup(g) {
			return true
		}
	}
	return false
}

func errConnectionNotUsable(s *Server, name string) *APIError {
	return newError(s.opts.UnauthorizedStatus, ErrTypeUnauthorized, fmt.Sprintf("You are not allowed to use connection %s", name))
}

// checkConnectionUse refuses a dataset or managed folder definition whose
// params.connection the caller may not use, on create and when a PUT
// changes the connection (the kinds' own checks have already refused a
// missing one).
func (s *Server) checkConnectionUse(st *State, c *Caller, doc, old map[string]any) *APIError {
	params, _ := doc["params"].(map[string]any)
	name, _ := params["connection"].(string)
	if name == "" {
		return nil
	}
	if old != nil {
		oldParams, _ := old["params"].(map[string]any)
		if prev, _ := oldParams["connection"].(string); prev == name {
			return nil
		}
	}
	if conn := st.Connections[name]; conn != nil && !connectionUsable(conn, c) {
		return errConnectionNotUsable(s, name)
	}
	return nil
}

// Secrets. A connection's secret params are stored in the definition in
// their encrypted form (what every read returns) and, beside it, as
// AES-GCM ciphertext under the instance key, so /info can resolve them;
// nothing in the state is in clear. The encrypted form is an HMAC of the
// value: stable per value, so a read never shows a false change.

// instanceKey returns the instance's key, creating it when the state has
// none (a new state, or a state file written before connection secrets).
func (st *State) instanceKey() []byte {
	if st.InstanceSecret == "" {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		st.InstanceSecret = hex.EncodeToString(b)
	}
	k, _ := hex.DecodeString(st.InstanceSecret)
	return k
}

func (st *State) encryptedForm(value string) string {
	m := hmac.New(sha256.New, st.instanceKey())
	m.Write([]byte(value))
	return EncryptedPrefix + hex.EncodeToString(m.Sum(nil))[:32]
}

func (st *State) seal(value string) string {
	block, _ := aes.NewCipher(st.instanceKey())
	gcm, _ := cipher.NewGCM(block)
	nonce := make([]byte, gcm.NonceSize())
	_, _ = rand.Read(nonce)
	return base64.StdEncoding.EncodeToString(gcm.Seal(nonce, nonce, []byte(value), nil))
}

func (st *State) open(sealed string) (string, bool) {
	b, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil {
		return "", false
	}
	block, _ := aes.NewCipher(st.instanceKey())
	gcm, _ := cipher.NewGCM(block)
	if len(b) < gcm.NonceSize() {
		return "", false
	}
	v, err := gcm.Open(nil, b[:gcm.NonceSize()], b[gcm.NonceSize():], nil)
	return string(v), err == nil
}

// sealSecrets replaces each secret param of doc (at any depth) by its
// encrypted form and records its ciphertext. A value equal to the stored
// encrypted form keeps the stored secret (a client sending back what it
// read); any other string is a new secret.
func (st *State) sealSecrets(name string, doc, old map[string]any) {
	params, _ := doc["params"].(map[string]any)
	prev := st.ConnectionSecrets[name]
	next := map[string]string{}
	walkStringParams(params, "", func(m map[string]any, k, p, x string) {
		if !isSecretParamKey(k) || x == "" {
			return
		}
		next[p], m[k] = st.sealOrKeep(prev, p, x, old != nil)
	})
	storeSecrets(st.ConnectionSecrets, name, next)
}

// sealOrKeep is what a secret x sent for key becomes: the ciphertext to
// record and the text the document holds. When resent (an update) and x
// is the encrypted form of the secret stored under key (a client sending
// back what it read), the stored secret is kept and x stays; any other x
// is a new secret, sealed, and held as its encrypted form.
func (st *State) sealOrKeep(prev map[string]string, key, x string, resent bool) (sealed, held string) {
	if sealed, ok := prev[key]; ok && resent && x == st.encryptedFormOf(sealed) {
		return sealed, x
	}
	return st.seal(x), st.encryptedForm(x)
}

// storeSecrets records next as the secrets of the object id in all (a
// connection's, a channel's), or forgets them when there are none.
func storeSecrets(all map[string]map[string]string, id string, next map[string]string) {
	if len(next) == 0 {
		delete(all, id)
	} else {
		all[id] = next
	}
}

func (st *State) encryptedFormOf(sealed string) string {
	v, ok := st.open(sealed)
	if !ok {
		return ""
	}
	return st.encryptedForm(v)
}

// openSecrets replaces, in a copy of params, each encrypted secret by its
// clear value.
func (st *State) openSecrets(name string, params map[string]any) {
	walkStringParams(params, "", func(m map[string]any, k, p, _ string) {
		if sealed, ok := st.ConnectionSecrets[name][p]; ok {
			if value, ok := st.open(sealed); ok {
				m[k] = value
			}
		}
	})
}

// walkStringParams calls f with each string value of params, at any
// depth: the object m holding it, its key k there and its dotted path p
// ("basicCredential.password"); f may replace m[k].
func walkStringParams(params map[string]any, prefix string, f func(m map[string]any, k, p, value string)) {
	for k, v := range params {
		switch x := v.(type) {
		case map[string]any:
			walkStringParams(x, prefix+k+".", f)
		case string:
			f(params, k, prefix+k, x)
		}
	}
}
