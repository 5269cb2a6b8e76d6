package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewGroupDataSource returns the dataiku_group data source.
func NewGroupDataSource() datasource.DataSource {
	return &kit.DataSource[GroupModel]{Name: "group", Mirror: &groupDataSourceSchema, ReadObject: readGroupDataSource,
		Named: func(m *GroupModel) string { return m.Name.ValueString() }}
}

// groupDataSourceSchema is the group resource's schema, computed, read by
// name.
var groupDataSourceSchema = func() kit.MirroredSchema {
	describe := map[string]string{
		"description":      "Description.",
		"source_type":      "Where the members come from: `LOCAL`, `LDAP` or `SAAS`.",
		"admin":            "Whether members are DSS administrators.",
		"ldap_group_names": "LDAP groups mapped to this group, whichever form DSS stores them in.",
		"can_obtain_api_ticket_from_cookies_for_groups_regex": "DSS's `canObtainAPITicketFromCookiesForGroupsRegex`.",
	}
	for _, c := range GroupCapabilities {
		describe[c.Attr] = fmt.Sprintf("Whether members may %s (DSS's `%s`; DSS's default when it does not send the flag).", c.desc, c.Wire)
		if c.Kept {
			describe[c.Attr] = fmt.Sprintf("Whether members may %s (DSS's `%s`; `false` when DSS does not send the flag, as a DSS before these features does).", c.desc, c.Wire)
		}
	}
	return kit.MirroredSchema{Resource: NewGroupResource,
		Description: "Reads one DSS group's definition by name (1 API call; needs an admin key).",
		Own: map[string]schema.Attribute{
			"name": schema.StringAttribute{Required: true, MarkdownDescription: "The group's name. " + groupNameNote, Validators: groupNameKey.Validators()},
		},
		Describe: describe,
	}
}()

var readGroupDataSource = readDocDataSource(func(cfg *GroupModel) dss.Document[dss.Group] { return dss.GroupDoc(cfg.Name.ValueString()) }, GroupFromDSS)

// NewGroupsDataSource returns the dataiku_groups data source.
func NewGroupsDataSource() datasource.DataSource {
	return kit.ListDataSource[dss.Group]{Name: "groups",
		Description:   "Lists every DSS group with the main fields of its definition (1 API call; needs an admin key). Read one group with `dataiku_group` for all its capabilities.",
		IDDescription: "Always `groups`.",
		IDOf:          func(kit.ListConfig) string { return "groups" },
		Keys:          "names", KeysDescription: "The groups' names, sorted.",
		List: "groups", ListDescription: "The groups, sorted by name.",
		Item: map[string]schema.Attribute{
			"name":                kit.ComputedString("Group name."),
			"description":         kit.ComputedString("Description."),
			"source_type":         kit.ComputedString("`LOCAL`, `LDAP` or `SAAS`."),
			"admin":               schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether members are administrators."},
			"ldap_group_names":    schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "LDAP groups mapped to the group."},
			"may_create_projects": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether members may create projects."},
		},
		Read:    kit.ReadAll((*dss.Client).ListGroups),
		SortKey: func(g *dss.Group) string { return g.Name },
		Row: func(ctx context.Context, _ kit.ListConfig, g *dss.Group, diagnostics *diag.Diagnostics) map[string]attr.Value {
			var m GroupModel
			diagnostics.Append(GroupFromDSS(ctx, g, &m)...)
			return map[string]attr.Value{
				"name": m.Name, "description": m.Description, "source_type": m.SourceType, "admin": m.Admin,
				"ldap_group_names": m.LDAPGroupNames, "may_create_projects": m.MayCreateProjects,
			}
		},
	}.DataSource()
}
