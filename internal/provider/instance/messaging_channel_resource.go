package instance

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewMessagingChannelResource returns the dataiku_messaging_channel
// resource.
func NewMessagingChannelResource() resource.Resource {
	return kit.NewResource[messagingChannelResourceModel](messagingChannelKind{})
}

// messagingChannelKind is a messaging channel (dataikuapi [V]: dssclient.py
// create_messaging_channel, dss/messaging_channel.py). Its id is the
// caller's: DSS generates one when none is given, but a channel has no
// other name to find one a lost POST created, so id is required [I]. The
// type is fixed at creation; the configuration (settings) and permissions
// change in place, each with a read-modify-write of its own document.
type messagingChannelKind struct{}

var _ kit.KindWithConfigPost[messagingChannelResourceModel] = messagingChannelKind{}

// messagingChannelIDPart is a channel's id in import IDs and identities:
// any id a path segment can hold (dataikuapi's own example is "Some ID").
var messagingChannelIDPart = kit.ImportPart{Label: "channel_id", Pattern: names.IDPattern, Rule: names.IDRule}

var messagingChannelIDValidators = []validator.String{messagingChannelIDPart.Validator()}

var messagingChannelAddress = kit.Address[messagingChannelResourceModel]{
	TypeName: "dataiku_messaging_channel",
	Path:     "messaging-channels/{id}",
	Key: []kit.KeyPart[messagingChannelResourceModel]{{Attr: "id", ImportPart: messagingChannelIDPart,
		Field: func(m *messagingChannelResourceModel) *types.String { return &m.ID }, Doc: "The channel's id."}},
	Example: "e.g. mail-ops",
	ID:      func(m *messagingChannelResourceModel) *types.String { return &m.ID },
}

func (messagingChannelKind) Address() *kit.Address[messagingChannelResourceModel] {
	return &messagingChannelAddress
}

// secretKeysText lists the secret keys for descriptions.
var secretKeysText = strings.Join(dss.MessagingChannelSecretKeys, ", ")

// secretSettingsRule is why a secret key is refused in settings.
var secretSettingsRule = "it is a secret (secret keys: " + strings.Join(dss.MessagingChannelSecretKeys, ", ") +
	"): put it in secret_settings_wo, which is write-only and never stored in the plan or the state"

func messagingChannelSettingsAttribute() schema.DynamicAttribute {
	a := kit.HCLObjectAttribute("The channel's configuration other than secrets, under DSS's names, e.g. " +
		"`{ host = \"smtp.example.com\", port = 587, useTLS = true, login = \"dss\", sender = \"dss@example.com\" }` for `smtp`, " +
		"`{ mode = \"WEBHOOK\", useProxy = false }` for `slack`, or `{ webhookType = \"WORKFLOWS\" }` for `msft-teams`. " +
		"Only the keys written here are managed (written, and read back to show drift); the others stay as DSS has them. " +
		"Secret keys (" + strings.Join(dss.MessagingChannelSecretKeys, ", ") + ") are refused here: put them in `secret_settings_wo`. " +
		"After an import the state holds every non-secret key DSS has. Changes in place.")
	a.Validators = []validator.Dynamic{kit.HCLObjectWithout(dss.IsMessagingChannelSecretKey, secretSettingsRule)}
	return a
}

