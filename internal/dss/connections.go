package dss

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Connections (dss-api.md §2.5, the wire contract of issue 13). A
// connection is named by the caller; its definition is one whole document
// (GET/PUT /admin/connections/{name}), admin only. DSS encrypts the secret
// parameters: every read returns them as an opaque encrypted form, and a
// write that sends that form back keeps the stored secret.

// SecretParamKeys are the keys of a connection's params that DSS treats as
// secrets (internal/dss/names, shared with the emulator), at the top level
// and inside the credential objects of SecretParamContainers. The provider
// never compares them, never stores them in state and refuses them in the
// non-secret params: its validators and conversions all read this list.
var SecretParamKeys = names.SecretParamKeys

// SecretParamContainers are the params keys whose object values hold
// credentials (a user and a password, keys of a cloud account).
var SecretParamContainers = []string{"basicCredential", "credentials"}

// IsSecretParamKey reports whether key is one DSS encrypts.
func IsSecretParamKey(key string) bool { return slices.Contains(SecretParamKeys, key) }

// eachSecretParam calls f with the path ("password",
// "basicCredential.password") and the value of each secret key params
// holds, at the top level and in the credential objects.
func eachSecretParam(params Object, f func(path string, v any)) {
	for k, v := range params {
		if IsSecretParamKey(k) {
			f(k, v)
			continue
		}
		if inner, ok := v.(map[string]any); ok && slices.Contains(SecretParamContainers, k) {
			for ik, iv := range inner {
				if IsSecretParamKey(ik) {
					f(k+"."+ik, iv)
				}
			}
		}
	}
}

// SecretParamsIn lists the secret keys params holds, as paths
// ("password", "basicCredential.password"), sorted.
func SecretParamsIn(params Object) []string {
	var out []string
	eachSecretParam(params, func(path string, _ any) { out = append(out, path) })
	slices.Sort(out)
	return out
}

// ParamsWithoutSecrets is a copy of params without its secret keys (at the
// top level and in the credential objects), for what may be shown.
func ParamsWithoutSecrets(params Object) Object {
	out := make(Object, len(params))
	for k, v := range params {
		if IsSecretParamKey(k) {
			continue
		}
		if inner, ok := v.(map[string]any); ok && slices.Contains(SecretParamContainers, k) {
			kept := make(map[string]any, len(inner))
			for ik, iv := range inner {
				if !IsSecretParamKey(ik) {
					kept[ik] = iv
				}
			}
			v = kept
		}
		out[k] = v
	}
	return out
}

// MergeParams writes the keys of written over params (a read-modify-write
// of DSS's params). A credential object written replaces DSS's except for
// the secrets DSS holds in it (encrypted), which are sent back untouched.
func MergeParams(params, written Object) Object {
	return mergeParams(params, written, IsSecretParamKey)
}

// MergeSecrets writes secret parameters over params: a credential object
// written adds its keys to DSS's (the user name stays).
func MergeSecrets(params, secrets Object) Object {
	return mergeParams(params, secrets, func(string) bool { return true })
}

// mergeParams copies written over params; in a credential object both
// have, the keys of DSS's for which keep is true stay unless written has
// them.
func mergeParams(params, written Object, keep func(string) bool) Object {
	if params == nil {
		params = Object{}
	}
	for k, v := range written {
		w, wok := v.(map[string]any)
		old, ook := params[k].(map[string]any)
		if wok && ook && slices.Contains(SecretParamContainers, k) {
			merged := make(map[string]any, len(old)+len(w))
			for ok, ov := range old {
				if keep(ok) {
					merged[ok] = ov
				}
			}
			for wk, wv := range w {
				merged[wk] = wv
			}
			params[k] = merged
			continue
		}
		params[k] = v
	}
	return params
}

// ConnectionDetailsReadability says who may read a connection's details
// (DSS's detailsReadability).
type ConnectionDetailsReadability struct {
	ReadableBy    string   `json:"readableBy"`
	AllowedGroups []string `json:"allowedGroups" dss:"nonnull"`
	Extra         Extra    `json:"-"`
}

func (d *ConnectionDetailsReadability) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ConnectionDetailsReadability) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Connection is a connection's whole definition, GET/PUT
// /admin/connections/{name}. Params holds the secrets in DSS's encrypted
// form.
type Connection struct {
	Name                 string                       `json:"name"`
	Type                 string                       `json:"type"`
	Description          string                       `json:"description"`
	Params               Object                       `json:"params" dss:"nonnull"`
	AllowWrite           bool                         `json:"allowWrite"`
	AllowManagedDatasets bool                         `json:"allowManagedDatasets"`
	AllowManagedFolders  bool                         `json:"allowManagedFolders"`
	UsableBy             string                       `json:"usableBy"`
	AllowedGroups        []string                     `json:"allowedGroups" dss:"nonnull"`
	DetailsReadability   ConnectionDetailsReadability `json:"detailsReadability"`
	CredentialsMode      string                       `json:"credentialsMode"`
	MaxActivities        int64                        `json:"maxActivities"`
	UseGlobalProxy       bool                         `json:"useGlobalProxy"`
	Extra                Extra                        `json:"-"`
}

