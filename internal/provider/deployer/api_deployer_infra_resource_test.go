package deployer_test

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
)

const testAPIInfra = "dataiku_api_deployer_infra.i"

// apiNode is a node of a test configuration: its URL, graphite prefix
// ("" leaves it unset) and the key api_node_keys_wo gives it ("": none).
type apiNode struct{ url, prefix, key string }

type apiInfraCfg struct {
	id, stage, typ, policy, settings string
	nodes                            []apiNode
	version                          int
}

func (c apiInfraCfg) hcl() string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"dataiku_api_deployer_infra\" \"i\" {\n  id    = %q\n  stage = %q\n  type  = %q\n  govern_check_policy = %q\n", c.id, c.stage, c.typ, c.policy)
	fmt.Fprintf(&b, "  permissions = jsonencode([{ group = %q, read = true, deploy = true, admin = false }])\n  settings = %s\n", acctest.AliceGroup, c.settings)
	if c.nodes != nil {
		var nodes, keys []string
		for _, n := range c.nodes {
			if n.prefix == "" {
				nodes = append(nodes, fmt.Sprintf("{ url = %q }", n.url))
			} else {
				nodes = append(nodes, fmt.Sprintf("{ url = %q, graphite_prefix = %q }", n.url, n.prefix))
			}
			if n.key != "" {
				keys = append(keys, fmt.Sprintf("%q = %q", n.url, n.key))
			}
		}
		fmt.Fprintf(&b, "  api_nodes = [%s]\n  api_node_keys_wo = { %s }\n  api_node_keys_wo_version = %d\n", strings.Join(nodes, ", "), strings.Join(keys, ", "), c.version)
	}
	return b.String() + "}\n"
}

// heldNode is a node as DSS must hold it: its URL, prefix and key.
type heldNode struct{ url, prefix, key string }

// testAPIInfraHolds checks the infrastructure's settings in DSS, read
// raw through the client: its type, policy, carbon URL (a setting) and
// nodes with their admin keys.
func testAPIInfraHolds(t *testing.T, id, typ, policy, carbon string, nodes ...heldNode) resource.TestCheckFunc {
	return func(*terraform.State) error {
		s, err := dss.APIInfraSettingsDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
		if err != nil {
			return err
		}
		gotCarbon := string(s.Extra["carbonAPISettings"])
		if s.Type != typ || s.GovernCheckPolicy != policy || (carbon != "" && !strings.Contains(gotCarbon, carbon)) {
			return fmt.Errorf("infra %s: type %q policy %q carbon %s; want %q %q %q", id, s.Type, s.GovernCheckPolicy, gotCarbon, typ, policy, carbon)
		}
		var got []heldNode
		for _, n := range s.Nodes() {
			p := ""
			if n.GraphitePrefix != nil {
				p = *n.GraphitePrefix
			}
			got = append(got, heldNode{n.URL, p, n.AdminAPIKey})
		}
		if fmt.Sprint(got) != fmt.Sprint(nodes) {
			return fmt.Errorf("infra %s nodes %v, want %v", id, got, nodes)
		}
		return nil
	}
}

func testAccCheckAPIInfrasDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_api_deployer_infra", func(st *terraform.InstanceState) string { return dss.APIInfraPath(st.ID) })
}

const (
	nodeA = "http://api-a.example.com:12000"
	nodeB = "https://api-b.example.com"
	nodeC = "http://api-c.example.com:12000"
)

