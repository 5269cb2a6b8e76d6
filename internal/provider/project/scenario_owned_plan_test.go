package project

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestSameTriggerButOwnedParams: only keys DSS owns may tell a planned
// trigger from the prior one for ModifyPlan to plan the prior.
func TestSameTriggerButOwnedParams(t *testing.T) {
	trigger := func(hour int64, params jsontypes.Normalized) map[string]attr.Value {
		return map[string]attr.Value{"type": types.StringValue("temporal"), "hour": types.Int64Value(hour), "params": params}
	}
	obj := jsontypes.NewNormalizedValue
	null := jsontypes.NewNormalizedNull()
	for _, c := range []struct {
		what           string
		planned, prior map[string]attr.Value
		want           bool
	}{
		{"lastUpdate planned, none read", trigger(2, obj(`{"lastUpdate":1638000000000}`)), trigger(2, null), true},
		{"lastUpdate among other keys", trigger(2, obj(`{"a":1,"lastUpdate":1}`)), trigger(2, obj(`{"a":1}`)), true},
		{"lastUpdate removed", trigger(2, null), trigger(2, obj(`{"lastUpdate":1}`)), true},
		{"another key differs", trigger(2, obj(`{"a":2,"lastUpdate":1}`)), trigger(2, obj(`{"a":1}`)), false},
		{"another key added", trigger(2, obj(`{"a":1}`)), trigger(2, null), false},
		{"another attribute differs", trigger(3, obj(`{"lastUpdate":1}`)), trigger(2, null), false},
		{"an attribute unknown", map[string]attr.Value{"type": types.StringValue("temporal"), "hour": types.Int64Unknown(), "params": null}, trigger(2, null), false},
		{"params unknown", trigger(2, jsontypes.NewNormalizedUnknown()), trigger(2, null), false},
	} {
		if got := sameTriggerButOwnedParams(c.planned, c.prior); got != c.want {
			t.Errorf("%s: %t, want %t", c.what, got, c.want)
		}
	}
}
