package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// The spelling validator refuses case variants of known values with DSS's
// spelling, and is never stricter than DSS: an open vocabulary accepts
// any other value (a plugin's dataset type, a newer DSS's recipe type).
func TestSpellingValidator(t *testing.T) {
	ds := knownSpelling("dataset type", names.DatasetTypes()...)
	for _, tc := range []struct {
		v    spellingValidator
		in   string
		want string // "" when accepted
	}{
		{ds, "Filesystem", ""},
		{ds, "hiveserver2", ""},
		{ds, "filesystem", `Write "Filesystem"`},
		{ds, "HiveServer2", `Write "hiveserver2"`},
		{ds, "CustomPython_myplugin_mytype", ""}, // plugin type: DSS judges it
		{knownSpelling("connection type", names.ConnectionTypes()...), "ssh", `Write "SSH"`},
		{knownSpelling("recipe type", recipeCodeTypes...), "CustomCode_myplugin", ""},
		{oneOfExact("day", scenarioDays...), "monday", `value must be one of: .*Write "Monday"`},
		{oneOfExact("day", scenarioDays...), "Mon", `value must be one of: `},
		{oneOfExact("day", scenarioDays...), "Monday", ""},
	} {
		var resp validator.StringResponse
		tc.v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("type"), ConfigValue: types.StringValue(tc.in)}, &resp)
		got := ""
		for _, d := range resp.Diagnostics.Errors() {
			got += d.Detail()
		}
		switch {
		case tc.want == "" && got != "":
			t.Errorf("%s %q refused: %s", tc.v.what, tc.in, got)
		case tc.want != "" && !regexp.MustCompile(tc.want).MatchString(got):
			t.Errorf("%s %q: got %q, want a match for %q", tc.v.what, tc.in, got, tc.want)
		}
	}
}