func (messagingChannelKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A DSS messaging channel (Administration > Settings > Notifications & Integrations): a mail server, " +
			"a Slack, Microsoft Teams or Google Chat webhook, Twilio or a shell command, through which scenario reporters send messages " +
			"(a reporter names it by `id`, DSS's `channelId`). Non-secret configuration goes in `settings`; passwords, webhook URLs and tokens " +
			"in the write-only `secret_settings_wo`, which never reaches the plan, the state or the logs. " +
			"Every change is a read-modify-write of the channel's configuration, so keys the provider does not manage are kept. " +
			"Creating, changing and deleting a channel needs an administrator's API key (DSS refuses others). " +
			"Import with the channel's id; an import cannot know the secrets: DSS keeps its own until `secret_settings_wo_version` is set or changed.\n\n" +
			"**Refresh cost.** 2 API calls (the channel and its configuration), 3 when `permissions` is set.",
		Attributes: map[string]schema.Attribute{
			"id": kit.RequiredReplacing("The channel's id, which reporters name (`channelId`); it must "+names.IDRule+
				". DSS generates one when none is given, but the provider needs it to find the channel again, so it is required. Changing it replaces the channel.",
				messagingChannelIDValidators...),
			"type": kit.RequiredReplacing("The channel's type: `smtp`, `aws-ses-mail`, `microsoft-graph-mail`, `slack`, `msft-teams`, `google-chat`, `twilio` or `shell` "+
				"(dataikuapi's list), or another type your DSS knows, passed to it as written. DSS fixes it at creation: changing it replaces the channel.",
				stringvalidator.LengthAtLeast(1), kit.KnownSpelling("messaging channel type", dss.MessagingChannelTypes...)),
			"family": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The channel's family as DSS reports it: `mail` for the mail channels, empty for the others.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"settings": messagingChannelSettingsAttribute(),
			"secret_settings_wo": schema.MapAttribute{Optional: true, WriteOnly: true, Sensitive: true, ElementType: types.StringType,
				MarkdownDescription: "The channel's secret configuration keys and their values, under DSS's names, e.g. `{ password = var.smtp_password }` " +
					"for `smtp`, `{ webhookUrl = var.teams_webhook }` for `msft-teams` or `slack`, `{ authToken = var.twilio_token }` for `twilio` " +
					"(Terraform 1.11 or later). Write-only: sent to DSS and never stored in the plan or the state; DSS keeps them encrypted and " +
					"the provider never reads them back. Sent when the channel is created, and afterwards only when `secret_settings_wo_version` " +
					"changes: to rotate a secret, change both. Removing it leaves DSS's secrets as they are.",
				Validators: []validator.Map{mapvalidator.SizeAtLeast(1)}},
			"secret_settings_wo_version": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Any number you change to send `secret_settings_wo` again (a rotation). Needs `secret_settings_wo`. Without it, the secrets are sent at creation only.",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("secret_settings_wo"))}},
			"permissions": schema.SetNestedAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Who may use the channel: one entry per group or user (DSS's permissions). " +
					"**Authoritative when set:** after an apply DSS holds exactly these entries; an entry added outside Terraform shows as drift and the next apply removes it. " +
					"When not set, Terraform leaves them alone. DSS lets every user use a channel whose list is empty (its default). " +
					"Keys of an entry the provider does not model are kept. Changes in place.",
				PlanModifiers: []planmodifier.Set{kit.UnmanagedSetWhenNull},
				Validators:    []validator.Set{kit.GroupOrUserValidator("permission entry", "Invalid messaging channel permission")},
				NestedObject: schema.NestedAttributeObject{Attributes: withPrincipalAttributes(map[string]schema.Attribute{
					"can_use": schema.BoolAttribute{Required: true, MarkdownDescription: "Whether the group or user may send messages through the channel (DSS's `canUse`)."},
				})}},
		},
	}
}

// channelConfig is what the configuration holds: settings (the keys
// written) and the secrets. An error never quotes the secrets.
func channelConfig(ctx context.Context, config tfsdk.Config) (types.Dynamic, map[string]string, error) {
	var settings types.Dynamic
	var secrets types.Map
	if d := config.GetAttribute(ctx, path.Root("settings"), &settings); d.HasError() {
		return settings, nil, kit.DiagsError(d)
	}
	if d := config.GetAttribute(ctx, path.Root("secret_settings_wo"), &secrets); d.HasError() {
		return settings, nil, errors.New("reading secret_settings_wo from the configuration failed")
	}
	out := map[string]string{}
	for k, v := range secrets.Elements() {
		if s, ok := v.(types.String); ok && kit.Known(s) {
			out[k] = s.ValueString()
		}
	}
	return settings, out, nil
}

func (k messagingChannelKind) Post(ctx context.Context, c *dss.Client, m *messagingChannelResourceModel) error {
	return createMessagingChannel(ctx, c, m, m.Settings, nil)
}

// PostWithConfig creates the channel with the configuration's settings
// and secrets in one POST, as dataikuapi's creators do.
func (messagingChannelKind) PostWithConfig(ctx context.Context, c *dss.Client, config tfsdk.Config, m *messagingChannelResourceModel) error {
	settings, secrets, err := channelConfig(ctx, config)
	if err != nil {
		return err
	}
	return createMessagingChannel(ctx, c, m, settings, secrets)
}

func createMessagingChannel(ctx context.Context, c *dss.Client, m *messagingChannelResourceModel, settings types.Dynamic, secrets map[string]string) error {
	conf := &dss.MessagingChannelSettings{}
	if kit.HCLFullyKnown(settings) {
		if err := channelSettingsToDSS(settings, secrets, conf); err != nil {
			return err
		}
	} else if err := channelSettingsToDSS(types.DynamicNull(), secrets, conf); err != nil {
		return err
	}
	configuration := dss.Object{}
	for k, raw := range conf.Extra {
		v, err := kit.DecodeJSONValue(string(raw))
		if err != nil {
			return err
		}
		configuration[k] = v
	}
	req := dss.CreateMessagingChannelRequest{ID: m.ID.ValueString(), Type: m.Type.ValueString(), Configuration: configuration}
	if kit.Known(m.Permissions) {
		perms, d := plannedChannelPermissions(ctx, m.Permissions)
		if err := kit.DiagsError(d); err != nil {
			return err
		}
		req.Permissions = perms
	}
	_, err := c.CreateMessagingChannel(ctx, req)
	return err
}

