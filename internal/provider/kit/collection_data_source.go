package kit

import (
	"cmp"
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

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

// DataSource is the data source cd describes: a ListDataSource in DSS's
// order whose rows need nothing but the element.
func (cd CollectionDataSource[T]) DataSource() datasource.DataSource {
	l := ListDataSource[T]{Name: cd.Name, Description: cd.Description, List: cd.List, ListDescription: cd.ListDescription, Item: cd.Items,
		Row: func(_ context.Context, _ ListConfig, x *T, _ *diag.Diagnostics) map[string]attr.Value {
			return cd.Item(x)
		}}
	if cd.InProject != nil {
		return InProject(cd.InProject, l)
	}
	id := cmp.Or(cd.ID, cd.Name)
	l.IDDescription, l.IDOf, l.Read = "Always `"+id+"`.", func(ListConfig) string { return id }, ReadAll(cd.Request)
	return l.DataSource()
}
