package deployer_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The infrastructures' data sources, as a project team uses them: the
// platform team made the infrastructure outside this configuration, the
// project team's deployment names it through the data source.

const (
	testInfraDS    = "data.dataiku_project_deployer_infra.prod"
	testAPIInfraDS = "data.dataiku_api_deployer_infra.prod"
	// The secrets an infrastructure's settings hold in DSS, which no
	// state may show.
	testProxySecret    = "proxy-password-9f1e"
	testRegistrySecret = "registry-token-77ab"
	testNodeKey        = "api-node-admin-key-51c2"
)

// testStateHoldsNo fails when any attribute of any object in the state
// holds one of secrets (sensitive values are in the state as any other).
func testStateHoldsNo(secrets ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for addr, r := range s.RootModule().Resources {
			for k, v := range r.Primary.Attributes {
				for _, secret := range secrets {
					if strings.Contains(v, secret) {
						return fmt.Errorf("%s.%s holds a secret DSS holds", addr, k)
					}
				}
			}
		}
		return nil
	}
}

// testSameJSON checks that attr of addr in the state is the JSON want.
func testSameJSON(addr, attr string, want json.RawMessage) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(addr, attr, func(got string) error {
		var g, w any
		if err := json.Unmarshal([]byte(got), &g); err != nil {
			return err
		}
		if err := json.Unmarshal(want, &w); err != nil {
			return err
		}
		if fmt.Sprint(g) != fmt.Sprint(w) {
			return fmt.Errorf("%s.%s = %s, DSS holds %s", addr, attr, got, want)
		}
		return nil
	})
}

// testInfraDSIsDSS checks the data source's values against the
// infrastructure's settings, read through the client.
func testInfraDSIsDSS(t *testing.T, id string) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		s, err := dss.InfraSettingsDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
		if err != nil {
			return err
		}
		return resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(testInfraDS, "id", id),
			resource.TestCheckResourceAttr(testInfraDS, "stage", s.Stage),
			resource.TestCheckResourceAttr(testInfraDS, "govern_check_policy", s.GovernCheckPolicy),
			resource.TestCheckResourceAttr(testInfraDS, "automation_node_url", s.AutomationNodeURL),
			testSameJSON(testInfraDS, "permissions", s.Permissions),
			resource.TestCheckResourceAttr(testInfraDS, "settings.trustAllSSLCertificates", string(s.Extra["trustAllSSLCertificates"])),
		)(st)
	}
}

// testPlatformInfra makes a Project Deployer infrastructure outside
// Terraform, as a platform team does: on the automation node at url, with
// its admin key, an unmodelled setting and a proxy whose password DSS
// holds; deleted when the test ends.
func testPlatformInfra(t *testing.T, id, url string) {
	t.Helper()
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	acctest.MustDo(t, c.CreateInfra(ctx, id, "Production", "WARN"))
	t.Cleanup(func() { _ = c.Delete(acctest.Ctx(t), dss.InfraPath(id), nil, nil) })
	acctest.EditOutside(t, dss.InfraSettingsDoc(id), func(s *dss.InfraSettings) {
		s.AutomationNodeURL, s.AdminAPIKey = url, testAutomationKey
		s.Permissions = json.RawMessage(fmt.Sprintf(`[{"group":%q,"read":true,"deploy":true,"admin":false}]`, acctest.AliceGroup))
		if s.Extra == nil {
			s.Extra = dss.Extra{}
		}
		s.Extra["trustAllSSLCertificates"] = json.RawMessage(`true`)
		s.Extra["proxy"] = json.RawMessage(`{"host":"proxy.example.com","proxyPassword":"` + testProxySecret + `"}`)
	})
}

