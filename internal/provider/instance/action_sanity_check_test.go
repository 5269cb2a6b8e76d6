package instance_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccInstanceSanityCheckAction: dataiku_instance_sanity_check runs
// DSS's check once per invocation (counted in the emulator's stats) and
// passes when it finds nothing; an error fails the apply with the
// finding's code and DSS's words; a warning passes unless fail_on =
// WARNING; excluded codes are sent to DSS, which leaves them out; a fatal
// report fails whatever the severity; a key that is not admin is refused
// by DSS.
func TestAccInstanceSanityCheckAction(t *testing.T) {
	acctest.RequireActionsTerraform(t)
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	runs := func() int64 { return em.Server.Stats().ByRoute["POST /public/api/admin/sanity-check/run"] }
	check := func(extra string) string {
		return fmt.Sprintf("\naction \"dataiku_instance_sanity_check\" \"gate\" {\n  config {\n%s  }\n}\n", extra)
	}
	const addr = "dataiku_instance_sanity_check.gate"
	failed := "Action failed: action." + addr
	summary := "the DSS instance's sanity check found problems"

	before := runs()
	acctest.InvokeAction(t, check(""), addr, true, "a clean instance", "Sanity check: no finding", "Sanity check: done")
	if n := runs() - before; n != 1 {
		t.Fatalf("the action ran DSS's sanity check %d times, want once", n)
	}

	acctest.MustDo(t, em.Server.SetSanityCheckFindings([]map[string]any{
		{"code": "DISK_LOW", "severity": "WARNING", "title": "Low disk space", "message": "8% free in the data directory"},
		{"code": "CODE_ENV_BROKEN", "severity": "ERROR", "title": "Broken code env", "message": "py310 cannot be loaded", "details": "ImportError: numpy"},
	}))
	warning := "WARNING [DISK_LOW] Low disk space: 8% free in the data directory"
	errLine := "ERROR [CODE_ENV_BROKEN] Broken code env: py310 cannot be loaded (ImportError: numpy)"
	acctest.InvokeAction(t, check(""), addr, false, "an error found", failed, summary, "1 of the 2 findings fail the check (fail_on = ERROR)", errLine, warning)
	acctest.InvokeAction(t, check("    exclusions = [\"CODE_ENV_BROKEN\"]\n"), addr, true, "the error excluded", warning)
	out := acctest.InvokeAction(t, check("    exclusions = [\"CODE_ENV_BROKEN\"]\n    fail_on = \"WARNING\"\n"), addr, false, "a warning with fail_on = WARNING",
		failed, "1 of the 1 findings fail the check (fail_on = WARNING)", warning)
	if strings.Contains(out, "[CODE_ENV_BROKEN]") {
		t.Fatalf("an excluded finding was reported:\n%s", out)
	}

	acctest.MustDo(t, em.Server.SetSanityCheckFindings([]map[string]any{{"code": "LICENSE_GONE", "severity": "INFO", "title": "No license", "isFatal": true}}))
	acctest.InvokeAction(t, check(""), addr, false, "a fatal report", failed, "INFO [LICENSE_GONE] No license")

	before = runs()
	acctest.InvokeAction(t, acctest.AsBob(check("")), addr, false, "a key that is not admin", failed, "admin rights required")
	if n := runs() - before; n != 1 {
		t.Fatalf("as bob: %d requests, want DSS's one refusal", n)
	}
}
