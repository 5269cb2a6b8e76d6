package instance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Group definitions ↔ models, shared by the dataiku_group resource and
// data sources.

// groupSourceTypes are where a group's members come from, as DSS spells
// them; a DSS version may add others, which are passed to DSS.
var groupSourceTypes = []string{"LOCAL", "LDAP", "SAAS"}

// GroupModel is the dataiku_group resource; the data source has the same
// attributes.
type GroupModel struct {
	ID             types.String `tfsdk:"id"`
	Name           types.String `tfsdk:"name"`
	Description    types.String `tfsdk:"description"`
	SourceType     types.String `tfsdk:"source_type"`
	Admin          types.Bool   `tfsdk:"admin"`
	LDAPGroupNames types.Set    `tfsdk:"ldap_group_names"`

	MayCreateProjects                 types.Bool `tfsdk:"may_create_projects"`
	MayCreateProjectsFromMacros       types.Bool `tfsdk:"may_create_projects_from_macros"`
	MayCreateProjectsFromTemplates    types.Bool `tfsdk:"may_create_projects_from_templates"`
	MayCreateProjectsFromDataikuApps  types.Bool `tfsdk:"may_create_projects_from_dataiku_apps"`
	MayCreatePublishedAPIServices     types.Bool `tfsdk:"may_create_published_api_services"`
	MayCreatePublishedProjects        types.Bool `tfsdk:"may_create_published_projects"`
	MayCreateActiveWebContent         types.Bool `tfsdk:"may_create_active_web_content"`
	MayCreateCodeEnvs                 types.Bool `tfsdk:"may_create_code_envs"`
	MayCreateClusters                 types.Bool `tfsdk:"may_create_clusters"`
	MayCreateAuthenticatedConnections types.Bool `tfsdk:"may_create_authenticated_connections"`
	MayDevelopPlugins                 types.Bool `tfsdk:"may_develop_plugins"`
	MayEditLibFolders                 types.Bool `tfsdk:"may_edit_lib_folders"`
	MayManageCodeEnvs                 types.Bool `tfsdk:"may_manage_code_envs"`
	MayManageClusters                 types.Bool `tfsdk:"may_manage_clusters"`
	MayManageUDM                      types.Bool `tfsdk:"may_manage_udm"`
	MayViewIndexedHiveConnections     types.Bool `tfsdk:"may_view_indexed_hive_connections"`
	MayWriteSafeCode                  types.Bool `tfsdk:"may_write_safe_code"`
	MayWriteUnsafeCode                types.Bool `tfsdk:"may_write_unsafe_code"`
	MayWriteInRootProjectFolder       types.Bool `tfsdk:"may_write_in_root_project_folder"`
	MayCreateWorkspaces               types.Bool `tfsdk:"may_create_workspaces"`
	MayShareToWorkspaces              types.Bool `tfsdk:"may_share_to_workspaces"`
	MayCreateDataCollections          types.Bool `tfsdk:"may_create_data_collections"`
	MayPublishToDataCollections       types.Bool `tfsdk:"may_publish_to_data_collections"`

	APITicketGroupsRegex types.String `tfsdk:"can_obtain_api_ticket_from_cookies_for_groups_regex"`
}

// groupCapability ties one capability's attribute to its field in DSS's
// definition and its field in the model; def is DSS's value for a new group
// (and the value read when DSS does not send the flag).
type groupCapability struct {
	Attr string
	Wire string
	def  bool
	desc string
	// Kept marks a capability added after the first release: left out of
	// the configuration, DSS's value is kept (and shown) rather than def
	// planned. Planning def would turn off, at the first apply after an
	// upgrade of the provider, a capability an administrator had granted
	// in DSS; and DSS's default for a new group is not documented [I].
	Kept  bool
	DSS   func(*dss.Group) **bool
	Model func(*GroupModel) *types.Bool
}

