package kit_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// The spelling validator refuses case variants of known values with DSS's
// spelling, and is never stricter than DSS: an open vocabulary accepts
// any other value (a plugin's dataset type, a newer DSS's recipe type).
func TestSpellingValidator(t *testing.T) {
	ds := kit.KnownSpelling("dataset type", names.DatasetTypes()...)
	for _, tc := range []struct {
		v    kit.SpellingValidator
		in   string
		want string // "" when accepted
	}{
		{ds, "Filesystem", ""},
		{ds, "hiveserver2", ""},
		{ds, "filesystem", `Write "Filesystem"`},
		{ds, "HiveServer2", `Write "hiveserver2"`},
		{ds, "CustomPython_myplugin_mytype", ""}, // plugin type: DSS judges it
		// The empty string names no value: refused, the known ones listed.
		{ds, "", `must not be empty: DSS knows no dataset type "".*"Filesystem"`},
		{kit.OneOfExact("day", project.ScenarioDays...), "", `value must be one of: `},
		{kit.KnownSpelling("connection type", names.ConnectionTypes()...), "ssh", `Write "SSH"`},
		{kit.KnownSpelling("recipe type", project.RecipeCodeTypes...), "CustomCode_myplugin", ""},
		{kit.OneOfExact("day", project.ScenarioDays...), "monday", `value must be one of: .*Write "Monday"`},
		{kit.OneOfExact("day", project.ScenarioDays...), "Mon", `value must be one of: `},
		{kit.OneOfExact("day", project.ScenarioDays...), "Monday", ""},
	} {
		var resp validator.StringResponse
		tc.v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("type"), ConfigValue: types.StringValue(tc.in)}, &resp)
		got := ""
		for _, d := range resp.Diagnostics.Errors() {
			got += d.Detail()
		}
		switch {
		case tc.want == "" && got != "":
			t.Errorf("%s %q refused: %s", tc.v.What, tc.in, got)
		case tc.want != "" && !regexp.MustCompile(tc.want).MatchString(got):
			t.Errorf("%s %q: got %q, want a match for %q", tc.v.What, tc.in, got, tc.want)
		}
	}
}
