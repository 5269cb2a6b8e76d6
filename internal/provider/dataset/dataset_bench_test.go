package dataset_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// benchDatasetDoc is a dataset definition as the emulator returns it for
// the datasets `make bench` creates: DSS's filled-in params and format
// keys included, which the subset rule must drop.
const benchDatasetDoc = `{"projectKey":"BENCH_000","name":"ds_000","type":"Filesystem","managed":false,` +
	`"params":{"connection":"filesystem_root","path":"/bench/BENCH_000/ds_000","notReadyIfEmpty":false,` +
	`"filesSelectionRules":{"mode":"ALL","excludeRules":[],"includeRules":[],"explicitFiles":[]},` +
	`"variablesExpansionLoopConfig":{"enabled":false,"mode":"CREATE_VARIABLE_FOR_EACH_COLUMN","replacements":[]}},` +
	`"formatType":"csv","formatParams":{"style":"excel","separator":",","quoteChar":"\"","escapeChar":"\\",` +
	`"parseHeaderRow":true,"charset":"utf8","dateSerializationFormat":"ISO","arrayMapFormat":"json","compress":""},` +
	`"schema":{"columns":[],"userModified":false},"partitioning":{"dimensions":[],"ignoreNonMatchingFile":false},` +
	`"flowOptions":{"virtualizable":false,"rebuildBehavior":"NORMAL"},"tags":["bench"],"description":"dataset","shortDesc":"",` +
	`"customFields":{},"checklists":{"checklists":[]},"creationTag":{"lastModifiedOn":1700000000000,"lastModifiedBy":{"login":"admin"}}}`

// benchDatasetState is the prior state of that dataset as a plan holds it.
func benchDatasetState(b *testing.B, ctx context.Context, s tfsdk.State) tfsdk.State {
	b.Helper()
	m := dataset.DatasetResourceModel{DatasetModel: dataset.DatasetModel{
		ID: types.StringValue("BENCH_000.ds_000"), ProjectKey: types.StringValue("BENCH_000"), Name: types.StringValue("ds_000"),
		Type: types.StringValue("Filesystem"), Connection: types.StringValue("filesystem_root"),
		Params:  types.DynamicValue(types.StringValue(`{"path":"/bench/BENCH_000/ds_000"}`)),
		Managed: types.BoolValue(false), FormatType: types.StringValue("csv"), FormatParams: types.DynamicNull(),
		SchemaColumns: types.ListNull(dataset.DatasetColumnsType),
		Partitioning:  types.ObjectNull(kit.PartitioningAttrTypes),
		Documentation: kit.Documentation{Description: types.StringValue("dataset"), ShortDescription: types.StringValue(""),
			Tags: types.SetValueMust(types.StringType, []attr.Value{types.StringValue("bench")})},
	}, DropDataOnDestroy: types.BoolValue(false)}
	if d := s.Set(ctx, &m); d.HasError() {
		b.Fatal(d)
	}
	return s
}

// BenchmarkDatasetRead is the provider's whole Read of one dataset, as a
// refresh runs it: state decoding, one GET through the client (to a local
// server answering a fixed definition), the subset projection of params
// and format_params, and state encoding. The framework's own gRPC and
// plan-modifier work around it is not included.
func BenchmarkDatasetRead(b *testing.B) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(benchDatasetDoc))
	}))
	defer srv.Close()
	c, err := dss.NewClient(dss.Config{Host: srv.URL, APIKey: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	r := &kit.Resource[dataset.DatasetResourceModel]{Kind: dataset.DatasetKind{}, Client: c}
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	empty := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}
	prior := benchDatasetState(b, ctx, empty)
	b.ReportAllocs()
	for b.Loop() {
		resp := resource.ReadResponse{State: tfsdk.State{Schema: sr.Schema, Raw: prior.Raw.Copy()}}
		r.Read(ctx, resource.ReadRequest{State: prior}, &resp)
		if resp.Diagnostics.HasError() {
			b.Fatal(resp.Diagnostics)
		}
		if !resp.State.Raw.Equal(prior.Raw) {
			b.Fatalf("Read changed the state:\n%v\n%v", resp.State.Raw, prior.Raw)
		}
	}
}

// BenchmarkDatasetFromDSS is the pure part of Read: DSS's decoded
// definition to the Terraform model with the subset rule.
func BenchmarkDatasetFromDSS(b *testing.B) {
	ctx := context.Background()
	var doc dss.Dataset
	if err := json.Unmarshal([]byte(benchDatasetDoc), &doc); err != nil {
		b.Fatal(err)
	}
	prior := dataset.DatasetModel{
		ProjectKey: types.StringValue("BENCH_000"), Params: types.DynamicValue(types.StringValue(`{"path":"/bench/BENCH_000/ds_000"}`)),
		FormatParams:  types.DynamicNull(),
		SchemaColumns: types.ListNull(dataset.DatasetColumnsType),
		Partitioning:  types.ObjectNull(kit.PartitioningAttrTypes),
	}
	b.ReportAllocs()
	for b.Loop() {
		out := prior
		if d := dataset.DatasetFromDSS(ctx, &doc, &out, dataset.FillManaged); d.HasError() || !out.Params.Equal(prior.Params) {
			b.Fatalf("%v %v", d, out.Params)
		}
	}
}

// BenchmarkWrittenSubset is the params projection alone: decode the written
// object, keep DSS's values for its keys, compare.
func BenchmarkWrittenSubset(b *testing.B) {
	var doc dss.Dataset
	if err := json.Unmarshal([]byte(benchDatasetDoc), &doc); err != nil {
		b.Fatal(err)
	}
	params := dss.ParamsWithoutConnection(doc.Params)
	prior := types.DynamicValue(types.StringValue(`{"path":"/bench/BENCH_000/ds_000"}`))
	b.ReportAllocs()
	for b.Loop() {
		if out := kit.HCLObjectSubset(params, prior); !out.Equal(prior) {
			b.Fatal(out)
		}
	}
}
