package instance

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewDataCollectionDatasetResource returns the
// dataiku_data_collection_dataset resource.
func NewDataCollectionDatasetResource() resource.Resource {
	return kit.NewResource[dataCollectionDatasetModel](dataCollectionDatasetKind{})
}

// dataCollectionDatasetKind is one dataset in a data collection: added
// with a POST of the collection's objects, found in their list (DSS has
// no GET of one object), removed with a DELETE of its own path
// (dataikuapi [V]). Nothing changes in place.
type dataCollectionDatasetKind struct{}

type dataCollectionDatasetModel struct {
	ID               types.String `tfsdk:"id"`
	DataCollectionID types.String `tfsdk:"data_collection_id"`
	ProjectKey       types.String `tfsdk:"project_key"`
	DatasetName      types.String `tfsdk:"dataset_name"`
}

// dataCollectionDatasetAddress: its import ID is collection/PROJECT.name.
// Path is the collection's objects: their list's not-found (the
// collection is gone) means the dataset is gone from it too.
var dataCollectionDatasetAddress = kit.Address[dataCollectionDatasetModel]{
	TypeName: "dataiku_data_collection_dataset",
	Path:     "data-collections/{data_collection_id}/objects",
	Key: []kit.KeyPart[dataCollectionDatasetModel]{
		{Attr: "data_collection_id", ImportPart: dataCollectionIDPart,
			Field: func(m *dataCollectionDatasetModel) *types.String { return &m.DataCollectionID }, Doc: "The data collection's id."},
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart,
			Field: func(m *dataCollectionDatasetModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project holding the dataset."},
		{Attr: "dataset_name", ImportPart: kit.DatasetPart,
			Field: func(m *dataCollectionDatasetModel) *types.String { return &m.DatasetName }, Doc: "The dataset's name."},
	},
	ID:   func(m *dataCollectionDatasetModel) *types.String { return &m.ID },
	Join: func(v []string) string { return v[0] + "/" + v[1] + "." + v[2] },
	// A collection's id holds no slash, a project key and a dataset name
	// no dot: the first of each splits the ID.
	ParseKey: func(id string) ([]string, error) {
		collection, rest, _ := strings.Cut(id, "/")
		key, name, _ := strings.Cut(rest, ".")
		parts := []string{collection, key, name}
		for i, p := range []kit.ImportPart{dataCollectionIDPart, kit.ProjectKeyPart, kit.DatasetPart} {
			if !p.Pattern.MatchString(parts[i]) {
				return nil, fmt.Errorf("expected collection_id/PROJECT_KEY.dataset_name (e.g. aB3dE5fG/SALES.orders), where %s must %s; got %q", p.Label, p.Rule, id)
			}
		}
		return parts, nil
	},
}

func (dataCollectionDatasetKind) Address() *kit.Address[dataCollectionDatasetModel] {
	return &dataCollectionDatasetAddress
}

func (dataCollectionDatasetKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "One dataset in a DSS data collection (DSS 12 and later). Creating it adds the dataset to the collection; destroying it removes it from the collection (the dataset stays). " +
			"Every attribute replaces. Needs contributor rights on the collection (`write`). Import with `collection_id/PROJECT_KEY.dataset_name`.\n\n" +
			"**Refresh cost.** 1 API call (the collection's objects).",
		Attributes: map[string]schema.Attribute{
			"id": kit.StableIDAttribute("`collection_id/PROJECT_KEY.dataset_name`."),
			"data_collection_id": kit.RequiredReplacing("The collection's id, e.g. `dataiku_data_collection.sales.id`. Changing it moves the dataset to the other collection (a replacement).",
				dataCollectionIDValidators...),
			"project_key": kit.ParentProjectKeyAttribute("Key of the project holding the dataset. Changing it replaces the resource."),
			"dataset_name": kit.RequiredReplacing("The dataset's name in its project. Changing it replaces the resource.",
				kit.DatasetPart.Validator()),
		},
	}
}

// readDataCollectionDataset finds m's dataset in its collection's
// objects, or answers AbsentFromListError.
func readDataCollectionDataset(ctx context.Context, c *dss.Client, m *dataCollectionDatasetModel) error {
	id := m.DataCollectionID.ValueString()
	objects, err := c.ListDataCollectionObjects(ctx, id)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(objects, func(o dss.DataCollectionObject) bool {
		return o.Type == dss.DataCollectionTypeDataset && o.ProjectKey == m.ProjectKey.ValueString() && o.ID == m.DatasetName.ValueString()
	}) {
		return &kit.AbsentFromListError{ListPath: dss.DataCollectionObjectsPath(id)}
	}
	m.ID = types.StringValue(dataCollectionDatasetAddress.ImportID(m))
	return nil
}

func (dataCollectionDatasetKind) Find(ctx context.Context, c *dss.Client, m *dataCollectionDatasetModel) (bool, error) {
	return kit.FoundInList(struct{}{}, readDataCollectionDataset(ctx, c, m))
}

func (dataCollectionDatasetKind) Post(ctx context.Context, c *dss.Client, m *dataCollectionDatasetModel) error {
	return c.AddDatasetToDataCollection(ctx, m.DataCollectionID.ValueString(), m.ProjectKey.ValueString(), m.DatasetName.ValueString())
}

// Apply only reads back: every attribute replaces.
func (k dataCollectionDatasetKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[dataCollectionDatasetModel]) {
	op.Fail(k.Read(ctx, c, op.Plan, false))
}

// Read costs 1 GET (the collection's objects).
func (dataCollectionDatasetKind) Read(ctx context.Context, c *dss.Client, m *dataCollectionDatasetModel, _ bool) error {
	return readDataCollectionDataset(ctx, c, m)
}

// DeletePath: DSS's not-found for the dataset's own path means it is no
// longer in the collection.
func (dataCollectionDatasetKind) DeletePath(m *dataCollectionDatasetModel) string {
	return dss.DataCollectionDatasetPath(m.DataCollectionID.ValueString(), m.ProjectKey.ValueString(), m.DatasetName.ValueString())
}

func (dataCollectionDatasetKind) Delete(ctx context.Context, c *dss.Client, m *dataCollectionDatasetModel) error {
	return c.RemoveDatasetFromDataCollection(ctx, m.DataCollectionID.ValueString(), m.ProjectKey.ValueString(), m.DatasetName.ValueString())
}
