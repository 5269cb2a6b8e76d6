package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// A webhook reporter's URL (its token inside) is sent through the
// write-only reporter_secrets_wo: DSS holds it, the state never does; a
// change of the reporters keeps it; a new version sends a new one; a
// credential written in reporters, or for a reporter that does not
// exist, is refused without being quoted.
func TestAccScenario_reporterSecrets(t *testing.T) {
	testAccParallel(t)
	testAccProjectSetup(t)
	key := testProjectKey("ACC_SCREP")
	const first, second = "https://hooks.example.invalid/first-T0KEN-a1b2", "https://hooks.example.invalid/second-T0KEN-c3d4"
	const stepFirst, stepSecond = "https://hooks.example.invalid/step-T0KEN-e5f6", "https://hooks.example.invalid/step-T0KEN-g7h8"
	sec := func(reporterURL, stepURL string) string {
		return fmt.Sprintf(`{ rep1 = { url = %q }, "steps[0]" = { url = %q } }`, reporterURL, stepURL)
	}
	// The data source reads the same scenario: the state check below
	// covers it too.
	const dataSource = `
data "dataiku_scenario" "read" {
  project_key = dataiku_project.p.project_key
  id          = dataiku_scenario.test.id
}
`
	cfg := func(message, reporterConfig, secrets string, version int) string {
		return dataSource + testAccScenarioConfig(key, "step_based", fmt.Sprintf(`  reporters = jsonencode([{
    id = "rep1", active = true, name = "Chat hook", phase = "END"
    messaging = { type = "webhook-scenario", configuration = { message = %s%s } }
  }])
  steps = [{
    type   = "send_report"
    name   = "hook"
    params = jsonencode({ messaging = { type = "webhook-scenario", configuration = { message = "step message" } } })
  }]
  reporter_secrets_wo         = jsonencode(%s)
  reporter_secrets_wo_version = %d
`, strings.ReplaceAll(fmt.Sprintf("%q", message), "${", "$${"), reporterConfig, secrets, version))
	}
	dssURLs := func() (url, message, stepURL string) {
		sc := testScenario(t, key, "Nightly_build")
		if len(sc.Reporters) != 1 || len(sc.Params.Steps) != 1 {
			t.Fatalf("DSS holds %d reporters and %d steps", len(sc.Reporters), len(sc.Params.Steps))
		}
		c := reporterConfiguration(sc.Reporters[0])
		url, _ = c["url"].(string)
		message, _ = c["message"].(string)
		stepURL, _ = reporterConfiguration(sc.Params.Steps[0].Params)["url"].(string)
		return url, message, stepURL
	}
	expect := func(wantURL, wantMessage, wantStepURL string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			if url, message, stepURL := dssURLs(); url != wantURL || message != wantMessage || stepURL != wantStepURL {
				return fmt.Errorf("DSS's reporter: url is the expected one: %t, message %q (want %q); the step's url is the expected one: %t",
					url == wantURL, message, wantMessage, stepURL == wantStepURL)
			}
			if _, ok := s.RootModule().Resources["data.dataiku_scenario.read"]; !ok {
				return fmt.Errorf("the data source is not in the state")
			}
			for addr, r := range s.RootModule().Resources {
				for k, v := range r.Primary.Attributes {
					if strings.Contains(v, "T0KEN") {
						return fmt.Errorf("the state holds a reporter credential in %s.%s", addr, k)
					}
				}
			}
			return nil
		}
	}
	testAccCase(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		{Config: cfg("${scenarioName} ended", "", sec(first, stepFirst), 1), Check: expect(first, "${scenarioName} ended", stepFirst)},
		// The messages change, the version does not: DSS keeps its URLs.
		{Config: cfg("${scenarioName}: ${outcome}", "", sec(second, stepSecond), 1), Check: expect(first, "${scenarioName}: ${outcome}", stepFirst)},
		// A new version sends the new URLs.
		{Config: cfg("${scenarioName}: ${outcome}", "", sec(second, stepSecond), 2), Check: expect(second, "${scenarioName}: ${outcome}", stepSecond)},
		// Nothing changed: the next plan is empty (the state has no URL to compare).
		{Config: cfg("${scenarioName}: ${outcome}", "", sec(second, stepSecond), 2), PlanOnly: true},
		{
			Config:      cfg("m", fmt.Sprintf(", url = %q", first), "{}", 2),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Credentials in reporters.*reporters\[0\]\.messaging\.configuration\.url.*reporter_secrets_wo`),
		},
		{
			Config:      cfg("m", "", fmt.Sprintf(`{ rep1 = { url = %q, message = "x" } }`, first), 2),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Invalid reporter credentials`),
		},
		{
			Config: strings.Replace(cfg("m", "", "{}", 2), `configuration = { message = "step message" }`,
				fmt.Sprintf(`configuration = { message = "step message", url = %q }`, first), 1),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Credentials in step params.*messaging\.configuration\.url.*steps\[0\]`),
		},
		{
			Config:      cfg("${scenarioName}: ${outcome}", "", fmt.Sprintf(`{ rep9 = { url = %q } }`, first), 3),
			ExpectError: regexp.MustCompile(`(?s)Credentials for unknown reporters.*rep9`),
		},
	})
}

// withoutReporterSecrets drops exactly the credentials of each reporter's
// messaging configuration, and leaves DSS's document untouched.
func TestWithoutReporterSecrets(t *testing.T) {
	reps, err := decodeReporters(`[{"id": "r", "messaging": {"type": "webhook-scenario", "configuration": {"url": "https://h/x", "message": "m", "token": "t"}}, "url": "kept"}]`)
	if err != nil {
		t.Fatal(err)
	}
	got := withoutReporterSecrets(reps)
	cfg := reporterConfiguration(got[0])
	if _, ok := cfg["url"]; ok || cfg["message"] != "m" || cfg["token"] != nil {
		t.Errorf("configuration without credentials: %v", cfg)
	}
	if got[0].(map[string]any)["url"] != "kept" {
		t.Errorf("a url outside messaging.configuration was dropped: %v", got[0])
	}
	if reporterConfiguration(reps[0])["url"] != "https://h/x" {
		t.Error("DSS's document was changed")
	}
}
