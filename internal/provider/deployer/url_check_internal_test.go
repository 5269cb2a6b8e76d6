package deployer

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestHTTPURLCheckOnlyWarns: the node URL checks never refuse a value, since
// DSS keeps whatever URL it is given (an error would leave an
// infrastructure holding one unadoptable); they warn about one that is not
// http(s) with a host, and an empty URL only where DSS holds one empty.
func TestHTTPURLCheckOnlyWarns(t *testing.T) {
	for _, tc := range []struct {
		check validator.String
		value string
		warns bool
	}{
		{httpURLValidator, "https://automation.example.com:11200", false},
		{httpURLValidator, "http://10.0.0.5:12000/", false},
		{httpURLValidator, "automation-node:11200", true},
		{httpURLValidator, "ftp://nope", true},
		{httpURLValidator, "https://", true},
		{httpURLValidator, "", true},
		{httpURLOrEmptyValidator, "", false},
		{httpURLOrEmptyValidator, "node.example.com", true},
		{httpURLOrEmptyValidator, "https://node.example.com", false},
	} {
		resp := &validator.StringResponse{}
		tc.check.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("automation_node_url"), ConfigValue: types.StringValue(tc.value)}, resp)
		if resp.Diagnostics.HasError() {
			t.Errorf("%q: refused (%v); only a warning is allowed", tc.value, resp.Diagnostics)
		}
		if got := resp.Diagnostics.WarningsCount() == 1; got != tc.warns {
			t.Errorf("%q: warning %v, want %v (%v)", tc.value, got, tc.warns, resp.Diagnostics)
		}
		if tc.warns && resp.Diagnostics.WarningsCount() > 0 && !strings.Contains(resp.Diagnostics.Warnings()[0].Detail(), "should be an http:// or https:// URL with a host") {
			t.Errorf("%q: the warning does not say what is expected: %s", tc.value, resp.Diagnostics.Warnings()[0].Detail())
		}
	}
	for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
		resp := &validator.StringResponse{}
		httpURLValidator.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("url"), ConfigValue: v}, resp)
		if len(resp.Diagnostics) != 0 {
			t.Errorf("%v: %v, want nothing", v, resp.Diagnostics)
		}
	}
}
