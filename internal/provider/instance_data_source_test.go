package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// node_type comes from /instance-info for any key; licensed_profiles from
// the licensing status for an admin key, null for another key (which DSS
// refuses the route) without failing the data source.
func TestAccInstanceDataSource_nodeTypeAndProfiles(t *testing.T) {
	testAccPreCheck(t)
	requireEmulator(t)
	profiles := make([]knownvalue.Check, 0, len(emulator.LicensedProfiles))
	for _, p := range emulator.LicensedProfiles {
		profiles = append(profiles, knownvalue.StringExact(p))
	}
	const addr = "data.dataiku_instance.this"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `data "dataiku_instance" "this" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("node_type"), knownvalue.StringExact("DESIGN")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("licensed_profiles"), knownvalue.SetExact(profiles)),
				},
			},
			{
				Config: fmt.Sprintf("provider \"dataiku\" {\n  api_key = %q\n}\n", testBobKey) + `data "dataiku_instance" "this" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("node_type"), knownvalue.StringExact("DESIGN")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("licensed_profiles"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auth_identifier"), knownvalue.StringExact(testBobLogin)),
				},
			},
		},
	})
}
