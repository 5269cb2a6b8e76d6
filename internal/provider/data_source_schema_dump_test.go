package provider_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

var updateDataSourceSchemas = flag.Bool("update-data-source-schemas", false,
	"rewrite testdata/data_source_schemas.json from the data sources' current schemas")

// dumpedAttribute is what a user of a data source sees of one attribute,
// plus its validators (they refuse configurations).
type dumpedAttribute struct {
	Path        string   `json:"path"`
	Kind        string   `json:"kind"`
	Type        string   `json:"type"`
	CustomType  string   `json:"custom_type,omitempty"`
	Flags       string   `json:"flags"`
	Description string   `json:"description"`
	Markdown    string   `json:"markdown"`
	Deprecation string   `json:"deprecation,omitempty"`
	Validators  []string `json:"validators,omitempty"`
}

type dumpedDataSource struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Markdown    string            `json:"markdown"`
	Blocks      int               `json:"blocks"`
	Attributes  []dumpedAttribute `json:"attributes"`
}

func dumpAttributes(ctx context.Context, prefix string, attrs map[string]schema.Attribute) []dumpedAttribute {
	var out []dumpedAttribute
	for name, a := range attrs {
		p := prefix + name
		flags := ""
		for _, f := range []struct {
			on   bool
			name string
		}{{a.IsRequired(), "required"}, {a.IsOptional(), "optional"}, {a.IsComputed(), "computed"}, {a.IsSensitive(), "sensitive"}} {
			if f.on {
				flags += f.name + " "
			}
		}
		d := dumpedAttribute{Path: p, Kind: fmt.Sprintf("%T", a), Type: a.GetType().String(), Flags: flags,
			Description: a.GetDescription(), Markdown: a.GetMarkdownDescription(), Deprecation: a.GetDeprecationMessage()}
		v := reflect.ValueOf(a)
		if f := v.FieldByName("CustomType"); f.IsValid() && !f.IsNil() {
			d.CustomType = fmt.Sprintf("%T", f.Interface())
		}
		if f := v.FieldByName("Validators"); f.IsValid() {
			for i := range f.Len() {
				d.Validators = append(d.Validators, f.Index(i).Interface().(validator.Describer).MarkdownDescription(ctx))
			}
		}
		out = append(out, d)
		if f := v.FieldByName("NestedObject"); f.IsValid() {
			out = append(out, dumpAttributes(ctx, p+".", f.Interface().(schema.NestedAttributeObject).Attributes)...)
		}
		if f := v.FieldByName("Attributes"); f.IsValid() { // SingleNestedAttribute
			out = append(out, dumpAttributes(ctx, p+".", f.Interface().(map[string]schema.Attribute))...)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func dumpDataSourceSchemas(t *testing.T) []dumpedDataSource {
	t.Helper()
	var out []dumpedDataSource
	for name, s := range acctest.DataSourceSchemas(t) {
		out = append(out, dumpedDataSource{Name: name, Description: s.Description, Markdown: s.MarkdownDescription,
			Blocks: len(s.Blocks), Attributes: dumpAttributes(t.Context(), "", s.Attributes)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Every data source's schema, as a user and Terraform see it (attribute
// kinds, types, flags, descriptions, validators), is the one recorded in
// testdata/data_source_schemas.json. Deriving data-source schemas from
// resource schemas (data_source_derive.go) must not change it by accident;
// an intended change is accepted with
// go test ./internal/provider -run TestDataSourceSchemasDump -update-data-source-schemas.
func TestDataSourceSchemasDump(t *testing.T) {
	got, err := json.MarshalIndent(dumpDataSourceSchemas(t), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "data_source_schemas.json")
	if *updateDataSourceSchemas {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		var w []dumpedDataSource
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		g := dumpDataSourceSchemas(t)
		wantBy := map[string]dumpedAttribute{}
		for _, ds := range w {
			for _, a := range ds.Attributes {
				wantBy[ds.Name+" "+a.Path] = a
			}
		}
		for _, ds := range g {
			for _, a := range ds.Attributes {
				k := ds.Name + " " + a.Path
				if old, ok := wantBy[k]; !ok {
					t.Errorf("%s: new attribute %+v", k, a)
				} else if !reflect.DeepEqual(old, a) {
					t.Errorf("%s:\n got  %+v\n want %+v", k, a, old)
				}
				delete(wantBy, k)
			}
		}
		for k := range wantBy {
			t.Errorf("%s: attribute gone", k)
		}
		t.Errorf("the data sources' schemas differ from %s (rerun with -update-data-source-schemas if intended)", golden)
	}
}
