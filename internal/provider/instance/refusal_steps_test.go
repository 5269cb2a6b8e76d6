package instance_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Steps and checks the instance kinds' tests share: the plan-time refusal
// of a non-admin key, a wrong import id of a singleton, and the adoption of
// a document that writes nothing.

// testNeedsAdmin is the plan-time refusal (refuseAdminOnly, issue 26) of a
// key that is not an administrator's, for the resource typ.test.
func testNeedsAdmin(typ string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + typ + ` needs an administrator's API key.*with ` + typ + `.test.*is not a DSS administrator`)
}

// typedConfig is the configuration of one resource named typ.test.
type typedConfig struct{ typ, cfg string }

// testNonAdminWritesNothing applies each configuration with bob's key,
// which is not an administrator's: each is refused at plan time
// (testNeedsAdmin), and none of routes (the documents' PUTs) is called.
func testNonAdminWritesNothing(t *testing.T, em *emulator.Running, configs []typedConfig, routes ...string) {
	t.Helper()
	before := em.Server.Stats().ByRoute
	var steps []resource.TestStep
	for _, c := range configs {
		steps = append(steps, resource.TestStep{Config: acctest.AsBob(c.cfg), ExpectError: testNeedsAdmin(c.typ)})
	}
	acctest.Case(t, nil, steps)
	after := em.Server.Stats().ByRoute
	for _, route := range routes {
		if after[route] != before[route] {
			t.Errorf("%s called %d times by a non-admin key", route, after[route]-before[route])
		}
	}
}

// testWrongImportIDStep imports addr, a singleton, by an id other than
// its fixed one: refused, the error naming the id it must be.
func testWrongImportIDStep(addr, given, fixed string) resource.TestStep {
	return resource.TestStep{
		ResourceName:  addr,
		ImportState:   true,
		ImportStateId: given,
		ExpectError:   regexp.MustCompile(`import ID must be "` + regexp.QuoteMeta(fixed) + `"`),
	}
}

// testImportWritesNothingStep applies cfg, whose import block adopts an
// instance document whose configured keys DSS already holds: put (the
// document's PUT route) is not called. *puts holds the count before.
func testImportWritesNothingStep(em *emulator.Running, put, cfg string, puts *int64) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() { *puts = em.Server.Stats().ByRoute[put] },
		Config:    cfg,
		Check:     testNoCallsSince(em, put, puts, "while importing keys that already held"),
	}
}

// testImportOneStep imports addr by id and requires the imported state to
// equal the applied one but for ignore; check then reads the attributes of
// the one state imported (a singleton's import holds what DSS holds, more
// than the configuration's subset).
func testImportOneStep(addr, id string, ignore []string, check func(attrs map[string]string) error) resource.TestStep {
	return resource.TestStep{
		ResourceName:            addr,
		ImportState:             true,
		ImportStateId:           id,
		ImportStateVerify:       true,
		ImportStateVerifyIgnore: ignore,
		ImportStateCheck: func(states []*terraform.InstanceState) error {
			if len(states) != 1 {
				return fmt.Errorf("%d states imported", len(states))
			}
			return check(states[0].Attributes)
		},
	}
}

// testOnEmulatorDoc starts a test of an instance document doc that needs
// the emulator's controls (its request counts, faults or secrets): in
// parallel on an emulator of its own, doc restored when the test ends.
func testOnEmulatorDoc(t *testing.T, doc dss.Document[dss.FreeObject]) *emulator.Running {
	t.Helper()
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	testKeepDoc(t, doc)
	return em
}

// testCreateRefusedByDSS applies cfg, which creates the typ named id, with
// bob's key, which is not an administrator's: DSS itself refuses it (the
// kinds whose create DSS alone checks), its message quoted with the
// resource's address; doc, id's document, is still absent after (what
// names the object in the failure).
func testCreateRefusedByDSS[D any](t *testing.T, typ, id, cfg string, doc dss.Document[D], what string) {
	t.Helper()
	acctest.RefusedToBob(t, cfg, regexp.MustCompile(`(?s)Cannot create `+typ+`.*`+id+`.*UnauthorizedException:\s+Action\s+forbidden:\s+admin\s+rights\s+required`))
	if _, err := doc.Get(acctest.Ctx(t), acctest.Client(t)); !dss.IsNotFound(err) {
		t.Fatalf("bob's refused apply made a %s: %v", what, err)
	}
}
