package instance

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// Code env definitions ↔ models, shared by the resource and the data
// sources.

// codeEnvDeploymentModes are the deployment modes the provider knows; the
// first is the default of a design node. The list is open (the attribute
// refuses only their case variants): DSS judges any other mode. DSS_INTERNAL
// is DSS's own env [V: dataikuapi's DSSCodeEnvSettings.get_raw lists it];
// whether DSS lets a client create one is not known, so DSS judges that too.
var codeEnvDeploymentModes = []string{
	"DESIGN_MANAGED", "DESIGN_NON_MANAGED", "EXTERNAL_CONDA_NAMED", "PLUGIN_MANAGED", "PLUGIN_NON_MANAGED",
	"AUTOMATION_SINGLE", "AUTOMATION_VERSIONED", "AUTOMATION_NON_MANAGED_PATH", "DSS_INTERNAL",
}

// codeEnvManagedModes are the modes in which DSS installs the requirement
// lists itself.
var codeEnvManagedModes = []string{"DESIGN_MANAGED", "PLUGIN_MANAGED", "AUTOMATION_SINGLE", "AUTOMATION_VERSIONED"}

// codeEnvNonManagedModes are the modes in which DSS uses an environment
// someone else built, so requirement lists would be ignored: refused with
// them at plan time. Any other mode (DSS_INTERNAL, one the provider does not
// know) is left to DSS.
var codeEnvNonManagedModes = []string{"DESIGN_NON_MANAGED", "PLUGIN_NON_MANAGED", "EXTERNAL_CONDA_NAMED", "AUTOMATION_NON_MANAGED_PATH"}

const CodeEnvNameRule = "made of letters, digits, hyphens and underscores"

// Build and delete timeouts when the configuration sets none. A real
// build downloads and compiles packages: minutes, sometimes tens of them.
const (
	defaultCodeEnvCreateTimeout = 30 * time.Minute
	defaultCodeEnvUpdateTimeout = 30 * time.Minute
	defaultCodeEnvDeleteTimeout = 10 * time.Minute
)

// CodeEnvModel is the dataiku_code_env resource: the attributes the data
// source shares, the timeouts, and what a create hands from post to apply.
type CodeEnvModel struct {
	CodeEnvAttrs
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	kit.DeletionProtection

	// createFuture is DSS's future of the creation POST, waited on in
	// apply so that a failed first build leaves the env in the state.
	createFuture *dss.Future
	// deadline bounds the whole create (POST, write, build).
	deadline time.Time
}

// CodeEnvAttrs are the attributes of an env, in the resource and the
// data source alike.
type CodeEnvAttrs struct {
	ID                    types.String `tfsdk:"id"`
	Lang                  types.String `tfsdk:"lang"`
	Name                  types.String `tfsdk:"name"`
	DeploymentMode        types.String `tfsdk:"deployment_mode"`
	PythonInterpreter     types.String `tfsdk:"python_interpreter"`
	Conda                 types.Bool   `tfsdk:"conda"`
	Packages              types.List   `tfsdk:"packages"`
	CondaPackages         types.List   `tfsdk:"conda_packages"`
	InstallCorePackages   types.Bool   `tfsdk:"install_core_packages"`
	InstallJupyterSupport types.Bool   `tfsdk:"install_jupyter_support"`
	Owner                 types.String `tfsdk:"owner"`
	UsableByAll           types.Bool   `tfsdk:"usable_by_all"`
	Permissions           types.Set    `tfsdk:"permissions"`
}

// codeEnvPermissionModel is one entry of permissions.
type codeEnvPermissionModel struct {
	Group       types.String `tfsdk:"group"`
	Use         types.Bool   `tfsdk:"use"`
	Update      types.Bool   `tfsdk:"update"`
	ManageUsers types.Bool   `tfsdk:"manage_users"`
}

var CodeEnvPermissionAttrTypes = map[string]attr.Type{
	"group": types.StringType, "use": types.BoolType, "update": types.BoolType, "manage_users": types.BoolType,
}

// CodeEnvID is the resource id and import id: LANG/name.
func CodeEnvID(lang, name string) string { return strings.ToUpper(lang) + "/" + name }

// ParseCodeEnvImportID splits LANG/name.
func ParseCodeEnvImportID(id string) (lang, name string, err error) {
	lang, name, ok := strings.Cut(id, "/")
	lang = strings.ToUpper(lang)
	if !ok || !slices.Contains(dss.CodeEnvLangs, lang) || !dss.CodeEnvNamePattern.MatchString(name) {
		return "", "", fmt.Errorf("expected LANG/name, LANG being PYTHON or R and the name %s (e.g. PYTHON/py310-pandas); got %q", CodeEnvNameRule, id)
	}
	return lang, name, nil
}

