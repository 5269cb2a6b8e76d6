package kit_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The kit's side of the fault matrices: a fault on a call the kit makes
// the same way for every kind (the Read's GET of the object, the GET and
// PUT of SyncDocument's read-modify-write, the DELETE of the address's
// path), tested once here in process instead of once per kind through the
// Terraform CLI. Each case is a row the kinds' matrices ran (faults*_test.go
// name what stays specific to each kind), with the same checks: the fault
// fired, a failure is clear and allowed, nothing is posted twice, the next
// apply converges with an empty plan, and DSS holds exactly the target.
//
// A group is the kit's plainest kind (its Read is one GET, its Apply one
// SyncDocument, its delete the kit's); a create's follow-up calls are a
// dataset's, whose create sends no existence check, so that a fault on
// the object's path meets the calls after the POST.

// kitFaultOp is what a case applies under the fault.
type kitFaultOp string

const (
	faultCreate  kitFaultOp = "create"  // a dataset, from nothing
	faultRead    kitFaultOp = "read"    // the refresh of a group
	faultUpdate  kitFaultOp = "update"  // a group's description
	faultDestroy kitFaultOp = "destroy" // a group
)

type kitFaultCase struct {
	op kitFaultOp
	// method is the faulted call's, on the object's own path.
	method string
	fault  acctest.FaultKind
	// mayFail: the faulty operation may fail (with a clear error);
	// otherwise the client's retries must make it succeed.
	mayFail bool
	// prototypeOnly: DSS keeps only the prototype of a created dataset,
	// so that its create writes the rest with a PUT.
	prototypeOnly bool
}

func TestKitFaultsOnGenericCalls(t *testing.T) {
	for _, c := range []kitFaultCase{
		// A refresh's GET of the object, as most kinds' Read.
		{op: faultRead, method: "GET", fault: acctest.Fault502},
		{op: faultRead, method: "GET", fault: acctest.Fault429},
		{op: faultRead, method: "GET", fault: acctest.FaultDrop},
		{op: faultRead, method: "GET", fault: acctest.FaultSlow},
		// SyncDocument's read-modify-write on update.
		{op: faultUpdate, method: "GET", fault: acctest.Fault502},
		{op: faultUpdate, method: "GET", fault: acctest.Fault503},
		{op: faultUpdate, method: "PUT", fault: acctest.Fault429},
		{op: faultUpdate, method: "PUT", fault: acctest.Fault503},
		{op: faultUpdate, method: "PUT", fault: acctest.FaultSlow},
		{op: faultUpdate, method: "PUT", fault: acctest.FaultDrop},
		{op: faultUpdate, method: "PUT", fault: acctest.FaultDropAfter},
		{op: faultUpdate, method: "PUT", fault: acctest.FaultDown503, mayFail: true},
		{op: faultUpdate, method: "PUT", fault: acctest.FaultDown502, mayFail: true},
		// The kit's delete of the address's path: a lost answer is retried
		// and DSS's not-found then is the success.
		{op: faultDestroy, method: "DELETE", fault: acctest.FaultDropAfter},
		{op: faultDestroy, method: "DELETE", fault: acctest.Fault503},
		// A create whose object exists when its follow-up write or read
		// fails: partial state, tainted, replaced by the next apply.
		{op: faultCreate, method: "PUT", fault: acctest.FaultDown503, mayFail: true, prototypeOnly: true},
		{op: faultCreate, method: "GET", fault: acctest.FaultDown503, mayFail: true},
	} {
		t.Run(fmt.Sprintf("%s/%s/%s", c.op, c.method, c.fault.Name), func(t *testing.T) {
			t.Parallel()
			runKitFault(t, c)
		})
	}
}

// kitGroup is the group the fault cases read, update and destroy.
const kitGroup = "kit_team"

func (s *kitServer) groupConfig(description string) tftypes.Value {
	return s.object(s.schemas["dataiku_group"], map[string]tftypes.Value{"name": str(kitGroup), "description": str(description)})
}

var kitFaultClearError = regexp.MustCompile(`Cannot (create|read|update|delete) dataiku_(group "` + kitGroup + `"|dataset "KIT\.orders")`)