// A STATIC infrastructure's life: its nodes' keys are sent at creation,
// for a node added, and on a version bump; otherwise each node keeps the
// key DSS holds for its URL, even one changed outside Terraform.
func TestAccAPIDeployerInfra_static(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	id := "acc-api-" + acctest.ProjectKey("S")
	carbon := `{ carbonAPISettings = { carbonAPIURL = "http://carbon.example.com" } }`
	base := apiInfraCfg{id: id, stage: "Production", typ: "STATIC", policy: "NO_CHECK", settings: carbon, version: 1,
		nodes: []apiNode{{nodeA, "prod.a", "key-a1"}, {nodeB, "", "key-b1"}}}
	// Keys changed in the configuration, version unchanged: none sent.
	edited := base
	edited.policy, edited.nodes = "WARN", []apiNode{{nodeA, "prod.a", "key-a2"}, {nodeB, "prod.b", "key-b2"}}
	// A node added (its key sent without a version bump), one removed.
	added := edited
	added.nodes = []apiNode{{nodeA, "prod.a", "key-a2"}, {nodeC, "", "key-c1"}}
	rotated := added
	rotated.version, rotated.nodes = 2, []apiNode{{nodeA, "prod.a", "key-a3"}, {nodeC, "", "key-c3"}}
	restaged := rotated
	restaged.stage = "Test"
	final := []heldNode{{nodeA, "prod.a", "key-a3"}, {nodeC, "", "key-c3"}}
	c := acctest.Client(t)
	acctest.Case(t, testAccCheckAPIInfrasDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: base.hcl(),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testAPIInfra, "id", id),
				resource.TestCheckResourceAttr(testAPIInfra, "api_nodes.1.graphite_prefix", ""),
				resource.TestCheckNoResourceAttr(testAPIInfra, "api_node_keys_wo.%"),
				testAPIInfraHolds(t, id, "STATIC", "NO_CHECK", "carbon.example.com", heldNode{nodeA, "prod.a", "key-a1"}, heldNode{nodeB, "", "key-b1"})),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           edited.hcl(),
			ConfigPlanChecks: acctest.Plans(testAPIInfra, plancheck.ResourceActionUpdate),
			Check:            testAPIInfraHolds(t, id, "STATIC", "WARN", "", heldNode{nodeA, "prod.a", "key-a1"}, heldNode{nodeB, "prod.b", "key-b1"}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           added.hcl(),
			ConfigPlanChecks: acctest.Plans(testAPIInfra, plancheck.ResourceActionUpdate),
			Check:            testAPIInfraHolds(t, id, "STATIC", "WARN", "", heldNode{nodeA, "prod.a", "key-a1"}, heldNode{nodeC, "", "key-c1"}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           rotated.hcl(),
			ConfigPlanChecks: acctest.Plans(testAPIInfra, plancheck.ResourceActionUpdate),
			Check:            testAPIInfraHolds(t, id, "STATIC", "WARN", "", final...),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           restaged.hcl(),
			ConfigPlanChecks: acctest.Plans(testAPIInfra, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testAPIInfra, "stage", "Test"),
				testAPIInfraHolds(t, id, "STATIC", "WARN", "carbon.example.com", final...)),
		}),
		acctest.ImportVerifyStep(testAPIInfra, nil, "api_node_keys_wo_version", "settings"),
		acctest.ImportIdentityStep(t, testAPIInfra, "api_node_keys_wo_version", "settings"),
		// Changed outside Terraform: the plan puts back the policy, a
		// node's prefix and the managed setting; the key DSS holds is not
		// Terraform's to see, so the one changed there stays.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditOutside(t, dss.APIInfraSettingsDoc(id), func(s *dss.APIInfraSettings) {
					s.GovernCheckPolicy = "PREVENT"
					nodes := s.Nodes()
					other := "elsewhere"
					nodes[0].GraphitePrefix, nodes[0].AdminAPIKey = &other, "key-outside"
					s.Extra["carbonAPISettings"] = []byte(`{"carbonAPIURL":"http://other"}`)
				})
			},
			Config:           restaged.hcl(),
			ConfigPlanChecks: acctest.Plans(testAPIInfra, plancheck.ResourceActionUpdate),
			Check:            testAPIInfraHolds(t, id, "STATIC", "WARN", "carbon.example.com", heldNode{nodeA, "prod.a", "key-outside"}, final[1]),
		}),
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testAPIInfra, restaged.hcl(),
			func() error { return c.Delete(acctest.Ctx(t), dss.APIInfraPath(id), nil, nil) },
			testAPIInfraHolds(t, id, "STATIC", "WARN", "carbon.example.com", final...))),
	})
}

// A Kubernetes infrastructure: its settings are a free object, it has no
// API nodes, and a type the provider does not know (a newer DSS's) is
// passed to DSS; changing the type replaces the infrastructure.
func TestAccAPIDeployerInfra_k8sAndOpenType(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	id := "acc-api-" + acctest.ProjectKey("K")
	k8s := apiInfraCfg{id: id, stage: "Test", typ: "K8S", policy: "PREVENT", settings: `{ k8sContext = "test-cluster", registryHost = "registry.example.com" }`}
	newer := k8s
	newer.typ = "DATABRICKS"
	acctest.Case(t, testAccCheckAPIInfrasDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: k8s.hcl(),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckNoResourceAttr(testAPIInfra, "api_nodes"),
				testAPIInfraHolds(t, id, "K8S", "PREVENT", ""),
				func(*terraform.State) error {
					s, err := dss.APIInfraSettingsDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
					if err != nil {
						return err
					}
					if string(s.Extra["k8sContext"]) != `"test-cluster"` || string(s.Extra["registryHost"]) != `"registry.example.com"` || s.APINodes != nil {
						return fmt.Errorf("K8S settings in DSS: %s %s nodes %v", s.Extra["k8sContext"], s.Extra["registryHost"], s.APINodes)
					}
					return nil
				}),
		}),
		acctest.ImportVerifyStep(testAPIInfra, nil, "settings"),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           newer.hcl(),
			ConfigPlanChecks: acctest.Plans(testAPIInfra, plancheck.ResourceActionDestroyBeforeCreate),
			Check:            testAPIInfraHolds(t, id, "DATABRICKS", "PREVENT", ""),
		}),
	})
}