// A deployment names the platform team's infrastructure through the data
// source: it deploys there, the plan after the apply is empty, and no
// state holds the automation node's key or the proxy's password. The
// plural lists it under its stage only.
func TestAccProjectDeployerInfraDataSource_referenced(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	autoNode, auto := testAutomationNode(t)
	key := acctest.ProjectKey("ACC_INFRADS")
	infra := "plat-" + strings.ToLower(key)
	acctest.ProjectOutside(t, key, "Deployed on a platform infra")
	testCleanupPublished(t, key)
	testPlatformInfra(t, infra, autoNode.URL())
	cfg := fmt.Sprintf(`
data "dataiku_project_deployer_infra" "prod" {
  id = %[2]q
}

data "dataiku_project_deployer_infras" "prod" {
  stage = "Production"
}

data "dataiku_project_deployer_infras" "test" {
  stage = "Test"
}

resource "dataiku_project_bundle" "b" {
  project_key = %[1]q
  bundle_id   = "v1"
  publish     = true
}

resource "dataiku_project_deployment" "d" {
  deployment_id         = "%[1]s-on-plat"
  published_project_key = %[1]q
  infra_id              = data.dataiku_project_deployer_infra.prod.id
  bundle_id             = dataiku_project_bundle.b.bundle_id
  deployed_project_key  = "%[1]s_PROD"
}
`, key, infra)
	acctest.Case(t, testAccCheckDeploymentsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				testInfraDSIsDSS(t, infra),
				resource.TestCheckResourceAttr(testInfraDS, "stage", "Production"),
				resource.TestCheckResourceAttr(testInfraDS, "govern_check_policy", "WARN"),
				resource.TestCheckResourceAttr(testInfraDS, "settings.proxy.host", "proxy.example.com"),
				resource.TestCheckNoResourceAttr(testInfraDS, "settings.proxy.proxyPassword"),
				resource.TestCheckNoResourceAttr(testInfraDS, "api_key_wo"),
				resource.TestCheckTypeSetElemNestedAttrs("data.dataiku_project_deployer_infras.prod", "infras.*",
					map[string]string{"id": infra, "stage": "Production"}),
				resource.TestCheckTypeSetElemAttr("data.dataiku_project_deployer_infras.prod", "ids.*", infra),
				resource.TestCheckResourceAttr("data.dataiku_project_deployer_infras.prod", "id", "Production"),
				testNotListed("data.dataiku_project_deployer_infras.test", infra),
				resource.TestCheckResourceAttr(testDeployment, "infra_id", infra),
				resource.TestCheckResourceAttr(testDeployment, "health", "HEALTHY"),
				testDeploymentHealth(t, key+"-on-plat", "HEALTHY"),
				testStateHoldsNo(testAutomationKey, testProxySecret),
				func(*terraform.State) error {
					_, err := auto.ListImportedBundles(acctest.Ctx(t), key+"_PROD")
					return err
				}),
		}),
	})
	// The infrastructure is the platform team's: the destroy left it.
	if _, err := dss.InfraSettingsDoc(infra).Get(acctest.Ctx(t), acctest.Client(t)); err != nil {
		t.Errorf("the platform's infrastructure after the destroy: %v", err)
	}
}

// testNotListed checks that the list data source addr does not list id.
func testNotListed(addr, id string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		r := s.RootModule().Resources[addr]
		if r == nil {
			return fmt.Errorf("%s not in the state", addr)
		}
		for k, v := range r.Primary.Attributes {
			if strings.HasPrefix(k, "ids.") && v == id {
				return fmt.Errorf("%s lists %s (%s)", addr, id, k)
			}
		}
		return nil
	}
}

// An id the deployer does not hold fails the plan, naming the id and the
// data source that lists the existing ones; a non-administrator's key is
// refused with DSS's message, never read as "not found".
func TestAccProjectDeployerInfraDataSource_notFoundAndNonAdmin(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	infra := "plat-" + strings.ToLower(acctest.ProjectKey("ACC_INFRANA"))
	testPlatformInfra(t, infra, "http://automation.example.com:11200")
	testInfraDSNotFoundAndNonAdmin(t, "project_deployer", `Project\s+Deployer`, infra)
}

