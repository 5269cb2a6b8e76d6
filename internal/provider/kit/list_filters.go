package kit

import (
	"slices"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The list resources (`terraform query`, Terraform 1.14 and later): one
// ListKind per kind that can be listed (list_kit.go). Each says what it
// lists, with which filters (named after the resource's own attributes),
// and what it costs. The singletons (instance settings and variables) are
// not listed: there is one of each, imported by its fixed id.

// InProjectFilter is the required project_key of a list inside one
// project.
func InProjectFilter(what string) listschema.StringAttribute {
	return listschema.StringAttribute{Required: true,
		MarkdownDescription: "Key of the project whose " + what + " to list. A project the API key cannot read is an error (DSS's), never an empty list.",
		Validators:          []validator.String{stringvalidator.RegexMatches(ProjectKeyPattern, ProjectKeyRule)}}
}

// ListWindow bounds the requests a list sends at once when it needs one
// per object (the data quality rules, one per dataset): enough to hide
// the round trip to a remote DSS, no more than Terraform's own default
// parallelism (10).
const ListWindow = 8

// HasTags reports whether have holds every tag of want.
func HasTags(have []string, want []types.String) bool {
	for _, w := range want {
		if !slices.Contains(have, w.ValueString()) {
			return false
		}
	}
	return true
}

// TagsFilter is a filter on tags: the objects carrying every tag listed.
func TagsFilter(what string) listschema.ListAttribute {
	return listschema.ListAttribute{Optional: true, ElementType: types.StringType,
		MarkdownDescription: "Only the " + what + " carrying every one of these tags (DSS compares tags exactly)."}
}

// OwnLogin is the login of the user the provider's API key acts as ("" for
// a global key with no user, or before the provider is configured).
func (l *Lister) OwnLogin() string {
	if l.Caller == nil {
		return ""
	}
	if l.Caller.AssociatedDSSUser != "" {
		return l.Caller.AssociatedDSSUser
	}
	return l.Caller.AuthIdentifier
}

// SortedKeys are m's keys in order, so lists come out the same every time.
func SortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// InProjectListFilters are the filters of a list inside one project.
type InProjectListFilters struct {
	ProjectKey types.String `tfsdk:"project_key"`
}

// NameOr is a display name: the id alone when the object has no name or
// its name is its id, else "name (id)".
func NameOr(name, id string) string {
	if name == "" || name == id {
		return id
	}
	return name + " (" + id + ")"
}
