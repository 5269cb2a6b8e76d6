package deployer_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const (
	testDeployment    = "dataiku_project_deployment.d"
	testAutomationKey = "acc-automation-admin-key-3c4d"
)

// testAutomationNode starts an emulator playing an automation node, with
// DSS's default connections and pg_prod (not the design node's
// pg_warehouse), and returns it with an admin client of it.
func testAutomationNode(t *testing.T) (*emulator.Running, *dss.Client) {
	t.Helper()
	acctest.RequireEmulator(t)
	rn, err := emulator.Start(emulator.Options{AdminKey: testAutomationKey, NodeType: emulator.NodeAutomation,
		Connections: append(append([]emulator.Connection{}, emulator.DefaultConnections...), emulator.Connection{Name: "pg_prod", Type: "PostgreSQL", AllowManaged: true})})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rn.Close)
	c, err := dss.NewClient(dss.Config{Host: rn.URL(), APIKey: testAutomationKey})
	if err != nil {
		t.Fatal(err)
	}
	return rn, c
}

// testDesignDataset creates a dataset on pg_warehouse in the design
// project, as made outside Terraform.
func testDesignDataset(t *testing.T, c *dss.Client, key, name string) {
	t.Helper()
	err := c.CreateDataset(acctest.Ctx(t), dss.DatasetPrototype{ProjectKey: key, Name: name, Type: "PostgreSQL",
		Params: dss.Object{"connection": acctest.PGConnection, "table": name}})
	if err != nil {
		t.Fatal(err)
	}
}

type deployCfg struct {
	key, bundle, autoURL, remap, vars string
	keyVersion                        int
	enabled                           bool
}

func (d deployCfg) hcl() string {
	return fmt.Sprintf(`
resource "dataiku_project_bundle" "b" {
  project_key = %[1]q
  bundle_id   = %[2]q
  publish     = true
}

resource "dataiku_project_deployer_infra" "prod" {
  id                  = "prod-%[1]s"
  stage               = "Production"
  automation_node_url = %[3]q
  api_key_wo          = %[4]q
  api_key_wo_version  = %[5]d
}

resource "dataiku_project_deployment" "d" {
  deployment_id         = "%[1]s-on-prod"
  published_project_key = %[1]q
  infra_id              = dataiku_project_deployer_infra.prod.id
  bundle_id             = dataiku_project_bundle.b.bundle_id
  deployed_project_key  = "%[1]s_PROD"
  enabled               = %[8]t
  %[6]s
  %[7]s
}
`, d.key, d.bundle, d.autoURL, testAutomationKey, d.keyVersion, d.remap, d.vars, d.enabled)
}

// testDeployedHolds checks the automation node's project: the datasets it
// holds (each on pg_prod) and its local variable env.
func testDeployedHolds(t *testing.T, auto *dss.Client, key string, env string, datasets ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, n := range datasets {
			var d struct {
				Params map[string]any `json:"params"`
			}
			if err := auto.Get(acctest.Ctx(t), dss.Path("projects", key, "datasets", n), nil, &d); err != nil {
				return fmt.Errorf("automation node, dataset %s.%s: %w", key, n, err)
			}
			if d.Params["connection"] != "pg_prod" {
				return fmt.Errorf("automation node, dataset %s.%s on %v, want pg_prod", key, n, d.Params["connection"])
			}
		}
		var vars struct {
			Local map[string]any `json:"local"`
		}
		if err := auto.Get(acctest.Ctx(t), dss.Path("projects", key, "variables"), nil, &vars); err != nil {
			return err
		}
		if vars.Local["env"] != env {
			return fmt.Errorf("automation node, %s's local variables %v, want env=%s", key, vars.Local, env)
		}
		return nil
	}
}

func testDeploymentHealth(t *testing.T, id, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		st, err := acctest.Client(t).GetDeploymentStatus(acctest.Ctx(t), id)
		if err != nil {
			return err
		}
		if st.Health != want {
			return fmt.Errorf("deployment %s health %s, want %s", id, st.Health, want)
		}
		return nil
	}
}

func testAccCheckDeploymentsDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_project_deployment", func(st *terraform.InstanceState) string { return dss.DeploymentPath(st.ID) })
}

