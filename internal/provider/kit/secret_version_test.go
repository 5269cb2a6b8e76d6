package kit_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

type secretModel struct{ V types.Int64 }

func secretVersion(m *secretModel) types.Int64 { return m.V }

// TestSecretVersionChanged: when a write-only secret goes to DSS, for the
// kinds that send it on create (Changed) and those whose create request
// already carried it (Rotated).
func TestSecretVersionChanged(t *testing.T) {
	one, two, null := types.Int64Value(1), types.Int64Value(2), types.Int64Null()
	for _, c := range []struct {
		name             string
		prior            *secretModel
		plan             types.Int64
		changed, rotated bool
	}{
		{"create", nil, one, true, false},
		{"create without a version", nil, null, true, false},
		{"unchanged", &secretModel{one}, one, false, false},
		{"both null", &secretModel{null}, null, false, false},
		{"changed", &secretModel{one}, two, true, true},
		{"version removed", &secretModel{one}, null, true, true},
		{"version null -> set", &secretModel{null}, one, true, true},
		{"unknown plan", &secretModel{one}, types.Int64Unknown(), true, true},
	} {
		op := &kit.ApplyOp[secretModel]{Plan: &secretModel{c.plan}, Prior: c.prior}
		if got := op.SecretVersionChanged(secretVersion); got != c.changed {
			t.Errorf("%s: SecretVersionChanged = %v, want %v", c.name, got, c.changed)
		}
		if got := op.SecretVersionRotated(secretVersion); got != c.rotated {
			t.Errorf("%s: SecretVersionRotated = %v, want %v", c.name, got, c.rotated)
		}
	}
}
