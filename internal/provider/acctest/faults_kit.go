package acctest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// OneOrNone checks what DSS holds of a fault case's object (found,
// which what names): none when wantOne is false, else exactly one. It
// reports whether the one wanted is there, for the caller to check it
// further.
func OneOrNone[T any](t *testing.T, what string, found []T, wantOne bool) bool {
	t.Helper()
	switch {
	case !wantOne && len(found) != 0:
		t.Errorf("%s left in DSS: %+v, want none", what, found)
	case wantOne && len(found) != 1:
		t.Errorf("%s in DSS: %+v, want exactly 1", what, found)
	default:
		return wantOne
	}
	return false
}

// FaultCall is one DSS call a kind makes: its name in the subtest's name,
// its method and the regex of its path; a %s in the path stands for the
// case's name. Skip is how many earlier requests of that method and path
// the apply makes before the call: the fault passes them by. An update's
// own read of an object is the second GET of its path in `terraform
// apply`, after the refresh's, so it is the call with Skip 1.
type FaultCall struct {
	Name, Method, Path string
	Skip               int
}

// FaultOp is what a case applies: the configuration before the fault (nil:
// nothing) and the one applied under the fault (nil: nothing, a destroy),
// and the routes whose handler must run exactly once in the faulty apply
// (a lost answer to a POST is never replayed blindly).
type FaultOp[C any] struct {
	Setup, Target *C
	Creates       []string
}

// FaultRow is one case: the call that meets the fault, the fault, what is
// applied, and whether the faulty apply may fail (with a clear error);
// otherwise retries and checks must make it succeed.
type FaultRow[C any] struct {
	Call    FaultCall
	Fault   FaultKind
	Op      FaultOp[C]
	MayFail bool
}

// FaultMatrix is a kind's side of the loop; C is its configuration.
type FaultMatrix[C any] struct {
	What string // the kind, in the summary line
	// Name gives case i's name, which names its objects in DSS.
	Name func(i int) string
	// RandomNames: the names are fresh project keys, left out of the
	// subtests' names (call and fault name them).
	RandomNames bool
	ClearError  *regexp.Regexp
	Secrets     []string // besides the admin key: never in the output
	// prepare, when set, makes what case name needs in DSS before the
	// setup apply, and registers its cleanup.
	Prepare func(t *testing.T, name string)
	// HCL is the resources of configuration c for case name, after the
	// provider block.
	HCL func(name string, c *C) string
	// Holds checks through the admin client that DSS holds exactly want
	// (nil: nothing) after convergence; dir is the case's directory.
	Holds func(t *testing.T, name, dir string, want *C)
}

// RunFaultMatrix runs the kind's cases as subtests of t and logs how many
// faults were injected and how many first applies failed.
func RunFaultMatrix[C any](t *testing.T, m FaultMatrix[C], rows []FaultRow[C]) {
	t.Helper()
	em := RequireEmulator(t)
	env := []string{"DATAIKU_HOST=" + Host(t), "DATAIKU_API_KEY=" + APIKey}
	secrets := append(KeyForms(APIKey), m.Secrets...)
	injected, failedFirst := 0, 0
	start := time.Now()
	for i, row := range rows {
		name := m.Name(i)
		label := fmt.Sprintf("%s/%s/%s", name, row.Call.Name, row.Fault.Name)
		if m.RandomNames {
			label = fmt.Sprintf("%s/%s", row.Call.Name, row.Fault.Name)
		}
		t.Run(label, func(t *testing.T) {
			defer em.Server.ClearFaults()
			if m.Prepare != nil {
				m.Prepare(t, name)
			}
			dir := NewTerraformDir(t, nil)
			write := func(c *C, prov FaultProvider) {
				cfg := CliRequiredProviders + prov.HCL()
				if c != nil {
					cfg += m.HCL(name, c)
				}
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if row.Op.Setup != nil {
				write(row.Op.Setup, FaultProvider{})
				MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
			}
			rule := row.Fault.Rule
			rule.Method, rule.PathRegex, rule.Skip = row.Call.Method, row.Call.Path, row.Call.Skip
			if strings.Contains(rule.PathRegex, "%s") {
				rule.PathRegex = fmt.Sprintf(rule.PathRegex, name)
			}
			if RunFaultCase(t, em, dir, env, secrets, FaultCase{Rule: rule, Prov: row.Fault.Prov, MayFail: row.MayFail,
				Creates: row.Op.Creates, ClearError: m.ClearError, Write: func(prov FaultProvider) { write(row.Op.Target, prov) }}) {
				failedFirst++
			}
			injected++
			m.Holds(t, name, dir, row.Op.Target)
		})
	}
	t.Logf("%s faults injected: %d (%d cases); first applies that failed with a clear error: %d; converged: %t; wall time %s",
		m.What, injected, len(rows), failedFirst, !t.Failed(), time.Since(start).Round(time.Second))
}