// PackageLines turns DSS's newline-joined requirement text into lines:
// surrounding spaces and blank lines mean nothing to pip or conda.
func PackageLines(spec string) []string {
	lines := []string{}
	for l := range strings.SplitSeq(spec, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// setPackageSpec writes the planned requirement lines into spec, joined
// the way DSS stores them, unless spec already reads as those lines
// (PackageLines): then DSS's text (its trailing newline, its blank lines
// and indentation) is left as it is.
func setPackageSpec(ctx context.Context, list types.List, spec *string) diag.Diagnostics {
	var lines []string
	diags := list.ElementsAs(ctx, &lines, false)
	if !slices.Equal(PackageLines(*spec), lines) {
		*spec = strings.Join(lines, "\n")
	}
	return diags
}

// CodeEnvFromDSS fills m from DSS's definition. The requirement lists and
// the permissions are filled when m manages them or when all (after an
// import, when DSS has some); otherwise they stay null, unmanaged.
func CodeEnvFromDSS(ctx context.Context, e *dss.CodeEnv, m *CodeEnvModel, all bool) diag.Diagnostics {
	var diags diag.Diagnostics
	lang := strings.ToUpper(cmp.Or(e.EnvLang, m.Lang.ValueString()))
	name := cmp.Or(e.EnvName, m.Name.ValueString())
	m.ID = types.StringValue(CodeEnvID(lang, name))
	m.Lang = types.StringValue(lang)
	m.Name = types.StringValue(name)
	m.DeploymentMode = kit.NullIfEmpty(e.Mode())
	m.PythonInterpreter = kit.NullIfEmpty(e.Desc.PythonInterpreter)
	m.Conda = types.BoolValue(e.Desc.Conda)
	m.InstallCorePackages = types.BoolValue(e.Desc.InstallCorePackages)
	m.InstallJupyterSupport = types.BoolValue(e.Desc.InstallJupyterSupport)
	m.Owner = kit.NullIfEmpty(e.Desc.Owner)
	m.UsableByAll = types.BoolValue(e.UsableByAll)
	var d diag.Diagnostics
	if !m.Packages.IsNull() || (all && strings.TrimSpace(e.SpecPackageList) != "") {
		m.Packages, d = types.ListValueFrom(ctx, types.StringType, PackageLines(e.SpecPackageList))
		diags.Append(d...)
	}
	if !m.CondaPackages.IsNull() || (all && strings.TrimSpace(e.SpecCondaEnvironment) != "") {
		m.CondaPackages, d = types.ListValueFrom(ctx, types.StringType, PackageLines(e.SpecCondaEnvironment))
		diags.Append(d...)
	}
	if !m.Permissions.IsNull() || (all && len(e.Permissions) > 0) {
		perms := make([]codeEnvPermissionModel, 0, len(e.Permissions))
		for _, p := range e.Permissions {
			perms = append(perms, codeEnvPermissionModel{Group: types.StringValue(p.Group), Use: types.BoolValue(p.Use),
				Update: types.BoolValue(p.Update), ManageUsers: types.BoolValue(p.ManageUsers)})
		}
		m.Permissions, d = types.SetValueFrom(ctx, types.ObjectType{AttrTypes: CodeEnvPermissionAttrTypes}, perms)
		diags.Append(d...)
	}
	if m.Packages.IsUnknown() {
		m.Packages = types.ListNull(types.StringType)
	}
	if m.CondaPackages.IsUnknown() {
		m.CondaPackages = types.ListNull(types.StringType)
	}
	if m.Permissions.IsUnknown() {
		m.Permissions = types.SetNull(types.ObjectType{AttrTypes: CodeEnvPermissionAttrTypes})
	}
	return diags
}

// ApplyCodeEnv writes the modelled fields of plan into DSS's definition;
// what plan leaves null or unknown is left as DSS has it. The deployment
// mode, interpreter and conda are fixed at creation (changing them
// replaces the env).
func ApplyCodeEnv(ctx context.Context, plan *CodeEnvModel, e *dss.CodeEnv) diag.Diagnostics {
	var diags diag.Diagnostics
	kit.SetKnownBool(plan.InstallCorePackages, &e.Desc.InstallCorePackages)
	kit.SetKnownBool(plan.InstallJupyterSupport, &e.Desc.InstallJupyterSupport)
	kit.SetKnownString(plan.Owner, &e.Desc.Owner)
	kit.SetKnownBool(plan.UsableByAll, &e.UsableByAll)
	if kit.Known(plan.Packages) {
		diags.Append(setPackageSpec(ctx, plan.Packages, &e.SpecPackageList)...)
	}
	if kit.Known(plan.CondaPackages) {
		diags.Append(setPackageSpec(ctx, plan.CondaPackages, &e.SpecCondaEnvironment)...)
	}
	if kit.Known(plan.Permissions) {
		var perms []codeEnvPermissionModel
		diags.Append(plan.Permissions.ElementsAs(ctx, &perms, false)...)
		// Keep what DSS stores beside the modelled flags of a group.
		byGroup := map[string]dss.CodeEnvPermission{}
		for _, p := range e.Permissions {
			byGroup[p.Group] = p
		}
		out := make([]dss.CodeEnvPermission, 0, len(perms))
		for _, p := range perms {
			wire := byGroup[p.Group.ValueString()]
			wire.Group = p.Group.ValueString()
			wire.Use, wire.Update, wire.ManageUsers = p.Use.ValueBool(), p.Update.ValueBool(), p.ManageUsers.ValueBool()
			out = append(out, wire)
		}
		// The same groups as DSS's stay in DSS's order; otherwise the
		// list is sorted by group.
		order := map[string]int{}
		for i, p := range e.Permissions {
			order[p.Group] = i
		}
		sameGroups := len(out) == len(e.Permissions) && len(order) == len(out)
		for _, p := range out {
			_, had := order[p.Group]
			sameGroups = sameGroups && had
		}
		if sameGroups {
			slices.SortFunc(out, func(a, b dss.CodeEnvPermission) int { return order[a.Group] - order[b.Group] })
		} else {
			slices.SortFunc(out, func(a, b dss.CodeEnvPermission) int { return strings.Compare(a.Group, b.Group) })
		}
		e.Permissions = out
	}
	return diags
}
