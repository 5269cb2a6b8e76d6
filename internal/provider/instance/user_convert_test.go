package instance_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

func TestUserConversion(t *testing.T) {
	ctx := context.Background()
	var u dss.User
	if err := json.Unmarshal([]byte(`{"login":"a","displayName":"A","email":"a@x.io","groups":["g2","g1"],"userProfile":"READER","enabled":true,
		"sourceType":"LOCAL","adminProperties":{"k":"v"},"userProperties":{},"preferences":{"x":1}}`), &u); err != nil {
		t.Fatal(err)
	}
	var m instance.UserModel
	if d := instance.UserFromDSS(ctx, &u, &m.UserDataModel, false, true); d.HasError() {
		t.Fatal(d)
	}
	if !m.AdminProperties.IsNull() || m.UserProperties.IsNull() || len(m.Groups.Elements()) != 2 || m.UserProfile.ValueString() != "READER" {
		t.Fatalf("model: %+v", m)
	}
	before, _ := json.Marshal(u)
	m.UserProfile = types.StringUnknown()
	instance.ApplyUser(ctx, &m, &u)
	if after, _ := json.Marshal(u); string(after) != string(before) {
		t.Errorf("a no-op apply changed the settings (groups in another order?):\n%s\n%s", before, after)
	}
	m.UserProperties = types.MapValueMust(types.StringType, map[string]attr.Value{"team": types.StringValue("ml")})
	m.Enabled = types.BoolValue(false)
	instance.ApplyUser(ctx, &m, &u)
	out, _ := json.Marshal(u)
	for _, want := range []string{`"userProperties":{"team":"ml"}`, `"adminProperties":{"k":"v"}`, `"enabled":false`, `"preferences":{"x":1}`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("%s lacks %s", out, want)
		}
	}
}

// TestUserPatterns: the e-mail has no rule (DSS stores any string, and
// real instances hold "admin@localhost" and placeholders: each value the
// provider once refused is now accepted); a profile is a name in capitals,
// digits allowed (names.EnumNamePattern); the login keeps
// names.LoginPattern (tested in internal/dss/names).
func TestUserPatterns(t *testing.T) {
	email := acctest.SchemaCheck(t, instance.NewUserResource(), "email")
	for _, ok := range []string{"jane@example.com", "j.doe+tag@sub.example.co.uk",
		// once refused: no @, no domain, no dot in the domain, a space, two @
		"", "jane", "jane@", "@x.io", "jane@localhost", "admin@localhost", "n/a", "a b@x.io", "a@b@x.io", "a@x."} {
		if !email(ok) {
			t.Errorf("email %q refused", ok)
		}
	}
	profile := acctest.SchemaCheck(t, instance.NewUserResource(), "user_profile")
	// (digits were once refused: a licence's profile may hold them)
	for _, ok := range []string{"DATA_SCIENTIST", "READER", "NONE", "FULL_DESIGNER", "DESIGNER_2", "TIER3_READER"} {
		if !profile(ok) {
			t.Errorf("user_profile %q refused", ok)
		}
	}
	for _, bad := range []string{"", "reader", "DATA SCIENTIST", "2_READER", "Designer"} {
		if profile(bad) {
			t.Errorf("user_profile %q accepted", bad)
		}
	}
}