// Apply completes a creation, or updates: a read-modify-write of the
// configuration (the secrets go in it only when secret_settings_wo_version
// changed; on create the POST sent them), then, when permissions are
// managed, one of the permission list; then the channel is read back.
func (messagingChannelKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[messagingChannelResourceModel]) {
	plan := op.Plan
	configured, secrets, err := channelConfig(ctx, op.Config)
	if op.Fail(err) {
		return
	}
	if !op.SecretVersionRotated(func(m *messagingChannelResourceModel) types.Int64 { return m.SecretSettingsWOVersion }) {
		secrets = nil
	}
	// What is written: the configuration's settings (the plan may hold
	// the prior state's, with more keys).
	written := plan.Settings
	if !configured.IsNull() {
		written = configured
	}
	id := plan.ID.ValueString()
	ch, err := dss.MessagingChannelDoc(id).Get(ctx, c)
	if op.Fail(err) {
		return
	}
	plan.Type, plan.Family = types.StringValue(ch.Type), types.StringValue(ch.Family)
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[messagingChannelResourceModel, dss.MessagingChannelSettings]{
		Doc: dss.MessagingChannelSettingsDoc(id),
		ToDSS: func(s *dss.MessagingChannelSettings) diag.Diagnostics {
			var diags diag.Diagnostics
			if err := channelSettingsToDSS(written, secrets, s); err != nil {
				diags.AddError(op.Summary, err.Error())
			}
			return diags
		},
		FromDSS: func(s *dss.MessagingChannelSettings) diag.Diagnostics {
			var diags diag.Diagnostics
			plan.Settings = written
			if err := channelSettingsFromDSS(s, &plan.messagingChannelModel, false); err != nil {
				diags.AddError(op.Summary, err.Error())
			}
			return diags
		},
		KeepPlanned: func(got, planned, _ *messagingChannelResourceModel) {
			kit.HCLObjectKeepPlanned(&got.Settings, planned.Settings, written)
		},
	})
	if op.Diags.HasError() || !kit.Known(plan.Permissions) {
		return
	}
	planned, d := plannedChannelPermissions(ctx, plan.Permissions)
	if op.Diags.Append(d...); d.HasError() {
		return
	}
	held, err := c.MessagingChannelPermissions(ctx, id)
	if op.Fail(err) {
		return
	}
	if merged := mergeChannelPermissions(planned, held); !kit.JSONEqual(merged, held) {
		if op.Fail(c.SetMessagingChannelPermissions(ctx, id, merged)) {
			return
		}
		if held, err = c.MessagingChannelPermissions(ctx, id); op.Fail(err) {
			return
		}
	}
	plan.Permissions, d = channelPermissionsValue(ctx, held)
	op.Diags.Append(d...)
}

// Read costs 2 GETs (the channel, its configuration), 3 when the
// permissions are managed or after an import.
func (messagingChannelKind) Read(ctx context.Context, c *dss.Client, m *messagingChannelResourceModel, imported bool) error {
	return readMessagingChannel(ctx, c, &m.messagingChannelModel, imported)
}

// readMessagingChannel fills m from DSS: everything when whole (an
// import, the data source), else what m manages.
func readMessagingChannel(ctx context.Context, c *dss.Client, m *messagingChannelModel, whole bool) error {
	id := m.ID.ValueString()
	ch, err := dss.MessagingChannelDoc(id).Get(ctx, c)
	if err != nil {
		return err
	}
	m.Type, m.Family = types.StringValue(ch.Type), types.StringValue(ch.Family)
	s, err := dss.MessagingChannelSettingsDoc(id).Get(ctx, c)
	if err != nil {
		return err
	}
	if err := channelSettingsFromDSS(s, m, whole); err != nil {
		return err
	}
	if !whole && !kit.Known(m.Permissions) {
		return nil
	}
	perms, err := c.MessagingChannelPermissions(ctx, id)
	if err != nil {
		return err
	}
	var d diag.Diagnostics
	m.Permissions, d = channelPermissionsValue(ctx, perms)
	return kit.DiagsError(d)
}
