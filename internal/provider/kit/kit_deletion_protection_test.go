package kit_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// deletion_protection (kit.DeletionProtection), below the CLI, on a
// dataset: a destroy plan is refused; a delete (a replacement's) sends
// nothing; turning it off plans the prior state with the new value alone
// and applies with no request at all; a read keeps the state's value and
// gives an import false. (A dataset plans no unknown value and writes
// nothing unchanged anyway; the deployments' acceptance tests,
// acctest.DeletionProtectionSteps, cover a kind that would run an update.)
func TestKitDeletionProtection(t *testing.T) {
	s := newKitServer(t)
	s.createProject()
	const typeName = "dataiku_dataset"
	schema := s.schemas[typeName]
	protected := func(on bool) tftypes.Value {
		return with(t, s.datasetConfig("id"), map[string]tftypes.Value{"deletion_protection": tftypes.NewValue(tftypes.Bool, on)})
	}
	created := s.planApply(kitStep{typeName: typeName, prior: s.null(typeName), config: protected(true)})
	s.noErrors("create", created.Diagnostics)
	state := s.value(schema, created.NewState)
	if got := attrsOf(t, state)["deletion_protection"]; !got.Equal(tftypes.NewValue(tftypes.Bool, true)) {
		t.Fatalf("deletion_protection after the create = %v, want true", got)
	}

	// A destroy plan (planned state null) is refused, naming the way out.
	destroy, err := s.server.PlanResourceChange(s.ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: s.dynamic(schema, state), ProposedNewState: s.dynamic(schema, s.null(typeName)),
		Config: s.dynamic(schema, s.null(typeName)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if msg := errorText(destroy.Diagnostics); !strings.Contains(msg, "deletion_protection is on") || !strings.Contains(msg, "set deletion_protection = false") {
		t.Errorf("the destroy plan's errors: %q, want the refusal and the way out", msg)
	}

	// The delete of a replacement, which the plan does not see: refused
	// before any request.
	before := s.requests()
	deleted := s.Apply(kitStep{typeName: typeName, prior: state, config: s.null(typeName)}, s.null(typeName), nil)
	if msg := errorText(deleted.Diagnostics); !strings.Contains(msg, "Nothing was deleted") {
		t.Errorf("the delete's errors: %q, want the refusal", msg)
	}
	if n := s.sent(before, "DELETE", "/datasets"); n != 0 {
		t.Errorf("the refused delete sent %d DELETEs", n)
	}

	// With another change the configuration makes, unknown at plan time (a
	// reference to what the apply creates), the plan keeps it: only what
	// the framework marked unknown is taken from the state.
	pending := with(t, protected(false), map[string]tftypes.Value{"params": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})
	if _, planned := s.plan(kitStep{typeName: typeName, prior: state, config: pending}); attrsOf(t, planned)["params"].IsKnown() {
		t.Errorf("a params unknown in the configuration was planned %v, want unknown", attrsOf(t, planned)["params"])
	}

	// Off: the plan is the prior state with the new value, nothing
	// unknown, and the apply sends no request.
	step := kitStep{typeName: typeName, prior: state, config: protected(false)}
	plan, planned := s.plan(step)
	if want := with(t, state, map[string]tftypes.Value{"deletion_protection": tftypes.NewValue(tftypes.Bool, false)}); !planned.Equal(want) {
		t.Errorf("planned %v,\nwant the prior state with deletion_protection = false: %v", planned, want)
	}
	before = s.requests()
	off := s.Apply(step, planned, plan.PlannedPrivate)
	s.noErrors("turning deletion_protection off", off.Diagnostics)
	for route, n := range s.requests() {
		if n != before[route] {
			t.Errorf("turning deletion_protection off sent %s %d times", route, n-before[route])
		}
	}
	state = s.value(schema, off.NewState)

	// A read keeps the state's value; with none (an import), false.
	for _, held := range []tftypes.Value{tftypes.NewValue(tftypes.Bool, true), tftypes.NewValue(tftypes.Bool, nil)} {
		read := s.Read(typeName, with(t, state, map[string]tftypes.Value{"deletion_protection": held}), nil)
		s.noErrors("read", read.Diagnostics)
		want := held
		if held.IsNull() {
			want = tftypes.NewValue(tftypes.Bool, false)
		}
		if got := attrsOf(t, s.value(schema, read.NewState))["deletion_protection"]; !got.Equal(want) {
			t.Errorf("a read of a state holding %v gives %v, want %v", held, got, want)
		}
	}
}
