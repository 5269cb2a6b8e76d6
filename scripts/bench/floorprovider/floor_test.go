package main

import (
	"context"
	"math/big"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// wireSchemas is what Terraform sees of a provider's resources: their
// schemas as GetProviderSchema sends them (names, types, nesting,
// Required/Optional/Computed, Sensitive, descriptions).
func wireSchemas(t *testing.T, s tfprotov6.ProviderServer) map[string]*tfprotov6.Schema {
	t.Helper()
	resp, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Fatalf("GetProviderSchema: %s: %s", d.Summary, d.Detail)
	}
	return resp.ResourceSchemas
}

// TestFloorSchemasMatchTheProvider: floor_project and floor_dataset look
// to Terraform exactly like dataiku_project and dataiku_dataset, so the
// floor costs what a framework resource of that shape costs.
func TestFloorSchemasMatchTheProvider(t *testing.T) {
	orig := wireSchemas(t, providerserver.NewProtocol6(dataiku.New("test")())())
	floor := wireSchemas(t, dataiku.ReleasingProtocol6Server(newProvider)())
	if len(floor) != 2 {
		t.Fatalf("the floor has %d resources, want 2", len(floor))
	}
	for _, name := range []string{"project", "dataset"} {
		r, f := orig["dataiku_"+name], floor["floor_"+name]
		if r == nil || f == nil {
			t.Fatalf("dataiku_%s or floor_%s is missing", name, name)
		}
		if !reflect.DeepEqual(r, f) {
			t.Errorf("floor_%s's schema differs from dataiku_%s's:\nreal:  %+v\nfloor: %+v", name, name, r.Block, f.Block)
		}
		if len(r.Block.Attributes) < 5 {
			t.Errorf("dataiku_%s has only %d attributes", name, len(r.Block.Attributes))
		}
	}
}

// TestFloorSchemasAreStripped: no validators, and no plan modifiers but
// UseStateForUnknown on computed attributes, down to nested attributes.
func TestFloorSchemasAreStripped(t *testing.T) {
	for _, newReal := range realResources {
		f := newFloorResource(newReal())
		var useState int
		var walk func(prefix string, attrs map[string]schema.Attribute)
		walk = func(prefix string, attrs map[string]schema.Attribute) {
			for name, a := range attrs {
				v := reflect.ValueOf(a)
				for _, field := range []string{"Validators", "PlanModifiers"} {
					fv := v.FieldByName(field)
					if !fv.IsValid() || fv.Len() == 0 {
						continue
					}
					if field == "Validators" || !a.IsComputed() || fv.Len() != 1 || !useStateTypes[fv.Index(0).Elem().Type()] {
						t.Errorf("%s %s%s keeps %s: %v", f.name, prefix, name, field, fv.Interface())
						continue
					}
					useState++
				}
				var nested map[string]schema.Attribute
				switch a := a.(type) {
				case schema.ListNestedAttribute:
					nested = a.NestedObject.Attributes
				case schema.SetNestedAttribute:
					nested = a.NestedObject.Attributes
				case schema.MapNestedAttribute:
					nested = a.NestedObject.Attributes
				case schema.SingleNestedAttribute:
					nested = a.Attributes
				}
				walk(prefix+name+".", nested)
			}
		}
		walk("", f.schema.Attributes)
		if useState == 0 {
			t.Errorf("%s keeps no UseStateForUnknown", f.name)
		}
	}
	// dataiku_dataset's connection_name has UseStateForUnknown and
	// RequiresReplaceIf: only the first is kept.
	ds := newFloorResource(dataset.NewDatasetResource())
	mods := ds.schema.Attributes["connection_name"].(schema.StringAttribute).PlanModifiers
	if len(mods) != 1 || reflect.TypeOf(mods[0]) != reflect.TypeOf(stringplanmodifier.UseStateForUnknown()) {
		t.Errorf("connection_name's plan modifiers: %v", mods)
	}
}

// TestFillUnknown: unknown values take the prior state's value, else a
// fixed one of their type ("{}" for JSON strings).
func TestFillUnknown(t *testing.T) {
	ctx := context.Background()
	f := newFloorResource(dataset.NewDatasetResource())
	typ := f.schema.Type().TerraformType(ctx).(tftypes.Object)
	value := func(set map[string]tftypes.Value) tftypes.Value {
		vals := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			vals[name] = tftypes.NewValue(at, nil)
		}
		for name, v := range set {
			vals[name] = v
		}
		return tftypes.NewValue(typ, vals)
	}
	unknown := func(name string) tftypes.Value {
		return tftypes.NewValue(typ.AttributeTypes[name], tftypes.UnknownValue)
	}
	plan := value(map[string]tftypes.Value{
		"name": tftypes.NewValue(tftypes.String, "d"), "id": unknown("id"), "format_params": unknown("format_params"),
		"connection_name": unknown("connection_name"), "tags": unknown("tags"), "managed": unknown("managed"),
	})
	got, err := fillUnknown(ctx, f.schema, plan, tftypes.Value{})
	if err != nil {
		t.Fatal(err)
	}
	want := value(map[string]tftypes.Value{
		"name": tftypes.NewValue(tftypes.String, "d"), "id": tftypes.NewValue(tftypes.String, ""),
		"format_params": tftypes.NewValue(tftypes.DynamicPseudoType, nil), "connection_name": tftypes.NewValue(tftypes.String, ""),
		"tags": tftypes.NewValue(typ.AttributeTypes["tags"], []tftypes.Value{}), "managed": tftypes.NewValue(tftypes.Bool, false),
	})
	if !got.Equal(want) {
		t.Errorf("create: got %v\nwant %v", got, want)
	}
	prior := value(map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "P.d"), "connection_name": tftypes.NewValue(tftypes.String, "c")})
	got, err = fillUnknown(ctx, f.schema, plan, prior)
	if err != nil {
		t.Fatal(err)
	}
	if v, _, _ := tftypes.WalkAttributePath(got, tftypes.NewAttributePath().WithAttributeName("id")); !v.(tftypes.Value).Equal(tftypes.NewValue(tftypes.String, "P.d")) {
		t.Errorf("update: id = %v, want the prior P.d", v)
	}
	if n := zeroValue(ctx, f.schema, tftypes.NewAttributePath(), tftypes.Number); !n.Equal(tftypes.NewValue(tftypes.Number, big.NewFloat(0))) {
		t.Errorf("number: %v", n)
	}
}

// A JSON string of a custom type built on jsontypes (the project's
// sensitive local_variables) gets "{}" too: "" is not JSON, and
// Terraform refuses it.
func TestZeroValueOfCustomJSON(t *testing.T) {
	ctx := context.Background()
	f := newFloorResource(project.NewProjectResource())
	at := tftypes.NewAttributePath().WithAttributeName("local_variables")
	if v := zeroValue(ctx, f.schema, at, tftypes.String); !v.Equal(tftypes.NewValue(tftypes.String, "{}")) {
		t.Errorf("local_variables: %v, want {}", v)
	}
	if v := zeroValue(ctx, f.schema, tftypes.NewAttributePath().WithAttributeName("name"), tftypes.String); !v.Equal(tftypes.NewValue(tftypes.String, "")) {
		t.Errorf("name: %v, want \"\"", v)
	}
}
