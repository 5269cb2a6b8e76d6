package kit_test

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// resourcesWithoutDataSource are the resources no data source mirrors,
// with the reason. A new resource is either mirrored by a data source
// (MirroredSchema) or listed here.
var resourcesWithoutDataSource = map[string]string{
	"dataiku_api_key":                         "DSS shows a key's secret only at creation",
	"dataiku_personal_api_key":                "DSS shows a key's secret only at creation",
	"dataiku_data_quality_rule":               "dataiku_dataset_data_quality reads the rules' outcomes, not their definitions",
	"dataiku_exposed_object":                  "no data source reads one exposure",
	"dataiku_project_grant":                   "dataiku_project reads every grant of a project (permissions)",
	"dataiku_project_git_remote":              "dataiku_project_git_status reads a project's remotes (name to URL) with its branch and tracking counts, in one request",
	"dataiku_project_git_library":             "not written: its list resource (terraform query) shows a project's Git references",
	"dataiku_flow_zone":                       "dataiku_flow_zones lists the zones",
	"dataiku_instance_settings":               "dataiku_instance reads the instance",
	"dataiku_instance_variables":              "the variables often hold secrets",
	"dataiku_ldap_settings":                   "not written: an import of the resource shows the document but its secrets",
	"dataiku_sso_settings":                    "not written: an import of the resource shows the document but its secrets",
	"dataiku_azure_ad_settings":               "not written: an import of the resource shows the document but its secrets",
	"dataiku_data_collection_dataset":         "its key is all it holds: its list resource (terraform query) shows a collection's datasets",
	"dataiku_project_standards_default_scope": "dataiku_project_standards_scopes lists every scope, the default one last",
	"dataiku_code_studio_template_settings":   "dataiku_code_studio_templates lists the templates with the configurations their last build was for",
	"dataiku_project_wiki":                    "not written yet: its list resource (terraform query) shows which projects have a home article; the article itself is read with dataiku_wiki_article",
	// The deployers' kinds (issue 28).
	"dataiku_project_bundle":      "dataiku_project_bundles lists a project's bundles",
	"dataiku_api_service_package": "not mirrored yet: as dataiku_project_bundle, a list of a service's packages would be its data source, left for later",
}

// mirroringDataSource is a data source whose schema is derived from a
// resource's (DataSource with mirror set).
type mirroringDataSource interface {
	Mirrored() *kit.MirroredSchema
	NewModel() any
}

// flattenAttributes puts in out every attribute of in and of the objects
// nested in them, by dotted path. A nested attribute's children are the
// Attributes of its NestedObject (list, set and map nested) or its own
// (single nested), in the resource and the data-source schemas alike.
func flattenAttributes[A any](prefix string, in, out map[string]A) {
	for name, a := range in {
		out[prefix+name] = a
		v := reflect.ValueOf(a)
		if nested := v.FieldByName("NestedObject"); nested.IsValid() {
			v = nested
		}
		if children := v.FieldByName("Attributes"); children.IsValid() {
			flattenAttributes(prefix+name+".", children.Interface().(map[string]A), out)
		}
	}
}

// modelAttributes are a model's fields by tfsdk name, embedded structs
// included.
func modelAttributes(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			maps.Copy(out, modelAttributes(f.Type))
		} else if tag := f.Tag.Get("tfsdk"); tag != "" && tag != "-" {
			out[tag] = f.Type
		}
	}
	return out
}

// holdsType reports whether a model field of Go type field can hold a
// value of the attribute type want: the field's zero value has a type of
// the same kind (a list field for a list attribute, a JSON string for a
// JSON string, a dynamic value for a dynamic attribute), or, for an
// object, a pointer to a struct of the object's attributes.
func holdsType(field reflect.Type, want attr.Type) bool {
	if obj, isObject := want.(types.ObjectType); isObject && field.Kind() == reflect.Pointer && field.Elem().Kind() == reflect.Struct {
		// A single nested object read into a pointer to a struct (nil
		// for null): its fields are the object's attributes, each of a
		// type that holds the attribute's.
		fields := modelAttributes(field.Elem())
		if len(fields) != len(obj.AttrTypes) {
			return false
		}
		for name, t := range obj.AttrTypes {
			if f, ok := fields[name]; !ok || !holdsType(f, t) {
				return false
			}
		}
		return true
	}
	v, ok := reflect.New(field).Elem().Interface().(attr.Value)
	return ok && reflect.TypeOf(v.Type(context.Background())) == reflect.TypeOf(want)
}

