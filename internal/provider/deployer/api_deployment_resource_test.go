package deployer_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testAPIDeployment = "dataiku_api_deployment.d"

// testAPIServiceOutside makes a published service with versions, as a
// release process leaves it, deleted when the test ends.
func testAPIServiceOutside(t *testing.T, id string, versions ...string) {
	t.Helper()
	c := acctest.Client(t)
	acctest.MustDo(t, c.CreatePublishedAPIService(acctest.Ctx(t), id))
	t.Cleanup(func() { _ = c.Delete(acctest.Ctx(t), dss.PublishedAPIServicePath(id), nil, nil) })
	for _, v := range versions {
		acctest.MustDo(t, testUploadVersion(t, id, v))
	}
}

// testAPIDeploymentOf publishes a service of versions outside Terraform
// (its id from prefix) and is the configuration that deploys the first
// version, enabled, on a STATIC infrastructure of its own.
func testAPIDeploymentOf(t *testing.T, prefix string, versions ...string) apiDepCfg {
	t.Helper()
	svc := testServiceID(prefix)
	testAPIServiceOutside(t, svc, versions...)
	return apiDepCfg{id: svc + "-on-prod", svc: svc, infra: "acc-api-" + svc, version: versions[0], enabled: true}
}

// apiDeploymentSettingsPuts is the route of a deployment's settings save.
const apiDeploymentSettingsPuts = "PUT /public/api/api-deployer/deployments/{id}/settings"

type apiDepCfg struct {
	id, svc, infra, version, extra string
	enabled, noDeployment          bool
	// nodes are the infrastructure's API nodes' URLs; nodeA alone when
	// empty.
	nodes []string
}

// hcl is a STATIC infrastructure with its API nodes and, unless
// noDeployment, the deployment of the service's version on it.
func (d apiDepCfg) hcl() string {
	urls := d.nodes
	if len(urls) == 0 {
		urls = []string{nodeA}
	}
	nodes, keys := "", ""
	for _, n := range urls {
		nodes += fmt.Sprintf("{ url = %q }, ", n)
		keys += fmt.Sprintf("%q = \"node-key\", ", n)
	}
	out := fmt.Sprintf(`
resource "dataiku_api_deployer_infra" "i" {
  id                       = %q
  stage                    = "Production"
  type                     = "STATIC"
  api_nodes                = [%s]
  api_node_keys_wo         = { %s }
  api_node_keys_wo_version = 1
}
`, d.infra, nodes, keys)
	if d.noDeployment {
		return out
	}
	return out + fmt.Sprintf(`
resource "dataiku_api_deployment" "d" {
  id         = %q
  service_id = %q
  infra_id   = dataiku_api_deployer_infra.i.id
  version    = %q
  enabled    = %t
  %s
}
`, d.id, d.svc, d.version, d.enabled, d.extra)
}

// testAPIDeploymentHolds checks the deployment in DSS, read raw through
// the client: the version it serves alone, whether it is enabled, and the
// health its last update left (HEALTHY only when the update ran after the
// last settings change).
func testAPIDeploymentHolds(t *testing.T, id, version string, enabled bool, health string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c := acctest.Client(t)
		s, err := dss.APIDeploymentSettingsDoc(id, false).Get(acctest.Ctx(t), c)
		if err != nil {
			return err
		}
		st, err := c.GetAPIDeploymentStatus(acctest.Ctx(t), id)
		if err != nil {
			return err
		}
		if s.GenerationsMapping == nil || s.GenerationsMapping.Mode != dss.SingleGeneration || s.GenerationsMapping.Generation != version ||
			s.Enabled == nil || *s.Enabled != enabled || st.Health != health {
			return fmt.Errorf("API deployment %s: mapping %+v enabled %v health %s; want %s alone, enabled %v, %s",
				id, s.GenerationsMapping, s.Enabled, st.Health, version, enabled, health)
		}
		return nil
	}
}

func testAccCheckAPIDeploymentsDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_api_deployment", func(st *terraform.InstanceState) string { return dss.APIDeploymentPath(st.ID) })
}

// updatesOf counts the updates the emulator ran, of any API deployment.
func updatesOf(em *emulator.Running) int64 {
	return em.Server.Stats().ByRoute["POST /public/api/api-deployer/deployments/{id}/actions/update"]
}