func TestAccAPIDeployerInfra_badInputAndNonAdmin(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	nodesOnK8S := apiInfraCfg{id: "x", stage: "Production", typ: "K8S", policy: "NO_CHECK", settings: `{}`, version: 1, nodes: []apiNode{{nodeA, "", "k"}}}
	caseVariant := apiInfraCfg{id: "x", stage: "Production", typ: "Static", policy: "NO_CHECK", settings: `{}`}
	// A key for nodeB, which is not a node.
	strayCfg := fmt.Sprintf(`
resource "dataiku_api_deployer_infra" "i" {
  id                       = "x"
  stage                    = "Production"
  type                     = "STATIC"
  api_nodes                = [{ url = %q }]
  api_node_keys_wo         = { %q = "k", %q = "secret-of-b" }
  api_node_keys_wo_version = 1
}
`, nodeA, nodeA, nodeB)
	reserved := apiInfraCfg{id: "x", stage: "Production", typ: "STATIC", policy: "NO_CHECK", settings: `{ apiNodes = [] }`}
	refused := apiInfraCfg{id: "acc-api-" + acctest.ProjectKey("N"), stage: "Production", typ: "NO_SUCH_TYPE", policy: "NO_CHECK", settings: `{}`}
	acctest.Case(t, nil, []resource.TestStep{
		{Config: nodesOnK8S.hcl(), ExpectError: regexp.MustCompile(`(?s)api_nodes\s+applies\s+to\s+STATIC\s+infrastructures\s+only;.*"K8S"`)},
		{Config: caseVariant.hcl(), ExpectError: regexp.MustCompile(`(?s)DSS\s+spells\s+this\s+infrastructure\s+type\s+"STATIC",\s+not\s+"Static"`)},
		{Config: strayCfg, ExpectError: regexp.MustCompile(`(?s)api_node_keys_wo\s+has\s+a\s+key\s+for\s+"` + regexp.QuoteMeta(nodeB) + `",\s+which\s+is\s+not`)},
		{Config: reserved.hcl(), ExpectError: regexp.MustCompile(`(?s)settings\s+must\s+not\s+contain\s+"apiNodes"`)},
		// A type no DSS knows passes the plan: DSS refuses it.
		{Config: refused.hcl(), ExpectError: regexp.MustCompile(`(?s)Invalid\s+infrastructure\s+type\s+"NO_SUCH_TYPE"`)},
	})
	ok := apiInfraCfg{id: "bobs", stage: "Production", typ: "STATIC", policy: "NO_CHECK", settings: `{}`, version: 1, nodes: []apiNode{{nodeA, "", "k"}}}
	acctest.RefusedToBob(t, ok.hcl(), regexp.MustCompile(`(?s)dataiku_api_deployer_infra "bobs".*administrator\s+of\s+the\s+API\s+Deployer`))
	if err := acctest.Client(t).Get(acctest.Ctx(t), dss.APIInfraPath("bobs"), nil, nil); !dss.IsNotFound(err) {
		t.Fatalf("infra after bob's refusal: %v", err)
	}
}

// A refresh costs what the documentation says: 1 API call, the settings.
func TestAccAPIDeployerInfra_refreshCost(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	cfg := apiInfraCfg{id: "acc-api-" + acctest.ProjectKey("R"), stage: "Development", typ: "STATIC", policy: "NO_CHECK", settings: `{}`, version: 1,
		nodes: []apiNode{{nodeA, "", "key-a"}}}
	acctest.Case(t, testAccCheckAPIInfrasDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: cfg.hcl()}),
		acctest.RefreshCostStep(t, em, "1 API call (the settings)", map[string]int64{"GET /public/api/api-deployer/infras/{id}/settings": 1}),
	})
}