// GroupCapabilities lists every capability the provider models, with the
// wire names of Dataiku's own Ansible collection. A flag not listed here is
// kept as DSS holds it.
var GroupCapabilities = []groupCapability{
	{"may_create_projects", "mayCreateProjects", false, "create projects", false,
		func(g *dss.Group) **bool { return &g.MayCreateProjects }, func(m *GroupModel) *types.Bool { return &m.MayCreateProjects }},
	{"may_create_projects_from_macros", "mayCreateProjectsFromMacros", false, "create projects with project-creation macros", false,
		func(g *dss.Group) **bool { return &g.MayCreateProjectsFromMacros }, func(m *GroupModel) *types.Bool { return &m.MayCreateProjectsFromMacros }},
	{"may_create_projects_from_templates", "mayCreateProjectsFromTemplates", false, "create projects from templates", false,
		func(g *dss.Group) **bool { return &g.MayCreateProjectsFromTemplates }, func(m *GroupModel) *types.Bool { return &m.MayCreateProjectsFromTemplates }},
	{"may_create_projects_from_dataiku_apps", "mayCreateProjectsFromDataikuApps", false, "create projects from Dataiku applications", false,
		func(g *dss.Group) **bool { return &g.MayCreateProjectsFromDataikuApps }, func(m *GroupModel) *types.Bool { return &m.MayCreateProjectsFromDataikuApps }},
	{"may_create_published_api_services", "mayCreatePublishedAPIServices", false, "publish API services to the API Deployer", false,
		func(g *dss.Group) **bool { return &g.MayCreatePublishedAPIServices }, func(m *GroupModel) *types.Bool { return &m.MayCreatePublishedAPIServices }},
	{"may_create_published_projects", "mayCreatePublishedProjects", false, "publish projects to the Project Deployer", false,
		func(g *dss.Group) **bool { return &g.MayCreatePublishedProjects }, func(m *GroupModel) *types.Bool { return &m.MayCreatePublishedProjects }},
	{"may_create_active_web_content", "mayCreateActiveWebContent", false, "create active web content (webapps, reports, notebooks' HTML)", false,
		func(g *dss.Group) **bool { return &g.MayCreateActiveWebContent }, func(m *GroupModel) *types.Bool { return &m.MayCreateActiveWebContent }},
	{"may_create_code_envs", "mayCreateCodeEnvs", false, "create code environments", false,
		func(g *dss.Group) **bool { return &g.MayCreateCodeEnvs }, func(m *GroupModel) *types.Bool { return &m.MayCreateCodeEnvs }},
	{"may_create_clusters", "mayCreateClusters", false, "create clusters", false,
		func(g *dss.Group) **bool { return &g.MayCreateClusters }, func(m *GroupModel) *types.Bool { return &m.MayCreateClusters }},
	{"may_create_authenticated_connections", "mayCreateAuthenticatedConnections", false, "create personal connections that authenticate as their user", false,
		func(g *dss.Group) **bool { return &g.MayCreateAuthenticatedConnections }, func(m *GroupModel) *types.Bool { return &m.MayCreateAuthenticatedConnections }},
	{"may_develop_plugins", "mayDevelopPlugins", false, "develop plugins", false,
		func(g *dss.Group) **bool { return &g.MayDevelopPlugins }, func(m *GroupModel) *types.Bool { return &m.MayDevelopPlugins }},
	{"may_edit_lib_folders", "mayEditLibFolders", false, "edit the instance's global library folders", false,
		func(g *dss.Group) **bool { return &g.MayEditLibFolders }, func(m *GroupModel) *types.Bool { return &m.MayEditLibFolders }},
	{"may_manage_code_envs", "mayManageCodeEnvs", false, "manage every code environment", false,
		func(g *dss.Group) **bool { return &g.MayManageCodeEnvs }, func(m *GroupModel) *types.Bool { return &m.MayManageCodeEnvs }},
	{"may_manage_clusters", "mayManageClusters", false, "manage every cluster", false,
		func(g *dss.Group) **bool { return &g.MayManageClusters }, func(m *GroupModel) *types.Bool { return &m.MayManageClusters }},
	{"may_manage_udm", "mayManageUDM", false, "manage user-defined meanings", false,
		func(g *dss.Group) **bool { return &g.MayManageUDM }, func(m *GroupModel) *types.Bool { return &m.MayManageUDM }},
	{"may_view_indexed_hive_connections", "mayViewIndexedHiveConnections", false, "view indexed Hive connections in the catalog", false,
		func(g *dss.Group) **bool { return &g.MayViewIndexedHiveConnections }, func(m *GroupModel) *types.Bool { return &m.MayViewIndexedHiveConnections }},
	{"may_write_safe_code", "mayWriteSafeCode", true, "write safe (isolated) code", false,
		func(g *dss.Group) **bool { return &g.MayWriteSafeCode }, func(m *GroupModel) *types.Bool { return &m.MayWriteSafeCode }},
	{"may_write_unsafe_code", "mayWriteUnsafeCode", false, "write unsafe code, which runs with DSS's own rights", false,
		func(g *dss.Group) **bool { return &g.MayWriteUnsafeCode }, func(m *GroupModel) *types.Bool { return &m.MayWriteUnsafeCode }},
	{"may_write_in_root_project_folder", "mayWriteInRootProjectFolder", false, "create projects and folders in the root project folder", false,
		func(g *dss.Group) **bool { return &g.MayWriteInRootProjectFolder }, func(m *GroupModel) *types.Bool { return &m.MayWriteInRootProjectFolder }},
	// DSS 11 and 12: the flags are in group definitions and in auth/info's
	// answers [T]; dataikuapi passes the definition through unnamed.
	{"may_create_workspaces", "mayCreateWorkspaces", false, "create workspaces (`dataiku_workspace`, DSS 11 or later)", true,
		func(g *dss.Group) **bool { return &g.MayCreateWorkspaces }, func(m *GroupModel) *types.Bool { return &m.MayCreateWorkspaces }},
	{"may_share_to_workspaces", "mayShareToWorkspaces", false, "share objects to workspaces (`dataiku_workspace_object`, DSS 11 or later), with the project's `share_to_workspaces` right", true,
		func(g *dss.Group) **bool { return &g.MayShareToWorkspaces }, func(m *GroupModel) *types.Bool { return &m.MayShareToWorkspaces }},
	{"may_create_data_collections", "mayCreateDataCollections", false, "create data collections (`dataiku_data_collection`, DSS 12 or later)", true,
		func(g *dss.Group) **bool { return &g.MayCreateDataCollections }, func(m *GroupModel) *types.Bool { return &m.MayCreateDataCollections }},
	{"may_publish_to_data_collections", "mayPublishToDataCollections", false, "publish datasets to data collections (`dataiku_data_collection_dataset`, DSS 12 or later)", true,
		func(g *dss.Group) **bool { return &g.MayPublishToDataCollections }, func(m *GroupModel) *types.Bool { return &m.MayPublishToDataCollections }},
}

