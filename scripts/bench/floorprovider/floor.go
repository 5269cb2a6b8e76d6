package main

import (
	"context"
	"fmt"
	"math/big"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/dynamicplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float32planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int32planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/numberplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// typeName is the floor provider's name: its resources are floor_project
// and floor_dataset, its source address tf-dataiku/floor.
const typeName = "floor"

// realResources are the provider's resources the floor mirrors, the two the
// benchmark's graph is made of.
var realResources = []func() resource.Resource{project.NewProjectResource, dataset.NewDatasetResource}

type floorProvider struct{}

var _ provider.Provider = floorProvider{}

func newProvider() provider.Provider { return floorProvider{} }

func (floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = typeName
}

// Schema is empty: the benchmark configures the real provider through the
// environment and has no provider block, and the floor needs nothing.
func (floorProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

// Configure does nothing: no client, no credential check.
func (floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

func (floorProvider) Resources(context.Context) []func() resource.Resource {
	out := make([]func() resource.Resource, 0, len(realResources))
	for _, orig := range realResources {
		out = append(out, func() resource.Resource { return newFloorResource(orig()) })
	}
	return out
}

// floorResource has the real resource's schema without the checks that are
// the provider's own work (validators, plan modifiers), and a lifecycle
// that only moves values: what is left is what the framework and
// Terraform's protocol cost for a resource of that shape.
type floorResource struct {
	name   string
	schema schema.Schema
}

var _ resource.Resource = (*floorResource)(nil)

func newFloorResource(orig resource.Resource) *floorResource {
	ctx := context.Background()
	var md resource.MetadataResponse
	orig.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "dataiku"}, &md)
	var sr resource.SchemaResponse
	orig.Schema(ctx, resource.SchemaRequest{}, &sr)
	if sr.Diagnostics.HasError() {
		panic(fmt.Sprintf("schema of %s: %v", md.TypeName, sr.Diagnostics))
	}
	return &floorResource{name: floorTypeName(md.TypeName), schema: floorSchema(sr.Schema)}
}

// floorTypeName maps dataiku_project to floor_project.
func floorTypeName(orig string) string {
	_, rest, _ := strings.Cut(orig, "_")
	return typeName + "_" + rest
}

func (r *floorResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.name
}

func (r *floorResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema
}

func (r *floorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	v, err := fillUnknown(ctx, r.schema, req.Plan.Raw, tftypes.Value{})
	if err != nil {
		resp.Diagnostics.AddError(fillFailed, err.Error())
		return
	}
	resp.State.Raw = v
}

// Read keeps the prior state: nothing changes outside Terraform.
func (r *floorResource) Read(_ context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	resp.State.Raw = req.State.Raw
}

func (r *floorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	v, err := fillUnknown(ctx, r.schema, req.Plan.Raw, req.State.Raw)
	if err != nil {
		resp.Diagnostics.AddError(fillFailed, err.Error())
		return
	}
	resp.State.Raw = v
}

// Delete does nothing: the framework removes the state.
func (r *floorResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

const fillFailed = "floor: cannot fill the plan's unknown values"

// fillUnknown replaces each unknown value of plan (a computed attribute
// the configuration leaves to the provider) by the prior state's value at
// the same path when there is one, else by a fixed value of its type: ""
// ("{}" for a JSON string), 0, false, an empty collection, or null for an
// object or a dynamic value (the provider's HCL objects, hcl_object.go). The result is the same on every run, so plans converge.
func fillUnknown(ctx context.Context, s schema.Schema, plan, prior tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(plan, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		if prior.Type() != nil && !prior.IsNull() {
			if old, _, err := tftypes.WalkAttributePath(prior, p); err == nil {
				if old, ok := old.(tftypes.Value); ok && old.IsFullyKnown() && old.Type().Equal(v.Type()) {
					return old, nil
				}
			}
		}
		return zeroValue(ctx, s, p, v.Type()), nil
	})
}

func zeroValue(ctx context.Context, s schema.Schema, p *tftypes.AttributePath, t tftypes.Type) tftypes.Value {
	switch {
	case t.Is(tftypes.String):
		if a, err := s.AttributeAtTerraformPath(ctx, p); err == nil && isJSON(a.GetType()) {
			return tftypes.NewValue(t, "{}")
		}
		return tftypes.NewValue(t, "")
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, big.NewFloat(0))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false)
	case t.Is(tftypes.List{}), t.Is(tftypes.Set{}):
		return tftypes.NewValue(t, []tftypes.Value{})
	case t.Is(tftypes.Map{}):
		return tftypes.NewValue(t, map[string]tftypes.Value{})
	}
	return tftypes.NewValue(t, nil)
}

