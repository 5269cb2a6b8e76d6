package instance

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Global and personal API keys ↔ models, and what both key kinds share:
// timestamps, the secret rule and the recovery of a lost creation.

// apiKeyIDPattern is a key id as DSS generates it (16 letters and digits);
// older or seeded keys may hold other word characters.
var apiKeyIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// lostPostWindow is how far before the attempt a key's CreatedOn may be
// and still count as created by it: DSS's clock and ours differ.
const lostPostWindow = time.Minute

// APIKeyModel is the dataiku_api_key resource.
type APIKeyModel struct {
	ID               types.String `tfsdk:"id"`
	Label            types.String `tfsdk:"label"`
	Description      types.String `tfsdk:"description"`
	Admin            types.Bool   `tfsdk:"admin"`
	Groups           types.Set    `tfsdk:"groups"`
	ImpersonatedUser types.String `tfsdk:"impersonated_user"`
	LifetimeDays     types.Int64  `tfsdk:"lifetime_days"`
	ExpiresOn        types.String `tfsdk:"expires_on"`
	CreatedOn        types.String `tfsdk:"created_on"`
	CreatedBy        types.String `tfsdk:"created_by"`
	Secret           types.String `tfsdk:"secret"`

	// postStarted is when this create's POST was first sent; zero before.
	postStarted time.Time
}

// personalAPIKeyModel is the dataiku_personal_api_key resource.
type personalAPIKeyModel struct {
	ID          types.String `tfsdk:"id"`
	User        types.String `tfsdk:"user"`
	Label       types.String `tfsdk:"label"`
	Description types.String `tfsdk:"description"`
	CreatedOn   types.String `tfsdk:"created_on"`
	Secret      types.String `tfsdk:"secret"`

	postStarted time.Time
}

// timestampValue renders DSS's epoch milliseconds as RFC 3339 (UTC); 0,
// DSS's "none", is null.
func timestampValue(ms int64) types.String {
	if ms == 0 {
		return types.StringNull()
	}
	return types.StringValue(time.UnixMilli(ms).UTC().Format(time.RFC3339))
}

// APIKeyFromDSS fills m from DSS's definition. The secret is left as it
// is: DSS's reads are not where it comes from (see the schema). A label
// DSS holds as null (dataikuapi's default) reads as "", the schema's
// default. A key that is not admin and has no groups (null or [] in DSS:
// dataikuapi's default key has neither) reads as m held its groups: null
// when the configuration leaves them out, and after an import; [] when
// it writes groups = [].
func APIKeyFromDSS(ctx context.Context, k *dss.GlobalAPIKey, m *APIKeyModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(k.ID)
	m.Label = types.StringValue(k.Label)
	m.Description = types.StringValue(k.Description)
	m.Admin = types.BoolValue(k.IsAdmin())
	prior := m.Groups
	m.Groups = types.SetNull(types.StringType)
	if !k.IsAdmin() && (len(k.Groups) > 0 || kit.Known(prior)) {
		m.Groups, diags = kit.StringSetValue(ctx, k.Groups)
	}
	m.ImpersonatedUser = kit.NullIfEmpty(k.ImpersonatedUser())
	// "never" reads as the configuration says it: null or 0.
	if k.Expiry != 0 || kit.Known(m.LifetimeDays) {
		m.LifetimeDays = types.Int64Value(k.Expiry)
	}
	m.ExpiresOn = timestampValue(k.ExpiresOn)
	m.CreatedOn = timestampValue(k.CreatedOn)
	m.CreatedBy = kit.NullIfEmpty(k.CreatedBy)
	return diags
}