// GroupFromDSS fills m from DSS's definition. A capability DSS does not
// send reads as DSS's default for it, which is what DSS applies.
func GroupFromDSS(ctx context.Context, g *dss.Group, m *GroupModel) diag.Diagnostics {
	m.ID = types.StringValue(g.Name)
	m.Name = types.StringValue(g.Name)
	m.Description = types.StringValue(g.Description)
	m.SourceType = types.StringValue(g.SourceType)
	if g.SourceType == "" {
		m.SourceType = types.StringValue("LOCAL")
	}
	m.Admin = types.BoolValue(g.Admin)
	var names []string
	if g.LDAPGroupNames != nil {
		names = g.LDAPGroupNames.Names
	}
	set, diags := kit.StringSetValue(ctx, names)
	m.LDAPGroupNames = set
	for _, c := range GroupCapabilities {
		v := c.def
		if p := *c.DSS(g); p != nil {
			v = *p
		}
		*c.Model(m) = types.BoolValue(v)
	}
	m.APITicketGroupsRegex = types.StringValue("")
	if g.CanObtainAPITicketFromCookiesForGroupsRegex != nil {
		m.APITicketGroupsRegex = types.StringValue(*g.CanObtainAPITicketFromCookiesForGroupsRegex)
	}
	return diags
}

// ApplyGroup writes the plan into DSS's definition. What the plan leaves
// unknown is left as DSS has it. A capability DSS does not send is added
// only when the plan differs from DSS's default, so that an older DSS is
// not sent flags it would not know.
func ApplyGroup(ctx context.Context, plan *GroupModel, g *dss.Group) diag.Diagnostics {
	var diags diag.Diagnostics
	kit.SetKnownString(plan.Description, &g.Description)
	kit.SetKnownString(plan.SourceType, &g.SourceType)
	kit.SetKnownBool(plan.Admin, &g.Admin)
	if kit.Known(plan.LDAPGroupNames) {
		names, d := kit.StringsFromSet(ctx, plan.LDAPGroupNames)
		diags.Append(d...)
		// Order means nothing to DSS: only a different set is written,
		// in the form (string or list) DSS holds.
		var current []string
		if g.LDAPGroupNames != nil {
			current = g.LDAPGroupNames.Names
		}
		if !sameStringSet(current, names) {
			if g.LDAPGroupNames == nil {
				g.LDAPGroupNames = &dss.GroupNames{}
			}
			g.LDAPGroupNames.Names = names
		}
	}
	for _, c := range GroupCapabilities {
		v := *c.Model(plan)
		if !kit.Known(v) {
			continue
		}
		field := c.DSS(g)
		if *field == nil && v.ValueBool() == c.def {
			continue
		}
		b := v.ValueBool()
		*field = &b
	}
	if kit.Known(plan.APITicketGroupsRegex) {
		if s := plan.APITicketGroupsRegex.ValueString(); s != "" || g.CanObtainAPITicketFromCookiesForGroupsRegex != nil {
			g.CanObtainAPITicketFromCookiesForGroupsRegex = &s
		}
	}
	return diags
}
