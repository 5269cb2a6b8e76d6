package instance_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

// node_type comes from /instance-info for any key; licensed_profiles from
// the licensing status for an admin key, null for another key (which DSS
// refuses the route) without failing the data source.
func TestAccInstanceDataSource_nodeTypeAndProfiles(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	profiles := make([]knownvalue.Check, 0, len(emulator.LicensedProfiles))
	for _, p := range emulator.LicensedProfiles {
		profiles = append(profiles, knownvalue.StringExact(p))
	}
	const addr = "data.dataiku_instance.this"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps: []resource.TestStep{
			{
				Config: `data "dataiku_instance" "this" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("node_type"), knownvalue.StringExact("DESIGN")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("licensed_profiles"), knownvalue.SetExact(profiles)),
				},
			},
			{
				Config: acctest.AsBob(`data "dataiku_instance" "this" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("node_type"), knownvalue.StringExact("DESIGN")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("licensed_profiles"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auth_identifier"), knownvalue.StringExact(acctest.BobLogin)),
				},
			},
		},
	})
}

// The licence is informative: whatever DSS answers, licensed_profiles is
// null or the profiles, never an error.
func TestLicensedProfilesNeverFail(t *testing.T) {
	for _, c := range []struct {
		name, body string
		status     int
		admin      bool
		want       string
	}{
		{"admin", `{"limits":{"licensedProfiles":{"READER":{},"DESIGNER":{}}}}`, 200, true, `["DESIGNER","READER"]`},
		{"not reported", `{"expired":false}`, 200, true, `<null>`},
		{"reported null", `{"limits":{"licensedProfiles":null}}`, 200, true, `<null>`},
		{"DSS error", `{"errorType":"java.lang.RuntimeException","message":"boom"}`, 500, true, `<null>`},
		{"not admin: not asked", `{}`, 599, false, `<null>`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var calls int
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls++
				w.WriteHeader(c.status)
				_, _ = io.WriteString(w, c.body)
			}))
			defer srv.Close()
			client, err := dss.NewClient(dss.Config{Host: srv.URL, APIKey: "k", MaxRetries: -1})
			if err != nil {
				t.Fatal(err)
			}
			var diags diag.Diagnostics
			got := instance.LicensedProfiles(t.Context(), client, &dss.AuthInfo{Admin: c.admin}, &diags)
			if diags.HasError() {
				t.Fatalf("diagnostics: %v", diags)
			}
			if got.IsNull() != (c.want == "<null>") || (!got.IsNull() && fmt.Sprint(got) != c.want) {
				t.Errorf("licensed_profiles %v, want %s", got, c.want)
			}
			if !c.admin && calls != 0 {
				t.Errorf("a non-admin key asked DSS %d times", calls)
			}
		})
	}
}
