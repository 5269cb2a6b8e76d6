package instance

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// An import of an identity provider's settings leaves out the keys naming
// a secret, at any depth, and keeps those whose names only look close
// (OpenID's tokenEndpoint, Azure AD's credentialsClientId), which the
// general settings' broader rule would drop.
func TestIAMSettingsImportLeavesSecretsOut(t *testing.T) {
	var held map[string]any
	if err := json.Unmarshal([]byte(`{"enabled":true,"tokenEndpoint":"https://idp/token","credentialsClientId":"app",
		"credentialMethod":"OAUTH2_SECRET","bindPassword":"x","openIDParams":{"clientId":"dss","clientSecret":"s"},
		"samlSPParams":{"keystorePassword":"k","signRequests":false},"groupProfiles":[{"group":"g","privateKeyPath":"p"}]}`), &held); err != nil {
		t.Fatal(err)
	}
	got := kit.HCLObjectText(LDAPSettingsKind().state(held, types.DynamicNull()))
	want := `{"credentialMethod":"OAUTH2_SECRET","credentialsClientId":"app","enabled":true,"groupProfiles":[{"group":"g"}],` +
		`"openIDParams":{"clientId":"dss"},"samlSPParams":{"signRequests":false},"tokenEndpoint":"https://idp/token"}`
	var gotObj, wantObj any
	if err := json.Unmarshal([]byte(got), &gotObj); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal([]byte(want), &wantObj)
	if !kit.JSONEqual(gotObj, wantObj) {
		t.Errorf("imported state %s, want %s", got, want)
	}
}

// The plan-time refusal names the first secret key written, at any depth
// and inside lists, and points the document's own secret to its
// write-only attribute.
func TestIAMSettingsRefuseSecretsInSettings(t *testing.T) {
	for _, tc := range []struct {
		written  string
		key      string
		pointsTo string
	}{
		{`{"enabled":true,"tokenEndpoint":"t"}`, "", ""},
		{`{"openIDParams":{"clientSecret":"s"}}`, "openIDParams.clientSecret", "client_secret_wo"},
		{`{"samlSPParams":{"keystorePassword":"k"}}`, "samlSPParams.keystorePassword", "names a secret"},
		{`{"groupProfiles":[{"group":"g"},{"passphrase":"p"}]}`, "groupProfiles[1].passphrase", "names a secret"},
	} {
		var written map[string]any
		if err := json.Unmarshal([]byte(tc.written), &written); err != nil {
			t.Fatal(err)
		}
		summary, detail := SSOSettingsKind().validate(written)
		if tc.key == "" {
			if summary != "" {
				t.Errorf("%s refused: %s", tc.written, summary)
			}
			continue
		}
		if want := "dataiku_sso_settings cannot write " + tc.key + " in settings"; summary != want || !strings.Contains(detail, tc.pointsTo) {
			t.Errorf("%s: %q / %q, want %q and a detail naming %q", tc.written, summary, detail, want, tc.pointsTo)
		}
	}
}
