package kit

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// ListDataSource is a data source listing DSS's objects of one kind, T:
// a computed id, the configuration's lookup keys and filters, and the list
// of one row per object kept, sorted. Its read lists the objects, keeps
// those Row gives a row, sorts them and writes the rows and the id. What
// differs between list data sources is stated here; the model is an
// object, so that each names its own list attribute.
type ListDataSource[T any] struct {
	Name, Description string
	// IDDescription describes the computed id; IDOf computes it.
	IDDescription string
	IDOf          func(cfg ListConfig) string
	// Config holds the configuration's attributes: lookup keys and filters.
	Config map[string]schema.Attribute
	// List names the list attribute, ListDescription describes it and Item
	// holds its rows' attributes.
	List, ListDescription string
	Item                  map[string]schema.Attribute
	// Keys, when set, names a list of the kept rows' sort keys (e.g. the
	// groups' names), described by KeysDescription.
	Keys, KeysDescription string
	// Read lists the objects the configuration asks for.
	Read func(ctx context.Context, c *dss.Client, cfg ListConfig, diagnostics *diag.Diagnostics) ([]T, error)
	// SortKey orders the rows, so that the list is stable whatever order
	// DSS answers in; nil keeps DSS's order.
	SortKey func(*T) string
	// Row is an object's row, nil to leave the object out (a filter).
	Row func(ctx context.Context, cfg ListConfig, o *T, diagnostics *diag.Diagnostics) map[string]attr.Value
	// Summary is as DataSource's; nil means "Cannot read data.dataiku_" + name.
	Summary func(cfg ListConfig) string
}

// ListConfig is a list data source's configuration, by attribute name.
type ListConfig map[string]attr.Value

func (c ListConfig) String(name string) types.String { v, _ := c[name].(types.String); return v }
func (c ListConfig) Bool(name string) types.Bool     { v, _ := c[name].(types.Bool); return v }
func (c ListConfig) Set(name string) types.Set       { v, _ := c[name].(types.Set); return v }

// ProjectKey is the configuration's project_key.
func (c ListConfig) ProjectKey() string { return c.String("project_key").ValueString() }

// InProject makes l list the objects of the project its configuration's
// project_key names, with list (a client's method expression such as
// (*dss.Client).ListRecipes) when l has no Read of its own; the id is the
// project key.
func InProject[T any](list func(c *dss.Client, ctx context.Context, projectKey string) ([]T, error), l ListDataSource[T]) datasource.DataSource {
	l.Config = maps.Clone(l.Config)
	if l.Config == nil {
		l.Config = map[string]schema.Attribute{}
	}
	l.Config["project_key"] = ProjectKeyAttribute("")
	l.IDDescription = "The project key."
	l.IDOf = ListConfig.ProjectKey
	if l.Read == nil {
		l.Read = func(ctx context.Context, c *dss.Client, cfg ListConfig, _ *diag.Diagnostics) ([]T, error) {
			return list(c, ctx, cfg.ProjectKey())
		}
	}
	if l.Summary == nil {
		l.Summary = func(cfg ListConfig) string {
			return "Cannot read data.dataiku_" + l.Name + " of project " + cfg.ProjectKey()
		}
	}
	return l.DataSource()
}

// ReadAll is the Read of a list data source whose objects come from one
// call on the instance, a client's method expression such as
// (*dss.Client).ListGroups.
func ReadAll[T any](list func(c *dss.Client, ctx context.Context) ([]T, error)) func(context.Context, *dss.Client, ListConfig, *diag.Diagnostics) ([]T, error) {
	return func(ctx context.Context, c *dss.Client, _ ListConfig, _ *diag.Diagnostics) ([]T, error) {
		return list(c, ctx)
	}
}

func (l ListDataSource[T]) schema() schema.Schema {
	attrs := map[string]schema.Attribute{
		"id": ComputedString(l.IDDescription),
		l.List: schema.ListNestedAttribute{Computed: true, MarkdownDescription: l.ListDescription,
			NestedObject: schema.NestedAttributeObject{Attributes: l.Item}},
	}
	if l.Keys != "" {
		attrs[l.Keys] = schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: l.KeysDescription}
	}
	maps.Copy(attrs, l.Config)
	return schema.Schema{MarkdownDescription: l.Description, Attributes: attrs}
}

// DataSource is the data source l describes.
func (l ListDataSource[T]) DataSource() datasource.DataSource {
	s := l.schema()
	modelTypes, itemTypes := map[string]attr.Type{}, ListItemTypes(s, l.List)
	for name, a := range s.Attributes {
		modelTypes[name] = a.GetType()
	}
	ds := &DataSource[types.Object]{Name: l.Name, SchemaFunc: func() schema.Schema { return s }}
	if l.Summary != nil {
		ds.Summary = func(m *types.Object) string { return l.Summary(m.Attributes()) }
	}
	ds.ReadObject = func(ctx context.Context, c *dss.Client, m *types.Object, diagnostics *diag.Diagnostics) error {
		cfg := ListConfig(m.Attributes())
		objects, err := l.Read(ctx, c, cfg, diagnostics)
		if err != nil {
			return err
		}
		keys := []attr.Value{}
		out := maps.Clone(cfg)
		out[l.List] = ObjectsList(itemTypes, objects, l.SortKey, func(o *T) map[string]attr.Value {
			row := l.Row(ctx, cfg, o, diagnostics)
			if row != nil && l.Keys != "" {
				keys = append(keys, types.StringValue(l.SortKey(o)))
			}
			return row
		}, diagnostics)
		if l.Keys != "" {
			out[l.Keys] = types.ListValueMust(types.StringType, keys)
		}
		out["id"] = types.StringValue(l.IDOf(cfg))
		obj, diags := types.ObjectValue(modelTypes, out)
		diagnostics.Append(diags...)
		*m = obj
		return nil
	}
	return ds
}
