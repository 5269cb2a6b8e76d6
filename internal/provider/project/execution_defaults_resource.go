package project

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewExecutionDefaultsResource returns the
// dataiku_project_execution_defaults resource.
func NewExecutionDefaultsResource() resource.Resource {
	return kit.NewResource[ExecutionDefaultsModel](&ExecutionDefaultsKind{})
}

// ExecutionDefaultsKind is a project's execution defaults: the default
// Python and R code envs (settings.codeEnvs) and the default containerized
// execution (settings.container) of its settings document, which
// dataiku_exposed_object writes too. Every write is a read-modify-write
// of that document under the provider's per-project settings lock
// (SettingsLocks), the one dataiku_exposed_object takes, so that neither
// overwrites the other.
//
// The document always exists while the project does: creating the
// resource starts managing the three defaults, destroying it puts them
// back to INHERIT, DSS's default for a new project.
type ExecutionDefaultsKind struct {
	Locks *kit.ProjectLocks
}

type ExecutionDefaultsModel struct {
	ID                      types.String `tfsdk:"id"`
	ProjectKey              types.String `tfsdk:"project_key"`
	PythonEnvMode           types.String `tfsdk:"python_env_mode"`
	PythonEnvName           types.String `tfsdk:"python_env_name"`
	REnvMode                types.String `tfsdk:"r_env_mode"`
	REnvName                types.String `tfsdk:"r_env_name"`
	ContainerMode           types.String `tfsdk:"container_mode"`
	ContainerExecConfigName types.String `tfsdk:"container_exec_config_name"`
}

// The modes DSS is known to use; the attributes take any other (a newer
// DSS's), refusing only another case of these (kit.KnownSpelling).
var (
	codeEnvModes   = []string{dss.ModeInherit, dss.CodeEnvModeBuiltin, dss.CodeEnvModeExplicit}
	containerModes = []string{dss.ModeInherit, dss.ContainerModeNone, dss.ContainerModeExplicit}
)

// ExecutionDefaultsAddress: one per project, named by its key.
var ExecutionDefaultsAddress = perProjectAddress("dataiku_project_execution_defaults", "projects/{project_key}/settings",
	"Key of the project whose execution defaults these are.",
	func(m *ExecutionDefaultsModel) *types.String { return &m.ProjectKey }, func(m *ExecutionDefaultsModel) *types.String { return &m.ID })

func (*ExecutionDefaultsKind) Address() *kit.Address[ExecutionDefaultsModel] {
	return &ExecutionDefaultsAddress
}

// Configure takes the provider's per-project settings locks, shared with
// dataiku_exposed_object.
func (k *ExecutionDefaultsKind) Configure(data *kit.ProviderData) { k.Locks = data.SettingsLocks }

// executionSelection is one of the three defaults: its attributes, the
// name's meaning and the mode that needs it, and how it is read from and
// written to DSS's document.
type executionSelection struct {
	mode, name   string // attribute names
	explicit     string // the mode that takes a name
	what, nameIs string
	fields       func(m *ExecutionDefaultsModel) (mode, name *types.String)
	// read returns DSS's mode and name; write selects them.
	read  func(s *dss.ProjectSettings) (mode string, name *string)
	write func(s *dss.ProjectSettings, mode, name string)
}

var executionSelections = []executionSelection{
	{mode: "python_env_mode", name: "python_env_name", explicit: dss.CodeEnvModeExplicit, what: "Python code env", nameIs: "a Python code env's name",
		fields: func(m *ExecutionDefaultsModel) (*types.String, *types.String) {
			return &m.PythonEnvMode, &m.PythonEnvName
		},
		read: func(s *dss.ProjectSettings) (string, *string) {
			return codeEnvRead(s, func(e *dss.ProjectCodeEnvs) *dss.CodeEnvSelection { return e.Python })
		},
		write: func(s *dss.ProjectSettings, mode, name string) { s.PythonEnv().Select(mode, name) }},
	{mode: "r_env_mode", name: "r_env_name", explicit: dss.CodeEnvModeExplicit, what: "R code env", nameIs: "an R code env's name",
		fields: func(m *ExecutionDefaultsModel) (*types.String, *types.String) { return &m.REnvMode, &m.REnvName },
		read: func(s *dss.ProjectSettings) (string, *string) {
			return codeEnvRead(s, func(e *dss.ProjectCodeEnvs) *dss.CodeEnvSelection { return e.R })
		},
		write: func(s *dss.ProjectSettings, mode, name string) { s.REnv().Select(mode, name) }},
	{mode: "container_mode", name: "container_exec_config_name", explicit: dss.ContainerModeExplicit, what: "containerized execution",
		nameIs: "a containerized execution config's name",
		fields: func(m *ExecutionDefaultsModel) (*types.String, *types.String) {
			return &m.ContainerMode, &m.ContainerExecConfigName
		},
		read: func(s *dss.ProjectSettings) (string, *string) {
			if s.Settings == nil || s.Settings.Container == nil {
				return dss.ModeInherit, nil
			}
			return dss.ModeOrInherit(s.Settings.Container.ContainerMode), s.Settings.Container.ContainerConf
		},
		write: func(s *dss.ProjectSettings, mode, name string) { s.ContainerDefault().Select(mode, name) }},
}

