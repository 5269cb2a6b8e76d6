package kit

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// CollectionDataSource is a data source that lists one of DSS's
// collections with one request, in DSS's order: an `id` and one list of
// computed items, plus a required `project_key` for a collection of a
// project. A kind gives the names, the descriptions, the items' attributes,
// the request and one element's attributes; the kit derives the schema,
// the model (the whole object, since the list attribute's name differs
// from one collection to the next), the read and the error's summary. T is
// an element of what the request returns.
type CollectionDataSource[T any] struct {
	// Name is the type name without the provider's; ID is the id of an
	// instance's collection, Name when empty.
	Name, ID    string
	Description string
	// List is the list attribute's name and ListDescription its
	// description; Items are its items' attributes.
	List, ListDescription string
	Items                 map[string]schema.Attribute
	// Request sends the request of an instance's collection, InProject
	// (set instead) that of a project's, whose key is then the id. Each is
	// a client's method, hence the receiver first.
	Request   func(c *dss.Client, ctx context.Context) ([]T, error)
	InProject func(c *dss.Client, ctx context.Context, projectKey string) ([]T, error)
	// Item is one element's attributes.
	Item func(x *T) map[string]attr.Value
}

// DataSource is the data source cd describes.
func (cd CollectionDataSource[T]) DataSource() datasource.DataSource {
	if cd.ID == "" {
		cd.ID = cd.Name
	}
	itemTypes := ListItemTypes(cd.schema(), cd.List)
	projectKey := func(m *types.Object) types.String {
		key, _ := m.Attributes()["project_key"].(types.String)
		return key
	}
	ds := &DataSource[types.Object]{Name: cd.Name, SchemaFunc: cd.schema,
		ReadObject: func(ctx context.Context, c *dss.Client, m *types.Object, diags *diag.Diagnostics) error {
			attrs := map[string]attr.Value{"id": types.StringValue(cd.ID)}
			request := cd.Request
			if cd.InProject != nil {
				key := projectKey(m)
				attrs["id"], attrs["project_key"] = key, key
				request = func(c *dss.Client, ctx context.Context) ([]T, error) { return cd.InProject(c, ctx, key.ValueString()) }
			}
			elements, err := request(c, ctx)
			if err != nil {
				return err
			}
			attrs[cd.List] = ObjectsList(itemTypes, elements, nil, cd.Item, diags)
			obj, d := types.ObjectValue(m.AttributeTypes(ctx), attrs)
			diags.Append(d...)
			*m = obj
			return nil
		}}
	if cd.InProject != nil {
		ds.Summary = func(m *types.Object) string {
			return "Cannot read data.dataiku_" + cd.Name + " of project " + projectKey(m).ValueString()
		}
	}
	return ds
}

func (cd CollectionDataSource[T]) schema() schema.Schema {
	attrs := map[string]schema.Attribute{
		"id": ComputedString("Always `" + cd.ID + "`."),
		cd.List: schema.ListNestedAttribute{Computed: true, MarkdownDescription: cd.ListDescription,
			NestedObject: schema.NestedAttributeObject{Attributes: cd.Items}},
	}
	if cd.InProject != nil {
		attrs["id"], attrs["project_key"] = ComputedString("The project key."), ProjectKeyAttribute("")
	}
	return schema.Schema{MarkdownDescription: cd.Description, Attributes: attrs}
}