func TestAccAPIDeployment_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	v1 := testAPIDeploymentOf(t, "acc_apidep", "v1", "v2")
	id := v1.id
	v2 := v1
	v2.version = "v2"
	off := v2
	off.enabled = false
	tagged := v2
	tagged.extra = `settings = { tags = ["prod"] }`
	renamed := tagged
	renamed.id = id + "-2"
	c := acctest.Client(t)
	var updates int64
	countUpdates := func() { updates = updatesOf(em) }
	ranUpdates := func(n int64) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := updatesOf(em) - updates; got != n {
				return fmt.Errorf("the step ran %d updates, want %d", got, n)
			}
			return nil
		}
	}
	acctest.Case(t, testAccCheckAPIDeploymentsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: countUpdates,
			Config:    v1.hcl(),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testAPIDeployment, "health", "HEALTHY"),
				resource.TestCheckResourceAttr(testAPIDeployment, "ignore_warnings", "false"),
				testAPIDeploymentHolds(t, id, "v1", true, "HEALTHY"),
				ranUpdates(1)),
		}),
		// A new version: the mapping changes in place and the update runs.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        countUpdates,
			Config:           v2.hcl(),
			ConfigPlanChecks: acctest.Plans(testAPIDeployment, plancheck.ResourceActionUpdate),
			Check:            resource.ComposeAggregateTestCheckFunc(testAPIDeploymentHolds(t, id, "v2", true, "HEALTHY"), ranUpdates(1)),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        countUpdates,
			Config:           off.hcl(),
			ConfigPlanChecks: acctest.Plans(testAPIDeployment, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testAPIDeployment, "enabled", "false"),
				testAPIDeploymentHolds(t, id, "v2", false, "HEALTHY"), ranUpdates(1)),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           tagged.hcl(),
			ConfigPlanChecks: acctest.Plans(testAPIDeployment, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				testAPIDeploymentHolds(t, id, "v2", true, "HEALTHY"),
				func(*terraform.State) error {
					s, err := dss.APIDeploymentSettingsDoc(id, false).Get(acctest.Ctx(t), c)
					if err != nil {
						return err
					}
					if string(s.Extra["tags"]) != `["prod"]` {
						return fmt.Errorf("tags in DSS %s", s.Extra["tags"])
					}
					return nil
				}),
		}),
		acctest.ImportVerifyStep(testAPIDeployment, nil, "settings", "timeouts"),
		acctest.ImportIdentityStep(t, testAPIDeployment, "settings", "timeouts"),
		// Changed outside Terraform: another version and disabled; the
		// plan puts them back and the update runs.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditOutside(t, dss.APIDeploymentSettingsDoc(id, false), func(s *dss.APIDeploymentSettings) {
					no := false
					s.Enabled = &no
					s.SetSingleVersion("v1")
				})
				countUpdates()
			},
			Config:           tagged.hcl(),
			ConfigPlanChecks: acctest.Plans(testAPIDeployment, plancheck.ResourceActionUpdate),
			Check:            resource.ComposeAggregateTestCheckFunc(testAPIDeploymentHolds(t, id, "v2", true, "HEALTHY"), ranUpdates(1)),
		}),
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testAPIDeployment, tagged.hcl(), func() error {
			if _, _, err := dss.APIDeploymentSettingsDoc(id, false).Update(acctest.Ctx(t), c, func(s *dss.APIDeploymentSettings) error {
				no := false
				s.Enabled = &no
				return nil
			}); err != nil {
				return err
			}
			return c.DeleteAPIDeployment(acctest.Ctx(t), id, false)
		}, testAPIDeploymentHolds(t, id, "v2", true, "HEALTHY"))),
		// A new id replaces the enabled deployment: the old one is
		// disabled, then deleted (DSS refuses to delete it enabled).
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           renamed.hcl(),
			ConfigPlanChecks: acctest.Plans(testAPIDeployment, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				testAPIDeploymentHolds(t, id+"-2", "v2", true, "HEALTHY"),
				func(*terraform.State) error {
					if err := c.Get(acctest.Ctx(t), dss.APIDeploymentPath(id), nil, nil); !dss.IsNotFound(err) {
						return fmt.Errorf("the old deployment %s: %w", id, err)
					}
					return nil
				}),
		}),
	})
}