func codeEnvRead(s *dss.ProjectSettings, lang func(*dss.ProjectCodeEnvs) *dss.CodeEnvSelection) (string, *string) {
	if s.Settings == nil || s.Settings.CodeEnvs == nil || lang(s.Settings.CodeEnvs) == nil {
		return dss.ModeInherit, nil
	}
	sel := lang(s.Settings.CodeEnvs)
	return dss.ModeOrInherit(sel.Mode), sel.EnvName
}

func (*ExecutionDefaultsKind) Schema() schema.Schema {
	attrs := map[string]schema.Attribute{
		"id":          kit.StableIDAttribute("The project's key."),
		"project_key": kit.ParentProjectKeyAttribute("Key of the project. Changing it puts the old project's defaults back to `INHERIT` and manages the new project's."),
	}
	for _, sel := range executionSelections {
		modes := codeEnvModes
		doc := "`INHERIT` (the instance's default " + sel.what + "), `USE_BUILTIN_MODE` (DSS's built-in env) or `EXPLICIT_ENV` (the env `" + sel.name + "` names)"
		if sel.explicit == dss.ContainerModeExplicit {
			modes = containerModes
			doc = "`INHERIT` (the instance's default), `NONE` (run locally, not in containers) or `EXPLICIT_CONTAINER` (the config `" + sel.name + "` names)"
		}
		attrs[sel.mode] = kit.OptionalString(dss.ModeInherit,
			"The project's default "+sel.what+": "+doc+". Defaults to `INHERIT`, DSS's default for a new project. "+
				"Another mode a newer DSS knows is passed to DSS as written; only another case of a known mode is refused. Changes in place.",
			kit.KnownSpelling(sel.what+" mode", modes...))
		attrs[sel.name] = schema.StringAttribute{Optional: true,
			MarkdownDescription: "With `" + sel.mode + " = \"" + sel.explicit + "\"`, and only then, " + sel.nameIs + " (without it the plan warns: DSS keeps such a default, empty). " +
				"The provider does not check that it exists (DSS keeps the name of an env or config deleted since, and so is it read). Changes in place.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
	}
	return schema.Schema{
		MarkdownDescription: "A project's execution defaults, as an administrator sets them in the project's *Settings > Code env* and " +
			"*Settings > Containerized execution*: the default Python and R code envs (DSS project settings `settings.codeEnvs`) and the " +
			"default containerized execution config (`settings.container`). Recipes, notebooks and scenarios of the project whose own " +
			"selection is *inherit* use them.\n\n" +
			"**Why one resource for the three.** They are the project's settings for where its code runs, set on the same pages by the same " +
			"administrators and written together by DSS's own client (`DSSProjectSettings.set_python_code_env`, `set_r_code_env`, " +
			"`set_container_exec_config`); a code env and a container config are chosen together (a container image holds the env). " +
			"The name says that they are defaults: each recipe may override them.\n\n" +
			"**What is written.** Each mode is written as DSS's client writes it: `USE_BUILTIN_MODE` with `useBuiltinEnv = true`, " +
			"`EXPLICIT_ENV` with `useBuiltinEnv = false` and the env's name, `EXPLICIT_CONTAINER` with the config's name; `INHERIT` sets " +
			"`useBuiltinEnv` back to `true`, as in a new project. A name is kept in DSS when its mode changes away from it (DSS's settings " +
			"pages keep it too) and is not shown then. A default that already holds the planned mode is not rewritten.\n\n" +
			"**Read-modify-write.** The defaults are stored in the project's settings document, with its exposed objects and other settings. " +
			"Every write reads that document, changes only these keys and writes it back whole, every other field as DSS sent it; the provider " +
			"serialises these writes per project with those of `dataiku_exposed_object`, so both may be applied together. " +
			"**One per project.** A second `dataiku_project_execution_defaults` for the same project (another block, or `count`/`for_each`) in the same " +
			"provider configuration is an error at plan time, when the project key is known then.\n\n" +
			"**Rights.** Changing them needs admin rights on the project (DSS's project *Settings* pages are its administrators').\n\n" +
			"**Destroy.** Destroying the resource puts the three defaults back to `INHERIT` (the instance's defaults), " +
			"leaving the rest of the settings alone; a project already deleted is left alone. There is nothing to create: the first apply " +
			"writes the configured defaults into the project's existing settings. Import with the project key, e.g. `SALES`.\n\n" +
			"**Refresh cost.** 1 API call (the project's settings).",
		Attributes: attrs,
	}
}

// ValidateConfig: a name only with the mode that takes it, and a warning
// for that mode without one. A mode left out is INHERIT; an unknown mode
// or name (from another resource) is judged at the next plan.
func (*ExecutionDefaultsKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	for _, sel := range executionSelections {
		var mode, name types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(sel.mode), &mode)...)
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(sel.name), &name)...)
		if mode.IsUnknown() || name.IsUnknown() {
			continue
		}
		m := mode.ValueString()
		if mode.IsNull() {
			m = dss.ModeInherit
		}
		switch {
		case m != sel.explicit && strings.EqualFold(m, sel.explicit):
			// The mode's own validator says how DSS spells it.
		case m == sel.explicit && name.IsNull():
			// A warning: DSS keeps an explicit mode with an empty or no
			// name (dataikuapi's set_python_code_env writes whatever name
			// it is given [V]), which reads as no name, so an error would
			// lock such a project's defaults out of adoption.
			resp.Diagnostics.AddAttributeWarning(path.Root(sel.name), "Missing "+sel.name, fmt.Sprintf(
				"%s = %q needs %s: %s. DSS keeps the mode without one, but what inherits this default has nothing to run with. Set it, or choose another mode (%s).",
				sel.mode, sel.explicit, sel.name, sel.nameIs, modesBut(sel)))
		case m != sel.explicit && !name.IsNull():
			resp.Diagnostics.AddAttributeError(path.Root(sel.name), sel.name+" without "+sel.mode+" = \""+sel.explicit+"\"", fmt.Sprintf(
				"%s is used only with %s = %q; with %q DSS uses no name, so it would be neither written nor read back. "+
					"Set %s = %q, or remove %s.", sel.name, sel.mode, sel.explicit, m, sel.mode, sel.explicit, sel.name))
		}
	}
}

