package kit

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// MirroredSchema derives a data source's schema from the schema of the
// resource it reads: the data source shows every attribute of the resource
// as a computed copy of the same type (nested attributes too, Sensitive
// kept, validators, plan modifiers and defaults dropped), so that a
// resource's new attribute, or a change of an attribute's type, reaches
// its data source without a second declaration. Write-only attributes and
// their `<name>_version` companions are left out: DSS never returns them.
//
// What the data source says differently is stated here, once:
type MirroredSchema struct {
	// Resource is the resource whose attributes the data source shows.
	Resource func() resource.Resource
	// Description is the data source's MarkdownDescription.
	Description string
	// Own holds the data source's lookup keys (required or optional) and
	// the attributes it declares itself: those the resource lacks and those
	// it shows differently (e.g. sensitive where the resource's is not). An
	// own attribute replaces the resource's of the same name; it has the
	// same type, since the data source's model is the resource's.
	Own map[string]schema.Attribute
	// Omit names the resource's attributes (dotted paths) the data source
	// does not show, each with the reason.
	Omit map[string]string
	// Describe is the data source's wording of an attribute (dotted path,
	// e.g. "schema_columns.name"), where it differs from the resource's:
	// a data source reads what a resource writes.
	Describe map[string]string
}

// ResourceSchema is the mirrored resource's schema.
func (v *MirroredSchema) ResourceSchema() rschema.Schema {
	var resp resource.SchemaResponse
	v.Resource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		panic(fmt.Sprintf("the mirrored resource's schema: %v", resp.Diagnostics))
	}
	return resp.Schema
}

func (v *MirroredSchema) Schema() schema.Schema {
	attrs := v.computedCopies("", v.ResourceSchema().Attributes)
	for name, a := range v.Own {
		attrs[name] = a
	}
	return schema.Schema{MarkdownDescription: v.Description, Attributes: attrs}
}

// computedCopies copies the resource's attributes under prefix (a dotted
// path ending with a dot, "" at the top).
func (v *MirroredSchema) computedCopies(prefix string, in map[string]rschema.Attribute) map[string]schema.Attribute {
	out := map[string]schema.Attribute{}
	for name, a := range in {
		p := prefix + name
		if _, omitted := v.Omit[p]; omitted || LeftOutOfDataSources(name, a, in) {
			continue
		}
		if _, own := v.Own[p]; own {
			continue
		}
		out[name] = v.computedCopy(p, a)
	}
	return out
}

// LeftOutOfDataSources reports whether a resource's attribute is one DSS
// never returns: write-only, the version of a write-only attribute of
// the same object, or deletion_protection (DeletionProtection), which is
// Terraform's alone.
func LeftOutOfDataSources(name string, a rschema.Attribute, siblings map[string]rschema.Attribute) bool {
	if a.IsWriteOnly() || name == DeletionProtectionAttributeName {
		return true
	}
	wo, isVersion := strings.CutSuffix(name, "_version")
	return isVersion && siblings[wo] != nil && siblings[wo].IsWriteOnly()
}

// computedCopy is the data source's copy of the resource's attribute a at
// dotted path p.
func (v *MirroredSchema) computedCopy(p string, a rschema.Attribute) schema.Attribute {
	md, desc := a.GetMarkdownDescription(), a.GetDescription()
	if d, ok := v.Describe[p]; ok {
		md, desc = d, ""
	}
	sens, depr := a.IsSensitive(), a.GetDeprecationMessage()
	nested := func(o rschema.NestedAttributeObject) schema.NestedAttributeObject {
		return schema.NestedAttributeObject{Attributes: v.computedCopies(p+".", o.Attributes), CustomType: o.CustomType}
	}
	switch a := a.(type) {
	case rschema.StringAttribute:
		return schema.StringAttribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.BoolAttribute:
		return schema.BoolAttribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.Int64Attribute:
		return schema.Int64Attribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.Int32Attribute:
		return schema.Int32Attribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.Float64Attribute:
		return schema.Float64Attribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.Float32Attribute:
		return schema.Float32Attribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.NumberAttribute:
		return schema.NumberAttribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.DynamicAttribute:
		return schema.DynamicAttribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.ListAttribute:
		return schema.ListAttribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, ElementType: a.ElementType, MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.SetAttribute:
		return schema.SetAttribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, ElementType: a.ElementType, MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.MapAttribute:
		return schema.MapAttribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, ElementType: a.ElementType, MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.ObjectAttribute:
		return schema.ObjectAttribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, AttributeTypes: a.AttributeTypes, MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.ListNestedAttribute:
		return schema.ListNestedAttribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, NestedObject: nested(a.NestedObject), MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.SetNestedAttribute:
		return schema.SetNestedAttribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, NestedObject: nested(a.NestedObject), MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.MapNestedAttribute:
		return schema.MapNestedAttribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, NestedObject: nested(a.NestedObject), MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	case rschema.SingleNestedAttribute:
		return schema.SingleNestedAttribute{Computed: true, Sensitive: sens, CustomType: a.CustomType, Attributes: v.computedCopies(p+".", a.Attributes), MarkdownDescription: md, Description: desc, DeprecationMessage: depr}
	}
	panic(fmt.Sprintf("data source schema of %s: no computed copy of a %T", p, a))
}

// Describing merges a data source's descriptions (a later one wins).
func Describing(parts ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, p := range parts {
		maps.Copy(out, p)
	}
	return out
}
