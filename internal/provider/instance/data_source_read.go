package instance

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// readDocDataSource is the ReadObject of a data source that reads one DSS
// document, named by its configuration (doc): DSS's answer is converted
// by from into a fresh model, which replaces the configuration, so that
// the data source shows the object as DSS holds it and keeps nothing of
// what was configured but what DSS gives back.
func readDocDataSource[M, D any](doc func(cfg *M) dss.Document[D], from func(ctx context.Context, d *D, m *M) diag.Diagnostics) func(context.Context, *dss.Client, *M, *diag.Diagnostics) error {
	return func(ctx context.Context, c *dss.Client, cfg *M, diagnostics *diag.Diagnostics) error {
		d, err := doc(cfg).Get(ctx, c)
		if err != nil {
			return err
		}
		var m M
		diagnostics.Append(from(ctx, d, &m)...)
		*cfg = m
		return nil
	}
}

// absentFromList reports whether err is DSS's list answered without the
// object a data source names (kit.AbsentFromListError): the data source
// then says so in its own words, with what to check, rather than quoting
// an error DSS did not give.
func absentFromList(err error) bool {
	var absent *kit.AbsentFromListError
	return errors.As(err, &absent)
}
