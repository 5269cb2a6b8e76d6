package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The fault matrix for exposed objects: the settings GET and PUT each
// meet a failure on create, read, update and destroy; whatever the faulty
// apply does, the next one converges with an empty plan and DSS holds the
// configured entry (or none after a destroy), never two.

// faultExposure is a configuration of a case's exposure: the projects it
// targets.
type faultExposure struct {
	Targets []string
}

func faultExposureHCL(key string, e *faultExposure) string {
	targets := ""
	for i, p := range e.Targets {
		if i > 0 {
			targets += ", "
		}
		targets += fmt.Sprintf("{ project_key = %q, appear_on_flow = false }", p)
	}
	return fmt.Sprintf("\nresource \"dataiku_exposed_object\" \"e\" {\n  project_key = %q\n  type        = \"DATASET\"\n  local_name  = \"shared\"\n  targets     = [%s]\n}\n", key, targets)
}

var faultExposureClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_exposed_object "[A-Za-z0-9_]+\.DATASET\.shared"`)

func TestAccFaultsExposedObjectConverge(t *testing.T) {
	testAccParallel(t)
	testAccPreCheck(t)
	requireEmulator(t)
	var (
		getSettings = faultCall{"read settings", "GET", `/projects/%s/settings$`}
		putSettings = faultCall{"write settings", "PUT", `/projects/%s/settings$`}
	)
	base := &faultExposure{Targets: []string{"REPORTING"}}
	updated := &faultExposure{Targets: []string{"FINANCE", "REPORTING"}}
	type op = faultOp[faultExposure]
	read := op{setup: base, target: base}
	update := op{setup: base, target: updated}
	destroy := op{setup: base}
	runFaultMatrix(t, faultMatrix[faultExposure]{
		what:       "exposed object",
		name:       func(i int) string { return fmt.Sprintf("FLTEX%02d", i) },
		clearError: faultExposureClearError,
		prepare:    func(t *testing.T, key string) { testProjectOutside(t, key, "Exposure faults") },
		hcl:        func(key string, e *faultExposure) string { return faultExposureHCL(key, e) },
		holds: func(t *testing.T, key, _ string, want *faultExposure) {
			got := testExposedRules(t, key, "DATASET", "shared")
			exp := "-"
			if want != nil {
				exp = "quick=false"
				for _, p := range want.Targets {
					exp += " " + p + ":false"
				}
			}
			if got != exp {
				t.Errorf("DSS holds %q for %s.DATASET.shared, want %q", got, key, exp)
			}
			// Never two entries for the object.
			if err := testAccCheckOneExposure(t, key)(nil); err != nil {
				t.Error(err)
			}
		},
	}, []faultRow[faultExposure]{
		// A lost answer to the creating PUT. The client may send the same
		// PUT again (a whole-document PUT is idempotent: the same bytes
		// give the same document, and the project's lock is still held),
		// so the check is the end state: one entry, as configured.
		{putSettings, faultDropAfter, op{target: base}, false},
		{putSettings, fault502After, op{target: base}, false},
		{getSettings, fault502, read, false},
		{getSettings, faultDrop, update, false},
		{putSettings, faultDropAfter, update, false},
		{putSettings, faultDown503, update, true}, // the write cannot happen: the next apply writes
		{putSettings, faultDropAfter, destroy, false},
	})
}

// testAccCheckOneExposure fails when project key's settings hold more
// than one entry for DATASET shared.
func testAccCheckOneExposure(t *testing.T, key string) func(*terraform.State) error {
	return func(*terraform.State) error {
		s, err := dss.ProjectSettingsDoc(key).Get(testCtx(t), testClient(t))
		if err != nil {
			return err
		}
		n := 0
		if s.ExposedObjects != nil {
			for _, o := range s.ExposedObjects.Objects {
				if o.Type == "DATASET" && o.LocalName == "shared" {
					n++
				}
			}
		}
		if n > 1 {
			return fmt.Errorf("%d entries for %s.DATASET.shared", n, key)
		}
		return nil
	}
}
