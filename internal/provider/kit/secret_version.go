package kit

import "github.com/hashicorp/terraform-plugin-framework/types"

// SecretVersionChanged is the one rule for a write-only secret
// (`<name>_wo`) and its `<name>_wo_version`: Terraform never shows the
// secret, so the secret goes to DSS on create (Prior nil) and afterwards
// only when version, the `_wo_version` of a model, differs between the
// plan and the prior state: changed, removed (value -> null) or set
// (null -> value). The version itself reaches the state with the plan.
func (op *ApplyOp[M]) SecretVersionChanged(version func(*M) types.Int64) bool {
	return op.Prior == nil || op.SecretVersionRotated(version)
}

// SecretVersionRotated is SecretVersionChanged for a kind whose create
// request already carried the secret: only an update whose version
// differs from the prior state's sends it again.
func (op *ApplyOp[M]) SecretVersionRotated(version func(*M) types.Int64) bool {
	return op.Prior != nil && !version(op.Plan).Equal(version(op.Prior))
}