// Destroying an enabled deployment disables it, then deletes it. When the
// DELETE fails after the disable, DSS holds the deployment disabled, and
// the next destroy finishes it without saving the settings again.
func TestAccAPIDeployment_destroyAfterAFailedDelete(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	with := testAPIDeploymentOf(t, "acc_apidel", "v1")
	id := with.id
	without := with
	without.noDeployment = true
	var puts int64
	acctest.Case(t, testAccCheckAPIDeploymentsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: with.hcl(), Check: testAPIDeploymentHolds(t, id, "v1", true, "HEALTHY")}),
		{
			PreConfig:   acctest.SetFaults(t, em, emulator.FaultRule{Method: "DELETE", PathRegex: "/api-deployer/deployments/", Status: 500, Count: 1}),
			Config:      acctest.NoRetries + without.hcl(),
			ExpectError: regexp.MustCompile(`(?s)dataiku_api_deployment "` + id + `"`),
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: acctest.Must(t, func() error {
				if err := acctest.FaultsFired(em); err != nil {
					return err
				}
				puts = em.Server.Stats().ByRoute[apiDeploymentSettingsPuts]
				// The failed destroy left the deployment disabled.
				return testAPIDeploymentHolds(t, id, "v1", false, "OUT_OF_SYNC")(nil)
			}),
			Config:           without.hcl(),
			ConfigPlanChecks: acctest.Plans(testAPIDeployment, plancheck.ResourceActionDestroy),
			Check: func(*terraform.State) error {
				if err := acctest.Client(t).Get(acctest.Ctx(t), dss.APIDeploymentPath(id), nil, nil); !dss.IsNotFound(err) {
					return fmt.Errorf("deployment %s after the second destroy: %w", id, err)
				}
				if n := em.Server.Stats().ByRoute[apiDeploymentSettingsPuts] - puts; n != 0 {
					return fmt.Errorf("the second destroy saved the settings %d times, want 0: the deployment was disabled already", n)
				}
				return nil
			},
		}),
	})
}

// A deployment DSS cannot remove from its API node (the node is down):
// the destroy fails with DSS's words; ignore_pre_delete_errors, set by an
// apply that writes nothing and deploys nothing, lets the next destroy
// delete it.
func TestAccAPIDeployment_ignorePreDeleteErrors(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	with := testAPIDeploymentOf(t, "acc_apipre", "v1")
	id := with.id
	without := with
	without.noDeployment = true
	// The failed destroy disabled the deployment first: the configuration
	// that keeps it says so, and its update deploys that.
	disabled := with
	disabled.enabled = false
	flagged := disabled
	flagged.extra = "ignore_pre_delete_errors = true"
	const deletes = "DELETE /public/api/api-deployer/deployments/{id}"
	// Setting it sends DSS nothing (StateOnlyAttrs): no save, no update.
	flag := acctest.StateOnlyChangeStep(t, em, testAPIDeployment, flagged.hcl(), "ignore_pre_delete_errors")
	flag.Check = resource.ComposeTestCheckFunc(flag.Check, resource.TestCheckResourceAttr(testAPIDeployment, "ignore_pre_delete_errors", "true"))
	acctest.Case(t, testAccCheckAPIDeploymentsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: with.hcl(),
			Check: resource.ComposeTestCheckFunc(testAPIDeploymentHolds(t, id, "v1", true, "HEALTHY"),
				resource.TestCheckResourceAttr(testAPIDeployment, "ignore_pre_delete_errors", "false"))}),
		{
			PreConfig:   acctest.Must(t, func() error { return em.Server.SetPreDeleteError(id, "API node "+nodeA+" cannot be reached") }),
			Config:      without.hcl(),
			ExpectError: regexp.MustCompile(`(?s)dataiku_api_deployment "` + id + `".*cannot be reached`),
		},
		acctest.EmptyPlanAfter(resource.TestStep{Config: disabled.hcl(), Check: testAPIDeploymentHolds(t, id, "v1", false, "HEALTHY")}),
		flag,
		{
			Config: without.hcl(),
			Check: func(*terraform.State) error {
				if err := acctest.Client(t).Get(acctest.Ctx(t), dss.APIDeploymentPath(id), nil, nil); !dss.IsNotFound(err) {
					return fmt.Errorf("deployment %s after the destroy with ignore_pre_delete_errors: %w", id, err)
				}
				if n := em.Server.Stats().ByRoute[deletes]; n != 2 {
					return fmt.Errorf("%d deletes, want 2 (the refused one and the one that ignored the error)", n)
				}
				return nil
			},
		},
	})
}

