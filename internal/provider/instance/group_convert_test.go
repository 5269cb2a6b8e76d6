package instance_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
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
	// The 19 of Dataiku's Ansible collection, and the 4 of workspaces and
	// data collections (DSS 11 and 12).
	if len(instance.GroupCapabilities) != 23 {
		t.Errorf("%d capabilities, the contract lists 23", len(instance.GroupCapabilities))
	}
	attrs, wires := map[string]bool{}, map[string]bool{}
	var m instance.GroupModel
	var g dss.Group
	fields := map[*types.Bool]bool{}
	dssFields := map[**bool]bool{}
	for _, c := range instance.GroupCapabilities {
		if attrs[c.Attr] || wires[c.Wire] || fields[c.Model(&m)] || dssFields[c.DSS(&g)] {
			t.Errorf("%s is not distinct", c.Attr)
		}
		attrs[c.Attr], wires[c.Wire], fields[c.Model(&m)], dssFields[c.DSS(&g)] = true, true, true, true
		a, ok := (instance.GroupKind{}).Schema().Attributes[c.Attr].(schema.BoolAttribute)
		switch {
		case !ok:
			t.Errorf("%s is not a bool in the schema", c.Attr)
		// A kept capability has no default: one would plan it off for a
		// group an administrator had granted it in DSS.
		case c.Kept && (a.Default != nil || !a.Optional || !a.Computed):
			t.Errorf("%s is kept but has a default or is not optional and computed", c.Attr)
		case !c.Kept && a.Default == nil:
			t.Errorf("%s has no default", c.Attr)
		}
		b := true
		*c.DSS(&g) = &b
		out, _ := json.Marshal(g)
		if !strings.Contains(string(out), `"`+c.Wire+`":true`) {
			t.Errorf("%s is not written as %s: %s", c.Attr, c.Wire, out)
		}
		*c.DSS(&g) = nil
	}
}

func TestGroupConversionRoundTrip(t *testing.T) {
	ctx := context.Background()
	// Older DSS: ldapGroupNames a string, mayManageUDM not sent.
	g := decodeGroup(t, `{"name":"g","description":"d","sourceType":"LDAP","admin":false,"ldapGroupNames":"cn=b,cn=a",
		"mayWriteSafeCode":true,"mayCreateProjects":false,"ssoGroupNames":["s"]}`)
	var m instance.GroupModel
	if d := instance.GroupFromDSS(ctx, g, &m); d.HasError() {
		t.Fatal(d)
	}
	if !m.MayWriteSafeCode.ValueBool() || m.MayManageUDM.ValueBool() || m.SourceType.ValueString() != "LDAP" ||
		len(m.LDAPGroupNames.Elements()) != 2 || m.APITicketGroupsRegex.ValueString() != "" {
		t.Fatalf("model: %+v", m)
	}
	// The same model written back changes nothing: absent flags stay absent,
	// the string keeps its order.
	before, _ := json.Marshal(g)
	if d := instance.ApplyGroup(ctx, &m, g); d.HasError() {
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
	if d := instance.ApplyGroup(ctx, &m, g); d.HasError() {
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
	m = instance.GroupModel{LDAPGroupNames: types.SetValueMust(types.StringType, nil), MayWriteSafeCode: types.BoolValue(true)}
	instance.ApplyGroup(ctx, &m, g)
	if out, _ := json.Marshal(g); strings.Contains(string(out), "ldapGroupNames") || strings.Contains(string(out), "mayWriteSafeCode") {
		t.Errorf("defaults were written to a group that had none: %s", out)
	}
}
