package instance_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The fault matrix for plugins and their presets: the install, its
// future, the update, the usages' check and the delete, and the settings
// write of a preset each meet a failure; whatever the faulty apply does,
// the next one converges with an empty plan, and DSS holds the configured
// version and preset (or nothing after a destroy). Every row is a plugin's
// own: its calls are actions and futures, not documents at its address.
// The kit's shared behaviour is tested once in kit/
// (TestKitFaultsOnGenericCalls, TestKitLostPostRecovered,
// TestKitPartialFailure).

// faultPlugin is a case's configuration: the git checkout installed and,
// when set, a preset with that endpoint.
type faultPlugin struct {
	Checkout string
	Endpoint string
}

var faultPluginVersions = map[string]string{"v1": "1.0.0", "v2": "2.0.0"}

var faultPluginClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_plugin(_preset)? "fltpl[0-9]+`)

func TestAccFaultsPluginConverge(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	repos := map[string]string{}
	var (
		install   = acctest.FaultCall{Name: "install", Method: "POST", Path: `/plugins/actions/installFromGit$`}
		getFuture = acctest.FaultCall{Name: "poll future", Method: "GET", Path: `/futures/[^/]+$`}
		update    = acctest.FaultCall{Name: "update", Method: "POST", Path: `/plugins/%s/actions/updateFromGit$`}
		usages    = acctest.FaultCall{Name: "usages", Method: "GET", Path: `/plugins/%s/actions/listUsages$`}
		del       = acctest.FaultCall{Name: "delete", Method: "POST", Path: `/plugins/%s/actions/delete$`}
		settings  = acctest.FaultCall{Name: "preset write", Method: "POST", Path: `/plugins/%s/settings$`}
	)
	v1, v2 := &faultPlugin{Checkout: "v1"}, &faultPlugin{Checkout: "v2"}
	p1, p2 := &faultPlugin{Checkout: "v1", Endpoint: "https://a"}, &faultPlugin{Checkout: "v1", Endpoint: "https://b"}
	type op = acctest.FaultOp[faultPlugin]
	const routeInstall = "POST /public/api/plugins/actions/installFromGit"
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[faultPlugin]{
		What:       "plugin",
		Name:       func(i int) string { return fmt.Sprintf("fltpl%02d", i) },
		ClearError: faultPluginClearError,
		Prepare: func(t *testing.T, name string) {
			repos[name] = acctest.PluginGitRepo(t, name, faultPluginVersions)
			t.Cleanup(func() {
				c := acctest.Client(t)
				if f, err := c.DeletePlugin(acctest.Ctx(t), name, true); err == nil {
					_, _ = c.WaitFuture(acctest.Ctx(t), f, false)
				}
			})
		},
		HCL: func(name string, c *faultPlugin) string {
			cfg := fmt.Sprintf("\nresource \"dataiku_plugin\" \"p\" {\n  plugin_id    = %q\n  git_url      = \"file://%s\"\n  git_checkout = %q\n  git_subpath  = \"sub\"\n}\n",
				name, repos[name], c.Checkout)
			if c.Endpoint != "" {
				cfg += fmt.Sprintf("\nresource \"dataiku_plugin_preset\" \"s\" {\n  plugin_id = dataiku_plugin.p.plugin_id\n  type      = \"parameter-set-creds\"\n  name      = \"prod\"\n  config    = jsonencode({ endpoint = %q })\n}\n", c.Endpoint)
			}
			return cfg
		},
		Holds: func(t *testing.T, name, _ string, want *faultPlugin) {
			got := testPluginVersion(t, name)
			switch {
			case want == nil && got != "":
				t.Errorf("plugin %s left at version %s after destroy", name, got)
			case want != nil && got != faultPluginVersions[want.Checkout]:
				t.Errorf("plugin %s at version %q, want %q", name, got, faultPluginVersions[want.Checkout])
			case want != nil && want.Endpoint != "":
				p := testPresets(t, name)
				if len(p) != 1 || p["parameter-set-creds/prod"]["config"].(map[string]any)["endpoint"] != want.Endpoint {
					t.Errorf("presets of %s: %v, want one with endpoint %s", name, p, want.Endpoint)
				}
			}
		},
	}, []acctest.FaultRow[faultPlugin]{
		{Call: install, Fault: acctest.FaultDropAfter, Op: op{Target: v1, Creates: []string{routeInstall}}, MayFail: false},
		{Call: install, Fault: acctest.Fault502After, Op: op{Target: v1, Creates: []string{routeInstall}}, MayFail: false},
		{Call: getFuture, Fault: acctest.Fault502, Op: op{Target: v1}, MayFail: false},
		{Call: getFuture, Fault: acctest.FaultDown502, Op: op{Target: v1}, MayFail: true}, // the install cannot be followed: tainted, then replaced
		{Call: update, Fault: acctest.FaultDown503, Op: op{Setup: v1, Target: v2}, MayFail: true},
		{Call: update, Fault: acctest.FaultDropAfter, Op: op{Setup: v1, Target: v2}, MayFail: true},
		{Call: usages, Fault: acctest.Fault503, Op: op{Setup: v1}, MayFail: false},
		{Call: del, Fault: acctest.FaultDropAfter, Op: op{Setup: v1}, MayFail: true},
		{Call: settings, Fault: acctest.FaultDropAfter, Op: op{Target: p1}, MayFail: false}, // the lost answer is checked: the preset is there
		{Call: settings, Fault: acctest.Fault502After, Op: op{Setup: p1, Target: p2}, MayFail: true},
		{Call: settings, Fault: acctest.FaultDown503, Op: op{Setup: p1}, MayFail: true},
	})
}
