package kit

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// DocumentSync is a kind's main document as the kit writes it and reads it
// back during apply. The kind says how the plan goes into DSS's document
// and how DSS's document comes back into the plan; the kit owns the order
// of the requests (SyncDocument), so that no kind can PUT a document its
// conversion failed to fill.
type DocumentSync[M, D any] struct {
	Doc dss.Document[D]
	// ToDSS writes the plan into the document as DSS holds it. An error
	// stops the apply before any PUT: a half-converted document (an empty
	// schema after a failed list conversion) never reaches DSS.
	ToDSS func(d *D) diag.Diagnostics
	// AfterWrite, when set, sends what is not part of the document's PUT
	// (a scenario's script and activation, a code env's build), after the
	// read-modify-write whether or not it sent a PUT. It reports whether it
	// changed DSS, so that the kit reads the document again.
	AfterWrite func(d *D) (changed bool, err error)
	// FromDSS fills the plan from the document DSS holds.
	FromDSS func(d *D) diag.Diagnostics
	// KeepPlanned, when set, puts back in got (the filled plan) the
	// planned values Terraform requires where DSS holds every written key
	// (KeepPlannedJSON); written is the plan as it was written.
	KeepPlanned func(got, planned, written *M)
}

// SyncDocument is the read-modify-write of a kind's document: GET, ToDSS,
// no PUT when ToDSS reports an error, a PUT only when ToDSS changed the
// document, the kind's other writes, a GET again only when something was
// written (DSS fills defaults, sorts and drops fields: the document sent
// is not the one it holds, and its PUT answers only {"msg"}, dss-api.md
// §4.1), then FromDSS and KeepPlanned. Every problem goes to op.Diags.
func SyncDocument[M, D any](ctx context.Context, c *dss.Client, op *ApplyOp[M], s DocumentSync[M, D]) {
	written := *op.Plan
	d, wrote, ok := UpdateDocument(ctx, c, op, s.Doc, s.ToDSS)
	if !ok {
		return
	}
	if wrote {
		tflog.Trace(ctx, "wrote DSS document", map[string]any{"path": s.Doc.Path()})
	}
	if s.AfterWrite != nil {
		changed, err := s.AfterWrite(d)
		if op.Fail(err) {
			return
		}
		wrote = wrote || changed
	}
	if wrote {
		var err error
		if d, err = s.Doc.Get(ctx, c); op.Fail(err) {
			return
		}
	}
	if op.Diags.Append(s.FromDSS(d)...); op.Diags.HasError() {
		return
	}
	if s.KeepPlanned != nil {
		s.KeepPlanned(op.Plan, &op.Planned, &written)
	}
}

// UpdateDocument is a read-modify-write of doc during an apply whose
// change is toDSS, the plan's conversion into DSS's document. The
// conversion's diagnostics go to op.Diags as they are (the
// configuration's problems, not DSS's), and an error among them stops the
// write before any PUT; DSS's error goes through op.Fail. ok is false
// when either stopped the apply. It is SyncDocument's write, and how a
// kind held in several documents (a project) writes each of them.
func UpdateDocument[M, D any](ctx context.Context, c *dss.Client, op *ApplyOp[M], doc dss.Document[D], toDSS func(d *D) diag.Diagnostics) (d *D, written, ok bool) {
	var converted diag.Diagnostics
	d, written, err := doc.Update(ctx, c, func(held *D) error {
		converted = toDSS(held)
		return DiagsError(converted)
	})
	op.Diags.Append(converted...)
	if converted.HasError() || op.Fail(err) {
		return nil, false, false
	}
	return d, written, true
}
