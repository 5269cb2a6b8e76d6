package deployer_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testInfra = "dataiku_project_deployer_infra.prod"

type infraCfg struct {
	id, stage, url, policy, key, settings string
	version                               int
}

func (c infraCfg) hcl() string {
	return fmt.Sprintf(`
resource "dataiku_project_deployer_infra" "prod" {
  id                  = %q
  stage               = %q
  automation_node_url = %q
  govern_check_policy = %q
  api_key_wo          = %q
  api_key_wo_version  = %d
  permissions         = jsonencode([{ group = %q, read = true, deploy = true, admin = false }])
  settings            = %s
}
`, c.id, c.stage, c.url, c.policy, c.key, c.version, acctest.AliceGroup, c.settings)
}

// testInfraHolds checks the infrastructure's settings in DSS: its URL,
// policy, admin key and trustAllSSLCertificates.
func testInfraHolds(t *testing.T, id, url, policy, key string, trust bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		s, err := dss.InfraSettingsDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
		if err != nil {
			return err
		}
		gotTrust := string(s.Extra["trustAllSSLCertificates"]) == "true"
		if s.AutomationNodeURL != url || s.GovernCheckPolicy != policy || s.AdminAPIKey != key || gotTrust != trust {
			return fmt.Errorf("infra %s: url %q policy %q key %q trust %v; want %q %q %q %v", id, s.AutomationNodeURL, s.GovernCheckPolicy, s.AdminAPIKey, gotTrust, url, policy, key, trust)
		}
		return nil
	}
}

func testAccCheckInfrasDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_project_deployer_infra", func(st *terraform.InstanceState) string { return dss.InfraPath(st.ID) })
}

func TestAccProjectDeployerInfra_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	id := "acc-infra-" + acctest.ProjectKey("I")
	base := infraCfg{id: id, stage: "Production", url: "http://automation-a.example.com:11200", policy: "NO_CHECK", key: "auto-key-1", version: 1,
		settings: `{ trustAllSSLCertificates = true }`}
	moved := base
	moved.url, moved.policy, moved.settings = "https://automation-b.example.com", "WARN", `{ trustAllSSLCertificates = false }`
	moved.key = "auto-key-2" // not sent: the version is the same
	rotated := moved
	rotated.version = 2
	restaged := rotated
	restaged.stage = "Test"
	c := acctest.Client(t)
	acctest.Case(t, testAccCheckInfrasDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: base.hcl(),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testInfra, "id", id),
				resource.TestCheckNoResourceAttr(testInfra, "api_key_wo"),
				testInfraHolds(t, id, base.url, "NO_CHECK", "auto-key-1", true)),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           moved.hcl(),
			ConfigPlanChecks: acctest.Plans(testInfra, plancheck.ResourceActionUpdate),
			Check:            testInfraHolds(t, id, moved.url, "WARN", "auto-key-1", false),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           rotated.hcl(),
			ConfigPlanChecks: acctest.Plans(testInfra, plancheck.ResourceActionUpdate),
			Check:            testInfraHolds(t, id, moved.url, "WARN", "auto-key-2", false),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           restaged.hcl(),
			ConfigPlanChecks: acctest.Plans(testInfra, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testInfra, "stage", "Test"),
				testInfraHolds(t, id, moved.url, "WARN", "auto-key-2", false)),
		}),
		acctest.ImportVerifyStep(testInfra, nil, "api_key_wo_version", "settings"),
		acctest.ImportIdentityStep(t, testInfra, "api_key_wo_version", "settings"),
		// Changed outside Terraform: the plan puts back the URL and the
		// managed setting; the key DSS holds is not Terraform's to see.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditOutside(t, dss.InfraSettingsDoc(id), func(s *dss.InfraSettings) {
					s.AutomationNodeURL = "http://elsewhere.example.com"
					s.Extra["trustAllSSLCertificates"] = []byte("true")
				})
			},
			Config:           restaged.hcl(),
			ConfigPlanChecks: acctest.Plans(testInfra, plancheck.ResourceActionUpdate),
			Check:            testInfraHolds(t, id, moved.url, "WARN", "auto-key-2", false),
		}),
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testInfra, restaged.hcl(),
			func() error { return c.Delete(acctest.Ctx(t), dss.InfraPath(id), nil, nil) },
			testInfraHolds(t, id, moved.url, "WARN", "auto-key-2", false))),
	})
}

