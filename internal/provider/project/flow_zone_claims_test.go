package project_test

import (
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccFlowZone_twoZonesClaimOneItem: two dataiku_flow_zone resources list
// the same dataset. The apply leaves it in one of them, and the next plan,
// which would move it back to the other, says why with a warning naming
// both zones, instead of a silent change on every apply.
func TestAccFlowZone_twoZonesClaimOneItem(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_FZTWO")
	config := acctest.CliRequiredProviders + "provider \"dataiku\" {}\n" +
		zoneCfg{raw: "raw", aName: "Ingest", bName: "Report", aItems: "local.raw", bItems: "local.raw"}.hcl(key)
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": config})
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	secrets := acctest.KeyForms(acctest.APIKey)
	t.Cleanup(func() { _, _ = acctest.RunTerraform(t, dir, env, "destroy", "-auto-approve", "-no-color") })
	acctest.MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
	out, _ := acctest.RunTerraform(t, dir, env, "plan", "-no-color")
	// b depends on a, so b took the dataset last: a's refresh finds it there.
	want := regexp.MustCompile(`(?s)Warning: .*with dataiku_flow_zone\.a.*DATASET raw.*"Ingest".*"Report"`)
	if !want.MatchString(out) {
		t.Errorf("the plan does not explain the item both zones claim:\n%s", acctest.MaskSecrets(acctest.Tail(out, 4000), secrets))
	}
}
