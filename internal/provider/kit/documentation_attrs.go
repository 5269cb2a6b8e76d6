package kit

import (
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// DocumentationAttributes are the description, short description and
// tags that DSS's Flow objects (datasets, managed folders, and the recipes
// and scenarios to come) carry, with one meaning everywhere; what names the
// object ("dataset"). They are added to attrs, which is returned.
func DocumentationAttributes(what string, attrs map[string]schema.Attribute) map[string]schema.Attribute {
	out := maps.Clone(attrs)
	out["description"] = OptionalString("", "Long description (DSS's `description`, markdown). Default empty. Changes in place.")
	out["short_description"] = OptionalString("", "Short description (DSS's `shortDesc`). Default empty. Changes in place.")
	out["tags"] = schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
		Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
		MarkdownDescription: "Tags of the " + what + ", none empty. Default none. Changes in place.",
		Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}}
	return out
}

// DocumentationDescriptions is how a data source describes the computed
// copies of DocumentationAttributes(what, ...).
func DocumentationDescriptions(what string) map[string]string {
	return map[string]string{
		"description":       "Long description.",
		"short_description": "Short description.",
		"tags":              "Tags of the " + what + ".",
	}
}