func runKitFault(t *testing.T, c kitFaultCase) {
	s := newKitServer(t)
	s.configureFaults(c.fault.Prov)
	typeName, path, target := "dataiku_group", "/admin/groups/"+kitGroup+"$", s.groupConfig("after")
	state := s.null(typeName)
	switch c.op {
	case faultCreate:
		typeName, path, target = "dataiku_dataset", "/projects/KIT/datasets/orders$", s.datasetConfig("id")
		state = s.null(typeName)
		s.createProject()
		s.em.Server.SetCreateKeepsOnlyPrototype(c.prototypeOnly)
	case faultRead:
		target = s.groupConfig("before")
		fallthrough
	default:
		created := s.planApply(kitStep{typeName: typeName, prior: state, config: s.groupConfig("before")})
		s.noErrors("setup", created.Diagnostics)
		state = s.value(s.schemas[typeName], created.NewState)
	}
	if c.op == faultDestroy {
		target = s.null(typeName)
	}

	rule := c.fault.Rule
	rule.Method, rule.PathRegex = c.method, path
	s.faults(rule)
	before := s.requests()
	var diags []*tfprotov6.Diagnostic
	var private []byte
	if c.op == faultRead {
		resp := s.Read(typeName, state, nil)
		diags = resp.Diagnostics
		if errorText(diags) == "" {
			state = s.value(s.schemas[typeName], resp.NewState)
		}
	} else {
		resp := s.planApply(kitStep{typeName: typeName, prior: state, config: target})
		diags, private = resp.Diagnostics, resp.Private
		state = s.value(s.schemas[typeName], resp.NewState)
	}
	// The rule must have fired: count-limited rules are removed once used
	// up; persistent ones report how often they fired.
	if left := s.em.Server.Faults(); len(left) > 0 {
		if n, _ := left[0]["fired"].(int); n == 0 || rule.Count != 0 {
			t.Fatalf("the fault %+v never fired: the case tests nothing", rule)
		}
	}
	s.em.Server.ClearFaults()
	failed := errorText(diags)
	switch {
	case failed != "" && !c.mayFail:
		t.Errorf("the %s should have survived the fault (retries) but failed: %s", c.op, failed)
	case failed != "" && (!kitFaultClearError.MatchString(failed) || !strings.Contains(failed, "DSS answered:")):
		t.Errorf("the failed %s's error is not clear: %s", c.op, failed)
	case failed == "" && c.mayFail:
		t.Errorf("a persistent fault with max_retries = 1 should make the %s fail", c.op)
	}
	if c.op == faultCreate {
		if n := s.sent(before, "POST", "/datasets"); n != 1 {
			t.Errorf("the create posted the dataset %d times; want 1", n)
		}
		if failed != "" && state.IsNull() {
			t.Error("the create failed once the dataset existed and recorded nothing: the dataset would be an orphan")
		}
	}

	// The next apply, without faults, then a plan that shows nothing.
	tainted := c.op == faultCreate && failed != "" && !state.IsNull()
	state = s.nextApply(typeName, state, private, tainted, target)
	if !state.IsNull() {
		read := s.Read(typeName, state, nil)
		s.noErrors("refresh", read.Diagnostics)
		state = s.value(s.schemas[typeName], read.NewState)
		if _, planned := s.plan(kitStep{typeName: typeName, prior: state, config: target}); !planned.Equal(state) {
			t.Errorf("the plan after the converging apply is not empty:\nstate   %v\nplanned %v", state, planned)
		}
	} else if !target.IsNull() {
		t.Error("the converging apply left no state")
	}
	s.assertHolds(c.op)
}

// nextApply is terraform apply after the faulty one: refresh, replace a
// tainted object, then apply the plan to config if it changes anything.
func (s *kitServer) nextApply(typeName string, state tftypes.Value, private []byte, tainted bool, config tftypes.Value) tftypes.Value {
	s.t.Helper()
	if !state.IsNull() {
		read := s.Read(typeName, state, private)
		s.noErrors("refresh", read.Diagnostics)
		state = s.value(s.schemas[typeName], read.NewState)
	}
	if tainted && !state.IsNull() {
		destroyed := s.planApply(kitStep{typeName: typeName, prior: state, config: s.null(typeName)})
		s.noErrors("destroy of the tainted object", destroyed.Diagnostics)
		state = s.null(typeName)
	}
	if state.IsNull() && config.IsNull() {
		return state
	}
	step := kitStep{typeName: typeName, prior: state, config: config}
	p, planned := s.plan(step)
	if planned.Equal(state) {
		return state
	}
	resp := s.Apply(step, planned, p.PlannedPrivate)
	s.noErrors("converging apply", resp.Diagnostics)
	return s.value(s.schemas[typeName], resp.NewState)
}

// assertHolds checks through the admin client that DSS holds exactly what
// op's target declares: the dataset once, the group with the target's
// description, or no group after a destroy.
func (s *kitServer) assertHolds(op kitFaultOp) {
	s.t.Helper()
	if op == faultCreate {
		all, err := s.admin.ListDatasets(s.ctx, kitProject, nil)
		if err != nil || len(all) != 1 || all[0].Name != kitDataset || all[0].Params["path"] != "/kit/"+kitDataset {
			s.t.Errorf("datasets in DSS: %+v (%v), want exactly %s as configured", all, err, kitDataset)
		}
		return
	}
	g, err := dss.GroupDoc(kitGroup).Get(s.ctx, s.admin)
	want := map[kitFaultOp]string{faultRead: "before", faultUpdate: "after"}[op]
	switch {
	case op == faultDestroy && !dss.IsNotFound(err):
		s.t.Errorf("the group after the destroy: %+v, %v", g, err)
	case op != faultDestroy && (err != nil || g.Description != want):
		s.t.Errorf("the group in DSS: %+v, %v; want description %q", g, err, want)
	}
}

// configureFaults configures the provider again with the fault's limits
// and the client's retries (the kit tests' provider has none).
func (s *kitServer) configureFaults(p acctest.FaultProvider) {
	s.t.Helper()
	got, err := s.server.GetProviderSchema(s.ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		s.t.Fatal(err)
	}
	attrs := map[string]tftypes.Value{"host": str(s.em.URL()), "api_key": str(kitAdminKey)}
	if p.MaxRetries > 0 {
		attrs["max_retries"] = tftypes.NewValue(tftypes.Number, p.MaxRetries)
	}
	if p.TimeoutSeconds > 0 {
		attrs["request_timeout_seconds"] = tftypes.NewValue(tftypes.Number, p.TimeoutSeconds)
	}
	resp, err := s.server.ConfigureProvider(s.ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4",
		Config: s.dynamic(got.Provider, s.object(got.Provider, attrs))})
	if err != nil {
		s.t.Fatal(err)
	}
	s.noErrors("ConfigureProvider", resp.Diagnostics)
}
