package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The fault matrix for code envs: the creation POST, the futures it is
// followed through, the rebuild and the delete each meet a failure, and
// whatever the faulty apply does, the next one converges to the
// configuration with an empty plan and exactly one env in DSS.

type faultCodeEnv struct {
	Name     string
	Packages []string
}

func faultCodeEnvHCL(prov faultProvider, e *faultCodeEnv) string {
	var b strings.Builder
	b.WriteString(cliRequiredProviders)
	b.WriteString(prov.hcl())
	if e == nil {
		return b.String()
	}
	fmt.Fprintf(&b, "\nresource \"dataiku_code_env\" \"env\" {\n  lang = \"PYTHON\"\n  name = %q\n  packages = [%q]\n}\n",
		e.Name, strings.Join(e.Packages, `", "`))
	// %q of a joined list quotes the separators: undo the escaping.
	return strings.ReplaceAll(b.String(), `\", \"`, `", "`)
}

// assertCodeEnvHolds checks through the admin client that DSS has exactly
// one env named name with the configured packages (want nil: none).
func assertCodeEnvHolds(t *testing.T, name string, want *faultCodeEnv) {
	t.Helper()
	n := testCodeEnvCount(t, "PYTHON", name)
	switch {
	case want == nil && n != 0:
		t.Errorf("%d envs named %s left after destroy", n, name)
	case want != nil && n != 1:
		t.Errorf("%d envs named %s in DSS, want exactly 1", n, name)
	case want != nil:
		if e := testCodeEnv(t, "PYTHON", name); e == nil || e.SpecPackageList != strings.Join(want.Packages, "\n") {
			t.Errorf("env %s in DSS: %+v, want packages %q", name, e, want.Packages)
		}
	}
}

func deleteCodeEnvIfAny(t *testing.T, name string) {
	t.Helper()
	c := testClient(t)
	if f, err := c.DeleteCodeEnv(context.Background(), "PYTHON", name); err == nil {
		_, _ = c.WaitFuture(context.Background(), f, false)
	}
}

var faultCodeEnvClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_code_env "PYTHON/[a-z0-9-]+"`)

func TestAccFaultsCodeEnvConverge(t *testing.T) {
	testAccPreCheck(t)
	em := requireEmulator(t)
	type call struct{ name, method, path string }
	var (
		postEnv   = call{"create env", "POST", `/admin/code-envs/PYTHON/%s$`}
		getFuture = call{"poll future", "GET", `/futures/[^/]+$`}
		postBuild = call{"rebuild", "POST", `/admin/code-envs/PYTHON/%s/packages$`}
		deleteEnv = call{"delete env", "DELETE", `/admin/code-envs/PYTHON/%s$`}
	)
	base := func(n string) *faultCodeEnv { return &faultCodeEnv{Name: n, Packages: []string{"pandas==2.2.2"}} }
	updated := func(n string) *faultCodeEnv {
		return &faultCodeEnv{Name: n, Packages: []string{"pandas==2.2.2", "numpy"}}
	}
	type op struct {
		setup, target func(string) *faultCodeEnv
		creates       []string
	}
	create := op{target: base}
	update := op{setup: base, target: updated}
	destroy := op{setup: base}
	cases := []struct {
		call    call
		fault   faultKind
		op      op
		mayFail bool
	}{
		{postEnv, faultDropAfter, op{target: base, creates: []string{routeCreateCodeEnv}}, false},
		{postEnv, fault502After, op{target: base, creates: []string{routeCreateCodeEnv}}, false},
		{getFuture, fault502, create, false},
		{getFuture, faultDown502, create, true}, // the build cannot be followed: the env is tainted, then replaced
		{getFuture, fault429, update, false},
		{postBuild, faultDown503, create, true}, // the env exists, its first package build cannot start
		{postBuild, faultDown503, update, true}, // the rebuild cannot start: the next apply rebuilds
		{deleteEnv, faultDropAfter, destroy, false},
	}
	env := []string{"DATAIKU_HOST=" + testHost, "DATAIKU_API_KEY=" + testAPIKey}
	secrets := keyForms(testAPIKey)
	injected, failedFirst := 0, 0
	start := time.Now()
	for i, tc := range cases {
		name := fmt.Sprintf("fltce%02d", i)
		t.Run(fmt.Sprintf("%s/%s/%s", name, tc.call.name, tc.fault.name), func(t *testing.T) {
			defer em.Server.ClearFaults()
			t.Cleanup(func() { deleteCodeEnvIfAny(t, name) })
			dir := newTerraformDir(t, nil)
			write := func(e *faultCodeEnv, prov faultProvider) {
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(faultCodeEnvHCL(prov, e)), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var target *faultCodeEnv
			if tc.op.target != nil {
				target = tc.op.target(name)
			}
			if tc.op.setup != nil {
				write(tc.op.setup(name), faultProvider{})
				mustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
			}
			rule := tc.fault.rule
			rule.Method, rule.PathRegex = tc.call.method, tc.call.path
			if strings.Contains(rule.PathRegex, "%s") {
				rule.PathRegex = fmt.Sprintf(rule.PathRegex, name)
			}
			if runFaultCase(t, em, dir, env, secrets, faultCase{rule: rule, prov: tc.fault.prov, mayFail: tc.mayFail,
				creates: tc.op.creates, clearError: faultCodeEnvClearError, write: func(prov faultProvider) { write(target, prov) }}) {
				failedFirst++
			}
			injected++
			assertCodeEnvHolds(t, name, target)
		})
	}
	t.Logf("code env faults injected: %d (%d cases); first applies that failed with a clear error: %d; converged: %t; wall time %s",
		injected, len(cases), failedFirst, !t.Failed(), time.Since(start).Round(time.Second))
}

// routeCreateCodeEnv is the emulator's name for the creation route.
const routeCreateCodeEnv = "POST " + dss.APIPrefix + "/admin/code-envs/{lang}/{name}"
