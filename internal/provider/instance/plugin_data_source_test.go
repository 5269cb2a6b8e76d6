package instance_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccPlugin_dataSource: data.dataiku_plugin reads a plugin the
// resource installed, with the resource's values and DSS's; bob's key (no
// right to manage plugins) reads the same, as DSS lists plugins to any
// user.
func TestAccPlugin_dataSource(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	const id = "acc-ds-plugin"
	acctest.MustDo(t, em.Server.SetPluginStore([]emulator.PluginStoreEntry{{ID: id, Version: "2.1.0"}}))
	cfg := testAccPluginStoreConfig(id, "2.1.0", "") + `
data "dataiku_plugin" "test" {
  plugin_id = dataiku_plugin.test.plugin_id
}
`
	const ds = "data.dataiku_plugin.test"
	dssVersion := func(*terraform.State) error {
		if got := testPluginVersion(t, id); got != "2.1.0" {
			return fmt.Errorf("DSS has plugin %s at version %q, want 2.1.0", id, got)
		}
		return nil
	}
	checks := []resource.TestCheckFunc{
		resource.TestCheckResourceAttr(ds, "id", id),
		resource.TestCheckResourceAttr(ds, "version", "2.1.0"),
		resource.TestCheckResourceAttr(ds, "store_version", "2.1.0"),
		resource.TestCheckNoResourceAttr(ds, "git_url"),
		resource.TestCheckNoResourceAttr(ds, "git_checkout"),
		resource.TestCheckNoResourceAttr(ds, "git_subpath"),
	}
	for _, a := range []string{"id", "plugin_id", "store_version", "version"} {
		checks = append(checks, resource.TestCheckResourceAttrPair(ds, a, testPluginAddr, a))
	}
	checks = append(checks, dssVersion)
	acctest.Case(t, testAccCheckPluginsDestroyed(t), []resource.TestStep{
		{Config: cfg, Check: resource.ComposeAggregateTestCheckFunc(checks...)},
		// Bob's key (no right to manage plugins) reads the same: DSS lists
		// plugins to any user. (One provider configuration per step: the
		// test harness serves every configuration from one provider.)
		{Config: acctest.AsBob(cfg), Check: resource.ComposeAggregateTestCheckFunc(checks...)},
		// Back to the admin key, which destroys the plugin.
		{Config: cfg, Check: resource.ComposeAggregateTestCheckFunc(checks...)},
	})
}

// TestAccPlugin_dataSourceNotFound: an id DSS does not list fails, naming
// it.
func TestAccPlugin_dataSourceNotFound(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: `data "dataiku_plugin" "missing" {
  plugin_id = "acc-no-such-plugin"
}
`,
			ExpectError: regexp.MustCompile(`(?s)Cannot read data.dataiku_plugin "acc-no-such-plugin".*DSS has no plugin\s+"acc-no-such-plugin"\s+installed`),
		},
	})
}
