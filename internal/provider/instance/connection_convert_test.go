package instance_test

import (
	"context"
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

const connectionConvertWire = `{"name":"pg","type":"PostgreSQL","description":"d","params":{"host":"db","port":5432,"extra":"dss",
"password":"e:AES:00","basicCredential":{"user":"u","password":"e:AES:11"}},"allowWrite":true,"allowManagedDatasets":false,
"allowManagedFolders":true,"usableBy":"ALLOWED","allowedGroups":["b","a"],"detailsReadability":{"readableBy":"NONE","allowedGroups":[]},
"credentialsMode":"PER_USER","maxActivities":3,"useGlobalProxy":true,"creationTag":{"x":1}}`

func decodeTestConnection(t *testing.T) *dss.Connection {
	t.Helper()
	var c dss.Connection
	if err := json.Unmarshal([]byte(connectionConvertWire), &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// Secrets never reach a model; the resource keeps the keys written, the
// data source and an import everything else.
func TestConnectionFromDSSNeverHoldsSecrets(t *testing.T) {
	ctx := context.Background()
	c := decodeTestConnection(t)
	var whole instance.ConnectionModel
	if d := instance.ConnectionFromDSS(ctx, c, &whole, true); d.HasError() {
		t.Fatal(d)
	}
	if got := kit.HCLObjectText(whole.Params); got != `{"basicCredential":{"user":"u"},"extra":"dss","host":"db","port":5432}` {
		t.Errorf("whole params: %s", got)
	}
	if whole.UsableBy.ValueString() != "ALLOWED" || whole.MaxActivities.ValueInt64() != 3 || whole.CredentialsMode.ValueString() != "PER_USER" ||
		whole.AllowManagedDatasets.ValueBool() || !whole.UseGlobalProxy.ValueBool() || len(whole.AllowedGroups.Elements()) != 2 {
		t.Errorf("model: %+v", whole)
	}
	written := instance.ConnectionModel{Params: acctest.JSONDynamic(`{"host":"db","port":5432,"basicCredential":{"user":"u"}}`)}
	if d := instance.ConnectionFromDSS(ctx, c, &written, false); d.HasError() {
		t.Fatal(d)
	}
	if got := kit.HCLObjectText(written.Params); got != `{"host":"db","port":5432,"basicCredential":{"user":"u"}}` {
		t.Errorf("written subset (the user's text kept, no drift from the encrypted password): %s", got)
	}
	drift := instance.ConnectionModel{Params: acctest.JSONDynamic(`{"host":"other"}`)}
	_ = instance.ConnectionFromDSS(ctx, c, &drift, false)
	if got := kit.HCLObjectText(drift.Params); got != `{"host":"db"}` {
		t.Errorf("drift: %s", got)
	}
}

// A connection without credentialsMode or detailsReadability (the
// emulator keeps such a PUT) reads as DSS's defaults, GLOBAL and NONE, the
// schema's defaults too: adopting it plans no change.
func TestConnectionFromDSSDefaultsWhatDSSLeftOut(t *testing.T) {
	var c dss.Connection
	if err := json.Unmarshal([]byte(`{"name":"fs","type":"Filesystem","params":{"root":"/data"},"usableBy":"ALL"}`), &c); err != nil {
		t.Fatal(err)
	}
	var m instance.ConnectionModel
	if d := instance.ConnectionFromDSS(context.Background(), &c, &m, true); d.HasError() {
		t.Fatal(d)
	}
	if m.CredentialsMode.ValueString() != "GLOBAL" || m.DetailsReadableBy.ValueString() != dss.ConnectionReadableByNone {
		t.Errorf("credentials_mode %s, details_readable_by %s: want GLOBAL and NONE", m.CredentialsMode, m.DetailsReadableBy)
	}
}

// The read-modify-write sends the encrypted secrets back as read, unless
// new secrets are given; unmodelled fields are kept.
func TestApplyConnectionSecrets(t *testing.T) {
	ctx := context.Background()
	plan := instance.ConnectionModel{Type: types.StringValue("PostgreSQL"), Description: types.StringValue(""), AllowWrite: types.BoolValue(false),
		AllowManagedDatasets: types.BoolValue(true), AllowManagedFolders: types.BoolValue(true), UsableBy: types.StringValue("ALL"),
		AllowedGroups: types.SetValueMust(types.StringType, nil), DetailsReadableBy: types.StringValue("NONE"),
		DetailsAllowedGroups: types.SetValueMust(types.StringType, nil), CredentialsMode: types.StringValue("GLOBAL"),
		MaxActivities: types.Int64Value(0), UseGlobalProxy: types.BoolValue(false)}
	c := decodeTestConnection(t)
	if d := instance.ApplyConnection(ctx, &plan, dss.Object{"host": "new", "basicCredential": map[string]any{"user": "v"}}, nil, c); d.HasError() {
		t.Fatal(d)
	}
	out, _ := json.Marshal(c)
	for _, want := range []string{`"password":"e:AES:00"`, `"basicCredential":{"password":"e:AES:11","user":"v"}`, `"host":"new"`,
		`"usableBy":"ALL"`, `"allowedGroups":[]`, `"allowWrite":false`, `"creationTag":{"x":1}`, `"extra":"dss"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("missing %s in %s", want, out)
		}
	}
	c = decodeTestConnection(t)
	_ = instance.ApplyConnection(ctx, &plan, nil, dss.Object{"password": "new-pw", "basicCredential": map[string]any{"password": "p2"}}, c)
	if c.Params["password"] != "new-pw" || c.Params["basicCredential"].(map[string]any)["password"] != "p2" ||
		c.Params["basicCredential"].(map[string]any)["user"] != "u" {
		t.Errorf("rotation: %v", c.Params)
	}
}

func TestConnectionValidators(t *testing.T) {
	ctx := context.Background()
	run := func(v validator.String, value string) string {
		resp := &validator.StringResponse{}
		v.ValidateString(ctx, validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(value)}, resp)
		if !resp.Diagnostics.HasError() {
			return ""
		}
		return resp.Diagnostics.Errors()[0].Detail()
	}
	runParams := func(value string) string {
		resp := &validator.DynamicResponse{}
		instance.ConnectionParamsValidator.ValidateDynamic(ctx, validator.DynamicRequest{Path: path.Root("x"), ConfigValue: kit.HCLObjectValue(acctest.JSONOf(t, value))}, resp)
		// The jsonencode form is judged the same way.
		text := &validator.DynamicResponse{}
		instance.ConnectionParamsValidator.ValidateDynamic(ctx, validator.DynamicRequest{Path: path.Root("x"), ConfigValue: acctest.JSONDynamic(value)}, text)
		if resp.Diagnostics.HasError() != text.Diagnostics.HasError() {
			t.Errorf("%s: object form %v, jsonencode form %v", value, resp.Diagnostics, text.Diagnostics)
		}
		if !resp.Diagnostics.HasError() {
			return ""
		}
		return resp.Diagnostics.Errors()[0].Detail()
	}
	// A credentials mode is a name in capitals; digits were once refused,
	// but a mode a newer DSS adds may hold them.
	mode := acctest.SchemaCheck(t, instance.NewConnectionResource(), "credentials_mode")
	for _, ok := range []string{"GLOBAL", "PER_USER", "OAUTH2_PER_USER", "KEYPAIR", "MODE_2"} {
		if !mode(ok) {
			t.Errorf("credentials_mode %q refused", ok)
		}
	}
	for _, bad := range []string{"", "per_user", "Global", "PER USER", "2FA"} {
		if mode(bad) {
			t.Errorf("credentials_mode %q accepted", bad)
		}
	}
	for _, ok := range []string{`{}`, `{"host":"db","port":1}`, `{"basicCredential":{"user":"u"}}`} {
		if msg := runParams(ok); msg != "" {
			t.Errorf("%s refused: %s", ok, msg)
		}
	}
	for _, bad := range []string{`{"password":"x"}`, `{"secretKey":"x"}`, `{"token":"x"}`, `{"privateKey":"x"}`, `{"basicCredential":{"password":"x"}}`} {
		if msg := runParams(bad); !strings.Contains(msg, "secret_params_wo") {
			t.Errorf("%s: %q", bad, msg)
		}
	}
	resp := &validator.DynamicResponse{}
	instance.ConnectionParamsValidator.ValidateDynamic(ctx, validator.DynamicRequest{Path: path.Root("x"), ConfigValue: acctest.JSONDynamic(`[1]`)}, resp)
	if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "must be an object") {
		t.Errorf("array: %v", resp.Diagnostics)
	}
	if msg := run(instance.SecretParamsValidator, `{"password":"x"}`); msg != "" {
		t.Errorf("secrets refused: %s", msg)
	}
	for _, bad := range []string{`"hunter2-secret"`, `{"password":"hunter2-secret"`, `null`, `hunter2-secret`} {
		msg := run(instance.SecretParamsValidator, bad)
		if !strings.Contains(msg, "must be a JSON object") || strings.Contains(msg, "hunter2") {
			t.Errorf("%s: %q", bad, msg)
		}
	}
	if _, err := instance.ConnectionAddress.ImportIdentity("a/b"); err == nil {
		t.Error("import id a/b accepted")
	}
	if ids, err := instance.ConnectionAddress.ImportIdentity("pg.main-1"); err != nil || ids.ID != "pg.main-1" {
		t.Errorf("import id: %v %v", ids, err)
	}
}

// TestConnectionGroupsWithoutAllowed: groups with a mode other than
// ALLOWED, a shape DSS holds (dataikuapi's set_usability(all=True) leaves
// allowedGroups as they were), are warned of, never refused; with ALLOWED
// they pass silently. The provider once refused them.
func TestConnectionGroupsWithoutAllowed(t *testing.T) {
	groups := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "analysts")})
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	base := map[string]tftypes.Value{"name": str("c"), "type": str("Filesystem")}
	with := func(extra map[string]tftypes.Value) map[string]tftypes.Value {
		out := maps.Clone(base)
		maps.Copy(out, extra)
		return out
	}
	for _, c := range []struct {
		attrs map[string]tftypes.Value
		warns string // the attribute warned of, "" for none
	}{
		{with(map[string]tftypes.Value{"allowed_groups": groups}), "allowed_groups"},
		{with(map[string]tftypes.Value{"usable_by": str("ALL"), "allowed_groups": groups}), "allowed_groups"},
		{with(map[string]tftypes.Value{"usable_by": str("ALLOWED"), "allowed_groups": groups}), ""},
		{with(map[string]tftypes.Value{"details_allowed_groups": groups}), "details_allowed_groups"},
		{with(map[string]tftypes.Value{"details_readable_by": str("ALL"), "details_allowed_groups": groups}), "details_allowed_groups"},
		{with(map[string]tftypes.Value{"details_readable_by": str("ALLOWED"), "details_allowed_groups": groups}), ""},
	} {
		d := acctest.ConfigDiagnostics(t, instance.NewConnectionResource(), c.attrs)
		switch {
		case d.HasError():
			t.Errorf("%v: refused: %v", c.attrs, d)
		case c.warns == "" && d.WarningsCount() != 0:
			t.Errorf("%v: warned: %v", c.attrs, d)
		case c.warns != "" && (d.WarningsCount() != 1 || !strings.HasPrefix(d.Warnings()[0].Detail(), c.warns+" give no access")):
			t.Errorf("%v: want one warning about %s, got %v", c.attrs, c.warns, d)
		}
	}
}
