package provider

// TEMPORARY: lets the dataset files compile against the typed dss client
// while dataiku_dataset is migrated in parallel. The merge drops this file.

import (
	"context"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

func datasetRawPath(projectKey, name string) string {
	return dss.Path("projects", projectKey, "datasets", name)
}

func getDatasetRaw(ctx context.Context, c *dss.Client, projectKey, name string) (map[string]any, error) {
	var out map[string]any
	if err := c.Get(ctx, datasetRawPath(projectKey, name), nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

func putDatasetRaw(ctx context.Context, c *dss.Client, projectKey, name string, def map[string]any) error {
	return c.Put(ctx, datasetRawPath(projectKey, name), nil, def, nil)
}

func createDatasetRaw(ctx context.Context, c *dss.Client, projectKey string, prototype map[string]any) error {
	return c.Post(ctx, dss.Path("projects", projectKey, "datasets")+"/", nil, prototype, nil)
}

func listDatasetsRaw(ctx context.Context, c *dss.Client, projectKey string, tags []string) ([]map[string]any, error) {
	var q url.Values
	if len(tags) > 0 {
		q = url.Values{"tags": {strings.Join(tags, ",")}}
	}
	var out []map[string]any
	if err := c.Get(ctx, dss.Path("projects", projectKey, "datasets")+"/", q, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// datasetPartitionPeriods are the periods of a "time" partitioning dimension.
var datasetPartitionPeriods = []string{"YEAR", "MONTH", "DAY", "HOUR"}

type datasetDimensionModel struct {
	Name   types.String `tfsdk:"name"`
	Type   types.String `tfsdk:"type"`
	Period types.String `tfsdk:"period"`
}

var datasetDimensionAttrTypes = map[string]attr.Type{
	"name": types.StringType, "type": types.StringType, "period": types.StringType,
}

type datasetPartitioningModel struct {
	Dimensions      []datasetDimensionModel `tfsdk:"dimensions"`
	FilePathPattern types.String            `tfsdk:"file_path_pattern"`
}

var datasetPartitioningAttrTypes = map[string]attr.Type{
	"dimensions":        types.ListType{ElemType: types.ObjectType{AttrTypes: datasetDimensionAttrTypes}},
	"file_path_pattern": types.StringType,
}

// datasetObjectAsOptions tolerates unknown parts of a nested object during
// validation.
var datasetObjectAsOptions = basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true}

func partitioningFromDoc(ctx context.Context, p map[string]any) (types.Object, diag.Diagnostics) {
	pm := datasetPartitioningModel{Dimensions: []datasetDimensionModel{}, FilePathPattern: nullIfEmpty(docString(p, "filePathPattern"))}
	list, _ := p["dimensions"].([]any)
	for _, e := range list {
		d, _ := e.(map[string]any)
		if d == nil {
			continue
		}
		dm := datasetDimensionModel{Name: types.StringValue(docString(d, "name")), Type: types.StringValue(docString(d, "type")), Period: types.StringNull()}
		if params := docMap(d, "params"); params != nil {
			dm.Period = nullIfEmpty(docString(params, "period"))
		}
		pm.Dimensions = append(pm.Dimensions, dm)
	}
	return types.ObjectValueFrom(ctx, datasetPartitioningAttrTypes, pm)
}

func partitioningToDoc(pm datasetPartitioningModel, existing map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range existing {
		out[k] = v
	}
	dims := make([]any, 0, len(pm.Dimensions))
	for _, d := range pm.Dimensions {
		dim := map[string]any{"name": d.Name.ValueString(), "type": d.Type.ValueString()}
		if !d.Period.IsNull() && !d.Period.IsUnknown() {
			dim["params"] = map[string]any{"period": d.Period.ValueString()}
		}
		dims = append(dims, dim)
	}
	out["dimensions"] = dims
	setOrDelete(out, "filePathPattern", pm.FilePathPattern)
	return out
}
