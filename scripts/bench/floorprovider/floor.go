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

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// typeName is the floor provider's name: its resources are floor_project
// and floor_dataset, its source address tf-dataiku/floor.
const typeName = "floor"

// realResources are the provider's resources the floor mirrors, the two the
// benchmark's graph is made of.
var realResources = []func() resource.Resource{dataiku.NewProjectResource, dataiku.NewDatasetResource}

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
// object. The result is the same on every run, so plans converge.
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

func isJSON(t attr.Type) bool {
	switch t.(type) {
	case jsontypes.NormalizedType, jsontypes.ExactType:
		return true
	}
	return false
}

// floorSchema is s without validators, and without plan modifiers except
// UseStateForUnknown on computed attributes (which decides whether an
// update plans unknown values, so the plan's shape). Names, types,
// nesting, Required/Optional/Computed, Sensitive, defaults and
// descriptions are kept.
func floorSchema(s schema.Schema) schema.Schema {
	s.Attributes = floorAttributes(s.Attributes)
	s.Blocks = floorBlocks(s.Blocks)
	return s
}

func floorAttributes(in map[string]schema.Attribute) map[string]schema.Attribute {
	if in == nil {
		return nil
	}
	out := make(map[string]schema.Attribute, len(in))
	for name, a := range in {
		out[name] = floorAttribute(a)
	}
	return out
}

// floorAttribute handles every attribute type of the framework's resource
// schema; a new one panics, and the test says which.
func floorAttribute(a schema.Attribute) schema.Attribute {
	switch a := a.(type) {
	case schema.StringAttribute:
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, stringplanmodifier.UseStateForUnknown())
		return a
	case schema.BoolAttribute:
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, boolplanmodifier.UseStateForUnknown())
		return a
	case schema.Int64Attribute:
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, int64planmodifier.UseStateForUnknown())
		return a
	case schema.Int32Attribute:
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, int32planmodifier.UseStateForUnknown())
		return a
	case schema.Float64Attribute:
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, float64planmodifier.UseStateForUnknown())
		return a
	case schema.Float32Attribute:
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, float32planmodifier.UseStateForUnknown())
		return a
	case schema.NumberAttribute:
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, numberplanmodifier.UseStateForUnknown())
		return a
	case schema.DynamicAttribute:
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, dynamicplanmodifier.UseStateForUnknown())
		return a
	case schema.ListAttribute:
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, listplanmodifier.UseStateForUnknown())
		return a
	case schema.SetAttribute:
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, setplanmodifier.UseStateForUnknown())
		return a
	case schema.MapAttribute:
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, mapplanmodifier.UseStateForUnknown())
		return a
	case schema.ObjectAttribute:
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, objectplanmodifier.UseStateForUnknown())
		return a
	case schema.ListNestedAttribute:
		a.NestedObject = floorNestedObject(a.NestedObject)
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, listplanmodifier.UseStateForUnknown())
		return a
	case schema.SetNestedAttribute:
		a.NestedObject = floorNestedObject(a.NestedObject)
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, setplanmodifier.UseStateForUnknown())
		return a
	case schema.MapNestedAttribute:
		a.NestedObject = floorNestedObject(a.NestedObject)
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, mapplanmodifier.UseStateForUnknown())
		return a
	case schema.SingleNestedAttribute:
		a.Attributes = floorAttributes(a.Attributes)
		a.Validators, a.PlanModifiers = nil, keepUseState(a.Computed, a.PlanModifiers, objectplanmodifier.UseStateForUnknown())
		return a
	}
	panic(fmt.Sprintf("floor: attribute type %T is not handled", a))
}

func floorNestedObject(o schema.NestedAttributeObject) schema.NestedAttributeObject {
	o.Attributes = floorAttributes(o.Attributes)
	o.Validators, o.PlanModifiers = nil, nil
	return o
}

func floorBlocks(in map[string]schema.Block) map[string]schema.Block {
	if in == nil {
		return nil
	}
	out := make(map[string]schema.Block, len(in))
	for name, b := range in {
		switch b := b.(type) {
		case schema.ListNestedBlock:
			b.NestedObject = floorBlockObject(b.NestedObject)
			b.Validators, b.PlanModifiers = nil, nil
			out[name] = b
		case schema.SetNestedBlock:
			b.NestedObject = floorBlockObject(b.NestedObject)
			b.Validators, b.PlanModifiers = nil, nil
			out[name] = b
		case schema.SingleNestedBlock:
			b.Attributes, b.Blocks = floorAttributes(b.Attributes), floorBlocks(b.Blocks)
			b.Validators, b.PlanModifiers = nil, nil
			out[name] = b
		default:
			panic(fmt.Sprintf("floor: block type %T is not handled", b))
		}
	}
	return out
}

func floorBlockObject(o schema.NestedBlockObject) schema.NestedBlockObject {
	o.Attributes, o.Blocks = floorAttributes(o.Attributes), floorBlocks(o.Blocks)
	o.Validators, o.PlanModifiers = nil, nil
	return o
}

// keepUseState keeps the UseStateForUnknown modifier (of the attribute's
// kind, useState) of a computed attribute and drops the others.
func keepUseState[M any](computed bool, mods []M, useState M) []M {
	if !computed {
		return nil
	}
	var out []M
	for _, m := range mods {
		if reflect.TypeOf(m) == reflect.TypeOf(useState) {
			out = append(out, m)
		}
	}
	return out
}
