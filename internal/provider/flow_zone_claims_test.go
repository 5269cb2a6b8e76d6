package provider

import (
	"regexp"
	"testing"
)

// TestAccFlowZone_twoZonesClaimOneItem: two dataiku_flow_zone resources list
// the same dataset. The apply leaves it in one of them, and the next plan,
// which would move it back to the other, says why with a warning naming
// both zones, instead of a silent change on every apply.
func TestAccFlowZone_twoZonesClaimOneItem(t *testing.T) {
	testAccParallel(t)
	testAccProjectSetup(t)
	key := testProjectKey("ACC_FZTWO")
	config := cliRequiredProviders + "provider \"dataiku\" {}\n" +
		zoneCfg{raw: "raw", aName: "Ingest", bName: "Report", aItems: "local.raw", bItems: "local.raw"}.hcl(key)
	dir := newTerraformDir(t, map[string]string{"main.tf": config})
	env := []string{"DATAIKU_HOST=" + testHost(t), "DATAIKU_API_KEY=" + testAPIKey}
	secrets := keyForms(testAPIKey)
	t.Cleanup(func() { _, _ = runTerraform(t, dir, env, "destroy", "-auto-approve", "-no-color") })
	mustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
	out, _ := runTerraform(t, dir, env, "plan", "-no-color")
	// b depends on a, so b took the dataset last: a's refresh finds it there.
	want := regexp.MustCompile(`(?s)Warning: .*with dataiku_flow_zone\.a.*DATASET raw.*"Ingest".*"Report"`)
	if !want.MatchString(out) {
		t.Errorf("the plan does not explain the item both zones claim:\n%s", maskSecrets(tail(out, 4000), secrets))
	}
}
