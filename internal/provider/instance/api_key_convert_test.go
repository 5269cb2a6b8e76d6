package instance_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

func TestAPIKeyFromDSS(t *testing.T) {
	ctx := context.Background()
	created := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	adminKey := &dss.GlobalAPIKey{ID: "k1", Key: "secret-from-read", Label: "root", CreatedOn: created.UnixMilli(), CreatedBy: "admin",
		GlobalPermissions: &dss.GlobalAPIKeyPermissions{Admin: true}}
	m := instance.APIKeyModel{Secret: types.StringValue("from-create"), LifetimeDays: types.Int64Null()}
	if d := instance.APIKeyFromDSS(ctx, adminKey, &m); d.HasError() {
		t.Fatal(d)
	}
	if !m.Admin.ValueBool() || !m.Groups.IsNull() || !m.LifetimeDays.IsNull() || !m.ExpiresOn.IsNull() || !m.ImpersonatedUser.IsNull() {
		t.Errorf("admin key: %+v", m)
	}
	if m.CreatedOn.ValueString() != "2026-03-01T10:00:00Z" || m.CreatedBy.ValueString() != "admin" {
		t.Errorf("created: %v by %v", m.CreatedOn, m.CreatedBy)
	}
	// Reads never replace the secret the creation gave.
	if m.Secret.ValueString() != "from-create" {
		t.Errorf("secret refreshed from a read: %v", m.Secret)
	}

	groupKey := &dss.GlobalAPIKey{ID: "k2", Label: "ci", Groups: []string{"b", "a"},
		Expiry: 30, ExpiresOn: created.Add(30 * 24 * time.Hour).UnixMilli(), GlobalPermissions: &dss.GlobalAPIKeyPermissions{}}
	groupKey.SetImpersonatedUser("alice")
	m = instance.APIKeyModel{LifetimeDays: types.Int64Null()}
	instance.APIKeyFromDSS(ctx, groupKey, &m)
	if m.Admin.ValueBool() || len(m.Groups.Elements()) != 2 || m.ImpersonatedUser.ValueString() != "alice" ||
		m.LifetimeDays.ValueInt64() != 30 || m.ExpiresOn.ValueString() != "2026-03-31T10:00:00Z" {
		t.Errorf("group key: %+v", m)
	}
	// A configured lifetime_days = 0 reads back as 0, not null.
	groupKey.Expiry, groupKey.ExpiresOn = 0, 0
	m = instance.APIKeyModel{LifetimeDays: types.Int64Value(0)}
	instance.APIKeyFromDSS(ctx, groupKey, &m)
	if m.LifetimeDays.IsNull() || m.LifetimeDays.ValueInt64() != 0 {
		t.Errorf("lifetime_days = 0 read as %v", m.LifetimeDays)
	}
}

// TestAPIKeyFromDSSNoLabelNoGroups reads the key dataikuapi creates by
// default, as DSS answers it (label null, not admin, groups null or []):
// the label reads as "", the schema's default, and the empty groups as the
// prior model held them (null after an import or when the configuration
// leaves them out, [] when it writes groups = []), so neither form plans
// a change.
func TestAPIKeyFromDSSNoLabelNoGroups(t *testing.T) {
	ctx := context.Background()
	empty, _ := kit.StringSetValue(ctx, nil)
	for _, doc := range []string{
		`{"id":"k3","label":null,"description":null,"globalPermissions":{"admin":false},"groups":null}`,
		`{"id":"k3","description":null,"globalPermissions":{"admin":false},"groups":[]}`,
		`{"id":"k3","label":null,"globalPermissions":{"admin":false}}`,
	} {
		var k dss.GlobalAPIKey
		if err := json.Unmarshal([]byte(doc), &k); err != nil {
			t.Fatal(err)
		}
		for name, prior := range map[string]types.Set{"null": types.SetNull(types.StringType), "[]": empty} {
			m := instance.APIKeyModel{Groups: prior, LifetimeDays: types.Int64Null()}
			if d := instance.APIKeyFromDSS(ctx, &k, &m); d.HasError() {
				t.Fatal(d)
			}
			if m.Label.IsNull() || m.Label.ValueString() != "" || m.Description.ValueString() != "" || m.Admin.ValueBool() {
				t.Errorf("%s: label %v, description %v, admin %v", doc, m.Label, m.Description, m.Admin)
			}
			if !m.Groups.Equal(prior) {
				t.Errorf("%s with groups %s before: read %v", doc, name, m.Groups)
			}
		}
	}
	// Groups DSS holds are read whatever the prior model held.
	k := dss.GlobalAPIKey{ID: "k4", Groups: []string{"Data Team"}, GlobalPermissions: &dss.GlobalAPIKeyPermissions{}}
	m := instance.APIKeyModel{Groups: types.SetNull(types.StringType), LifetimeDays: types.Int64Null()}
	instance.APIKeyFromDSS(ctx, &k, &m)
	if len(m.Groups.Elements()) != 1 {
		t.Errorf("groups added in DSS read as %v", m.Groups)
	}
}