// checkMirror checks one data source derived from a resource's schema
// against that schema and the data source's model. It returns the
// problems found.
func checkMirror(m *kit.MirroredSchema, model any) []string {
	var problems []string
	res, ds := map[string]rschema.Attribute{}, map[string]dsschema.Attribute{}
	flattenAttributes("", m.ResourceSchema().Attributes, res)
	flattenAttributes("", m.Schema().Attributes, ds)
	own := func(p string) bool { _, ok := m.Own[p]; return ok }
	omitted := func(p string) bool {
		for o := range m.Omit {
			if p == o || strings.HasPrefix(p, o+".") {
				return true
			}
		}
		return false
	}
	for p, r := range res {
		d, shown := ds[p]
		prefix := ""
		if i := strings.LastIndex(p, "."); i >= 0 {
			prefix = p[:i+1]
		}
		siblings := map[string]rschema.Attribute{}
		for q, a := range res {
			if rest, ok := strings.CutPrefix(q, prefix); ok && !strings.Contains(rest, ".") {
				siblings[rest] = a
			}
		}
		switch {
		case omitted(p) || kit.LeftOutOfDataSources(p[len(prefix):], r, siblings):
			if shown && !own(p) {
				problems = append(problems, p+": omitted or write-only, yet shown")
			}
			continue
		case !shown:
			problems = append(problems, p+": the resource's attribute is neither shown nor omitted")
			continue
		}
		if !d.GetType().Equal(r.GetType()) {
			problems = append(problems, p+": type "+d.GetType().String()+", the resource's is "+r.GetType().String())
		}
		if r.IsSensitive() && !d.IsSensitive() {
			problems = append(problems, p+": sensitive in the resource, not in the data source")
		}
		if own(p) {
			continue
		}
		if !d.IsComputed() || d.IsOptional() || d.IsRequired() {
			problems = append(problems, p+": a mirrored attribute is computed only")
		}
		want := r.GetMarkdownDescription()
		if w, ok := m.Describe[p]; ok {
			want = w
			if w == r.GetMarkdownDescription() {
				problems = append(problems, p+": the data source's wording is the resource's: drop it from describe")
			}
		}
		if d.GetMarkdownDescription() != want {
			problems = append(problems, p+": description "+d.GetMarkdownDescription()+", want "+want)
		}
	}
	for p := range m.Describe {
		if _, ok := res[p]; !ok || own(p) || omitted(p) {
			problems = append(problems, p+": described, but not a mirrored attribute of the resource")
		}
	}
	for p := range m.Omit {
		if _, ok := res[p]; !ok {
			problems = append(problems, p+": omitted, but the resource has no such attribute")
		}
	}
	top := slices.Sorted(func(yield func(string) bool) {
		for p := range ds {
			if !strings.Contains(p, ".") && !yield(p) {
				return
			}
		}
	})
	byTag := modelAttributes(reflect.TypeOf(model).Elem())
	fields := slices.Sorted(maps.Keys(byTag))
	if !slices.Equal(top, fields) {
		problems = append(problems, "the data source shows "+strings.Join(top, ",")+" but its model "+reflect.TypeOf(model).Elem().Name()+
			" holds "+strings.Join(fields, ",")+": a resource's new attribute is filled by the read or omitted with a reason")
	}
	for _, name := range top {
		if f, ok := byTag[name]; ok && !holdsType(f, ds[name].GetType()) {
			problems = append(problems, name+": the model's field is a "+f.String()+", which cannot hold a "+ds[name].GetType().String()+
				": a resource attribute's new type is read into a field of that type")
		}
	}
	return problems
}

// Every data source derived from a resource shows each of the resource's
// attributes with the resource's type and description, except where its
// MirroredSchema says otherwise (own, omit, describe; write-only
// attributes are never shown); every override names an attribute the
// resource has; and the data source's model holds exactly the attributes
// it shows, in fields of their types, so a resource's new attribute, or an
// attribute's new type, reaches the data source and is read. Every resource is mirrored by a data source or listed in
// resourcesWithoutDataSource.
func TestDataSourceSchemasMirrorResources(t *testing.T) {
	ctx := t.Context()
	p := dataiku.New("test")()
	mirrored := map[string]bool{}
	for _, newDS := range p.DataSources(ctx) {
		ds := newDS()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "dataiku"}, &meta)
		md, ok := ds.(mirroringDataSource)
		if !ok || md.Mirrored() == nil {
			continue
		}
		var rm resource.MetadataResponse
		md.Mirrored().Resource().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "dataiku"}, &rm)
		mirrored[rm.TypeName] = true
		for _, problem := range checkMirror(md.Mirrored(), md.NewModel()) {
			t.Errorf("%s (from %s): %s", meta.TypeName, rm.TypeName, problem)
		}
	}
	for typeName := range acctest.ResourceSchemas(t) {
		_, listed := resourcesWithoutDataSource[typeName]
		switch {
		case mirrored[typeName] && listed:
			t.Errorf("%s is mirrored by a data source and listed in resourcesWithoutDataSource", typeName)
		case !mirrored[typeName] && !listed:
			t.Errorf("%s: no data source mirrors it; derive one with mirroredSchema or list it in resourcesWithoutDataSource", typeName)
		}
	}
	if len(mirrored) < 10 {
		t.Errorf("%d resources mirrored by data sources, want at least 10", len(mirrored))
	}
}

// fakeResource is a resource with a given schema, for the derivation's
// own tests.
type fakeResource struct{ schema rschema.Schema }

