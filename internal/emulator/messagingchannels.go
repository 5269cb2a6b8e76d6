package emulator

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Messaging channels (Notifications & Integrations), on the instance.
// Paths, bodies and the list item's fields are dataikuapi's [V]
// (dssclient.py list/get/create_messaging_channel; dss/messaging_channel.py:
// settings, permissions, delete; "Requires admin privileges" for create,
// settings and delete). [I] the rest: a channel is stored as {id, type,
// family, configuration, permissions}; the list, GET of one channel and the
// permissions' GET are open to every user (reporters pick channels), the
// other calls are admin only (403, as the other admin handlers); a missing
// id is a 404; an id taken is refused as other admin objects' duplicates
// (400 IllegalArgumentException); an unknown type is refused; a null
// permission list is stored as [] (every user may use the channel, the
// with_permissions docstring); the configuration's secret keys
// (names.MessagingChannelSecretKeys) are kept encrypted, as connection
// secrets: every read returns DSS's encrypted form, and a write that sends
// that form back keeps the stored secret.

// messagingChannelFamilies: the family of each known type; "mail" for the
// mail channels [V: DSSMailMessagingChannel, "mail" family], none for the
// others [I].
var messagingChannelFamilies = map[string]string{
	"smtp": "mail", "aws-ses-mail": "mail", "microsoft-graph-mail": "mail",
	"slack": "", "msft-teams": "", "google-chat": "", "twilio": "", "shell": "",
}

func (s *Server) messagingChannelRoutes() {
	s.handle("GET /messaging-channels", s.handleListMessagingChannels)
	s.handle("POST /messaging-channels", s.adminOnly(s.handleCreateMessagingChannel))
	s.handle("GET /messaging-channels/{id}", s.handleGetMessagingChannel)
	s.handle("DELETE /messaging-channels/{id}", s.adminOnly(s.handleDeleteMessagingChannel))
	s.handle("GET /messaging-channels/{id}/settings", s.adminOnly(s.handleGetMessagingChannelSettings))
	s.handle("PUT /messaging-channels/{id}/settings", s.adminOnly(s.handlePutMessagingChannelSettings))
	s.handle("GET /messaging-channels/{id}/permissions", s.handleGetMessagingChannelPermissions)
	s.handle("PUT /messaging-channels/{id}/permissions", s.adminOnly(s.handlePutMessagingChannelPermissions))
}

// messagingChannels are the instance's channels, for answerOn.
var messagingChannels = instanceObjects{
	docs: func(st *State) map[string]map[string]any { return st.MessagingChannels },
	missing: func(id string) *APIError {
		return errNotFound(fmt.Sprintf("Messaging channel %s does not exist", id))
	},
}

// messagingChannelItem is what the list and GET answer for a channel: id,
// type, family, and a mail channel's sender fields [V].
func messagingChannelItem(d map[string]any) map[string]any {
	out := map[string]any{"id": d["id"], "type": d["type"], "family": d["family"]}
	if d["family"] == "mail" {
		conf, _ := d["configuration"].(map[string]any)
		for _, k := range []string{"sender", "useCurrentUserAsSender"} {
			if v, ok := conf[k]; ok {
				out[k] = deepCopy(v)
			}
		}
	}
	return out
}

func (s *Server) handleListMessagingChannels(w http.ResponseWriter, r *http.Request) {
	typ, family := r.URL.Query().Get("channelType"), r.URL.Query().Get("channelFamily")
	s.answerRead(w, func(st *State) (any, error) {
		out := []any{}
		for _, id := range sortedKeys(st.MessagingChannels) {
			d := st.MessagingChannels[id]
			if typ != "" && d["type"] != typ || family != "" && d["family"] != family {
				continue
			}
			out = append(out, messagingChannelItem(d))
		}
		return out, nil
	})
}

func (s *Server) handleGetMessagingChannel(w http.ResponseWriter, r *http.Request) {
	s.answerOn(w, r, messagingChannels, false, func(_ *State, _ string, d map[string]any) (any, error) {
		return messagingChannelItem(d), nil
	})
}

// checkChannelPermissions validates a permission list (nil for null).
func checkChannelPermissions(v any) ([]any, *APIError) {
	if v == nil {
		return []any{}, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, errIllegalArgument("permissions must be a list")
	}
	for _, e := range list {
		m, _ := e.(map[string]any)
		if m == nil {
			return nil, errIllegalArgument("Each permission must be an object")
		}
		g, _ := m["group"].(string)
		u, _ := m["user"].(string)
		if g == "" && u == "" {
			return nil, errIllegalArgument("A permission must name a group or a user")
		}
	}
	out, _ := deepCopy(list).([]any)
	return out, nil
}