// modesBut lists the other known modes of sel.
func modesBut(sel executionSelection) string {
	modes := codeEnvModes
	if sel.explicit == dss.ContainerModeExplicit {
		modes = containerModes
	}
	out := ""
	for _, m := range modes {
		if m == sel.explicit {
			continue
		}
		if out != "" {
			out += ", "
		}
		out += m
	}
	return out
}

// ModifyPlanInWalk refuses a project whose defaults another resource of
// this configuration already manages: both would write the same keys,
// each apply undoing the other (kit.CheckSingletonPlan counts the plans
// of a walk per project). A key not known yet is not counted.
func (*ExecutionDefaultsKind) ModifyPlanInWalk(ctx context.Context, data *kit.ProviderData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkProjectSingletonPlan(ctx, data, ExecutionDefaultsAddress.TypeName, "Execution defaults declared twice", func(key string) string {
		return fmt.Sprintf("This configuration declares more than one dataiku_project_execution_defaults for project %s. A project has one set of defaults, "+
			"so they would overwrite each other on every apply: keep one resource for the project, with every default in it.", key)
	}, req, resp)
}

// checkProjectSingletonPlan refuses a second resource of typeName for the
// planned project (kit.CheckKeyedSingletonPlan counts the plans of a walk
// per project key); a destroy, or a key not known yet, is not counted.
func checkProjectSingletonPlan(ctx context.Context, data *kit.ProviderData, typeName, title string, detail func(key string) string,
	req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var key types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("project_key"), &key)...)
	if !kit.Known(key) {
		return
	}
	kit.CheckKeyedSingletonPlan(ctx, data, typeName, key.ValueString(), path.Root("project_key"), title, detail(key.ValueString()), req, resp)
}

func (m *ExecutionDefaultsModel) key() string { return m.ProjectKey.ValueString() }

