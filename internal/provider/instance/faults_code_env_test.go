package instance_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The fault matrix for code envs: the creation POST, the futures it is
// followed through, the rebuild and the delete each meet a failure, and
// whatever the faulty apply does, the next one converges to the
// configuration with an empty plan and exactly one env in DSS. Every row is
// the code env's own: its POST, found by name after a lost answer, the
// futures it follows, the package build and its delete (a wait, with DSS's
// own answer for a missing env, CodeEnvKind.IsGone). The kit's shared
// behaviour is tested once in kit/ (TestKitFaultsOnGenericCalls,
// TestKitLostPostRecovered, TestKitPartialFailure).

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
	if acctest.OneOrNone(t, "envs named "+name, testCodeEnvsNamed(t, "PYTHON", name), want != nil) {
		if e := testCodeEnv(t, "PYTHON", name); e == nil || e.SpecPackageList != strings.Join(want.Packages, "\n") {
			t.Errorf("env %s in DSS: %+v, want packages %q", name, e, want.Packages)
		}
	}
}

func deleteCodeEnvIfAny(t *testing.T, name string) {
	t.Helper()
	c := acctest.Client(t)
	if f, err := c.DeleteCodeEnv(context.Background(), "PYTHON", name); err == nil {
		_, _ = c.WaitFuture(context.Background(), f, false)
	}
}

var faultCodeEnvClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_code_env "PYTHON/[a-z0-9-]+"`)

func TestAccFaultsCodeEnvConverge(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	var (
		postEnv   = acctest.FaultCall{Name: "create env", Method: "POST", Path: `/admin/code-envs/PYTHON/%s$`}
		getFuture = acctest.FaultCall{Name: "poll future", Method: "GET", Path: `/futures/[^/]+$`}
		postBuild = acctest.FaultCall{Name: "rebuild", Method: "POST", Path: `/admin/code-envs/PYTHON/%s/packages$`}
		deleteEnv = acctest.FaultCall{Name: "delete env", Method: "DELETE", Path: `/admin/code-envs/PYTHON/%s$`}
	)
	base := &faultCodeEnv{Packages: []string{"pandas==2.2.2"}}
	updated := &faultCodeEnv{Packages: []string{"pandas==2.2.2", "numpy"}}
	type op = acctest.FaultOp[faultCodeEnv]
	create := op{Target: base}
	update := op{Setup: base, Target: updated}
	destroy := op{Setup: base}
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[faultCodeEnv]{
		What:       "code env",
		Name:       func(i int) string { return fmt.Sprintf("fltce%02d", i) },
		ClearError: faultCodeEnvClearError,
		Prepare:    func(t *testing.T, name string) { t.Cleanup(func() { deleteCodeEnvIfAny(t, name) }) },
		HCL:        faultCodeEnvHCL,
		Holds:      func(t *testing.T, name, _ string, want *faultCodeEnv) { assertCodeEnvHolds(t, name, want) },
	}, []acctest.FaultRow[faultCodeEnv]{
		{Call: postEnv, Fault: acctest.FaultDropAfter, Op: op{Target: base, Creates: []string{routeCreateCodeEnv}}, MayFail: false},
		{Call: postEnv, Fault: acctest.Fault502After, Op: op{Target: base, Creates: []string{routeCreateCodeEnv}}, MayFail: false},
		{Call: getFuture, Fault: acctest.Fault502, Op: create, MayFail: false},
		{Call: getFuture, Fault: acctest.FaultDown502, Op: create, MayFail: true}, // the build cannot be followed: the env is tainted, then replaced
		{Call: getFuture, Fault: acctest.Fault429, Op: update, MayFail: false},
		{Call: postBuild, Fault: acctest.FaultDown503, Op: create, MayFail: true}, // the env exists, its first package build cannot start
		{Call: postBuild, Fault: acctest.FaultDown503, Op: update, MayFail: true}, // the rebuild cannot start: the next apply rebuilds
		{Call: deleteEnv, Fault: acctest.FaultDropAfter, Op: destroy, MayFail: false},
	})
}

// routeCreateCodeEnv is the emulator's name for the creation route.
const routeCreateCodeEnv = "POST " + dss.APIPrefix + "/admin/code-envs/{lang}/{name}"