// testInfraDSNotFoundAndNonAdmin reads, with the data sources of
// deployer (its type names' part) whose noun (a pattern) DSS's refusal
// names: an id next to infra, which does not exist, as the admin; infra,
// which exists, and the plural, as bob.
func testInfraDSNotFoundAndNonAdmin(t *testing.T, deployer, noun, infra string) {
	t.Helper()
	one, all := "dataiku_"+deployer+"_infra", "dataiku_"+deployer+"_infras"
	read := func(id string) string { return fmt.Sprintf("data %q \"x\" {\n  id = %q\n}\n", one, id) }
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: read(infra + "-nope"),
			ExpectError: regexp.MustCompile(`(?s)Cannot read data.` + one + ` "` + infra + `-nope".*` +
				noun + `\s+has\s+no\s+infrastructure\s+"` + infra + `-nope".*` + all + `.*does\s+not\s+exist`),
		},
		{
			Config:      acctest.AsBob(read(infra)),
			ExpectError: regexp.MustCompile(`(?s)Cannot read data.` + one + ` "` + infra + `".*DSS answered:.*administrator\s+of\s+the\s+` + noun),
		},
		{
			Config:      acctest.AsBob(fmt.Sprintf("data %q \"all\" {}\n", all)),
			ExpectError: regexp.MustCompile(`(?s)Cannot read data.` + all + `.*administrator\s+of\s+the\s+` + noun),
		},
	})
}

// testPlatformAPIInfra makes an API Deployer infrastructure of type typ
// outside Terraform, with an unmodelled setting holding a registry's
// token; a STATIC one gets one API node with its admin key. Deleted when
// the test ends.
func testPlatformAPIInfra(t *testing.T, id, typ string) {
	t.Helper()
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	acctest.MustDo(t, c.CreateAPIInfra(ctx, dss.APIInfraCreate{ID: id, Stage: "Production", Type: typ}))
	t.Cleanup(func() { _ = c.Delete(acctest.Ctx(t), dss.APIInfraPath(id), nil, nil) })
	acctest.EditOutside(t, dss.APIInfraSettingsDoc(id), func(s *dss.APIInfraSettings) {
		if typ == "STATIC" {
			prefix := "prod.a"
			s.SetNodes([]dss.APINode{{URL: nodeA, AdminAPIKey: testNodeKey, GraphitePrefix: &prefix}})
		}
		if s.Extra == nil {
			s.Extra = dss.Extra{}
		}
		s.Extra["registry"] = json.RawMessage(`{"host":"registry.example.com","pushToken":"` + testRegistrySecret + `"}`)
		s.Extra["k8sNamespace"] = json.RawMessage(`"prod"`)
	})
}

// An API deployment names the platform team's STATIC infrastructure
// through the data source; its node's key and the registry's token reach
// no state. A K8S infrastructure reads with null api_nodes.
func TestAccAPIDeployerInfraDataSource_referenced(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	svc := testServiceID("acc_apiinfds")
	testAPIServiceOutside(t, svc, "v1")
	static, k8s := "plat-"+svc, "plat-k8s-"+svc
	testPlatformAPIInfra(t, static, "STATIC")
	testPlatformAPIInfra(t, k8s, "K8S")
	cfg := fmt.Sprintf(`
data "dataiku_api_deployer_infra" "prod" {
  id = %[2]q
}

data "dataiku_api_deployer_infra" "k8s" {
  id = %[3]q
}

data "dataiku_api_deployer_infras" "all" {}

resource "dataiku_api_deployment" "d" {
  id         = "%[1]s-d"
  service_id = %[1]q
  infra_id   = data.dataiku_api_deployer_infra.prod.id
  version    = "v1"
}
`, svc, static, k8s)
	const k8sDS = "data.dataiku_api_deployer_infra.k8s"
	acctest.Case(t, testAccCheckAPIDeploymentsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				testAPIInfraDSIsDSS(t, testAPIInfraDS, static),
				testAPIInfraDSIsDSS(t, k8sDS, k8s),
				resource.TestCheckResourceAttr(testAPIInfraDS, "type", "STATIC"),
				resource.TestCheckResourceAttr(testAPIInfraDS, "api_nodes.#", "1"),
				resource.TestCheckResourceAttr(testAPIInfraDS, "api_nodes.0.url", nodeA),
				resource.TestCheckResourceAttr(testAPIInfraDS, "api_nodes.0.graphite_prefix", "prod.a"),
				resource.TestCheckResourceAttr(testAPIInfraDS, "settings.registry.host", "registry.example.com"),
				resource.TestCheckNoResourceAttr(testAPIInfraDS, "settings.registry.pushToken"),
				resource.TestCheckResourceAttr(k8sDS, "type", "K8S"),
				resource.TestCheckNoResourceAttr(k8sDS, "api_nodes.#"),
				resource.TestCheckResourceAttr(k8sDS, "settings.k8sNamespace", "prod"),
				resource.TestCheckTypeSetElemNestedAttrs("data.dataiku_api_deployer_infras.all", "infras.*",
					map[string]string{"id": k8s, "stage": "Production"}),
				resource.TestCheckTypeSetElemAttr("data.dataiku_api_deployer_infras.all", "ids.*", static),
				resource.TestCheckResourceAttr("data.dataiku_api_deployer_infras.all", "id", "infras"),
				resource.TestCheckResourceAttr(testAPIDeployment, "infra_id", static),
				testAPIDeploymentHolds(t, svc+"-d", "v1", true, "HEALTHY"),
				testStateHoldsNo(testNodeKey, testRegistrySecret)),
		}),
	})
}

