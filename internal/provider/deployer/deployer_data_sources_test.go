package deployer_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The three data sources read what the client set up: a project with two
// bundles (one published), an infrastructure on an automation node, and a
// deployment of the published bundle, updated once.
// testDeployedOutside sets up through the admin client a project with two
// bundles (b2 published), an infrastructure on a new automation node, and
// a deployment of b2, updated once; it cleans them up when the test ends.
// It returns the project key, the deployment id and the automation node's
// admin client.
func testDeployedOutside(t *testing.T, prefix string) (key, dep string, auto *dss.Client) {
	t.Helper()
	autoNode, autoClient := testAutomationNode(t)
	auto = autoClient
	key = acctest.ProjectKey(prefix)
	dep = key + "-ds"
	c := acctest.ProjectOutside(t, key, "Read back")
	testCleanupPublished(t, key)
	ctx := acctest.Ctx(t)
	for _, step := range []func() error{
		func() error { return c.ExportBundle(ctx, key, "b1", "") },
		func() error { return c.ExportBundle(ctx, key, "b2", "") },
		func() error { return c.PublishBundle(ctx, key, "b2", "") },
		func() error { return c.CreateInfra(ctx, "ds-"+key, "Test", "") },
		func() error {
			_, _, err := dss.InfraSettingsDoc("ds-"+key).Update(ctx, c, func(s *dss.InfraSettings) error {
				s.AutomationNodeURL, s.AdminAPIKey = autoNode.URL(), testAutomationKey
				return nil
			})
			return err
		},
		func() error {
			return c.CreateDeployment(ctx, dss.DeploymentCreate{DeploymentID: dep, PublishedProjectKey: key, InfraID: "ds-" + key, BundleID: "b2"})
		},
		func() error { return c.UpdateDeployment(ctx, dep) },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		_, _, err := dss.DeploymentSettingsDoc(dep).Update(acctest.Ctx(t), c, func(s *dss.DeploymentSettings) error {
			off := false
			s.Enabled = &off
			return nil
		})
		if err == nil {
			err = c.UpdateDeployment(acctest.Ctx(t), dep)
		}
		if err == nil {
			err = c.Delete(acctest.Ctx(t), dss.DeploymentPath(dep), nil, nil)
		}
		if err == nil {
			err = c.Delete(acctest.Ctx(t), dss.InfraPath("ds-"+key), nil, nil)
		}
		if err != nil {
			t.Errorf("cleaning up the deployment: %v", err)
		}
	})
	if _, err := auto.ListImportedBundles(ctx, key); err != nil {
		t.Fatalf("the automation node does not hold the deployed project: %v", err)
	}
	return key, dep, auto
}

func TestAccDeployerDataSources(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	key, dep, _ := testDeployedOutside(t, "ACC_DEPDS")
	cfg := fmt.Sprintf(`
data "dataiku_project_deployer_stages" "all" {}

data "dataiku_project_bundles" "b" {
  project_key = %q
}

data "dataiku_project_deployment" "d" {
  deployment_id = %q
}
`, key, dep)
	acctest.Case(t, nil, []resource.TestStep{{
		Config: cfg,
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr("data.dataiku_project_deployer_stages.all", "stages.#", "3"),
			resource.TestCheckResourceAttr("data.dataiku_project_deployer_stages.all", "stages.2.id", "Production"),
			resource.TestCheckResourceAttr("data.dataiku_project_bundles.b", "bundles.#", "2"),
			resource.TestCheckResourceAttr("data.dataiku_project_bundles.b", "bundles.0.bundle_id", "b1"),
			resource.TestCheckNoResourceAttr("data.dataiku_project_bundles.b", "bundles.0.published_project_key"),
			resource.TestCheckResourceAttr("data.dataiku_project_bundles.b", "bundles.1.published_project_key", key),
			resource.TestCheckResourceAttr("data.dataiku_project_deployment.d", "infra_id", "ds-"+key),
			resource.TestCheckResourceAttr("data.dataiku_project_deployment.d", "deployed_project_key", key),
			resource.TestCheckResourceAttr("data.dataiku_project_deployment.d", "health", "HEALTHY"),
			resource.TestCheckResourceAttr("data.dataiku_project_deployment.d", "deployed_bundle_id", "b2"),
			resource.TestCheckResourceAttr("data.dataiku_project_deployment.d", "enabled", "true")),
	}})
}

// The API Deployer's stages are its own: changing the Project Deployer's
// does not change what dataiku_api_deployer_stages reads.
func TestAccAPIDeployerStagesDataSource(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	if err := acctest.Emulator(t).Server.SetDeployerStages([]string{"OnlyProjects"}); err != nil {
		t.Fatal(err)
	}
	const ds = "data.dataiku_api_deployer_stages.all"
	acctest.Case(t, nil, []resource.TestStep{{
		Config: `data "dataiku_api_deployer_stages" "all" {}`,
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(ds, "id", "stages"),
			resource.TestCheckResourceAttr(ds, "stages.#", "3"),
			resource.TestCheckResourceAttr(ds, "stages.0.id", "Development"),
			resource.TestCheckResourceAttr(ds, "stages.2.id", "Production"),
			resource.TestCheckResourceAttr(ds, "stages.2.description", "Production")),
	}})
}
