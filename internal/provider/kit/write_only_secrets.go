package kit

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// withWriteOnlySecrets is ctx carrying, as secrets of the calls made with
// it (dss.WithSecrets), every value of the configuration's write-only
// attributes: what a create or an update may send and must never see
// again in an error or a log line. It is the one place that names them,
// for every kind: a kind gaining a write-only attribute is covered
// without a line of its own.
//
// A string holding JSON (a connection's secret params, a preset's secret
// config, a scenario's reporter credentials) gives its string leaves too,
// since the request sends them one by one inside its own document; a map
// (an API Deployer infrastructure's node keys) gives its values. Only
// top-level attributes are read: no nested attribute is write-only.
func withWriteOnlySecrets(ctx context.Context, config tfsdk.Config) context.Context {
	if config.Schema == nil {
		return ctx
	}
	var top map[string]tftypes.Value
	if config.Raw.IsNull() || !config.Raw.IsKnown() || config.Raw.As(&top) != nil {
		return ctx
	}
	var secrets []string
	for name, a := range config.Schema.GetAttributes() {
		if a.IsWriteOnly() {
			secrets = appendStringLeaves(secrets, top[name])
		}
	}
	return dss.WithSecrets(ctx, secrets...)
}

// appendStringLeaves appends the strings v holds, at any depth, with the
// string leaves of those that are JSON documents. Numbers and booleans are
// left out, as dss.SecretLeaves explains.
func appendStringLeaves(out []string, v tftypes.Value) []string {
	if !v.IsKnown() || v.IsNull() {
		return out
	}
	var s string
	if v.As(&s) == nil {
		out = append(out, s)
		var doc any
		if json.Unmarshal([]byte(s), &doc) == nil {
			out = append(out, dss.SecretLeaves(doc)...)
		}
		return out
	}
	var m map[string]tftypes.Value
	if v.As(&m) == nil {
		for _, e := range m {
			out = appendStringLeaves(out, e)
		}
		return out
	}
	var l []tftypes.Value
	if v.As(&l) == nil {
		for _, e := range l {
			out = appendStringLeaves(out, e)
		}
	}
	return out
}
