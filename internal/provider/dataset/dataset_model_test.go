package dataset_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

func TestWrittenKeysPlan(t *testing.T) {
	str := func(s string) types.String { return types.StringValue(s) }
	null, unknown := types.StringNull(), types.StringUnknown()
	imported := str(`{"path":"/a","notReadyIfEmpty":true,"filesSelectionRules":{"mode":"ALL"}}`)
	for _, tc := range []struct {
		name                string
		config, state, want types.String
	}{
		{"create", str(`{"path":"/a"}`), null, str(`{"path":"/a"}`)},
		{"create without params", null, null, null},
		{"unknown until apply", unknown, imported, unknown},
		{"written keys hold after import", str(`{"path":"/a"}`), imported, imported},
		{"numbers compared by value", str(`{"n":1.0}`), str(`{"n":1,"m":2}`), str(`{"n":1,"m":2}`)},
		{"nested object compared whole", str(`{"filesSelectionRules":{"mode":"ALL"}}`), imported, imported},
		{"written key differs", str(`{"path":"/b"}`), imported, str(`{"path":"/b"}`)},
		{"written key missing from state", str(`{"path":"/a","x":1}`), imported, str(`{"path":"/a","x":1}`)},
		{"params removed from the configuration", null, imported, imported},
		{"empty object", str(`{}`), imported, imported},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := planmodifier.StringRequest{ConfigValue: tc.config, StateValue: tc.state, PlanValue: tc.config}
			if tc.config.IsNull() && !tc.state.IsNull() {
				req.PlanValue = types.StringUnknown() // Computed: the framework marks it unknown first
			}
			resp := planmodifier.StringResponse{PlanValue: req.PlanValue}
			kit.WrittenKeysPlan.PlanModifyString(context.Background(), req, &resp)
			if !resp.PlanValue.Equal(tc.want) {
				t.Errorf("plan = %v, want %v", resp.PlanValue, tc.want)
			}
		})
	}
}
