package kit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The list kit: one implementation of a list resource (Terraform 1.14's
// `terraform query`, `list` blocks in *.tfquery.hcl files) that every
// listable kind configures with how to list its objects and its filters.
// A kind adds only a ListKind value (its list requests and filters); the
// kit turns each listed object into its resource identity (the address's
// key, as an import by identity gives it), a display name and, when
// Terraform asks for it (include_resource, and -generate-config-out), the
// resource object exactly as the resource's Read after an import makes it:
// the same import path (the address's import ID) and the same kind read,
// so that the generated configuration follows whatever the resource's
// schema is and applies to an empty plan.
//
// Cost: the listing itself is the kind's list requests (one per project
// and kind, the same lists the list refresh reads); the resource object
// costs nothing more for a kind whose list items are whole definitions
// (datasets, managed folders: kindWithListRefresh), and the object's own
// read otherwise, only when it is asked for.

// ListKind is what a kind adds to be listed. M is the resource's model, F
// the list block's configuration (its filters, with tfsdk tags).
type ListKind[M any, F any] struct {
	Kind kind[M]
	// Description is the list resource's documentation: what it lists,
	// what it leaves out and what it costs.
	Description string
	// Filters are the list block's `config` attributes, named after the
	// resource's own attributes.
	Filters map[string]listschema.Attribute
	// List sends the kind's list requests for the filters f and calls
	// emit for each object, stopping when emit returns false. It returns
	// DSS's error unchanged, wrapped in a listError when it says which
	// list failed.
	List func(ctx context.Context, l *Lister, f *F, emit func(Listed) bool) error
}

// Listed is one object a kind's list found.
type Listed struct {
	// Key is the object's key, the address's parts in order.
	Key []string
	// Display is the name a person recognises it by.
	Display string
	// Item is the object's whole definition from its project's list, for
	// a kind with list refresh: the resource object is made from it with
	// no request of its own.
	Item json.RawMessage
	// fill, a func(m *M) error for the kind's model M, fills the resource
	// object from what the list already holds, exactly as the kind's read
	// after an import does from its own request (a data quality rule,
	// which DSS serves only in its dataset's list): no request of its own.
	Fill any
	// Unreadable is why the object's definition, which DSS listed, could
	// not be read: the object is left out with a warning saying so,
	// rather than one odd definition ending the list of all the others.
	Unreadable error
}

// Lister is what a kind's list function works with: the client and who
// the key is.
type Lister struct {
	C      *dss.Client
	Caller *dss.AuthInfo
}

// listError is a failed list request, with what was being listed:
// "datasets of project SALES".
type listError struct {
	what string
	err  error
}

func (e *listError) Error() string { return e.what + ": " + e.err.Error() }
func (e *listError) Unwrap() error { return e.err }

// Listing wraps err, a list request's failure, with what it listed.
func Listing(what string, err error) error {
	if err == nil {
		return nil
	}
	return &listError{what: what, err: err}
}

// listUsage ends every list resource's description.
const listUsage = "\n\n**Use.** In a `list` block of a `*.tfquery.hcl` file, with `terraform query` (Terraform 1.14 or later). " +
	"Each result carries the object's resource identity and a display name; `include_resource = true` adds the resource object, " +
	"as the resource's Read after an import makes it. `terraform query -generate-config-out=FILE` writes an `import` block and a " +
	"`resource` block for every object, whose apply imports them with an empty plan after it (see the adoption guide). " +
	"Terraform asks for at most `limit` results, 100 unless set: the list stops there, with no request for the objects beyond it."

// List is a Terraform list resource made of a ListKind.
type List[M any, F any] struct {
	lk     ListKind[M, F]
	Client *dss.Client
	caller *dss.AuthInfo
}

var _ list.ListResourceWithConfigure = (*List[struct{}, struct{}])(nil)

func NewList[M any, F any](lk ListKind[M, F]) list.ListResource { return &List[M, F]{lk: lk} }

func (l *List[M, F]) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = l.lk.Kind.Address().TypeName
}

func (l *List[M, F]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{MarkdownDescription: l.lk.Description + listUsage, Attributes: l.lk.Filters}
}

func (l *List[M, F]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.Client = ClientFromProviderData(req.ProviderData, &resp.Diagnostics)
	l.caller = callerFromProviderData(req.ProviderData)
	if k, ok := l.lk.Kind.(kindWithProviderData); ok {
		if data, ok := req.ProviderData.(*ProviderData); ok {
			k.Configure(data)
		}
	}
}