func (f fakeResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "dataiku_fake"
}
func (f fakeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = f.schema
}
func (fakeResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (fakeResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse)       {}
func (fakeResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (fakeResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// The derivation copies each attribute computed, with its type, nested
// attributes and sensitivity, drops validators and write-only attributes,
// and a resource's new attribute, or an attribute's new type, reaches the
// data source; the parity check then fails until the model holds it or
// the data source omits it.
func TestMirroredSchemaDerivation(t *testing.T) {
	type fakeModel struct {
		Key    types.String  `tfsdk:"key"`
		Params types.String  `tfsdk:"params"`
		Cols   types.List    `tfsdk:"cols"`
		Secret types.String  `tfsdk:"secret"`
		Extra  types.Dynamic `tfsdk:"-"`
	}
	resourceAttrs := func() map[string]rschema.Attribute {
		return map[string]rschema.Attribute{
			"key":    rschema.StringAttribute{Required: true, MarkdownDescription: "The key."},
			"params": rschema.StringAttribute{Optional: true, MarkdownDescription: "Params."},
			"cols": rschema.ListNestedAttribute{Optional: true, MarkdownDescription: "Columns.",
				NestedObject: rschema.NestedAttributeObject{Attributes: map[string]rschema.Attribute{
					"name": rschema.StringAttribute{Required: true, MarkdownDescription: "Name."},
				}}},
			"secret":        rschema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "A secret DSS returns."},
			"token_wo":      rschema.StringAttribute{Optional: true, WriteOnly: true, MarkdownDescription: "Write-only."},
			"token_version": rschema.Int64Attribute{Optional: true, MarkdownDescription: "Not the companion of token_wo."},
			"pw_wo":         rschema.StringAttribute{Optional: true, WriteOnly: true, MarkdownDescription: "Write-only."},
			"pw_wo_version": rschema.Int64Attribute{Optional: true, MarkdownDescription: "Companion of pw_wo."},
			"destroy_flag":  rschema.BoolAttribute{Optional: true, MarkdownDescription: "Not in DSS."},
		}
	}
	mirror := func(attrs map[string]rschema.Attribute) *kit.MirroredSchema {
		return &kit.MirroredSchema{Resource: func() resource.Resource { return fakeResource{rschema.Schema{Attributes: attrs}} },
			Description: "Reads a fake.",
			Own:         map[string]dsschema.Attribute{"key": dsschema.StringAttribute{Required: true, MarkdownDescription: "Key to read."}},
			Omit:        map[string]string{"destroy_flag": "not in DSS", "token_version": "for the test"},
			Describe:    map[string]string{"cols.name": "Column name."},
		}
	}
	m := mirror(resourceAttrs())
	s := m.Schema()
	if s.MarkdownDescription != "Reads a fake." {
		t.Errorf("description %q", s.MarkdownDescription)
	}
	got := slices.Sorted(func(yield func(string) bool) {
		for k := range s.Attributes {
			if !yield(k) {
				return
			}
		}
	})
	if want := []string{"cols", "key", "params", "secret"}; !slices.Equal(got, want) {
		t.Fatalf("attributes %v, want %v", got, want)
	}
	if k := s.Attributes["key"]; !k.IsRequired() || k.GetMarkdownDescription() != "Key to read." {
		t.Errorf("the own key is not the data source's: %+v", k)
	}
	if sec := s.Attributes["secret"]; !sec.IsComputed() || sec.IsOptional() || !sec.IsSensitive() {
		t.Errorf("secret: %+v, want computed and sensitive", sec)
	}
	cols, ok := s.Attributes["cols"].(dsschema.ListNestedAttribute)
	if !ok || !cols.Computed || cols.GetMarkdownDescription() != "Columns." {
		t.Fatalf("cols: %#v", s.Attributes["cols"])
	}
	if n := cols.NestedObject.Attributes["name"]; !n.IsComputed() || n.IsRequired() || n.GetMarkdownDescription() != "Column name." {
		t.Errorf("cols.name: %+v", n)
	}
	if problems := checkMirror(m, &fakeModel{}); len(problems) != 0 {
		t.Errorf("the fake mirror has problems: %v", problems)
	}

	// A new attribute, and a type change, reach the data source; the model
	// does not hold the new one yet, and a stale override is reported.
	attrs := resourceAttrs()
	attrs["params"] = rschema.DynamicAttribute{Optional: true, MarkdownDescription: "Params."}
	attrs["added"] = rschema.BoolAttribute{Optional: true, MarkdownDescription: "New."}
	m = mirror(attrs)
	m.Describe["gone"] = "Stale."
	s = m.Schema()
	if _, ok := s.Attributes["params"].(dsschema.DynamicAttribute); !ok {
		t.Errorf("params is a %T after the resource's became dynamic", s.Attributes["params"])
	}
	if _, ok := s.Attributes["added"]; !ok {
		t.Error("a resource's new attribute is not shown by its data source")
	}
	problems := strings.Join(checkMirror(m, &fakeModel{}), "\n")
	for _, want := range []string{"its model fakeModel holds", "gone: described, but not", "params: the model's field is a basetypes.StringValue"} {
		if !strings.Contains(problems, want) {
			t.Errorf("the parity check does not report %q:\n%s", want, problems)
		}
	}
}
