package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// TestAccRequestCount_pluginKindsRefresh measures what one refresh of the
// new instance kinds costs: a plugin 1 request (the plugin list), a preset
// 1 (the plugin's settings), an execution config 1 (the general settings).
func TestAccRequestCount_pluginKindsRefresh(t *testing.T) {
	testAccParallelOnEmulator(t)
	testAccPreCheck(t)
	em := requireEmulator(t)
	const id = "acc-count-plugin"
	repo := testPluginGitRepo(t, id, map[string]string{"v1": "1.0.0"})
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
	testAccCase(t, nil, []resource.TestStep{
		{Config: cfg},
		{
			PreConfig:    func() { before = em.Server.Stats().ByRoute },
			RefreshState: true,
			Check: func(*terraform.State) error {
				d := routeDelta(before, em.Server.Stats().ByRoute)
				delete(d, authInfoRoute)
				want := map[string]int64{
					"GET /public/api/plugins":                1,
					"GET /public/api/plugins/{id}/settings":  1,
					"GET /public/api/admin/general-settings": 1,
				}
				t.Logf("one refresh of a plugin, a preset and an execution config: %s", formatRoutes(d))
				if fmt.Sprint(d) != fmt.Sprint(want) {
					return fmt.Errorf("refresh requests %v, want %v", d, want)
				}
				return nil
			},
		},
	})
}