func (s *Server) handleCreateMessagingChannel(w http.ResponseWriter, r *http.Request) {
	s.answerWriteObject(w, r, func(st *State, body map[string]any) (any, error) {
		typ, _ := body["type"].(string)
		family, known := messagingChannelFamilies[typ]
		if !known {
			return nil, errIllegalArgument(fmt.Sprintf("Unknown messaging channel type: %v", body["type"]))
		}
		id, _ := body["id"].(string)
		if body["id"] != nil && id == "" && body["id"] != "" {
			return nil, errIllegalArgument("id must be a string")
		}
		if id == "" {
			for id = randomID(8); st.MessagingChannels[id] != nil; id = randomID(8) {
			}
		} else if st.MessagingChannels[id] != nil {
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Messaging channel %s already exists", id))
		}
		conf := map[string]any{}
		if c := body["configuration"]; c != nil {
			m, ok := c.(map[string]any)
			if !ok {
				return nil, errIllegalArgument("configuration must be an object")
			}
			conf = copyDoc(m)
		}
		perms, apiErr := checkChannelPermissions(body["permissions"])
		if apiErr != nil {
			return nil, apiErr
		}
		st.sealChannelSecrets(id, conf, false)
		d := map[string]any{"id": id, "type": typ, "family": family, "configuration": conf, "permissions": perms}
		st.MessagingChannels[id] = d
		return messagingChannelItem(d), nil
	})
}

func (s *Server) handleDeleteMessagingChannel(w http.ResponseWriter, r *http.Request) {
	s.answerOn(w, r, messagingChannels, true, func(st *State, id string, _ map[string]any) (any, error) {
		delete(st.MessagingChannels, id)
		delete(st.ChannelSecrets, id)
		return map[string]any{}, nil
	})
}

func (s *Server) handleGetMessagingChannelSettings(w http.ResponseWriter, r *http.Request) {
	s.answerOn(w, r, messagingChannels, false, func(_ *State, _ string, d map[string]any) (any, error) {
		conf, _ := d["configuration"].(map[string]any)
		return copyDoc(conf), nil
	})
}

// handlePutMessagingChannelSettings replaces the configuration (a whole
// document [V]).
func (s *Server) handlePutMessagingChannelSettings(w http.ResponseWriter, r *http.Request) {
	changeFound(s, w, r, messagingChannels.find, func(st *State, id string, d map[string]any, body map[string]any) (any, error) {
		conf := copyDoc(body)
		st.sealChannelSecrets(id, conf, true)
		d["configuration"] = conf
		return map[string]any{}, nil
	})
}

func (s *Server) handleGetMessagingChannelPermissions(w http.ResponseWriter, r *http.Request) {
	s.answerOn(w, r, messagingChannels, false, func(_ *State, _ string, d map[string]any) (any, error) {
		return deepCopy(d["permissions"]), nil
	})
}

func (s *Server) handlePutMessagingChannelPermissions(w http.ResponseWriter, r *http.Request) {
	var body any
	if !decodeBody(w, r, &body) {
		return
	}
	s.answerOn(w, r, messagingChannels, true, func(_ *State, _ string, d map[string]any) (any, error) {
		if body == nil {
			return nil, errIllegalArgument("permissions must be a list")
		}
		perms, err := checkChannelPermissions(body)
		if err != nil {
			return nil, err
		}
		d["permissions"] = perms
		return map[string]any{}, nil
	})
}

// sealChannelSecrets replaces each secret key of conf (top level) by its
// encrypted form and records its ciphertext under the channel; on a PUT
// (put), a value equal to the stored encrypted form keeps the stored
// secret (a client sending back what it read), and a secret key left out
// is dropped, as the whole document is replaced.
func (st *State) sealChannelSecrets(id string, conf map[string]any, put bool) {
	prev := st.ChannelSecrets[id]
	next := map[string]string{}
	for k, v := range conf {
		x, ok := v.(string)
		if !ok || x == "" || !slices.Contains(names.MessagingChannelSecretKeys, k) {
			continue
		}
		next[k], conf[k] = st.sealOrKeep(prev, k, x, put)
	}
	storeSecrets(st.ChannelSecrets, id, next)
}

// MessagingChannelSecret is the clear value of a channel's secret key, ""
// when it has none: for tests, which check what the provider sent (DSS's
// own reads return only the encrypted form).
func (r *Running) MessagingChannelSecret(id, key string) string {
	var out string
	_ = r.Server.read(func(st *State) error {
		if sealed, ok := st.ChannelSecrets[id][key]; ok {
			out, _ = st.open(sealed)
		}
		return nil
	})
	return out
}
