package dataset

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

type datasetListFilters struct {
	kit.InProjectListFilters
	Type           types.String   `tfsdk:"type"`
	ConnectionName types.String   `tfsdk:"connection_name"`
	Tags           []types.String `tfsdk:"tags"`
}

func NewDatasetList() list.ListResource {
	return kit.NewList(kit.ListKind[DatasetResourceModel, datasetListFilters]{
		Kind: DatasetKind{},
		Description: "Lists the datasets of one project." +
			kit.ListCost("1 request (`GET /projects/{key}/datasets/`, the list the refresh reads): its items are whole definitions, so the resource object (`include_resource`) costs nothing more."),
		Filters: map[string]listschema.Attribute{
			"project_key": kit.InProjectFilter("datasets"),
			"type": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the datasets of this DSS type, e.g. `Filesystem`, `PostgreSQL` (as the resource's `type`: a known type in another case is refused with DSS's spelling; other names, for plugin types, are compared as written).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), kit.KnownSpelling("dataset type", names.DatasetTypes()...)}},
			"connection_name": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the datasets stored in this connection."},
			"tags": kit.TagsFilter("datasets"),
		},
		List: kit.ListDefinitions("datasets", (*dss.Client).ListDatasetDefinitions, dss.DatasetDoc, func(key string, f *datasetListFilters, name string, d *dss.Dataset) (string, bool) {
			t, cn := kit.Optional(f.Type), kit.Optional(f.ConnectionName)
			keep := (t == "" || d.Type == t) && (cn == "" || d.Connection() == cn) && kit.HasTags(d.Tags, f.Tags)
			return key + "." + name + " (" + d.Type + ")", keep
		}),
	})
}

type dataQualityRuleListFilters struct {
	ProjectKey  types.String `tfsdk:"project_key"`
	DatasetName types.String `tfsdk:"dataset_name"`
}

func NewDataQualityRuleList() list.ListResource {
	return kit.NewList(kit.ListKind[DataQualityRuleModel, dataQualityRuleListFilters]{
		Kind: dataQualityRuleKind{},
		Description: "Lists the data quality rules of one dataset, or of every dataset of a project." +
			kit.ListCost("DSS keeps rules per dataset: with `dataset_name`, 1 request; without, 1 for the project's datasets plus 1 per dataset, 8 at a time. The resource object costs nothing more: a rule's read is its dataset's list."),
		Filters: map[string]listschema.Attribute{
			"project_key": kit.InProjectFilter("datasets' rules"),
			"dataset_name": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the rules of this dataset (one request instead of one per dataset).",
				Validators:          []validator.String{stringvalidator.RegexMatches(datasetNamePattern, DatasetNameRule)}},
		},
		List: func(ctx context.Context, l *kit.Lister, f *dataQualityRuleListFilters, emit func(kit.Listed) bool) error {
			key := f.ProjectKey.ValueString()
			datasets := []string{kit.Optional(f.DatasetName)}
			if datasets[0] == "" {
				all, err := l.C.ListDatasets(ctx, key, nil)
				if err != nil {
					return kit.Listing("datasets of project "+key, err)
				}
				datasets = datasets[:0]
				for _, d := range all {
					datasets = append(datasets, d.Name)
				}
				sort.Strings(datasets)
			}
			// One request per dataset, sent side by side (ListWindow at
			// once), the results emitted in the datasets' order.
			for start := 0; start < len(datasets); start += kit.ListWindow {
				window := datasets[start:min(start+kit.ListWindow, len(datasets))]
				rules := make([][]dss.DataQualityRule, len(window))
				errs := make([]error, len(window))
				var wg sync.WaitGroup
				for i, ds := range window {
					wg.Add(1)
					go func() {
						defer wg.Done()
						rules[i], errs[i] = l.C.ListDataQualityRules(ctx, key, ds)
					}()
				}
				wg.Wait()
				for i, ds := range window {
					if errs[i] != nil {
						return kit.Listing(fmt.Sprintf("data quality rules of dataset %s.%s", key, ds), errs[i])
					}
					for _, r := range rules[i] {
						// The rule's read after an import takes it from this
						// same list (GetDataQualityRule): fill from it.
						fill := func(m *DataQualityRuleModel) error { return dataQualityRuleFromDSS(&r, m, true) }
						if !emit(kit.Listed{Key: []string{key, ds, r.ID}, Display: key + "." + ds + " / " + kit.NameOr(r.DisplayName, r.ID), Fill: fill}) {
							return nil
						}
					}
				}
			}
			return nil
		},
	})
}

type streamingEndpointListFilters struct {
	kit.InProjectListFilters
	Type types.String `tfsdk:"type"`
}

// NewStreamingEndpointList lists one project's streaming endpoints.
func NewStreamingEndpointList() list.ListResource {
	return kit.NewList(kit.ListKind[StreamingEndpointResourceModel, streamingEndpointListFilters]{
		Kind: StreamingEndpointKind{},
		Description: "Lists the streaming endpoints of one project." +
			kit.ListCost("1 request (`GET /projects/{key}/streamingendpoints/`); the resource object costs each endpoint's read."),
		Filters: map[string]listschema.Attribute{
			"project_key": kit.InProjectFilter("streaming endpoints"),
			"type": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the streaming endpoints of this type, e.g. `kafka` (compared as written, as DSS spells it).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
		},
		List: kit.ListInProject("streaming endpoints", (*dss.Client).ListStreamingEndpoints,
			func(key string, f *streamingEndpointListFilters, e dss.StreamingEndpoint) (string, string, bool) {
				t := kit.Optional(f.Type)
				return e.ID, key + "." + e.ID + " (" + e.Type + ")", t == "" || e.Type == t
			}),
	})
}