// DSS's refusals: a version the service does not hold, and a
// non-administrator.
func TestAccAPIDeployment_refused(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	svc := testServiceID("acc_apiref")
	testAPIServiceOutside(t, svc, "v1")
	missing := apiDepCfg{id: svc + "-d", svc: svc, infra: "acc-api-" + svc, version: "v9", enabled: true}
	acctest.Case(t, testAccCheckAPIDeploymentsDestroyed(t), []resource.TestStep{
		{Config: missing.hcl(), ExpectError: regexp.MustCompile(`(?s)dataiku_api_deployment "` + svc + `-d".*Version\s+v9\s+does\s+not\s+exist`)},
	})
	bobs := fmt.Sprintf(`
resource "dataiku_api_deployment" "d" {
  id         = "bobs"
  service_id = %q
  infra_id   = "nowhere"
  version    = "v1"
}
`, svc)
	acctest.RefusedToBob(t, bobs, regexp.MustCompile(`(?s)dataiku_api_deployment "bobs".*administrator\s+of\s+the\s+API\s+Deployer`))
	if err := acctest.Client(t).Get(acctest.Ctx(t), dss.APIDeploymentPath("bobs"), nil, nil); !dss.IsNotFound(err) {
		t.Fatalf("deployment after bob's refusal: %v", err)
	}
}