func (l *List[M, F]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	typeName := l.lk.Kind.Address().TypeName
	summary := "Cannot list " + typeName
	var f F
	var diags diag.Diagnostics
	diags.Append(req.Config.Get(ctx, &f)...)
	if !diags.HasError() {
		RequireClient(l.Client, &diags, summary)
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		var count int64
		stopped := false
		err := l.lk.List(ctx, &Lister{C: l.Client, Caller: l.caller}, &f, func(o Listed) bool {
			if req.Limit > 0 && count >= req.Limit {
				stopped = true
				return false
			}
			res := l.result(ctx, req, o)
			if res.Identity != nil {
				count++ // a left-out object's warning is not a result
			}
			if !push(res) {
				stopped = true
				return false
			}
			return true
		})
		if err != nil && !stopped {
			var d diag.Diagnostics
			s := summary
			var le *listError
			if errors.As(err, &le) {
				s += ": cannot read the " + le.what
				err = le.err
			}
			AddDSSError(&d, s, err)
			push(list.ListResult{Diagnostics: d})
		}
	}
}

// result is the list result of one object: its identity as an import by
// identity gives it, its display name, and the resource object when asked.
func (l *List[M, F]) result(ctx context.Context, req list.ListRequest, o Listed) list.ListResult {
	a := l.lk.Kind.Address()
	if o.Unreadable != nil {
		var d diag.Diagnostics
		d.AddWarning(fmt.Sprintf("%s %q left out of the list", a.TypeName, o.Display),
			"DSS lists it, but the provider cannot read its definition, so it cannot be imported: "+sentence(o.Unreadable))
		return list.ListResult{Diagnostics: d}
	}
	identity, err := a.ImportIdentity(a.join(o.Key))
	if err != nil {
		// A name DSS accepts that no import ID can say: the object is left
		// out with a warning that says which, rather than silently or by
		// failing the whole list.
		var d diag.Diagnostics
		d.AddWarning(fmt.Sprintf("%s %q left out of the list", a.TypeName, o.Display),
			"DSS holds an object the provider cannot name, so it cannot be imported: "+sentence(err))
		return list.ListResult{Diagnostics: d}
	}
	res := req.NewListResult(ctx)
	res.DisplayName = o.Display
	a.setImportedIdentity(ctx, identity, res.Identity, &res.Diagnostics)
	if !req.IncludeResource || res.Diagnostics.HasError() {
		return res
	}
	// The import's state (what names the object), then the kind's read
	// after an import.
	st := tfsdk.State{Schema: req.ResourceSchema, Raw: tftypes.NewValue(req.ResourceSchema.Type().TerraformType(ctx), nil)}
	for _, at := range identity.Attrs {
		res.Diagnostics.Append(st.SetAttribute(ctx, path.Root(at.Name), at.Value)...)
	}
	var m M
	res.Diagnostics.Append(st.Get(ctx, &m)...)
	if res.Diagnostics.HasError() {
		return res
	}
	summary := "Cannot read " + a.Label(&m)
	if k, ok := l.lk.Kind.(kindWithListRefresh[M]); ok && o.Item != nil {
		err = k.ReadListed(ctx, &m, o.Item, true)
	} else if o.Fill != nil {
		fill, ok := o.Fill.(func(*M) error)
		if !ok {
			err = fmt.Errorf("provider bug: the list of %s fills another model (%T)", a.TypeName, o.Fill)
		} else {
			err = fill(&m)
		}
	} else {
		err = l.lk.Kind.Read(ctx, l.Client, &m, true)
	}
	if err != nil {
		if l.gone(err, a.ObjectPath(&m)) {
			// Deleted between the list and its read: not there to adopt.
			var d diag.Diagnostics
			d.AddWarning(fmt.Sprintf("%s left out of the list", a.Label(&m)),
				"DSS listed it, then said it does not exist when it was read (deleted meanwhile): "+DSSErrorText(err))
			return list.ListResult{Diagnostics: d}
		}
		AddDSSError(&res.Diagnostics, summary, err)
		return res
	}
	res.Diagnostics.Append(res.Resource.Set(ctx, &m)...)
	return res
}

// gone reports whether err, the answer to the read of the object at
// ObjectPath, says that object does not exist: the kind's rule, or DSS's
// not-found for that very path (never an auth or network error).
func (l *List[M, F]) gone(err error, objectPath string) bool {
	if k, ok := l.lk.Kind.(KindWithGoneRule); ok && k.IsGone(err, objectPath) {
		return true
	}
	return dss.IsGone(err, objectPath)
}

// ListCost ends a list resource's description.
func ListCost(cost string) string { return "\n\n**Cost.** " + cost }

// Optional is a filter's value, "" when not set.
func Optional(s types.String) string {
	if !Known(s) {
		return ""
	}
	return s.ValueString()
}

type NoListFilters struct{}