// An infrastructure as DSS creates it, with no automation node yet
// (dataikuapi's create_infra sends no URL): adopted with no URL written and
// an empty plan, then given its URL in place, then back to none. A required
// URL would lock it out of Terraform.
func TestAccProjectDeployerInfra_withoutAutomationNode(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	id := "acc-infra-nourl-" + acctest.ProjectKey("I")
	acctest.MustDo(t, acctest.Client(t).CreateInfra(acctest.Ctx(t), id, "Development", ""))
	cfg := func(url string) string {
		return fmt.Sprintf("resource \"dataiku_project_deployer_infra\" \"prod\" {\n  id    = %q\n  stage = \"Development\"\n  %s\n}\n", id, url)
	}
	acctest.Case(t, testAccCheckInfrasDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testInfra, acctest.ImportBlock(testInfra, id)+cfg(""),
			statecheck.ExpectKnownValue(testInfra, tfjsonpath.New("automation_node_url"), knownvalue.StringExact("")))),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg(`automation_node_url = "https://automation.example.com:11200"`),
			ConfigPlanChecks: acctest.Plans(testInfra, plancheck.ResourceActionUpdate),
			Check:            testInfraHolds(t, id, "https://automation.example.com:11200", "NO_CHECK", "", false),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg(""),
			ConfigPlanChecks: acctest.Plans(testInfra, plancheck.ResourceActionUpdate),
			Check:            testInfraHolds(t, id, "", "NO_CHECK", "", false),
		}),
	})
}

// TestAccProjectDeployerInfra_urlWithoutSchemeAdopted: an infrastructure
// whose automation node URL has no http(s) scheme, as DSS keeps it when
// given one (nothing shows it refusing such a URL), is adopted with an
// empty plan and changed in place: the URL check only warns.
func TestAccProjectDeployerInfra_urlWithoutSchemeAdopted(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	id := "acc-infra-bareurl-" + acctest.ProjectKey("I")
	const bare = "automation-node:11200"
	c := acctest.Client(t)
	acctest.MustDo(t, c.CreateInfra(acctest.Ctx(t), id, "Development", ""))
	_, _, err := dss.InfraSettingsDoc(id).Update(acctest.Ctx(t), c, func(s *dss.InfraSettings) error {
		s.AutomationNodeURL = bare
		return nil
	})
	acctest.MustDo(t, err)
	cfg := func(url string) string {
		return fmt.Sprintf("resource \"dataiku_project_deployer_infra\" \"prod\" {\n  id    = %q\n  stage = \"Development\"\n  automation_node_url = %q\n}\n", id, url)
	}
	acctest.Case(t, testAccCheckInfrasDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testInfra, acctest.ImportBlock(testInfra, id)+cfg(bare),
			statecheck.ExpectKnownValue(testInfra, tfjsonpath.New("automation_node_url"), knownvalue.StringExact(bare)))),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg("https://automation.example.com:11200"),
			ConfigPlanChecks: acctest.Plans(testInfra, plancheck.ResourceActionUpdate),
			Check:            testInfraHolds(t, id, "https://automation.example.com:11200", "NO_CHECK", "", false),
		}),
	})
}

func TestAccProjectDeployerInfra_badInputAndNonAdmin(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	// A URL without an http(s) scheme only warns: see
	// TestAccProjectDeployerInfra_urlWithoutSchemeAdopted and TestHTTPURLCheckOnlyWarns.
	reserved := infraCfg{id: "x", stage: "Production", url: "http://a.example.com", policy: "NO_CHECK", key: "k", version: 1, settings: `{ adminApiKey = "leak" }`}
	acctest.Case(t, nil, []resource.TestStep{
		{Config: reserved.hcl(), ExpectError: regexp.MustCompile(`(?s)settings\s+must\s+not\s+contain\s+"adminApiKey"`)},
	})
	ok := reserved
	ok.id, ok.settings = "bobs", `{}`
	acctest.RefusedToBob(t, ok.hcl(), regexp.MustCompile(`(?s)dataiku_project_deployer_infra "bobs".*administrator\s+of\s+the\s+Project\s+Deployer`))
	if err := acctest.Client(t).Get(acctest.Ctx(t), dss.InfraPath("bobs"), nil, nil); !dss.IsNotFound(err) {
		t.Fatalf("infra after bob's refusal: %v", err)
	}
}
