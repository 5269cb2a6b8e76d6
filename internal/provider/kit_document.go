package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// documentSync is a kind's main document as the kit writes it and reads it
// back during apply. The kind says how the plan goes into DSS's document
// and how DSS's document comes back into the plan; the kit owns the order
// of the requests (syncDocument), so that no kind can PUT a document its
// conversion failed to fill.
type documentSync[M, D any] struct {
	doc dss.Document[D]
	// toDSS writes the plan into the document as DSS holds it. An error
	// stops the apply before any PUT: a half-converted document (an empty
	// schema after a failed list conversion) never reaches DSS.
	toDSS func(d *D) diag.Diagnostics
	// afterWrite, when set, sends what is not part of the document's PUT
	// (a scenario's script and activation, a code env's build), after the
	// read-modify-write whether or not it sent a PUT. It reports whether it
	// changed DSS, so that the kit reads the document again.
	afterWrite func(d *D) (changed bool, err error)
	// fromDSS fills the plan from the document DSS holds.
	fromDSS func(d *D) diag.Diagnostics
	// keepPlanned, when set, puts back in got (the filled plan) the
	// planned values Terraform requires where DSS holds every written key
	// (keepPlannedJSON); written is the plan as it was written.
	keepPlanned func(got, planned, written *M)
}

// syncDocument is the read-modify-write of a kind's document: GET, toDSS,
// no PUT when toDSS reports an error, a PUT only when toDSS changed the
// document, the kind's other writes, a GET again only when something was
// written (DSS fills defaults, sorts and drops fields: the document sent
// is not the one it holds, and its PUT answers only {"msg"}, dss-api.md
// §4.1), then fromDSS and keepPlanned. Every problem goes to op.diags.
func syncDocument[M, D any](ctx context.Context, c *dss.Client, op *applyOp[M], s documentSync[M, D]) {
	written := *op.plan
	var converted diag.Diagnostics
	d, wrote, err := s.doc.Update(ctx, c, func(d *D) error {
		converted = s.toDSS(d)
		return diagsError(converted)
	})
	op.diags.Append(converted...)
	if converted.HasError() || op.fail(err) {
		return
	}
	if wrote {
		tflog.Trace(ctx, "wrote DSS document", map[string]any{"path": s.doc.Path()})
	}
	if s.afterWrite != nil {
		changed, err := s.afterWrite(d)
		if op.fail(err) {
			return
		}
		wrote = wrote || changed
	}
	if wrote {
		if d, err = s.doc.Get(ctx, c); op.fail(err) {
			return
		}
	}
	if op.diags.Append(s.fromDSS(d)...); op.diags.HasError() {
		return
	}
	if s.keepPlanned != nil {
		s.keepPlanned(op.plan, &op.planned, &written)
	}
}