// A deployment that shares its traffic between several versions (set in
// DSS's screens; dataikuapi writes only a single version) reads with a
// null version: a configuration without one plans no change and leaves
// the mapping as DSS holds it, through a refresh and an import alike.
// Setting version then makes the deployment serve that one alone. A new
// deployment without a version is refused at plan time.
func TestAccAPIDeployment_severalVersions(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	one := testAPIDeploymentOf(t, "acc_apimulti", "v1", "v2")
	id := one.id
	unset := strings.Replace(one.hcl(), `version    = "v1"`, "", 1)
	if unset == one.hcl() {
		t.Fatal("the configuration without a version still has one")
	}
	split := map[string]any{"mode": "MULTI_GENERATION", "strategy": "RANDOM", "entries": []any{
		map[string]any{"generation": "v1", "proba": 0.5}, map[string]any{"generation": "v2", "proba": 0.5}}}
	splitInDSS := func(*terraform.State) error {
		raw := acctest.RawDoc(t, dss.APIDeploymentSettingsDoc(id, false).Path())
		if m, _ := raw["generationsMapping"].(map[string]any); m["mode"] != "MULTI_GENERATION" || len(m["entries"].([]any)) != 2 {
			return fmt.Errorf("DSS holds the mapping %v, want the two versions sharing the traffic", raw["generationsMapping"])
		}
		return nil
	}
	acctest.Case(t, testAccCheckAPIDeploymentsDestroyed(t), []resource.TestStep{
		{
			Config:      strings.Replace(unset, `id         = "`+id+`"`, `id         = "`+id+`-new"`, 1),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)A new API deployment needs a version.*set\s+version`),
		},
		acctest.EmptyPlanAfter(resource.TestStep{Config: one.hcl(), Check: testAPIDeploymentHolds(t, id, "v1", true, "HEALTHY")}),
		{
			PreConfig: func() {
				acctest.EditRawDoc(t, dss.APIDeploymentSettingsDoc(id, false).Path(), func(s map[string]any) { s["generationsMapping"] = split })
				// Deployed as DSS's screens do it, so that the deployment
				// is healthy, not out of sync.
				acctest.MustDo(t, acctest.Client(t).UpdateAPIDeployment(acctest.Ctx(t), id))
			},
			Config:            unset,
			ConfigPlanChecks:  acctest.Plans(testAPIDeployment, plancheck.ResourceActionNoop),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(testAPIDeployment, tfjsonpath.New("version"), knownvalue.Null())},
			Check:             splitInDSS,
		},
		acctest.ImportVerifyStep(testAPIDeployment, nil, "settings", "timeouts"),
		acctest.ImportIdentityStep(t, testAPIDeployment, "settings", "timeouts"),
		{Config: unset, ConfigPlanChecks: acctest.Plans(testAPIDeployment, plancheck.ResourceActionNoop), Check: splitInDSS},
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           strings.Replace(one.hcl(), `version    = "v1"`, `version    = "v2"`, 1),
			ConfigPlanChecks: acctest.Plans(testAPIDeployment, plancheck.ResourceActionUpdate),
			Check:            testAPIDeploymentHolds(t, id, "v2", true, "HEALTHY"),
		}),
	})
}

// A refresh costs what the documentation says: 2 API calls, the settings
// and the status (plus the infrastructure's 1).
func TestAccAPIDeployment_refreshCost(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	cfg := testAPIDeploymentOf(t, "acc_apicost", "v1")
	acctest.Case(t, testAccCheckAPIDeploymentsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: cfg.hcl()}),
		acctest.RefreshCostStep(t, em, "2 API calls (the settings and the status), and the infrastructure's 1", map[string]int64{
			"GET /public/api/api-deployer/deployments/{id}/settings": 1,
			"GET /public/api/api-deployer/deployments/{id}/status":   1,
			"GET /public/api/api-deployer/infras/{id}/settings":      1,
		}),
	})
}

// The data source reads what the resource deployed: the service,
// infrastructure and version, the health DSS reports, and the service's
// URLs on the infrastructure's two API nodes, in the infrastructure's
// order.
func TestAccAPIDeployment_dataSource(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	svc := testServiceID("acc_apids")
	testAPIServiceOutside(t, svc, "v1", "v2")
	cfg := apiDepCfg{id: svc + "-d", svc: svc, infra: "acc-api-" + svc, version: "v2", enabled: true, nodes: []string{nodeB, nodeA}}
	const ds = "data.dataiku_api_deployment.d"
	acctest.Case(t, testAccCheckAPIDeploymentsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg.hcl() + "\ndata \"dataiku_api_deployment\" \"d\" {\n  id = dataiku_api_deployment.d.id\n}\n",
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(ds, "service_id", svc),
				resource.TestCheckResourceAttr(ds, "infra_id", cfg.infra),
				resource.TestCheckResourceAttr(ds, "version", "v2"),
				resource.TestCheckResourceAttr(ds, "enabled", "true"),
				resource.TestCheckResourceAttr(ds, "health", "HEALTHY"),
				resource.TestCheckResourceAttr(ds, "health_messages.#", "0"),
				resource.TestCheckResourceAttr(ds, "service_urls.#", "2"),
				resource.TestCheckResourceAttr(ds, "service_urls.0", nodeB+"/public/api/v1/"+svc),
				testServiceURLsAreTheNodes(t, ds, cfg.infra, svc)),
		}),
		{
			Config:      "data \"dataiku_api_deployment\" \"d\" {\n  id = \"no-such-deployment\"\n}\n",
			ExpectError: regexp.MustCompile(`(?s)Cannot read data.dataiku_api_deployment "no-such-deployment".*does\s+not\s+exist`),
		},
	})
}

// testServiceURLsAreTheNodes checks the data source's service_urls
// against the infrastructure's API nodes as DSS holds them, read through
// the client: each node's URL, in DSS's order, then /public/api/v1/ and
// the service's id.
func testServiceURLsAreTheNodes(t *testing.T, ds, infra, svc string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		set, err := dss.APIInfraSettingsDoc(infra).Get(acctest.Ctx(t), acctest.Client(t))
		if err != nil {
			return err
		}
		var want []resource.TestCheckFunc
		for i, n := range set.Nodes() {
			want = append(want, resource.TestCheckResourceAttr(ds, fmt.Sprintf("service_urls.%d", i), n.URL+"/public/api/v1/"+svc))
		}
		want = append(want, resource.TestCheckResourceAttr(ds, "service_urls.#", strconv.Itoa(len(set.Nodes()))))
		return resource.ComposeAggregateTestCheckFunc(want...)(s)
	}
}

// A failed update (the infrastructure lost its API nodes outside
// Terraform) fails the apply; DSS and the state keep the new version with
// a health that makes the next plan run the update again, which deploys
// once the node is back.
func TestAccAPIDeployment_failedUpdate(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	svc := testServiceID("acc_apifail")
	testAPIServiceOutside(t, svc, "v1", "v2")
	infra := "acc-api-" + svc
	c := acctest.Client(t)
	acctest.MustDo(t, c.CreateAPIInfra(acctest.Ctx(t), dss.APIInfraCreate{ID: infra, Stage: "Production", Type: "STATIC"}))
	t.Cleanup(func() { _ = c.Delete(acctest.Ctx(t), dss.APIInfraPath(infra), nil, nil) })
	setNodes := func(nodes ...dss.APINode) func() error {
		return func() error {
			_, _, err := dss.APIInfraSettingsDoc(infra).Update(acctest.Ctx(t), c, func(s *dss.APIInfraSettings) error {
				s.SetNodes(nodes)
				return nil
			})
			return err
		}
	}
	acctest.MustDo(t, setNodes(dss.APINode{URL: nodeA, AdminAPIKey: "node-key"})())
	cfg := func(version string) string {
		return fmt.Sprintf(`
resource "dataiku_api_deployment" "d" {
  id         = "%[1]s-d"
  service_id = %[1]q
  infra_id   = %[2]q
  version    = %[3]q
}
`, svc, infra, version)
	}
	id := svc + "-d"
	acctest.Case(t, testAccCheckAPIDeploymentsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: cfg("v1"), Check: testAPIDeploymentHolds(t, id, "v1", true, "HEALTHY")}),
		{
			PreConfig:   acctest.Must(t, setNodes()),
			Config:      cfg("v2"),
			ExpectError: regexp.MustCompile(`(?s)dataiku_api_deployment "` + id + `".*update\s+of\s+deployment.*failed.*no\s+API\s+node`),
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: acctest.Must(t, func() error {
				if err := testAPIDeploymentHolds(t, id, "v2", true, "ERROR")(nil); err != nil {
					return err
				}
				return setNodes(dss.APINode{URL: nodeA, AdminAPIKey: "node-key"})()
			}),
			Config:           cfg("v2"),
			ConfigPlanChecks: acctest.Plans(testAPIDeployment, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testAPIDeployment, "health", "HEALTHY"),
				testAPIDeploymentHolds(t, id, "v2", true, "HEALTHY")),
		}),
	})
}

// Only a health an update can fix plans one: WARNING, UNHEALTHY and
// UNKNOWN (set through the emulator, as DSS reports them for what it
// deploys or cannot reach) plan nothing and stay visible in health;
// OUT_OF_SYNC and ERROR plan an update that runs DSS's update.
func TestAccAPIDeployment_healthReplan(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	dep := testAPIDeploymentOf(t, "acc_apihealth", "v1")
	id, cfg := dep.id, dep.hcl()
	var updates int64
	setHealth := func(health string) func() {
		return acctest.Must(t, func() error {
			updates = updatesOf(em)
			return em.Server.SetDeploymentHealth(id, health)
		})
	}
	ranUpdates := func(n int64) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := updatesOf(em) - updates; got != n {
				return fmt.Errorf("%d updates of the deployment ran, want %d", got, n)
			}
			return nil
		}
	}
	steps := []resource.TestStep{acctest.EmptyPlanAfter(resource.TestStep{Config: cfg, Check: testAPIDeploymentHolds(t, id, "v1", true, "HEALTHY")})}
	for _, health := range []string{"WARNING", "UNHEALTHY", "UNKNOWN"} {
		steps = append(steps, acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        setHealth(health),
			Config:           cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testAPIDeployment, "health", health),
				testAPIDeploymentHolds(t, id, "v1", true, health),
				ranUpdates(0)),
		}))
	}
	for _, health := range []string{"OUT_OF_SYNC", "ERROR"} {
		steps = append(steps, acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        setHealth(health),
			Config:           cfg,
			ConfigPlanChecks: acctest.Plans(testAPIDeployment, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testAPIDeployment, "health", "HEALTHY"),
				testAPIDeploymentHolds(t, id, "v1", true, "HEALTHY"),
				ranUpdates(1)),
		}))
	}
	acctest.Case(t, testAccCheckAPIDeploymentsDestroyed(t), steps)
}
