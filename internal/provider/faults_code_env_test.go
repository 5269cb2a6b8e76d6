package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The fault matrix for code envs: the creation POST, the futures it is
// followed through, the rebuild and the delete each meet a failure, and
// whatever the faulty apply does, the next one converges to the
// configuration with an empty plan and exactly one env in DSS.

type faultCodeEnv struct {
	Packages []string
}

// faultCodeEnvHCL is the env name with e's packages.
func faultCodeEnvHCL(name string, e *faultCodeEnv) string {
	cfg := fmt.Sprintf("\nresource \"dataiku_code_env\" \"env\" {\n  lang = \"PYTHON\"\n  name = %q\n  packages = [%q]\n}\n",
		name, strings.Join(e.Packages, `", "`))
	// %q of a joined list quotes the separators: undo the escaping.
	return strings.ReplaceAll(cfg, `\", \"`, `", "`)
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
	testAccParallelOnEmulator(t)
	testAccPreCheck(t)
	requireEmulator(t)
	var (
		postEnv   = faultCall{"create env", "POST", `/admin/code-envs/PYTHON/%s$`}
		getFuture = faultCall{"poll future", "GET", `/futures/[^/]+$`}
		postBuild = faultCall{"rebuild", "POST", `/admin/code-envs/PYTHON/%s/packages$`}
		deleteEnv = faultCall{"delete env", "DELETE", `/admin/code-envs/PYTHON/%s$`}
	)
	base := &faultCodeEnv{Packages: []string{"pandas==2.2.2"}}
	updated := &faultCodeEnv{Packages: []string{"pandas==2.2.2", "numpy"}}
	type op = faultOp[faultCodeEnv]
	create := op{target: base}
	update := op{setup: base, target: updated}
	destroy := op{setup: base}
	runFaultMatrix(t, faultMatrix[faultCodeEnv]{
		what:       "code env",
		name:       func(i int) string { return fmt.Sprintf("fltce%02d", i) },
		clearError: faultCodeEnvClearError,
		prepare:    func(t *testing.T, name string) { t.Cleanup(func() { deleteCodeEnvIfAny(t, name) }) },
		hcl:        faultCodeEnvHCL,
		holds:      func(t *testing.T, name, _ string, want *faultCodeEnv) { assertCodeEnvHolds(t, name, want) },
	}, []faultRow[faultCodeEnv]{
		{postEnv, faultDropAfter, op{target: base, creates: []string{routeCreateCodeEnv}}, false},
		{postEnv, fault502After, op{target: base, creates: []string{routeCreateCodeEnv}}, false},
		{getFuture, fault502, create, false},
		{getFuture, faultDown502, create, true}, // the build cannot be followed: the env is tainted, then replaced
		{getFuture, fault429, update, false},
		{postBuild, faultDown503, create, true}, // the env exists, its first package build cannot start
		{postBuild, faultDown503, update, true}, // the rebuild cannot start: the next apply rebuilds
		{deleteEnv, faultDropAfter, destroy, false},
	})
}

// routeCreateCodeEnv is the emulator's name for the creation route.
const routeCreateCodeEnv = "POST " + dss.APIPrefix + "/admin/code-envs/{lang}/{name}"
