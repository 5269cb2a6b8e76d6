package acctest

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// FaultProvider is the provider block: small limits make the timeout and
// exhausted-retry cases quick.
type FaultProvider struct {
	TimeoutSeconds int // request_timeout_seconds; 0 = default
	MaxRetries     int // max_retries; 0 = default
}

func (p FaultProvider) HCL() string {
	var b strings.Builder
	b.WriteString("provider \"dataiku\" {\n")
	if p.TimeoutSeconds > 0 {
		fmt.Fprintf(&b, "  request_timeout_seconds = %d\n", p.TimeoutSeconds)
	}
	if p.MaxRetries > 0 {
		fmt.Fprintf(&b, "  max_retries = %d\n", p.MaxRetries)
	}
	b.WriteString("}\n")
	return b.String()
}

// DeleteProjectsWithPrefix removes what a test left in the emulator, so a
// failed case does not disturb the next ones.
func DeleteProjectsWithPrefix(t *testing.T, prefix string) {
	t.Helper()
	c := Client(t)
	for k := range Emulator(t).Server.Snapshot().Projects {
		if strings.HasPrefix(k, prefix) {
			if err := c.DeleteProject(context.Background(), k, dss.DeleteProjectOptions{}); err != nil && !dss.IsNotFound(err) {
				t.Errorf("cleaning up project %s: %v", k, err)
			}
		}
	}
}

type FaultKind struct {
	Name string
	Rule emulator.FaultRule
	Prov FaultProvider
}

var (
	Fault502       = FaultKind{"502", emulator.FaultRule{Status: 502, Count: 1}, FaultProvider{}}
	Fault502After  = FaultKind{"502 after the handler", emulator.FaultRule{Status: 502, Count: 1, AfterHandler: true}, FaultProvider{}}
	Fault503       = FaultKind{"503", emulator.FaultRule{Status: 503, Count: 1}, FaultProvider{}}
	Fault429       = FaultKind{"429 Retry-After", emulator.FaultRule{Status: 429, RetryAfterSeconds: 1, Count: 1}, FaultProvider{}}
	FaultDrop      = FaultKind{"dropped connection", emulator.FaultRule{DropConnection: true, Count: 1}, FaultProvider{}}
	FaultDropAfter = FaultKind{"dropped after the handler",
		emulator.FaultRule{DropConnection: true, AfterHandler: true, Count: 1}, FaultProvider{}}
	// FaultDropAfterDown loses every answer to the call, after DSS
	// handled it, until the retries are spent.
	FaultDropAfterDown = FaultKind{"dropped after the handler, persistent",
		emulator.FaultRule{DropConnection: true, AfterHandler: true}, FaultProvider{MaxRetries: 1}}
	FaultSlow = FaultKind{"slow past the timeout", emulator.FaultRule{DelayMs: 1500, Count: 1}, FaultProvider{TimeoutSeconds: 1}}
	// Persistent failures exhaust the retries: the apply must fail clearly.
	FaultDown502 = FaultKind{"502 persistent", emulator.FaultRule{Status: 502}, FaultProvider{MaxRetries: 1}}
	FaultDown503 = FaultKind{"503 persistent", emulator.FaultRule{Status: 503}, FaultProvider{MaxRetries: 1}}
)

// FaultCase is one injected fault: the rule, the provider settings of the
// faulty apply, whether that apply may fail, the POST routes that must
// reach DSS exactly once, the form of a clear error, and how to write the
// target configuration.
type FaultCase struct {
	Rule       emulator.FaultRule
	Prov       FaultProvider
	MayFail    bool
	Creates    []string
	ClearError *regexp.Regexp
	Write      func(FaultProvider)
}

// RunFaultCase applies the target configuration while the rule is active,
// checks that the fault fired, that a failure is clear and allowed, that
// no POST was replayed blindly and that no secret reached the output, then
// applies again without faults and requires an empty plan. It reports
// whether the faulty apply failed.
func RunFaultCase(t *testing.T, em *emulator.Running, dir string, env, secrets []string, fc FaultCase) (failed bool) {
	t.Helper()
	if err := em.Server.SetFaults([]emulator.FaultRule{fc.Rule}); err != nil {
		t.Fatal(err)
	}
	before := em.Server.Stats().ByRoute
	fc.Write(fc.Prov)
	out, applyErr := RunTerraform(t, dir, env, "apply", "-auto-approve", "-no-color")
	after := em.Server.Stats().ByRoute
	faults := em.Server.Faults()
	em.Server.ClearFaults()
	AssertNoSecret(t, "apply output", out, secrets)

	// The rule must have fired: count-limited rules are removed once used
	// up; persistent ones report how often they fired.
	fired := len(faults) == 0
	if len(faults) == 1 {
		n, _ := faults[0]["fired"].(int)
		fired = n > 0 && fc.Rule.Count == 0
	}
	if !fired {
		t.Fatalf("the fault %+v never fired: the case tests nothing\n%s", fc.Rule, Tail(out, 3000))
	}
	if applyErr != nil {
		if !fc.MayFail {
			t.Errorf("the apply should have survived the fault (retries, or a check before deciding) but failed:\n%s", Tail(out, 4000))
		}
		if !fc.ClearError.MatchString(out) || !strings.Contains(out, "DSS answered:") {
			t.Errorf("the failed apply's error is not clear (want %q and DSS's answer):\n%s", fc.ClearError, Tail(out, 4000))
		}
		if strings.Contains(out, "panic") || strings.Contains(out, "Plugin did not respond") {
			t.Errorf("the provider crashed:\n%s", Tail(out, 4000))
		}
	} else if fc.MayFail {
		t.Errorf("a persistent fault with max_retries = 1 should make the apply fail:\n%s", Tail(out, 3000))
	}
	for _, route := range fc.Creates {
		if n := after[route] - before[route]; n != 1 {
			t.Errorf("%s reached DSS %d times in the faulty apply, want exactly 1 (no blind replay of a POST whose answer was lost)", route, n)
		}
	}

	// Converge: a second apply without faults, then an empty plan.
	fc.Write(FaultProvider{})
	MustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
	planOut, err := RunTerraform(t, dir, env, "plan", "-detailed-exitcode", "-no-color")
	if err != nil {
		t.Fatalf("the plan after the converging apply is not empty (%v):\n%s", err, Tail(planOut, 4000))
	}
	return applyErr != nil
}
