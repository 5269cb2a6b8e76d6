package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// NewGroupResource returns the dataiku_group resource.
func NewGroupResource() resource.Resource { return newKitResource[groupModel](groupKind{}) }

// groupKind is a DSS group: named by the caller, created with a POST that
// takes only its name, description and source, then written whole.
type groupKind struct{}

// groupNameValidators check a group's name wherever one is given.
func groupNameValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(groupNamePattern, groupNameRule),
		stringvalidator.LengthAtMost(maxNameLength)}
}

// groupAddress: a group is named by the name the caller chooses.
var groupAddress = address[groupModel]{
	typeName: "dataiku_group",
	path:     "admin/groups/{name}",
	key: []keyPart[groupModel]{
		{"name", importPart{label: "group_name"}, func(m *groupModel) *types.String { return &m.Name }, "The group's name."},
	},
	id: func(m *groupModel) *types.String { return &m.ID },
	parseKey: func(id string) ([]string, error) {
		if !groupNamePattern.MatchString(id) || len(id) > maxNameLength {
			return nil, fmt.Errorf("the import id is the group's name, which %s; got %q", groupNameRule, id)
		}
		return []string{id}, nil
	},
}

func (groupKind) address() *address[groupModel] { return &groupAddress }

func (groupKind) schema() schema.Schema {
	attrs := map[string]schema.Attribute{
		"id": stableIDAttribute("The group's name."),
		"name": schema.StringAttribute{Required: true,
			MarkdownDescription: "Group name, " + groupNameRule + ". DSS cannot rename a group: changing it destroys the group " +
				"(DSS removes it from its users and API keys) and creates the new one.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:    groupNameValidators()},
		"description": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(""),
			MarkdownDescription: "Description. Default empty. Changes in place."},
		"source_type": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("LOCAL"),
			MarkdownDescription: "Where the group's members come from: `LOCAL` (default; members are set on each `dataiku_user`), `LDAP` or `SAAS`. Changes in place.",
			Validators:          []validator.String{oneOfExact("group source type", groupSourceTypes...)}},
		"admin": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Whether members are DSS administrators. Default `false`. Changes in place; DSS refuses to remove the last administrator group that has enabled members."},
		"ldap_group_names": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
			Default: setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
			MarkdownDescription: "LDAP groups whose members belong to this group (DSS's `ldapGroupNames`). Default none. A set: order means nothing to DSS. " +
				"DSS before 12.6 stores them as one comma-separated string, later versions as a list; the provider reads both and writes back the form DSS holds.",
			Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}},
		"can_obtain_api_ticket_from_cookies_for_groups_regex": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(""),
			MarkdownDescription: "DSS's `canObtainAPITicketFromCookiesForGroupsRegex`: members may obtain an API ticket from their browser cookie for the groups this regular expression matches. Default empty (none). Changes in place."},
	}
	for _, c := range groupCapabilities {
		attrs[c.attr] = schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(c.def),
			MarkdownDescription: fmt.Sprintf("Whether members may %s (DSS's `%s`). Default `%t`, DSS's default for a new group; the configuration is authoritative, so a change made in DSS shows in the next plan. Changes in place.",
				c.desc, c.wire, c.def)}
	}
	return schema.Schema{
		MarkdownDescription: "A DSS group: what its members may do (DSS's capabilities), whether they are administrators, and which LDAP groups map to it. " +
			"Membership is set on each `dataiku_user`. DSS ignores capabilities when it creates a group, so creating one is a POST followed by a write of the whole definition. " +
			"Every change is a read-modify-write of the whole definition, so what the provider does not model (SSO and Azure AD group mappings, newer capabilities) is kept. " +
			"Needs an admin API key. Import with the group's name.\n\n**Refresh cost.** 1 API call.",
		Attributes: attrs,
	}
}

func groupName(m *groupModel) string {
	if known(m.Name) {
		return m.Name.ValueString()
	}
	return m.ID.ValueString()
}

func (groupKind) post(ctx context.Context, c *dss.Client, m *groupModel) error {
	m.ID = m.Name
	return c.CreateGroup(ctx, m.Name.ValueString(), m.Description.ValueString(), m.SourceType.ValueString())
}

// apply writes the whole definition once (on create too: DSS ignores
// capabilities in the POST), then reads back what DSS stored.
func (groupKind) apply(ctx context.Context, c *dss.Client, op *applyOp[groupModel]) {
	syncDocument(ctx, c, op, documentSync[groupModel, dss.Group]{
		doc:     dss.GroupDoc(op.plan.Name.ValueString()),
		toDSS:   func(g *dss.Group) diag.Diagnostics { return applyGroup(ctx, op.plan, g) },
		fromDSS: func(g *dss.Group) diag.Diagnostics { return groupFromDSS(ctx, g, op.plan) },
	})
}

// read costs 1 GET.
func (groupKind) read(ctx context.Context, c *dss.Client, m *groupModel, _ bool) error {
	g, err := dss.GroupDoc(groupName(m)).Get(ctx, c)
	if err != nil {
		return err
	}
	if d := groupFromDSS(ctx, g, m); d.HasError() {
		return fmt.Errorf("converting DSS's answer: %v", d)
	}
	return nil
}
