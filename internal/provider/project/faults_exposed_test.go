package project_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The fault matrix for exposed objects: the settings GET and PUT each
// meet a failure on create, read, update and destroy (the GET of an
// update's or a delete's read-modify-write is the second of its apply,
// after the refresh's); whatever the faulty apply does, the next one
// converges with an empty plan and DSS holds the configured entry (or
// none after a destroy), never two. Every row is the kind's own: its
// create, read, update and delete are each a read-modify-write of its
// entry in the project's settings, a document other objects share. The
// kit's shared behaviour is tested once in kit/
// (TestKitFaultsOnGenericCalls, TestKitLostPostRecovered, TestKitGone).

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
	acctest.Parallel(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	var (
		getSettings = acctest.FaultCall{Name: "read settings", Method: "GET", Path: `/projects/%s/settings$`}
		putSettings = acctest.FaultCall{Name: "write settings", Method: "PUT", Path: `/projects/%s/settings$`}
		// In an apply that changes or destroys the entry, the settings'
		// first GET is the refresh's (Read); the second is the read of the
		// update's or the delete's read-modify-write.
		readSettingsInUpdate = acctest.FaultCall{Name: "read settings in update", Method: "GET", Path: `/projects/%s/settings$`, Skip: 1}
		readSettingsInDelete = acctest.FaultCall{Name: "read settings in delete", Method: "GET", Path: `/projects/%s/settings$`, Skip: 1}
	)
	base := &faultExposure{Targets: []string{"REPORTING"}}
	updated := &faultExposure{Targets: []string{"FINANCE", "REPORTING"}}
	type op = acctest.FaultOp[faultExposure]
	read := op{Setup: base, Target: base}
	update := op{Setup: base, Target: updated}
	destroy := op{Setup: base}
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[faultExposure]{
		What:       "exposed object",
		Name:       func(i int) string { return fmt.Sprintf("FLTEX%02d", i) },
		ClearError: faultExposureClearError,
		Prepare:    func(t *testing.T, key string) { acctest.ProjectOutside(t, key, "Exposure faults") },
		HCL:        func(key string, e *faultExposure) string { return faultExposureHCL(key, e) },
		Holds: func(t *testing.T, key, _ string, want *faultExposure) {
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
	}, []acctest.FaultRow[faultExposure]{
		// A lost answer to the creating PUT. The client may send the same
		// PUT again (a whole-document PUT is idempotent: the same bytes
		// give the same document, and the project's lock is still held),
		// so the check is the end state: one entry, as configured.
		{Call: putSettings, Fault: acctest.FaultDropAfter, Op: op{Target: base}, MayFail: false},
		{Call: putSettings, Fault: acctest.Fault502After, Op: op{Target: base}, MayFail: false},
		// Every answer lost, DSS having written the entry each time: the
		// kit looks instead of leaving an entry the next apply would
		// refuse as not its own.
		{Call: putSettings, Fault: acctest.FaultDropAfterDown, Op: op{Target: base}, MayFail: false},
		{Call: getSettings, Fault: acctest.Fault502, Op: read, MayFail: false},
		// Apply's own read of the settings, past the refresh's: retried (a
		// GET is idempotent), then the write goes on.
		{Call: readSettingsInUpdate, Fault: acctest.FaultDrop, Op: update, MayFail: false},
		{Call: putSettings, Fault: acctest.FaultDropAfter, Op: update, MayFail: false},
		{Call: putSettings, Fault: acctest.FaultDown503, Op: update, MayFail: true}, // the write cannot happen: the next apply writes
		{Call: putSettings, Fault: acctest.FaultDropAfter, Op: destroy, MayFail: false},
		// The update's read cannot happen: no PUT, the next apply writes.
		{Call: readSettingsInUpdate, Fault: acctest.FaultDown503, Op: update, MayFail: true},
		// The delete's own read of the settings, past the refresh's.
		{Call: readSettingsInDelete, Fault: acctest.Fault502, Op: destroy, MayFail: false},
	})
}

// testAccCheckOneExposure fails when project key's settings hold more
// than one entry for DATASET shared.
func testAccCheckOneExposure(t *testing.T, key string) func(*terraform.State) error {
	return func(*terraform.State) error {
		s, err := dss.ProjectSettingsDoc(key).Get(acctest.Ctx(t), acctest.Client(t))
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
