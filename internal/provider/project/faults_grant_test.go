package project_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The fault matrix for project grants: the permissions GET and PUT each
// meet a failure on create, read, update and destroy (the GET of an
// update's or a delete's read-modify-write is the second of its apply,
// after the refresh's; a create's is the first, after the kit's existence
// check); whatever the faulty apply does, the next one converges with an
// empty plan, and DSS holds the configured grant (or none after a
// destroy), never two, with the grant made outside Terraform kept. The
// rows are the kind's own: each of its writes is a read-modify-write of
// one entry of a document other grants and the owner share. The kit's
// shared behaviour is tested once in kit/.

// faultGrant is a configuration of a case's grant: whether the analysts
// may write the project's content.
type faultGrant struct {
	Write bool
}

func faultGrantHCL(key string, g *faultGrant) string {
	return fmt.Sprintf("\nresource \"dataiku_project_grant\" \"g\" {\n  project_key           = %q\n  group                 = \"analysts\"\n"+
		"  read_project_content  = true\n  write_project_content = %t\n}\n", key, g.Write)
}

var faultGrantClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_project_grant "[A-Za-z0-9_]+\.group\.analysts"`)

func TestAccFaultsProjectGrantConverge(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	var (
		getPermissions = acctest.FaultCall{Name: "read permissions", Method: "GET", Path: `/projects/%s/permissions$`}
		putPermissions = acctest.FaultCall{Name: "write permissions", Method: "PUT", Path: `/projects/%s/permissions$`}
		// The second GET of an apply: an update's or a delete's
		// read-modify-write after the refresh, a create's after the
		// existence check.
		readInWrite = acctest.FaultCall{Name: "read permissions in the write", Method: "GET", Path: `/projects/%s/permissions$`, Skip: 1}
	)
	base := &faultGrant{Write: false}
	updated := &faultGrant{Write: true}
	type op = acctest.FaultOp[faultGrant]
	create := op{Target: base}
	read := op{Setup: base, Target: base}
	update := op{Setup: base, Target: updated}
	destroy := op{Setup: base}
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[faultGrant]{
		What:       "project grant",
		Name:       func(i int) string { return fmt.Sprintf("FLTGR%02d", i) },
		ClearError: faultGrantClearError,
		Prepare:    func(t *testing.T, key string) { testGrantSeed(t, key) },
		HCL:        func(key string, g *faultGrant) string { return faultGrantHCL(key, g) },
		Holds: func(t *testing.T, key, _ string, want *faultGrant) {
			got := testGrantsInDSS(t, key)
			if got["group:outsiders"] == "" {
				t.Errorf("%s: the grant made outside Terraform is gone: %v", key, got)
			}
			analysts, held := got["group:analysts"]
			if want == nil {
				if held {
					t.Errorf("%s: DSS holds %s for analysts after the destroy, want no grant", key, analysts)
				}
				return
			}
			if wantText := fmt.Sprintf(`"writeProjectContent":%t`, want.Write); !held || !strings.Contains(analysts, `"readProjectContent":true`) ||
				!strings.Contains(analysts, wantText) {
				t.Errorf("%s: DSS holds %q for analysts, want read and %s", key, analysts, wantText)
			}
			if n := testGrantCount(t, key, "analysts"); n != 1 {
				t.Errorf("%s: %d grants for analysts, want one", key, n)
			}
		},
	}, []acctest.FaultRow[faultGrant]{
		// A lost answer to the creating PUT: the client sends the same
		// whole-document PUT again under the project's lock, so the end
		// state is one grant, as configured.
		{Call: putPermissions, Fault: acctest.FaultDropAfter, Op: create, MayFail: false},
		{Call: putPermissions, Fault: acctest.Fault502After, Op: create, MayFail: false},
		// Every answer to the creating PUT lost, DSS having written the
		// grant each time: the kit looks (the grant is there, so it is
		// this create's) instead of leaving a grant the next apply would
		// refuse as not its own.
		{Call: putPermissions, Fault: acctest.FaultDropAfterDown, Op: create, MayFail: false},
		// The create's write cannot happen: nothing written, the next
		// apply creates it.
		{Call: putPermissions, Fault: acctest.FaultDown503, Op: create, MayFail: true},
		{Call: readInWrite, Fault: acctest.FaultDrop, Op: create, MayFail: false},
		{Call: getPermissions, Fault: acctest.Fault502, Op: read, MayFail: false},
		{Call: readInWrite, Fault: acctest.FaultDrop, Op: update, MayFail: false},
		{Call: putPermissions, Fault: acctest.FaultDropAfter, Op: update, MayFail: false},
		{Call: putPermissions, Fault: acctest.FaultDown503, Op: update, MayFail: true},
		{Call: readInWrite, Fault: acctest.FaultDown503, Op: update, MayFail: true},
		{Call: putPermissions, Fault: acctest.FaultDropAfter, Op: destroy, MayFail: false},
		{Call: readInWrite, Fault: acctest.Fault502, Op: destroy, MayFail: false},
		{Call: putPermissions, Fault: acctest.FaultDown503, Op: destroy, MayFail: true},
	})
}

// testGrantCount is how many of project key's grants are for group.
func testGrantCount(t *testing.T, key, group string) int {
	t.Helper()
	var doc struct {
		Permissions []struct {
			Group string `json:"group"`
		} `json:"permissions"`
	}
	if err := acctest.Client(t).Get(acctest.Ctx(t), acctest.ProjectDocPath(key, "permissions"), nil, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range doc.Permissions {
		if g.Group == group {
			n++
		}
	}
	return n
}
