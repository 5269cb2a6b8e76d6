package dss

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// Messaging channels (Administration > Settings > Notifications &
// Integrations): the mail, chat and shell channels scenario reporters send
// through, on the instance. Paths and bodies are dataikuapi's [V]:
// dssclient.py list_messaging_channels, get_messaging_channel and
// create_messaging_channel, and dss/messaging_channel.py (settings and
// permissions GET/PUT /messaging-channels/{id}/settings and
// /permissions, DELETE /messaging-channels/{id}).

// MessagingChannelTypes are the types dataikuapi's new_messaging_channel
// knows [V]. The list is open: a newer DSS may know more, which the
// provider passes to it as written.
var MessagingChannelTypes = []string{"smtp", "aws-ses-mail", "microsoft-graph-mail", "slack", "msft-teams", "google-chat", "twilio", "shell"}

// MessagingChannelSecretKeys are the configuration keys that hold
// credentials (names.MessagingChannelSecretKeys).
var MessagingChannelSecretKeys = names.MessagingChannelSecretKeys

// IsMessagingChannelSecretKey reports whether key holds a credential.
func IsMessagingChannelSecretKey(key string) bool {
	return slices.Contains(MessagingChannelSecretKeys, key)
}

// MessagingChannel is GET /messaging-channels/{id} and one item of GET
// /messaging-channels/ (DSSMessagingChannelListItem [V]: id, type, family,
// and a mail channel's sender and useCurrentUserAsSender; the rest kept).
type MessagingChannel struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Family string `json:"family,omitempty"`
	Extra  Extra  `json:"-"`
}

func (d *MessagingChannel) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d MessagingChannel) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// MessagingChannelSettings is GET/PUT /messaging-channels/{id}/settings:
// the channel's configuration, a whole document of keys that depend on
// the type (DSSMessagingChannelSettings.get_raw [V]), all kept in Extra.
type MessagingChannelSettings struct {
	Extra Extra `json:"-"`
}

func (d *MessagingChannelSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d MessagingChannelSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }
func (*MessagingChannelSettings) holdsSecrets()                  {}

// sentSecrets are the secret keys' values a read-modify-write sends back
// as DSS holds them (encrypted, or in clear if a DSS returns them so [I]).
func (d *MessagingChannelSettings) sentSecrets() []string {
	var out []string
	for k, raw := range d.Extra {
		if IsMessagingChannelSecretKey(k) {
			var v any
			if json.Unmarshal(raw, &v) == nil {
				out = append(out, SecretLeaves(v)...)
			}
		}
	}
	return out
}

// MessagingChannelPermission is one entry of GET/PUT
// /messaging-channels/{id}/permissions: a group or a user, and canUse
// (get_permissions' docstring [V]); the rest kept.
type MessagingChannelPermission struct {
	Group  string `json:"group,omitempty"`
	User   string `json:"user,omitempty"`
	CanUse bool   `json:"canUse"`
	Extra  Extra  `json:"-"`
}

func (d *MessagingChannelPermission) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d MessagingChannelPermission) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Principal is "group:<name>" or "user:<login>" ("" for neither).
func (d MessagingChannelPermission) Principal() string { return principal(d.Group, d.User) }

// MessagingChannelDoc is a channel's summary document (GET only).
func MessagingChannelDoc(id string) Document[MessagingChannel] {
	return DocumentAt[MessagingChannel](Path("messaging-channels", id))
}

// MessagingChannelSettingsDoc is a channel's configuration.
func MessagingChannelSettingsDoc(id string) Document[MessagingChannelSettings] {
	return DocumentAt[MessagingChannelSettings](Path("messaging-channels", id, "settings"))
}

// MessagingChannelPermissionsDoc is a channel's permission list.
func MessagingChannelPermissionsDoc(id string) Document[[]MessagingChannelPermission] {
	return DocumentAt[[]MessagingChannelPermission](Path("messaging-channels", id, "permissions"))
}

// MessagingChannelPermissions reads a channel's permission list. A null
// answer reads as no entry [I: dataikuapi creates a channel with
// permissions None, "the backend will default it to all users"; whether
// DSS then answers [] or null is not documented], where
// MessagingChannelPermissionsDoc's Get refuses a null document.
func (c *Client) MessagingChannelPermissions(ctx context.Context, id string) ([]MessagingChannelPermission, error) {
	var out []MessagingChannelPermission
	if err := c.Get(ctx, MessagingChannelPermissionsDoc(id).Path(), nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// SetMessagingChannelPermissions replaces a channel's permission list
// (never null: no entry is []).
func (c *Client) SetMessagingChannelPermissions(ctx context.Context, id string, perms []MessagingChannelPermission) error {
	if perms == nil {
		perms = []MessagingChannelPermission{}
	}
	return c.Put(ctx, MessagingChannelPermissionsDoc(id).Path(), nil, perms, nil)
}

// ListMessagingChannels lists the instance's channels, of one type and
// one family when they are not "" (?channelType=&channelFamily= [V]).
func (c *Client) ListMessagingChannels(ctx context.Context, channelType, family string) ([]MessagingChannel, error) {
	q := url.Values{}
	if channelType != "" {
		q.Set("channelType", channelType)
	}
	if family != "" {
		q.Set("channelFamily", family)
	}
	return getAs[[]MessagingChannel](ctx, c, Path("messaging-channels")+"/", q)
}

// CreateMessagingChannelRequest is the body of POST /messaging-channels/
// as dataikuapi sends it [V]: id ("" asks DSS to generate one), type,
// configuration ({} when none) and permissions (null: DSS lets every user
// use the channel).
type CreateMessagingChannelRequest struct {
	ID            string                       `json:"id"`
	Type          string                       `json:"type"`
	Configuration Object                       `json:"configuration"`
	Permissions   []MessagingChannelPermission `json:"permissions"`
}

// sentSecrets are the configuration's secret values.
func (d *CreateMessagingChannelRequest) sentSecrets() []string {
	var out []string
	for k, v := range d.Configuration {
		if IsMessagingChannelSecretKey(k) {
			out = append(out, SecretLeaves(v)...)
		}
	}
	return out
}

// CreateMessagingChannel creates a channel; DSS answers it as GET does.
func (c *Client) CreateMessagingChannel(ctx context.Context, req CreateMessagingChannelRequest) (string, error) {
	if req.Configuration == nil {
		req.Configuration = Object{}
	}
	return postCreatedKey[createdID](ctx, c, Path("messaging-channels")+"/", nil, &req, "created the messaging channel")
}

// DeleteMessagingChannel deletes a channel.
func (c *Client) DeleteMessagingChannel(ctx context.Context, id string) error {
	return c.Delete(ctx, Path("messaging-channels", id), nil, nil)
}