// TestApplyAPIKeyLeavesRights: the rights of an admin key are never
// written (DSS cannot change them), a group key's groups are written
// sorted, and an unchanged group list in another order is not a change.
func TestApplyAPIKeyLeavesRights(t *testing.T) {
	ctx := context.Background()
	groups, _ := kit.StringSetValue(ctx, []string{"b", "a"})
	plan := &instance.APIKeyModel{Label: types.StringValue("l"), Description: types.StringValue(""), Groups: groups,
		ImpersonatedUser: types.StringNull(), LifetimeDays: types.Int64Value(7)}
	k := &dss.GlobalAPIKey{Groups: []string{"b", "a"}}
	k.SetImpersonatedUser("bob")
	instance.ApplyAPIKey(ctx, plan, k)
	if strings.Join(k.Groups, ",") != "b,a" || k.DSSUserForImpersonation != nil || k.Expiry != 7 || k.Label != "l" {
		t.Errorf("group key after apply: %+v", k)
	}
	k.Groups = []string{"c"}
	instance.ApplyAPIKey(ctx, plan, k)
	if strings.Join(k.Groups, ",") != "a,b" {
		t.Errorf("groups %v", k.Groups)
	}
	// Null groups mean none: groups added in DSS are removed, and a key
	// with none is left as DSS holds it (null stays null).
	plan.Groups = types.SetNull(types.StringType)
	instance.ApplyAPIKey(ctx, plan, k)
	if k.Groups == nil || len(k.Groups) != 0 {
		t.Errorf("groups after a plan with null groups: %#v", k.Groups)
	}
	none := &dss.GlobalAPIKey{GlobalPermissions: &dss.GlobalAPIKeyPermissions{}}
	instance.ApplyAPIKey(ctx, plan, none)
	if none.Groups != nil {
		t.Errorf("a key with null groups was written %#v", none.Groups)
	}
	plan.Groups = types.SetUnknown(types.StringType)
	k.Groups = []string{"x"}
	instance.ApplyAPIKey(ctx, plan, k)
	if strings.Join(k.Groups, ",") != "x" {
		t.Errorf("unknown groups changed DSS's: %v", k.Groups)
	}
	plan.Groups = groups
	admin := &dss.GlobalAPIKey{GlobalPermissions: &dss.GlobalAPIKeyPermissions{Admin: true}}
	instance.ApplyAPIKey(ctx, plan, admin)
	if admin.Groups != nil {
		t.Errorf("groups written on an admin key: %v", admin.Groups)
	}
}

// TestAdoptLostKey: after a lost POST a key is adopted only when it is the
// one with the label created by the caller since the attempt started, and
// DSS shows its secret.
func TestAdoptLostKey(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"authIdentifier":"admin","associatedDSSUser":"admin","groups":["administrators"],"admin":true}`))
	}))
	defer srv.Close()
	c, err := dss.NewClient(dss.Config{Host: srv.URL, APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	now := started.Add(time.Second).UnixMilli()
	mine := instance.LostKey{ID: "new", Secret: "s", Label: "ci", CreatedBy: "admin", CreatedOn: now}
	for name, tc := range map[string]struct {
		keys    []instance.LostKey
		adopted string
		errText string
	}{
		"none":               {keys: nil},
		"the one":            {keys: []instance.LostKey{mine}, adopted: "new"},
		"other label":        {keys: []instance.LostKey{{ID: "x", Secret: "s", Label: "other", CreatedBy: "admin", CreatedOn: now}}},
		"other creator":      {keys: []instance.LostKey{{ID: "x", Secret: "s", Label: "ci", CreatedBy: "alice", CreatedOn: now}}},
		"older than attempt": {keys: []instance.LostKey{{ID: "x", Secret: "s", Label: "ci", CreatedBy: "admin", CreatedOn: started.Add(-time.Hour).UnixMilli()}}},
		"two":                {keys: []instance.LostKey{mine, {ID: "new2", Secret: "s", Label: "ci", CreatedBy: "admin", CreatedOn: now}}, errText: `2 global API keys labelled "ci"`},
		"secret not shown":   {keys: []instance.LostKey{{ID: "new", Label: "ci", CreatedBy: "admin", CreatedOn: now}}, errText: `no longer shows its secret`},
	} {
		t.Run(name, func(t *testing.T) {
			k, err := instance.AdoptLostKey(context.Background(), c, "global API key", "ci", started, tc.keys)
			switch {
			case tc.errText != "":
				if err == nil || !strings.Contains(err.Error(), tc.errText) {
					t.Errorf("error %v, want %q", err, tc.errText)
				}
			case err != nil:
				t.Fatal(err)
			case tc.adopted == "" && k != nil:
				t.Errorf("adopted %s", k.ID)
			case tc.adopted != "" && (k == nil || k.ID != tc.adopted):
				t.Errorf("adopted %v, want %s", k, tc.adopted)
			}
		})
	}
}

func TestCheckAPIKeyImportID(t *testing.T) {
	for _, ok := range []string{"AbCdEfGh12345678", "seed_key-1"} {
		if err := instance.CheckAPIKeyImportID(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "has space", "a/b", acctest.LongName("k") + " x"} {
		err := instance.CheckAPIKeyImportID(bad)
		if err == nil {
			t.Errorf("%q accepted", bad)
		} else if bad != "" && strings.Contains(err.Error(), bad) {
			t.Errorf("the error quotes the id, which may be a secret pasted by mistake: %v", err)
		}
	}
}
