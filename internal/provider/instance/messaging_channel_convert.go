package instance

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Messaging channel documents ↔ models, shared by the resource and the
// data source.

// messagingChannelModel is what the resource and the data source show.
type messagingChannelModel struct {
	ID          types.String  `tfsdk:"id"`
	Type        types.String  `tfsdk:"type"`
	Family      types.String  `tfsdk:"family"`
	Settings    types.Dynamic `tfsdk:"settings"`
	Permissions types.Set     `tfsdk:"permissions"`
}

// messagingChannelResourceModel adds the write-only secrets.
type messagingChannelResourceModel struct {
	messagingChannelModel
	SecretSettingsWO        types.Map   `tfsdk:"secret_settings_wo"`
	SecretSettingsWOVersion types.Int64 `tfsdk:"secret_settings_wo_version"`
}

// channelPermissionModel is one element of permissions.
type channelPermissionModel struct {
	Group  types.String `tfsdk:"group"`
	User   types.String `tfsdk:"user"`
	CanUse types.Bool   `tfsdk:"can_use"`
}

var channelPermissionType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"group": types.StringType, "user": types.StringType, "can_use": types.BoolType,
}}

// channelSettingsWithoutSecrets is DSS's configuration without its secret
// keys, decoded: what the state may hold.
func channelSettingsWithoutSecrets(s *dss.MessagingChannelSettings) (map[string]any, error) {
	out := map[string]any{}
	for k, raw := range s.Extra {
		if dss.IsMessagingChannelSecretKey(k) {
			continue
		}
		v, err := kit.DecodeJSONValue(string(raw))
		if err != nil {
			return nil, fmt.Errorf("DSS's %s: %w", k, err)
		}
		out[k] = v
	}
	return out, nil
}

// channelSettingsFromDSS reads settings: every non-secret key when whole
// (an import, the data source), else the keys m.Settings manages (the
// subset rule).
func channelSettingsFromDSS(s *dss.MessagingChannelSettings, m *messagingChannelModel, whole bool) error {
	fromDSS, err := channelSettingsWithoutSecrets(s)
	if err != nil {
		return err
	}
	m.Settings = kit.HCLObjectRead(fromDSS, m.Settings, whole)
	return nil
}

// channelSettingsToDSS writes the keys of written (the configuration's
// settings) and, when not nil, the secrets into DSS's configuration; every
// other key, the secrets DSS holds (encrypted) included, is sent back as
// read.
func channelSettingsToDSS(written types.Dynamic, secrets map[string]string, s *dss.MessagingChannelSettings) error {
	if err := kit.FreeObjectToDSS(written, &s.Extra); err != nil {
		return fmt.Errorf("settings %w", err)
	}
	if len(secrets) > 0 && s.Extra == nil {
		s.Extra = dss.Extra{}
	}
	for k, v := range secrets {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("encoding secret_settings_wo's %s", k)
		}
		s.Extra[k] = b
	}
	return nil
}

// channelPermissionsValue is DSS's permission list as the permissions
// set; an entry naming nobody, which DSS never writes, is left out.
func channelPermissionsValue(ctx context.Context, entries []dss.MessagingChannelPermission) (types.Set, diag.Diagnostics) {
	elems := []channelPermissionModel{}
	for _, p := range entries {
		if p.Principal() == "" {
			continue
		}
		e := channelPermissionModel{Group: kit.NullIfEmpty(p.Group), User: types.StringNull(), CanUse: types.BoolValue(p.CanUse)}
		if p.Group == "" {
			e.User = types.StringValue(p.User)
		}
		elems = append(elems, e)
	}
	return types.SetValueFrom(ctx, channelPermissionType, elems)
}

// plannedChannelPermissions are the planned entries as DSS's, sorted by
// principal.
func plannedChannelPermissions(ctx context.Context, set types.Set) ([]dss.MessagingChannelPermission, diag.Diagnostics) {
	var elems []channelPermissionModel
	diags := set.ElementsAs(ctx, &elems, false)
	out := make([]dss.MessagingChannelPermission, 0, len(elems))
	for _, e := range elems {
		p := dss.MessagingChannelPermission{Group: e.Group.ValueString(), CanUse: e.CanUse.ValueBool()}
		if p.Group == "" {
			p.User = e.User.ValueString()
		}
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b dss.MessagingChannelPermission) int {
		switch {
		case a.Principal() < b.Principal():
			return -1
		case a.Principal() > b.Principal():
			return 1
		}
		return 0
	})
	return out, diags
}

// mergeChannelPermissions is the list to write: exactly the planned
// entries (authoritative). A planned entry takes the place of DSS's entry
// for the same principal (the first one not yet paired), so that what that
// entry holds beyond group, user and canUse is kept; DSS's order is kept
// for the entries that stay, new ones follow. Never nil.
func mergeChannelPermissions(planned, held []dss.MessagingChannelPermission) []dss.MessagingChannelPermission {
	taken := make([]bool, len(planned))
	out := []dss.MessagingChannelPermission{}
	for _, cur := range held {
		for i := range planned {
			if !taken[i] && planned[i].Principal() == cur.Principal() {
				taken[i] = true
				cur.CanUse = planned[i].CanUse
				out = append(out, cur)
				break
			}
		}
	}
	for i := range planned {
		if !taken[i] {
			out = append(out, planned[i])
		}
	}
	return out
}