func TestAccProjectDeployment_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	autoNode, auto := testAutomationNode(t)
	key := acctest.ProjectKey("ACC_DEP")
	dep := key + "-on-prod"
	c := acctest.ProjectOutside(t, key, "Deployed")
	testDesignDataset(t, c, key, "orders")
	remap := `connection_remappings = { pg_warehouse = "pg_prod" }`
	noRemap := deployCfg{key: key, bundle: "v1", autoURL: autoNode.URL(), keyVersion: 1, enabled: true, vars: `variable_overrides = jsonencode({ env = "prod" })`}
	v1 := noRemap
	v1.remap = remap
	v2 := v1
	v2.bundle = "v2"
	v2gold := v2
	v2gold.vars = `variable_overrides = jsonencode({ env = "gold" })`
	rotated := v2gold
	rotated.keyVersion = 2
	acctest.Case(t, testAccCheckDeploymentsDestroyed(t), []resource.TestStep{
		// pg_warehouse does not exist on the automation node: the update
		// fails with the activation's message, quoted with the address, and
		// says what a failed creation leaves (tainted, replaced next).
		{
			Config: noRemap.hcl(),
			ExpectError: regexp.MustCompile(`(?s)dataiku_project_deployment "` + dep + `".*update of deployment.*failed.*pg_warehouse.*does\s+not\s+exist\s+on\s+this\s+node` +
				`.*creation\s+failed\s+as\s+tainted:\s+the\s+next\s+apply\s+deletes\s+it`),
		},
		// With the remapping, the next apply deploys (the failed deployment
		// was left tainted: it is replaced).
		acctest.EmptyPlanAfter(resource.TestStep{
			// (An ExpectError step runs no checks: the failed update's
			// traces are checked here, before the apply.)
			PreConfig:        func() { acctest.Must(t, func() error { return testDeploymentHealth(t, dep, "ERROR")(nil) })() },
			Config:           v1.hcl(),
			ConfigPlanChecks: acctest.Plans(testDeployment, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testDeployment, "health", "HEALTHY"),
				resource.TestCheckResourceAttr(testDeployment, "deployed_bundle_id", "v1"),
				resource.TestCheckResourceAttr(testDeployment, "deployed_project_key", key+"_PROD"),
				testDeploymentHealth(t, dep, "HEALTHY"),
				testDeployedHolds(t, auto, key+"_PROD", "prod", "orders")),
		}),
		// A new bundle of a changed project: deployed in place.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        func() { testDesignDataset(t, c, key, "returns") },
			Config:           v2.hcl(),
			ConfigPlanChecks: acctest.Plans(testDeployment, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testDeployment, "deployed_bundle_id", "v2"),
				testDeployedHolds(t, auto, key+"_PROD", "prod", "orders", "returns")),
		}),
		// The automation node refuses the infrastructure's key (changed
		// outside Terraform): the update fails, the new settings stay.
		{
			PreConfig: func() {
				acctest.EditOutside(t, dss.InfraSettingsDoc("prod-"+key), func(s *dss.InfraSettings) { s.AdminAPIKey = "not-the-key" })
			},
			Config:      v2gold.hcl(),
			ExpectError: regexp.MustCompile(`(?s)dataiku_project_deployment "` + dep + `".*HTTP\s+401`),
		},
		// The next plan runs the update again; with the key sent again
		// (a new version), it deploys.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: acctest.Must(t, func() error {
				s, err := dss.DeploymentSettingsDoc(dep).Get(acctest.Ctx(t), acctest.Client(t))
				if err != nil {
					return err
				}
				if s.LocalVariables["env"] != "gold" {
					return fmt.Errorf("DSS's settings after the failed update: %v", s.LocalVariables)
				}
				return testDeploymentHealth(t, dep, "ERROR")(nil)
			}),
			Config:           rotated.hcl(),
			ConfigPlanChecks: acctest.Plans(testDeployment, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testDeployment, "health", "HEALTHY"),
				testDeployedHolds(t, auto, key+"_PROD", "gold", "orders", "returns")),
		}),
		acctest.ImportVerifyStep(testDeployment, nil, "timeouts"),
		acctest.ImportIdentityStep(t, testDeployment, "timeouts"),
		// Changed outside Terraform: disabled and its variables changed.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditOutside(t, dss.DeploymentSettingsDoc(dep), func(s *dss.DeploymentSettings) {
					off := false
					s.Enabled = &off
					s.LocalVariables = dss.Object{"env": "tampered"}
				})
			},
			Config:           rotated.hcl(),
			ConfigPlanChecks: acctest.Plans(testDeployment, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				testDeploymentHealth(t, dep, "HEALTHY"),
				testDeployedHolds(t, auto, key+"_PROD", "gold", "orders", "returns")),
		}),
		// Deleted outside Terraform (disabled, updated, deleted): created
		// and deployed again.
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testDeployment, rotated.hcl(), func() error {
			if _, _, err := dss.DeploymentSettingsDoc(dep).Update(acctest.Ctx(t), c, func(s *dss.DeploymentSettings) error {
				off := false
				s.Enabled = &off
				return nil
			}); err != nil {
				return err
			}
			if err := c.UpdateDeployment(acctest.Ctx(t), dep); err != nil {
				return err
			}
			return c.Delete(acctest.Ctx(t), dss.DeploymentPath(dep), nil, nil)
		}, testDeploymentHealth(t, dep, "HEALTHY"))),
		// Disabled in place; the destroy at the end then deletes it.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: func() string { off := rotated; off.enabled = false; return off.hcl() }(),
			Check:  resource.TestCheckResourceAttr(testDeployment, "enabled", "false"),
		}),
	})
}

func TestAccProjectDeployment_badInputAndNonAdmin(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_DEPBOB")
	bad := fmt.Sprintf(`
resource "dataiku_project_deployment" "d" {
  deployment_id         = "d"
  published_project_key = %q
  infra_id              = "prod"
  bundle_id             = "v1"
  connection_remappings = { pg_warehouse = "" }
}
`, key)
	acctest.Case(t, nil, []resource.TestStep{{Config: bad, ExpectError: regexp.MustCompile(`(?s)connection_remappings.*string\s+length\s+must\s+be\s+at\s+least\s+1`)}})
	ok := regexp.MustCompile(`= ""`).ReplaceAllString(bad, `= "pg_prod"`)
	acctest.RefusedToBob(t, ok, regexp.MustCompile(`(?s)dataiku_project_deployment "d".*administrator\s+of\s+the\s+Project\s+Deployer`))
}
