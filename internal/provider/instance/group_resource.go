package instance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewGroupResource returns the dataiku_group resource.
func NewGroupResource() resource.Resource { return kit.NewResource[GroupModel](GroupKind{}) }

// GroupKind is a DSS group: named by the caller, created with a POST that
// takes only its name, description and source, then written whole.
type GroupKind struct{}

// groupNameNote says, in a description, what a group's name may be.
const groupNameNote = "A group's name must " + names.GroupNameRule + "."

// groupNameKey is a group's name; its Validators check a group's name
// wherever one is given. It has no length limit, as a login has none
// (loginKey): DSS documents none, and a directory names its groups.
var groupNameKey = kit.NameKey{Attr: "name", Label: "group_name", What: "group's name", Pattern: names.GroupNamePattern, Rule: "must " + names.GroupNameRule,
	RefPattern: names.PrincipalRefPattern, RefRule: "must " + names.PrincipalRefRule}

// groupRefNote says, in a description, what a group named in another
// object's settings may be (groupNameKey.RefValidators).
const groupRefNote = "A group named here must " + names.PrincipalRefRule + "."

// groupAddress: a group is named by the name the caller chooses.
var groupAddress = kit.NamedAddress("dataiku_group", "admin/groups/{name}", groupNameKey,
	func(m *GroupModel) *types.String { return &m.Name }, func(m *GroupModel) *types.String { return &m.ID })

func (GroupKind) Address() *kit.Address[GroupModel] { return &groupAddress }

func (GroupKind) Schema() schema.Schema {
	attrs := map[string]schema.Attribute{
		"id": kit.StableIDAttribute("The group's name."),
		"name": kit.RequiredReplacing("Group name, as DSS or its directory (LDAP, SSO) names it, such as `Data Team`: it must "+names.GroupNameRule+". DSS cannot rename a group: changing it destroys the group "+
			"(DSS removes it from its users and API keys) and creates the new one.",
			groupNameKey.Validators()...),
		"description": kit.OptionalString("", "Description. Default empty. Changes in place."),
		"source_type": kit.OptionalString("LOCAL",
			"Where the group's members come from, as DSS spells it: `LOCAL` (default; members are set on each `dataiku_user`), `LDAP` or `SAAS`. "+
				"A case variant of these (`ldap`) is refused at plan time with DSS's spelling; any other non-empty value (a source a newer DSS adds) is passed to DSS, which judges it. Changes in place.",
			kit.KnownSpelling("group source type", groupSourceTypes...)),
		"admin": kit.OptionalBool(false,
			"Whether members are DSS administrators. Default `false`. Changes in place; DSS refuses to remove the last administrator group that has enabled members."),
		"ldap_group_names": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
			Default: setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
			MarkdownDescription: "LDAP groups whose members belong to this group (DSS's `ldapGroupNames`). Default none. A set: order means nothing to DSS. " +
				"DSS before 12.6 stores them as one comma-separated string, later versions as a list; the provider reads both and writes back the form DSS holds.",
			Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}},
		"can_obtain_api_ticket_from_cookies_for_groups_regex": kit.OptionalString("",
			"DSS's `canObtainAPITicketFromCookiesForGroupsRegex`: members may obtain an API ticket from their browser cookie for the groups this regular expression matches. Default empty (none). Changes in place."),
	}
	for _, c := range GroupCapabilities {
		if c.Kept {
			attrs[c.Attr] = schema.BoolAttribute{Optional: true, Computed: true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
				MarkdownDescription: fmt.Sprintf("Whether members may %s (DSS's `%s`). When not set, DSS's value is kept and shown "+
					"(a new group gets DSS's default); when set, the configuration is authoritative, so a change made in DSS shows in the next plan. Changes in place.",
					c.desc, c.Wire)}
			continue
		}
		attrs[c.Attr] = kit.OptionalBool(c.def,
			fmt.Sprintf("Whether members may %s (DSS's `%s`). Default `%t`, DSS's default for a new group; the configuration is authoritative, so a change made in DSS shows in the next plan. Changes in place.",
				c.desc, c.Wire, c.def))
	}
	return schema.Schema{
		MarkdownDescription: "A DSS group: what its members may do (DSS's capabilities), whether they are administrators, and which LDAP groups map to it. " +
			"Membership is set on each `dataiku_user`. DSS ignores capabilities when it creates a group, so creating one is a POST followed by a write of the whole definition. " +
			"Every change is a read-modify-write of the whole definition, so what the provider does not model (SSO and Azure AD group mappings, newer capabilities) is kept. " +
			"Needs an admin API key. Import with the group's name.\n\n**Refresh cost.** 1 API call.",
		Attributes: attrs,
	}
}

func groupName(m *GroupModel) string {
	if kit.Known(m.Name) {
		return m.Name.ValueString()
	}
	return m.ID.ValueString()
}

func (GroupKind) Post(ctx context.Context, c *dss.Client, m *GroupModel) error {
	m.ID = m.Name
	return c.CreateGroup(ctx, m.Name.ValueString(), m.Description.ValueString(), m.SourceType.ValueString())
}

// Apply writes the whole definition once (on create too: DSS ignores
// capabilities in the POST), then reads back what DSS stored.
func (GroupKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[GroupModel]) {
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[GroupModel, dss.Group]{
		Doc:     dss.GroupDoc(op.Plan.Name.ValueString()),
		ToDSS:   func(g *dss.Group) diag.Diagnostics { return ApplyGroup(ctx, op.Plan, g) },
		FromDSS: func(g *dss.Group) diag.Diagnostics { return GroupFromDSS(ctx, g, op.Plan) },
	})
}

// Read costs 1 GET.
func (GroupKind) Read(ctx context.Context, c *dss.Client, m *GroupModel, _ bool) error {
	g, err := dss.GroupDoc(groupName(m)).Get(ctx, c)
	if err != nil {
		return err
	}
	if d := GroupFromDSS(ctx, g, m); d.HasError() {
		return fmt.Errorf("converting DSS's answer: %v", d)
	}
	return nil
}

func (GroupKind) AdminAPI() string { return "/admin/groups/" }
