package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The fault matrices of the kinds (code envs, connections, people, data
// quality rules, recipes, scenarios, flow zones) share one loop: for each
// case, apply the setup configuration without faults, arm the fault on one
// DSS call, apply the target configuration (runFaultCase: the fault fired,
// a failure is clear, no POST replayed blindly, then convergence with an
// empty plan), and check that DSS holds exactly the target, with no
// duplicate and no orphan. A kind gives its configurations, its check of
// DSS and its cases; runFaultMatrix runs them.

// faultCall is one DSS call a kind makes: its name in the subtest's name,
// its method and the regex of its path; a %s in the path stands for the
// case's name.
type faultCall struct{ name, method, path string }

// faultOp is what a case applies: the configuration before the fault (nil:
// nothing) and the one applied under the fault (nil: nothing, a destroy),
// and the routes whose handler must run exactly once in the faulty apply
// (a lost answer to a POST is never replayed blindly).
type faultOp[C any] struct {
	setup, target *C
	creates       []string
}

// faultRow is one case: the call that meets the fault, the fault, what is
// applied, and whether the faulty apply may fail (with a clear error);
// otherwise retries and checks must make it succeed.
type faultRow[C any] struct {
	call    faultCall
	fault   faultKind
	op      faultOp[C]
	mayFail bool
}

// faultMatrix is a kind's side of the loop; C is its configuration.
type faultMatrix[C any] struct {
	what string // the kind, in the summary line
	// name gives case i's name, which names its objects in DSS.
	name func(i int) string
	// randomNames: the names are fresh project keys, left out of the
	// subtests' names (call and fault name them).
	randomNames bool
	clearError  *regexp.Regexp
	secrets     []string // besides the admin key: never in the output
	// prepare, when set, makes what case name needs in DSS before the
	// setup apply, and registers its cleanup.
	prepare func(t *testing.T, name string)
	// hcl is the resources of configuration c for case name, after the
	// provider block.
	hcl func(name string, c *C) string
	// holds checks through the admin client that DSS holds exactly want
	// (nil: nothing) after convergence; dir is the case's directory.
	holds func(t *testing.T, name, dir string, want *C)
}

// runFaultMatrix runs the kind's cases as subtests of t and logs how many
// faults were injected and how many first applies failed.
func runFaultMatrix[C any](t *testing.T, m faultMatrix[C], rows []faultRow[C]) {
	t.Helper()
	em := requireEmulator(t)
	env := []string{"DATAIKU_HOST=" + testHost(t), "DATAIKU_API_KEY=" + testAPIKey}
	secrets := append(keyForms(testAPIKey), m.secrets...)
	injected, failedFirst := 0, 0
	start := time.Now()
	for i, row := range rows {
		name := m.name(i)
		label := fmt.Sprintf("%s/%s/%s", name, row.call.name, row.fault.name)
		if m.randomNames {
			label = fmt.Sprintf("%s/%s", row.call.name, row.fault.name)
		}
		t.Run(label, func(t *testing.T) {
			defer em.Server.ClearFaults()
			if m.prepare != nil {
				m.prepare(t, name)
			}
			dir := newTerraformDir(t, nil)
			write := func(c *C, prov faultProvider) {
				cfg := cliRequiredProviders + prov.hcl()
				if c != nil {
					cfg += m.hcl(name, c)
				}
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if row.op.setup != nil {
				write(row.op.setup, faultProvider{})
				mustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
			}
			rule := row.fault.rule
			rule.Method, rule.PathRegex = row.call.method, row.call.path
			if strings.Contains(rule.PathRegex, "%s") {
				rule.PathRegex = fmt.Sprintf(rule.PathRegex, name)
			}
			if runFaultCase(t, em, dir, env, secrets, faultCase{rule: rule, prov: row.fault.prov, mayFail: row.mayFail,
				creates: row.op.creates, clearError: m.clearError, write: func(prov faultProvider) { write(row.op.target, prov) }}) {
				failedFirst++
			}
			injected++
			m.holds(t, name, dir, row.op.target)
		})
	}
	t.Logf("%s faults injected: %d (%d cases); first applies that failed with a clear error: %d; converged: %t; wall time %s",
		m.what, injected, len(rows), failedFirst, !t.Failed(), time.Since(start).Round(time.Second))
}
