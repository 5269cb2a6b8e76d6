package provider

import (
	"fmt"
	"regexp"
	"testing"
)

// The fault matrix for plugins and their presets: the install, its
// future, the update, the usages' check and the delete, and the settings
// write of a preset each meet a failure; whatever the faulty apply does,
// the next one converges with an empty plan, and DSS holds the configured
// version and preset (or nothing after a destroy).

// faultPlugin is a case's configuration: the git checkout installed and,
// when set, a preset with that endpoint.
type faultPlugin struct {
	Checkout string
	Endpoint string
}

var faultPluginVersions = map[string]string{"v1": "1.0.0", "v2": "2.0.0"}

var faultPluginClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_plugin(_preset)? "fltpl[0-9]+`)

func TestAccFaultsPluginConverge(t *testing.T) {
	testAccParallelOnEmulator(t)
	testAccPreCheck(t)
	requireEmulator(t)
	repos := map[string]string{}
	var (
		install   = faultCall{"install", "POST", `/plugins/actions/installFromGit$`}
		getFuture = faultCall{"poll future", "GET", `/futures/[^/]+$`}
		update    = faultCall{"update", "POST", `/plugins/%s/actions/updateFromGit$`}
		usages    = faultCall{"usages", "GET", `/plugins/%s/actions/listUsages$`}
		del       = faultCall{"delete", "POST", `/plugins/%s/actions/delete$`}
		settings  = faultCall{"preset write", "POST", `/plugins/%s/settings$`}
	)
	v1, v2 := &faultPlugin{Checkout: "v1"}, &faultPlugin{Checkout: "v2"}
	p1, p2 := &faultPlugin{Checkout: "v1", Endpoint: "https://a"}, &faultPlugin{Checkout: "v1", Endpoint: "https://b"}
	type op = faultOp[faultPlugin]
	const routeInstall = "POST /public/api/plugins/actions/installFromGit"
	runFaultMatrix(t, faultMatrix[faultPlugin]{
		what:       "plugin",
		name:       func(i int) string { return fmt.Sprintf("fltpl%02d", i) },
		clearError: faultPluginClearError,
		prepare: func(t *testing.T, name string) {
			repos[name] = testPluginGitRepo(t, name, faultPluginVersions)
			t.Cleanup(func() {
				c := testClient(t)
				if f, err := c.DeletePlugin(testCtx(t), name, true); err == nil {
					_, _ = c.WaitFuture(testCtx(t), f, false)
				}
			})
		},
		hcl: func(name string, c *faultPlugin) string {
			cfg := fmt.Sprintf("\nresource \"dataiku_plugin\" \"p\" {\n  plugin_id    = %q\n  git_url      = \"file://%s\"\n  git_checkout = %q\n  git_subpath  = \"sub\"\n}\n",
				name, repos[name], c.Checkout)
			if c.Endpoint != "" {
				cfg += fmt.Sprintf("\nresource \"dataiku_plugin_preset\" \"s\" {\n  plugin_id = dataiku_plugin.p.plugin_id\n  type      = \"parameter-set-creds\"\n  name      = \"prod\"\n  config    = jsonencode({ endpoint = %q })\n}\n", c.Endpoint)
			}
			return cfg
		},
		holds: func(t *testing.T, name, _ string, want *faultPlugin) {
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
	}, []faultRow[faultPlugin]{
		{install, faultDropAfter, op{target: v1, creates: []string{routeInstall}}, false},
		{install, fault502After, op{target: v1, creates: []string{routeInstall}}, false},
		{getFuture, fault502, op{target: v1}, false},
		{getFuture, faultDown502, op{target: v1}, true}, // the install cannot be followed: tainted, then replaced
		{update, faultDown503, op{setup: v1, target: v2}, true},
		{update, faultDropAfter, op{setup: v1, target: v2}, true},
		{usages, fault503, op{setup: v1}, false},
		{del, faultDropAfter, op{setup: v1}, true},
		{settings, faultDropAfter, op{target: p1}, false}, // the lost answer is checked: the preset is there
		{settings, fault502After, op{setup: p1, target: p2}, true},
		{settings, faultDown503, op{setup: p1}, true},
	})
}