// isJSON reports whether t holds JSON text: jsontypes' types, or a custom
// type built on them (the provider's sensitive JSON embeds
// jsontypes.NormalizedType), whose zero value must then be valid JSON.
func isJSON(t attr.Type) bool {
	switch t.(type) {
	case jsontypes.NormalizedType, jsontypes.ExactType:
		return true
	}
	v := reflect.ValueOf(t)
	if v.Kind() != reflect.Struct {
		return false
	}
	for i := range v.NumField() {
		if inner, ok := v.Field(i).Interface().(attr.Type); ok && v.Type().Field(i).Anonymous && isJSON(inner) {
			return true
		}
	}
	return false
}

// floorSchema is s without validators, and without plan modifiers except
// UseStateForUnknown on computed attributes (which decides whether an
// update plans unknown values, so the plan's shape). Names, types,
// nesting, Required/Optional/Computed, Sensitive, defaults and
// descriptions are kept.
//
// It works by reflection on the framework's schema structs (the fields
// Validators, PlanModifiers, Attributes, Blocks and NestedObject), so that
// an attribute type the provider starts using is handled without a change
// here; TestFloorSchemasAreStripped checks the result.
func floorSchema(s schema.Schema) schema.Schema {
	v := reflect.ValueOf(&s).Elem()
	strip(v)
	return s
}

// useStateTypes are the types of the framework's UseStateForUnknown plan
// modifiers, one per attribute kind.
var useStateTypes = map[reflect.Type]bool{
	reflect.TypeOf(stringplanmodifier.UseStateForUnknown()):  true,
	reflect.TypeOf(boolplanmodifier.UseStateForUnknown()):    true,
	reflect.TypeOf(int64planmodifier.UseStateForUnknown()):   true,
	reflect.TypeOf(int32planmodifier.UseStateForUnknown()):   true,
	reflect.TypeOf(float64planmodifier.UseStateForUnknown()): true,
	reflect.TypeOf(float32planmodifier.UseStateForUnknown()): true,
	reflect.TypeOf(numberplanmodifier.UseStateForUnknown()):  true,
	reflect.TypeOf(dynamicplanmodifier.UseStateForUnknown()): true,
	reflect.TypeOf(listplanmodifier.UseStateForUnknown()):    true,
	reflect.TypeOf(setplanmodifier.UseStateForUnknown()):     true,
	reflect.TypeOf(mapplanmodifier.UseStateForUnknown()):     true,
	reflect.TypeOf(objectplanmodifier.UseStateForUnknown()):  true,
}

// strip removes the checks from v, an addressable schema, attribute, block
// or nested object struct, and from everything nested in it.
func strip(v reflect.Value) {
	computed := false
	if m := v.MethodByName("IsComputed"); m.IsValid() {
		computed = m.Call(nil)[0].Bool()
	}
	if f := v.FieldByName("Validators"); f.IsValid() {
		f.Set(reflect.Zero(f.Type()))
	}
	if f := v.FieldByName("PlanModifiers"); f.IsValid() {
		kept := reflect.Zero(f.Type())
		for i := 0; computed && i < f.Len(); i++ {
			if m := f.Index(i); !m.IsNil() && useStateTypes[m.Elem().Type()] {
				kept = reflect.Append(kept, m)
			}
		}
		f.Set(kept)
	}
	for _, name := range []string{"Attributes", "Blocks"} {
		if f := v.FieldByName(name); f.IsValid() && !f.IsNil() {
			f.Set(stripMap(f))
		}
	}
	if f := v.FieldByName("NestedObject"); f.IsValid() {
		strip(f)
	}
}

// stripMap is a copy of m, a map of attributes or blocks, stripped.
func stripMap(m reflect.Value) reflect.Value {
	out := reflect.MakeMapWithSize(m.Type(), m.Len())
	for it := m.MapRange(); it.Next(); {
		elem := it.Value().Elem()
		c := reflect.New(elem.Type()).Elem()
		c.Set(elem)
		strip(c)
		out.SetMapIndex(it.Key(), c)
	}
	return out
}