// testAPIInfraDSIsDSS checks the data source addr's values against the
// infrastructure's settings, read through the client.
func testAPIInfraDSIsDSS(t *testing.T, addr, id string) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		s, err := dss.APIInfraSettingsDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
		if err != nil {
			return err
		}
		return resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(addr, "id", id),
			resource.TestCheckResourceAttr(addr, "stage", s.Stage),
			resource.TestCheckResourceAttr(addr, "type", s.Type),
			resource.TestCheckResourceAttr(addr, "govern_check_policy", "NO_CHECK"),
			testSameJSON(addr, "permissions", s.Permissions),
			resource.TestCheckResourceAttr(addr, "settings.k8sNamespace", strings.Trim(string(s.Extra["k8sNamespace"]), `"`)),
		)(st)
	}
}

// The API Deployer's: an unknown id names the plural; bob is refused.
func TestAccAPIDeployerInfraDataSource_notFoundAndNonAdmin(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	infra := "plat-" + testServiceID("acc_apiinfna")
	testPlatformAPIInfra(t, infra, "STATIC")
	testInfraDSNotFoundAndNonAdmin(t, "api_deployer", `API\s+Deployer`, infra)
}

// Reading an infrastructure costs its settings' GET alone, and listing
// them the list's GET alone: over a step (plan, apply, refresh, the plan
// after it), DSS sees no other request but the provider's own credentials
// check (GET /auth/info, when the provider is configured).
func TestAccInfraDataSourcesRequestCount(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	infra := "plat-" + strings.ToLower(acctest.ProjectKey("ACC_INFRARC"))
	testPlatformInfra(t, infra, "http://automation.example.com:11200")
	testPlatformAPIInfra(t, infra, "K8S")
	var before map[string]int64
	mark := func() { before = maps.Clone(em.Server.Stats().ByRoute) }
	onlyThese := func(routes ...string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			now := em.Server.Stats().ByRoute
			for _, route := range routes {
				if now[route] == before[route] {
					return fmt.Errorf("no request %s", route)
				}
			}
			for route, n := range now {
				sent := n - before[route]
				if route == "GET /public/api/auth/info" {
					continue
				}
				if want := slices.Contains(routes, route); sent > 0 != want {
					return fmt.Errorf("%d requests %s; want only (and some of) %v", sent, route, routes)
				}
			}
			return nil
		}
	}
	cfg := fmt.Sprintf(`
data "dataiku_project_deployer_infra" "p" {
  id = %[1]q
}

data "dataiku_api_deployer_infra" "a" {
  id = %[1]q
}
`, infra)
	acctest.Case(t, nil, []resource.TestStep{
		{PreConfig: mark, Config: cfg, Check: onlyThese(
			"GET /public/api/project-deployer/infras/{id}/settings", "GET /public/api/api-deployer/infras/{id}/settings")},
		{PreConfig: mark, Config: "data \"dataiku_project_deployer_infras\" \"all\" {}\n\ndata \"dataiku_api_deployer_infras\" \"all\" {}\n",
			Check: onlyThese("GET /public/api/project-deployer/infras", "GET /public/api/api-deployer/infras")},
	})
}
