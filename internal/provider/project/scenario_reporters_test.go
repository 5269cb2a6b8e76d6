package project_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// A webhook reporter's URL (its token inside) is sent through the
// write-only reporter_secrets_wo: DSS holds it, the state never does; a
// change of the reporters keeps it; a new version sends a new one; a
// credential written in reporters, or for a reporter that does not
// exist, is refused without being quoted.
func TestAccScenario_reporterSecrets(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCREP")
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
		return dataSource + testAccScenarioConfig(key, "step_based", fmt.Sprintf(`  reporters = [{
    id = "rep1", active = true, name = "Chat hook", phase = "END"
    messaging = { type = "webhook-scenario", configuration = { message = %s%s } }
  }]
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
		sc := acctest.Scenario(t, key, "Nightly_build")
		if len(sc.Reporters) != 1 || len(sc.Params.Steps) != 1 {
			t.Fatalf("DSS holds %d reporters and %d steps", len(sc.Reporters), len(sc.Params.Steps))
		}
		c := dss.ReporterConfiguration(sc.Reporters[0])
		url, _ = c["url"].(string)
		message, _ = c["message"].(string)
		stepURL, _ = dss.ReporterConfiguration(sc.Params.Steps[0].Params)["url"].(string)
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
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
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

// reporters as an HCL list of objects: DSS holds what it says, the same
// list written with jsonencode plans nothing, and a change in DSS is
// planned back.
func TestAccScenario_reportersHCL(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCRHCL")
	const reps = `[
    { id = "rep1", active = true, name = "Mail", phase = "END", messaging = { type = "mail-scenario", configuration = { recipient = "team@example.com", retries = 2 } } },
  ]`
	hcl := testAccScenarioConfig(key, "step_based", "  reporters = "+reps+"\n")
	jsonForm := testAccScenarioConfig(key, "step_based", "  reporters = jsonencode("+reps+")\n")
	recipient := func() string {
		sc := acctest.Scenario(t, key, "Nightly_build")
		if len(sc.Reporters) != 1 {
			return fmt.Sprintf("%d reporters", len(sc.Reporters))
		}
		r, _ := dss.ReporterConfiguration(sc.Reporters[0])["recipient"].(string)
		return r
	}
	holds := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := recipient(); got != want {
				return fmt.Errorf("DSS's reporter recipient: %s, want %s", got, want)
			}
			return nil
		}
	}
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		{Config: hcl, Check: holds("team@example.com")},
		{Config: hcl, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		// The form of earlier versions: the same list, no change.
		{Config: jsonForm, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		{
			// Changed in DSS: planned back.
			PreConfig: func() {
				acctest.EditOutside(t, dss.ScenarioDoc(key, "Nightly_build"), func(s *dss.Scenario) {
					dss.ReporterConfiguration(s.Reporters[0])["recipient"] = "someone@example.com"
				})
			},
			Config: hcl,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: "dataiku_scenario.test", Attrs: []string{"reporters"}},
			}},
			Check: holds("team@example.com"),
		},
		{
			Config:      strings.Replace(hcl, `retries = 2`, `url = "https://hooks.example.invalid/x"`, 1),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Credentials in reporters.*reporters\[0\]\.messaging\.configuration\.url.*reporter_secrets_wo`),
		},
		{Config: hcl, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
	})
}

// WithoutReporterSecrets drops exactly the credentials of each reporter's
// messaging configuration, and leaves DSS's document untouched.
func TestWithoutReporterSecrets(t *testing.T) {
	v, err := kit.DecodeJSONValue(`[{"id": "r", "messaging": {"type": "webhook-scenario", "configuration": {"url": "https://h/x", "message": "m", "token": "t"}}, "url": "kept"}]`)
	reps, ok := v.([]any)
	if err != nil || !ok {
		t.Fatal(err)
	}
	got := project.WithoutReporterSecrets(reps)
	cfg := dss.ReporterConfiguration(got[0])
	if _, ok := cfg["url"]; ok || cfg["message"] != "m" || cfg["token"] != nil {
		t.Errorf("configuration without credentials: %v", cfg)
	}
	if got[0].(map[string]any)["url"] != "kept" {
		t.Errorf("a url outside messaging.configuration was dropped: %v", got[0])
	}
	if dss.ReporterConfiguration(reps[0])["url"] != "https://h/x" {
		t.Error("DSS's document was changed")
	}
}

// A reporter keeps the webhook URL DSS holds when its id is tidied away
// from a generated configuration, when another reporter of its type comes
// before it, and when it is renamed in place: it is paired with the
// reporter it is written over as steps are (by id, else by messaging type
// and name, else by place). Pairing by id alone deleted the URL, and no
// plan could show it (the state never holds it).
func TestAccScenario_reporterKeepsItsURLWithoutID(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_SCREPID")
	const url = "https://hooks.example.invalid/kept-T0KEN-9z8y"
	reporter := func(id, name string) string {
		if id != "" {
			id = fmt.Sprintf("id = %q, ", id)
		}
		return fmt.Sprintf(`{ %sactive = true, name = %q, phase = "END", messaging = { type = "webhook-scenario", configuration = { message = "done" } } }`, id, name)
	}
	cfg := func(reporters ...string) string {
		return testAccScenarioConfig(key, "step_based", fmt.Sprintf(`  reporters = [%s]
  reporter_secrets_wo         = jsonencode({ rep1 = { url = %q } })
  reporter_secrets_wo_version = 1
`, strings.Join(reporters, ", "), url))
	}
	// urls are the URLs DSS's reporters hold, by name.
	urls := func(want map[string]string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			got := map[string]string{}
			for _, r := range acctest.Scenario(t, key, "Nightly_build").Reporters {
				name, _ := r.(map[string]any)["name"].(string)
				got[name], _ = dss.ReporterConfiguration(r)["url"].(string)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				return fmt.Errorf("DSS's reporters hold the URLs %v, want %v", got, want)
			}
			return nil
		}
	}
	acctest.Case(t, testAccCheckScenariosDestroyed(t), []resource.TestStep{
		{Config: cfg(reporter("rep1", "Chat hook")), Check: urls(map[string]string{"Chat hook": url})},
		// The id removed: the same reporter by type and name.
		{Config: cfg(reporter("", "Chat hook")), Check: urls(map[string]string{"Chat hook": url})},
		// A new webhook reporter before it: each keeps its own.
		{Config: cfg(reporter("", "Ops hook"), reporter("", "Chat hook")), Check: urls(map[string]string{"Ops hook": "", "Chat hook": url})},
		// Renamed in place: by its place among the webhooks.
		{Config: cfg(reporter("", "Ops hook"), reporter("", "Team hook")), Check: urls(map[string]string{"Ops hook": "", "Team hook": url})},
	})
}
