package kit

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The data source kit: one implementation of a data source's Terraform
// side (type name, configuration, the unconfigured provider, DSS's errors,
// the state) that every data source configures with its schema and its
// read, as the resources' kit (kit.go) does with a kind.
//
// M is the data source's model (the struct with tfsdk tags).
type DataSource[M any] struct {
	// Name is the type name without the provider's, e.g. "code_env".
	Name string
	// SchemaFunc is the data source's schema; mirror, when set instead, derives
	// it from the resource the data source reads (data_source_derive.go).
	SchemaFunc func() schema.Schema
	Mirror     *MirroredSchema
	// Summary is the summary of the read's error diagnostics, naming what
	// the configuration m asks for, e.g. `Cannot read the schema of dataset
	// "SALES.orders"`. Nil means "Cannot read data.dataiku_" + name,
	// followed by what Named names, quoted, when it is set: `Cannot read
	// data.dataiku_dataset "SALES.orders"`.
	Summary func(m *M) string
	Named   func(m *M) string
	// NotFound, when set, is what the error says when DSS answers that the
	// object m names does not exist (dss.IsNotFound: never a refused key or
	// an unreachable DSS): which object, and how to list those that exist.
	// DSS's answer follows it.
	NotFound func(m *M) string
	// ReadObject fills m, which holds the configuration, with what DSS says. It
	// returns DSS's error unchanged (the kit reports it under the summary)
	// and adds any other problem to diagnostics.
	ReadObject func(ctx context.Context, c *dss.Client, m *M, diagnostics *diag.Diagnostics) error

	client *dss.Client
}

var _ datasource.DataSourceWithConfigure = (*DataSource[struct{}])(nil)

func (d *DataSource[M]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.Name
}

func (d *DataSource[M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	if d.Mirror != nil {
		resp.Schema = d.Mirror.Schema()
		return
	}
	resp.Schema = d.SchemaFunc()
}

// Mirrored is how the data source's schema is derived from a resource's,
// nil when it is declared by hand.
func (d *DataSource[M]) Mirrored() *MirroredSchema { return d.Mirror }

// NewModel is the data source's model, for the tests that check it holds
// every attribute of the schema.
func (d *DataSource[M]) NewModel() any { return new(M) }

func (d *DataSource[M]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = ClientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *DataSource[M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m M
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary := "Cannot read data.dataiku_" + d.Name
	switch {
	case d.Summary != nil:
		summary = d.Summary(&m)
	case d.Named != nil:
		summary += fmt.Sprintf(" %q", d.Named(&m))
	}
	if !RequireClient(d.client, &resp.Diagnostics, summary) {
		return
	}
	if err := d.ReadObject(ctx, d.client, &m, &resp.Diagnostics); err != nil {
		if d.NotFound != nil && dss.IsNotFound(err) {
			resp.Diagnostics.AddError(summary, d.NotFound(&m)+"\n\nDSS answered: "+DSSErrorText(err))
			return
		}
		AddDSSError(&resp.Diagnostics, summary, err)
		return
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// ReadAsImport is the ReadObject of a data source that shows its object as
// the resource reads it after an import (everything DSS holds, nothing
// kept from a configuration): read fills a model that starts with the
// lookup keys keys copies out of the configuration.
func ReadAsImport[M any](read func(context.Context, *dss.Client, *M, bool) error, keys func(cfg *M) M) func(context.Context, *dss.Client, *M, *diag.Diagnostics) error {
	return func(ctx context.Context, c *dss.Client, cfg *M, _ *diag.Diagnostics) error {
		m := keys(cfg)
		if err := read(ctx, c, &m, true); err != nil {
			return err
		}
		*cfg = m
		return nil
	}
}

// ProjectKeyAttribute is the required project_key of a data source that
// reads in one project: what names the object it holds ("the dataset"),
// "" when the data source lists the project's objects.
// IDOrName is the id and name attributes of a data source that reads one
// object of a project by either: each optional and computed, exactly one
// of them set (and not empty). idDoc and nameDoc describe each; the rule
// is added to both.
func IDOrName(idDoc, nameDoc string) (id, name schema.StringAttribute) {
	oneOf := []validator.String{stringvalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")), stringvalidator.LengthAtLeast(1)}
	const rule = " Exactly one of `id` and `name` must be set."
	return schema.StringAttribute{Optional: true, Computed: true, Validators: oneOf, MarkdownDescription: idDoc + rule},
		schema.StringAttribute{Optional: true, Computed: true, Validators: oneOf, MarkdownDescription: nameDoc + rule}
}

// IDOrNameSummary heads the errors of a data source that reads one object
// of project projectKey by id or name: the one given is quoted.
func IDOrNameSummary(typeName, projectKey string, id, name types.String) string {
	return fmt.Sprintf("Cannot read data.%s %q in project %s", typeName, id.ValueString()+name.ValueString(), projectKey)
}

func ProjectKeyAttribute(what string) schema.StringAttribute {
	desc := "Key of the project."
	if what != "" {
		desc = "Key of the project holding " + what + "."
	}
	return schema.StringAttribute{Required: true, MarkdownDescription: desc}
}

// ObjectsList is a list data source's list: one object of attrTypes per
// element of in, in the order of sortKey (in's order when nil), with the
// attributes item gives it; an element for which item returns nil is left
// out (a filter). in is sorted in place.
func ObjectsList[T any](attrTypes map[string]attr.Type, in []T, sortKey func(*T) string, item func(*T) map[string]attr.Value, diagnostics *diag.Diagnostics) types.List {
	if sortKey != nil {
		slices.SortFunc(in, func(a, b T) int { return strings.Compare(sortKey(&a), sortKey(&b)) })
	}
	vals := make([]attr.Value, 0, len(in))
	for i := range in {
		attrs := item(&in[i])
		if attrs == nil {
			continue
		}
		obj, diags := types.ObjectValue(attrTypes, attrs)
		diagnostics.Append(diags...)
		vals = append(vals, obj)
	}
	list, diags := types.ListValue(types.ObjectType{AttrTypes: attrTypes}, vals)
	diagnostics.Append(diags...)
	return list
}

// ListItemTypes is the object type of the items of a list data source's
// nested list attribute named list, as its schema s declares them: what
// ObjectsList builds.
func ListItemTypes(s schema.Schema, list string) map[string]attr.Type {
	if l, ok := s.Attributes[list].GetType().(types.ListType); ok {
		if o, ok := l.ElemType.(types.ObjectType); ok {
			return o.AttrTypes
		}
	}
	panic("listItemTypes: " + list + " is not a list of objects")
}
