package instance_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccRequestCount_pluginKindsRefresh measures what one refresh of the
// new instance kinds costs: a plugin 1 request (the plugin list), a preset
// 1 (the plugin's settings), an execution config 1 (the general settings).
func TestAccRequestCount_pluginKindsRefresh(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	const id = "acc-count-plugin"
	repo := acctest.PluginGitRepo(t, id, map[string]string{"v1": "1.0.0"})
	cfg := testAccPluginGitConfig(id, repo, "v1", "") + `
resource "dataiku_plugin_preset" "s" {
  plugin_id = dataiku_plugin.test.plugin_id
  type      = "parameter-set-creds"
  name      = "prod"
  config    = jsonencode({ endpoint = "https://a" })
}

resource "dataiku_container_exec_config" "k" {
  name      = "acc-count-k8s"
  namespace = "dss"
}
`
	var before map[string]int64
	acctest.Case(t, nil, []resource.TestStep{
		{Config: cfg},
		{
			PreConfig:    func() { before = em.Server.Stats().ByRoute },
			RefreshState: true,
			Check: func(*terraform.State) error {
				d := acctest.RouteDelta(before, em.Server.Stats().ByRoute)
				delete(d, acctest.AuthInfoRoute)
				want := map[string]int64{
					"GET /public/api/plugins":                1,
					"GET /public/api/plugins/{id}/settings":  1,
					"GET /public/api/admin/general-settings": 1,
				}
				t.Logf("one refresh of a plugin, a preset and an execution config: %s", acctest.FormatRoutes(d))
				if fmt.Sprint(d) != fmt.Sprint(want) {
					return fmt.Errorf("refresh requests %v, want %v", d, want)
				}
				return nil
			},
		},
	})
}

// TestAccPluginKindsDataSources: the list data sources read what DSS
// holds. Bob's key (no admin rights) lists the plugins, which DSS lists to
// any user (its refusal of the clusters and the execution configs is in
// TestAccDataSourcesNonAdmin).
func TestAccPluginKindsDataSources(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const id = "acc-ds-plugin"
	testInstallStorePlugin(t, id)
	c := acctest.Client(t)
	cid, err := c.CreateCluster(acctest.Ctx(t), "acc-ds-cluster", "manual", "KUBERNETES", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Delete(acctest.Ctx(t), dss.ClusterPath(cid), nil, nil) })
	// Bob's step comes first: the case's destroy runs with the last
	// step's provider, the admin's.
	acctest.Case(t, nil, []resource.TestStep{{
		Config: acctest.AsBob(`data "dataiku_plugins" "all" {}`),
		Check:  resource.TestCheckTypeSetElemNestedAttrs("data.dataiku_plugins.all", "plugins.*", map[string]string{"id": id, "version": "1.0.0", "is_dev": "false"}),
	}, {
		Config: `
resource "dataiku_container_exec_config" "k" {
  name      = "acc-ds-k8s"
  namespace = "dss-ds"
}
data "dataiku_plugins" "all" {}
data "dataiku_clusters" "all" {}
data "dataiku_container_exec_configs" "all" {
  depends_on = [dataiku_container_exec_config.k]
}
`,
		Check: resource.ComposeTestCheckFunc(
			resource.TestCheckTypeSetElemNestedAttrs("data.dataiku_plugins.all", "plugins.*", map[string]string{"id": id, "version": "1.0.0", "is_dev": "false"}),
			resource.TestCheckTypeSetElemNestedAttrs("data.dataiku_clusters.all", "clusters.*", map[string]string{"id": cid, "name": "acc-ds-cluster", "architecture": "KUBERNETES", "state": "NONE"}),
			resource.TestCheckTypeSetElemNestedAttrs("data.dataiku_container_exec_configs.all", "configs.*", map[string]string{"name": "acc-ds-k8s", "namespace": "dss-ds", "usable_by": "ALL"}),
		),
	}})
}