// ApplyAPIKey writes what DSS lets a client change into its definition;
// the rights (admin or groups) were set by the creation, and only the
// groups of a non-admin key change afterwards. Null groups mean none, as
// [] does: groups DSS holds are then removed, and a key with none (null
// or [] in DSS) is left as it is.
func ApplyAPIKey(ctx context.Context, plan *APIKeyModel, k *dss.GlobalAPIKey) diag.Diagnostics {
	var diags diag.Diagnostics
	k.Label = plan.Label.ValueString()
	k.Description = plan.Description.ValueString()
	k.SetImpersonatedUser(plan.ImpersonatedUser.ValueString())
	k.Expiry = plan.LifetimeDays.ValueInt64()
	if !k.IsAdmin() && !plan.Groups.IsUnknown() {
		groups, d := kit.StringsFromSet(ctx, plan.Groups)
		diags.Append(d...)
		if !slices.Equal(groups, sortedCopy(k.Groups)) {
			k.Groups = groups
		}
	}
	return diags
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	slices.Sort(out)
	return out
}

// personalAPIKeyFromDSS fills m from DSS's definition, secret aside.
func personalAPIKeyFromDSS(k *dss.PersonalAPIKey, m *personalAPIKeyModel) {
	m.ID = types.StringValue(k.ID)
	m.User = types.StringValue(k.User)
	m.Label = types.StringValue(k.Label)
	m.Description = types.StringValue(k.Description)
	m.CreatedOn = timestampValue(k.CreatedOn)
}

// secretValue is the secret from a create reply; DSS always sends it
// there, but an empty one is recorded as null rather than as "".
func secretValue(key string) types.String { return kit.NullIfEmpty(key) }

// LostKey is a key that a lost creation may have made.
type LostKey struct {
	ID, Secret, Label, CreatedBy string
	CreatedOn                    int64
}

// findLostKey is a key kind's find: before the creation (started is
// zero) nothing is looked for, since labels are not unique and a key with
// the same label is someone else's; after a POST whose answer was lost it
// lists the candidates and lets AdoptLostKey decide.
func findLostKey(ctx context.Context, c *dss.Client, what, label string, started time.Time, list func() ([]LostKey, error)) (*LostKey, error) {
	if started.IsZero() {
		return nil, nil
	}
	keys, err := list()
	if err != nil {
		return nil, err
	}
	return AdoptLostKey(ctx, c, what, label, started, keys)
}

// AdoptLostKey decides, after a POST whose answer was lost, which key it
// created. Labels are not unique in DSS, so a key is taken only when it is
// the one key with the label, created by the caller since the attempt
// started, and DSS still shows its secret (the state needs it). No match
// means the POST did not happen (the kit sends it once more); anything
// else is an error naming the label, so that a person decides.
func AdoptLostKey(ctx context.Context, c *dss.Client, what, label string, started time.Time, keys []LostKey) (*LostKey, error) {
	info, err := c.Caller(ctx)
	if err != nil {
		return nil, err
	}
	callers := map[string]bool{info.AuthIdentifier: true}
	if info.AssociatedDSSUser != "" {
		callers[info.AssociatedDSSUser] = true
	}
	since := started.Add(-lostPostWindow).UnixMilli()
	var matches []LostKey
	for _, k := range keys {
		if k.Label == label && callers[k.CreatedBy] && k.CreatedOn >= since {
			matches = append(matches, k)
		}
	}
	switch {
	case len(matches) == 0:
		return nil, nil
	case len(matches) > 1:
		ids := make([]string, len(matches))
		for i, k := range matches {
			ids[i] = k.ID
		}
		return nil, fmt.Errorf("DSS holds %d %ss labelled %q created by %s since this apply started (ids %s), so the provider cannot tell which one the lost request created. "+
			"Delete the extra ones in DSS, or import the right one by id", len(matches), what, label, info.AuthIdentifier, strings.Join(ids, ", "))
	case matches[0].Secret == "":
		return nil, fmt.Errorf("DSS holds a %s labelled %q (id %s) that the lost request created, but DSS no longer shows its secret, which the state needs. "+
			"Delete it in DSS and apply again", what, label, matches[0].ID)
	}
	return &matches[0], nil
}
