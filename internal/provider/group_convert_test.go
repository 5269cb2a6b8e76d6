package provider

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

func decodeGroup(t *testing.T, wire string) *dss.Group {
	t.Helper()
	var g dss.Group
	if err := json.Unmarshal([]byte(wire), &g); err != nil {
		t.Fatal(err)
	}
	return &g
}

// Every capability attribute has a distinct wire name and model field, and
// the schema holds exactly the table's attributes.
func TestGroupCapabilitiesTable(t *testing.T) {
	if len(groupCapabilities) != 19 {
		t.Errorf("%d capabilities, the contract lists 19", len(groupCapabilities))
	}
	attrs, wires := map[string]bool{}, map[string]bool{}
	var m groupModel
	var g dss.Group
	fields := map[*types.Bool]bool{}
	dssFields := map[**bool]bool{}
	for _, c := range groupCapabilities {
		if attrs[c.attr] || wires[c.wire] || fields[c.model(&m)] || dssFields[c.dss(&g)] {
			t.Errorf("%s is not distinct", c.attr)
		}
		attrs[c.attr], wires[c.wire], fields[c.model(&m)], dssFields[c.dss(&g)] = true, true, true, true
		if _, ok := (groupKind{}).schema().Attributes[c.attr]; !ok {
			t.Errorf("%s is not in the schema", c.attr)
		}
		b := true
		*c.dss(&g) = &b
		out, _ := json.Marshal(g)
		if !strings.Contains(string(out), `"`+c.wire+`":true`) {
			t.Errorf("%s is not written as %s: %s", c.attr, c.wire, out)
		}
		*c.dss(&g) = nil
	}
}

func TestGroupConversionRoundTrip(t *testing.T) {
	ctx := context.Background()
	// Older DSS: ldapGroupNames a string, mayManageUDM not sent.
	g := decodeGroup(t, `{"name":"g","description":"d","sourceType":"LDAP","admin":false,"ldapGroupNames":"cn=b,cn=a",
		"mayWriteSafeCode":true,"mayCreateProjects":false,"ssoGroupNames":["s"]}`)
	var m groupModel
	if d := groupFromDSS(ctx, g, &m); d.HasError() {
		t.Fatal(d)
	}
	if !m.MayWriteSafeCode.ValueBool() || m.MayManageUDM.ValueBool() || m.SourceType.ValueString() != "LDAP" ||
		len(m.LDAPGroupNames.Elements()) != 2 || m.APITicketGroupsRegex.ValueString() != "" {
		t.Fatalf("model: %+v", m)
	}
	// The same model written back changes nothing: absent flags stay absent,
	// the string keeps its order.
	before, _ := json.Marshal(g)
	if d := applyGroup(ctx, &m, g); d.HasError() {
		t.Fatal(d)
	}
	if after, _ := json.Marshal(g); string(after) != string(before) {
		t.Errorf("a no-op apply changed the definition:\n%s\n%s", before, after)
	}
	// A flag DSS did not send is added when it differs from the default; the
	// names keep the string form.
	m.MayManageUDM = types.BoolValue(true)
	m.LDAPGroupNames = types.SetValueMust(types.StringType, nil)
	m.APITicketGroupsRegex = types.StringValue("^x$")
	if d := applyGroup(ctx, &m, g); d.HasError() {
		t.Fatal(d)
	}
	out, _ := json.Marshal(g)
	for _, want := range []string{`"mayManageUDM":true`, `"ldapGroupNames":""`, `"canObtainAPITicketFromCookiesForGroupsRegex":"^x$"`, `"ssoGroupNames":["s"]`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("%s lacks %s", out, want)
		}
	}
	// A group with no ldapGroupNames gets none written while the plan has none.
	g = decodeGroup(t, `{"name":"g","description":"","admin":false}`)
	m = groupModel{LDAPGroupNames: types.SetValueMust(types.StringType, nil), MayWriteSafeCode: types.BoolValue(true)}
	applyGroup(ctx, &m, g)
	if out, _ := json.Marshal(g); strings.Contains(string(out), "ldapGroupNames") || strings.Contains(string(out), "mayWriteSafeCode") {
		t.Errorf("defaults were written to a group that had none: %s", out)
	}
}