// Find: the defaults exist while the project does, and managing them is
// what creating the resource means (nothing is adopted that could be
// lost: destroy only puts them back to INHERIT).
func (*ExecutionDefaultsKind) Find(context.Context, *dss.Client, *ExecutionDefaultsModel) (bool, error) {
	return false, nil
}

// Post creates nothing (claimProjectSingleton: the project's settings).
func (*ExecutionDefaultsKind) Post(ctx context.Context, c *dss.Client, m *ExecutionDefaultsModel) error {
	return claimProjectSingleton(ctx, c, dss.ProjectSettingsDoc(m.key()), m.key(), &m.ID)
}

// claimProjectSingleton is the Post of a per-project singleton, which
// creates nothing: it reads the project's document that holds what the
// kind manages, so that a project that does not exist, or that the key
// cannot read, is refused before anything is recorded in the state; the
// id is then the project's key.
func claimProjectSingleton[D any](ctx context.Context, c *dss.Client, doc dss.Document[D], key string, id *types.String) error {
	if _, err := doc.Get(ctx, c); err != nil {
		return err
	}
	*id = types.StringValue(key)
	return nil
}

// Apply is one locked read-modify-write of the settings (no PUT when DSS
// already holds the plan), then the plan read back; a mode DSS did not
// keep (one it does not know) is an error, not an inconsistent result.
func (k *ExecutionDefaultsKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[ExecutionDefaultsModel]) {
	planned := *op.Plan
	defer k.Locks.Lock(planned.key())()
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[ExecutionDefaultsModel, dss.ProjectSettings]{
		Doc: dss.ProjectSettingsDoc(planned.key()),
		ToDSS: func(s *dss.ProjectSettings) diag.Diagnostics {
			for _, sel := range executionSelections {
				mode, name := sel.fields(&planned)
				if kit.Known(*mode) {
					sel.write(s, mode.ValueString(), name.ValueString())
				}
			}
			return nil
		},
		FromDSS: func(s *dss.ProjectSettings) (diags diag.Diagnostics) {
			executionDefaultsFromDSS(s, op.Plan)
			for _, sel := range executionSelections {
				wantMode, wantName := sel.fields(&planned)
				gotMode, gotName := sel.fields(op.Plan)
				if kit.Known(*wantMode) && (!wantMode.Equal(*gotMode) || !wantName.Equal(*gotName)) {
					diags.AddAttributeError(path.Root(sel.mode), "DSS did not keep the "+sel.what+" written", fmt.Sprintf(
						"After the write, DSS holds %s = %s, %s = %s where the configuration says %s, %s: DSS may not know this mode. Write a mode DSS knows (%s).",
						sel.mode, gotMode, sel.name, gotName, wantMode, wantName, modesBut(sel)+", "+sel.explicit))
				}
			}
			return diags
		},
	})
}

func (*ExecutionDefaultsKind) Read(ctx context.Context, c *dss.Client, m *ExecutionDefaultsModel, _ bool) error {
	s, err := dss.ProjectSettingsDoc(m.key()).Get(ctx, c)
	if err != nil {
		return err
	}
	executionDefaultsFromDSS(s, m)
	return nil
}

// executionDefaultsFromDSS fills m from DSS's settings: each mode (absent
// is INHERIT), and its name only with the mode that uses it (a name DSS
// keeps under another mode is not the project's default). An env or
// config that no longer exists is read as DSS holds its name.
func executionDefaultsFromDSS(s *dss.ProjectSettings, m *ExecutionDefaultsModel) {
	m.ID = types.StringValue(m.key())
	for _, sel := range executionSelections {
		mode, name := sel.fields(m)
		got, gotName := sel.read(s)
		*mode = types.StringValue(got)
		*name = types.StringNull()
		if got == sel.explicit && kit.StringOrEmpty(gotName) != "" {
			*name = types.StringValue(*gotName)
		}
	}
}

// Delete puts the three defaults back to INHERIT, under the lock; a
// project already gone is the kit's (its settings' not-found).
func (k *ExecutionDefaultsKind) Delete(ctx context.Context, c *dss.Client, m *ExecutionDefaultsModel) error {
	defer k.Locks.Lock(m.key())()
	_, _, err := dss.ProjectSettingsDoc(m.key()).Update(ctx, c, func(s *dss.ProjectSettings) error {
		for _, sel := range executionSelections {
			sel.write(s, dss.ModeInherit, "")
		}
		return nil
	})
	return err
}
