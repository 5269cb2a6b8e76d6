package project

import (
	"slices"
	"testing"
)

// TestPairReporters: a reporter about to be written is paired with the
// reporter DSS holds of its id; one without an id DSS holds, with the
// one of its messaging type and name, else by place among those of its
// type; a reporter of another type, or one an id claimed, is never
// paired again.
func TestPairReporters(t *testing.T) {
	rep := func(id, typ, name string) any {
		r := map[string]any{"name": name, "messaging": map[string]any{"type": typ}}
		if id != "" {
			r["id"] = id
		}
		return r
	}
	held := []any{rep("a", "webhook-scenario", "Chat"), rep("b", "mail-scenario", "Mail"), rep("c", "webhook-scenario", "Ops")}
	for _, tc := range []struct {
		name string
		reps []any
		want []int
	}{
		{"by id, moved", []any{rep("c", "webhook-scenario", "Ops"), rep("a", "webhook-scenario", "Chat")}, []int{2, 0}},
		{"ids removed", []any{rep("", "webhook-scenario", "Chat"), rep("", "mail-scenario", "Mail")}, []int{0, 1}},
		{"an id DSS does not hold", []any{rep("zz", "webhook-scenario", "Ops")}, []int{2}},
		{"renamed in place", []any{rep("", "webhook-scenario", "Chat 2"), rep("", "mail-scenario", "Mail"), rep("", "webhook-scenario", "Ops")}, []int{0, 1, 2}},
		{"another type", []any{rep("", "slack-scenario", "Chat")}, []int{-1}},
		{"an id claims it first", []any{rep("", "webhook-scenario", "Chat"), rep("a", "webhook-scenario", "Renamed")}, []int{2, 0}},
		{"new", []any{rep("", "webhook-scenario", "Chat"), rep("", "webhook-scenario", "New")}, []int{0, 2}},
	} {
		if got := pairReporters(tc.reps, held); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