func (d *Connection) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d Connection) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Connection usability (usableBy) and details readability (readableBy).
const (
	ConnectionUsableByAll     = "ALL"
	ConnectionUsableByAllowed = "ALLOWED"
	ConnectionReadableByNone  = "NONE"
)

func connectionPath(name string) string { return Path("admin", "connections", name) }

// ConnectionDoc is a connection's definition document.
func ConnectionDoc(name string) Document[Connection] {
	return DocumentAt[Connection](connectionPath(name))
}

// ListConnections reads every connection's definition (admin only).
func (c *Client) ListConnections(ctx context.Context) (map[string]Connection, error) {
	var out map[string]Connection
	if err := c.Get(ctx, Path("admin", "connections")+"/", nil, &out); err != nil {
		return nil, err
	}
	for name, conn := range out {
		if conn.Name == "" {
			conn.Name = name
			out[name] = conn
		}
	}
	return out, nil
}

// NewConnection is what a connection is created with, as DSS's own client
// sends it; what DSS does not take at creation is written afterwards with a
// read-modify-write of the definition.
type NewConnection struct {
	Name          string
	Type          string
	Description   string
	Params        Object
	UsableBy      string
	AllowedGroups []string
}

// CreateConnection creates a connection. DSS's answer is not used.
func (c *Client) CreateConnection(ctx context.Context, n NewConnection) error {
	if n.Params == nil {
		n.Params = Object{}
	}
	body := map[string]any{
		"name": n.Name, "type": n.Type, "description": nullIfEmpty(n.Description), "params": n.Params,
		"usableBy":      cmp.Or(n.UsableBy, ConnectionUsableByAll),
		"allowedGroups": append([]string{}, n.AllowedGroups...), // never null
	}
	return c.Post(ctx, Path("admin", "connections")+"/", nil, body, nil)
}

// DeleteConnection deletes a connection.
func (c *Client) DeleteConnection(ctx context.Context, name string) error {
	return c.Delete(ctx, connectionPath(name), nil, nil)
}

// ConnectionNames lists the names of the connections the caller may use,
// of one type or of all ("" or "all").
func (c *Client) ConnectionNames(ctx context.Context, connectionType string) ([]string, error) {
	connectionType = cmp.Or(connectionType, "all")
	return getAs[[]string](ctx, c, Path("connections", "get-names"), url.Values{"type": {connectionType}})
}

// ConnectionInfo is what DSS tells a caller who may use a connection,
// secrets resolved in clear: only for checking them, never for state.
type ConnectionInfo struct {
	Name            string `json:"name"`
	Type            string `json:"type"`
	CredentialsMode string `json:"credentialsMode"`
	Params          Object `json:"params"`
	ResolvedParams  Object `json:"resolvedParams"`
}

func (*ConnectionInfo) holdsSecrets() {}

// sentSecrets are the secret params a definition sends back as DSS holds
// them (encrypted, or as written when DSS does not encrypt them).
func (d *Connection) sentSecrets() []string {
	var out []string
	eachSecretParam(d.Params, func(_ string, v any) { out = append(out, SecretLeaves(v)...) })
	return out
}

// GetConnectionInfo reads GET /connections/{name}/info.
func (c *Client) GetConnectionInfo(ctx context.Context, name string) (*ConnectionInfo, error) {
	return callAs[ConnectionInfo](ctx, c, http.MethodGet, Path("connections", name, "info"), nil, nil)
}

// IsConnectionMissing reports whether err is DSS's answer for a missing
// connection: not a 404 but a 400 IllegalArgumentException "Connection
// 'NAME' does not exist" (dss-api.md §6.1), to a request on that very
// connection's path. An error about another connection (a dataset naming a
// missing one), an authorization, server or network error is not.
func IsConnectionMissing(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest ||
		apiErr.ErrorType != "java.lang.IllegalArgumentException" {
		return false
	}
	prefix := APIPrefix + Path("admin", "connections") + "/"
	escaped, ok := strings.CutPrefix(strings.TrimSuffix(apiErr.Path, "/"), prefix)
	if !ok || escaped == "" || strings.Contains(escaped, "/") {
		return false
	}
	name, err := url.PathUnescape(escaped)
	if err != nil {
		return false
	}
	want := fmt.Sprintf("Connection '%s' does not exist", name)
	return strings.Contains(apiErr.Message, want) || strings.Contains(apiErr.DetailedMessage, want)
}
