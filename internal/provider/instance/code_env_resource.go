package instance

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewCodeEnvResource returns the dataiku_code_env resource.
func NewCodeEnvResource() resource.Resource {
	return kit.NewResource[CodeEnvModel](CodeEnvKind{})
}

// CodeEnvKind is a code environment: named by the caller (language and
// name), created and rebuilt by long-running DSS tasks this provider
// follows through DSS's futures under the resource's timeouts.
type CodeEnvKind struct{}

// packageLineRule is what one requirement line may be.
var packageLinePattern = regexp.MustCompile(`^[^\r\n]*\S[^\r\n]*$`)

func packageListValidators() []validator.List {
	return []validator.List{listvalidator.ValueStringsAre(
		stringvalidator.RegexMatches(packageLinePattern, "must be one non-blank requirement line (no line breaks)"))}
}

// CodeEnvAddress: a code env is named by its language and the name the
// caller chooses, LANG/name.
var CodeEnvAddress = kit.Address[CodeEnvModel]{
	TypeName: "dataiku_code_env",
	Path:     "admin/code-envs/{lang}/{name}",
	Key: []kit.KeyPart[CodeEnvModel]{
		{Attr: "lang", ImportPart: kit.ImportPart{Label: "LANG"}, Field: func(m *CodeEnvModel) *types.String { return &m.Lang }, Doc: "The env's language: PYTHON or R."},
		{Attr: "name", ImportPart: kit.ImportPart{Label: "name"}, Field: func(m *CodeEnvModel) *types.String { return &m.Name }, Doc: "The env's name."},
	},
	Separator: "/",
	ID:        func(m *CodeEnvModel) *types.String { return &m.ID },
	ParseKey: func(id string) ([]string, error) {
		lang, name, err := ParseCodeEnvImportID(id)
		return []string{lang, name}, err
	},
}

func (CodeEnvKind) Address() *kit.Address[CodeEnvModel] { return &CodeEnvAddress }

func (CodeEnvKind) Schema() schema.Schema {
	modes := "`" + strings.Join(codeEnvDeploymentModes, "`, `") + "`"
	return schema.Schema{
		MarkdownDescription: "A DSS code environment: a Python or R environment that DSS builds from requirement lists, " +
			"for recipes, notebooks and webapps. Creating one and rebuilding it are long-running DSS tasks: the provider starts them with `wait=false` " +
			"and follows DSS's future until it ends or the `timeouts` pass (then it aborts DSS's task). " +
			"When DSS reports a failed build (a package that cannot be installed, say), the apply fails with DSS's messages; the env stays in DSS and in the state, " +
			"and the next apply repairs it without creating a second one (a failed create is replaced, a failed update is rebuilt). " +
			"Changing `packages`, `conda_packages`, `install_core_packages` or `install_jupyter_support` rebuilds the env in place; changing `lang`, `name`, " +
			"`deployment_mode`, `python_interpreter` or `conda` replaces it. Every change to the definition is a read-modify-write of the whole definition, " +
			"so settings the provider does not model (container configurations, Dockerfile fragments) are kept. Needs an admin API key. " +
			"Import with `LANG/name`, e.g. `PYTHON/py310-pandas`.\n\n**Refresh cost.** 1 API call.",
		Attributes: map[string]schema.Attribute{
			kit.DeletionProtectionAttributeName: kit.DeletionProtectionAttribute("the env (the recipes, notebooks and projects that use it stop working)"),
			"id":                                kit.StableIDAttribute("`LANG/name`, e.g. `PYTHON/py310-pandas`."),
			"lang": kit.RequiredReplacing("Language: `PYTHON` or `R`. Changing it replaces the env.",
				kit.OneOfExact("code env language", dss.CodeEnvLangs...)),
			"name": kit.RequiredReplacing("Env name, "+CodeEnvNameRule+" (DSS documents letters, digits and hyphens, and no length limit). DSS cannot rename an env: changing it replaces the env.",
				stringvalidator.RegexMatches(dss.CodeEnvNamePattern, "must be "+CodeEnvNameRule)),
			"deployment_mode": kit.OptionalStringReplacing(codeEnvDeploymentModes[0],
				"How DSS manages the env: DSS's `deploymentMode`, e.g. "+modes+". Default `DESIGN_MANAGED` (DSS builds it from `packages`). "+
					"`DSS_INTERNAL` is DSS's own env, which DSS manages itself: it can be imported and read. "+
					"A known mode must be spelled as DSS spells it (upper case); any other non-empty value is passed to DSS, which judges it. "+
					"In the non-managed modes ("+"`"+strings.Join(codeEnvNonManagedModes, "`, `")+"`"+") DSS uses an environment built elsewhere, "+
					"so `packages` and `conda_packages` install nothing there: DSS keeps them, and the plan warns. Changing it replaces the env.",
				kit.KnownSpelling("deployment mode", codeEnvDeploymentModes...)),
			"python_interpreter": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Python version for a Python env, as DSS names it: `PYTHON39`, `PYTHON310`, `PYTHON311`, `PYTHON312`, `CUSTOM`... " +
					"When not set, DSS's default; the state keeps what DSS chose. Not for an R env: DSS keeps one set there but uses none, and the plan warns. Changing it replaces the env.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)}},
			"conda": kit.OptionalBool(false,
				"Whether DSS builds the env with conda (needs conda on the DSS host). Default `false`. Changing it replaces the env.",
				boolplanmodifier.RequiresReplace()),
			"packages": schema.ListAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Requirement lines for pip (R: package lines), one per element, e.g. `pandas==2.2.2`: DSS's `specPackageList`, which DSS stores joined with newlines " +
					"(blank lines and surrounding spaces mean nothing and are dropped). When not set, the provider leaves DSS's list alone (unmanaged). " +
					"Changing it rebuilds the env in place. A list edited in DSS shows in the next plan and the next apply writes it back and rebuilds.",
				Validators: packageListValidators()},
			"conda_packages": schema.ListAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Conda requirement lines (DSS's `specCondaEnvironment`), for an env with `conda = true` (on another env DSS keeps them but installs nothing, and the plan warns). Not set: unmanaged. Changing it rebuilds the env in place.",
				Validators:          packageListValidators()},
			"install_core_packages": kit.OptionalBool(true,
				"Whether DSS installs its own core packages (needed to use the env in recipes and notebooks). Default `true`. Changing it rebuilds the env."),
			"install_jupyter_support": kit.OptionalBool(false,
				"Whether DSS installs Jupyter support, so that notebooks can use the env. Default `false`. Changing it rebuilds the env."),
			"owner": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Login of the env's owner. When not set, DSS makes the API key's user the owner and the state keeps it. Changes in place.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"usable_by_all": kit.OptionalBool(false, "Whether every user may use the env (DSS's `usableByAll`). Default `false`. Changes in place, without a rebuild."),
			"permissions": schema.SetNestedAttribute{Optional: true,
				MarkdownDescription: "Groups' rights on the env (DSS's `desc.permissions`), one entry per group. When set, it is authoritative: DSS's list becomes exactly this one. " +
					"When not set, unmanaged. Every entry states its three flags (a set of objects cannot take defaults reliably). Changes in place, without a rebuild.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"group": schema.StringAttribute{Required: true, MarkdownDescription: "The group's name. " + groupRefNote,
						Validators: groupNameKey.RefValidators()},
					"use":          schema.BoolAttribute{Required: true, MarkdownDescription: "Whether members may use the env."},
					"update":       schema.BoolAttribute{Required: true, MarkdownDescription: "Whether members may change and rebuild the env."},
					"manage_users": schema.BoolAttribute{Required: true, MarkdownDescription: "Whether members may change who may use the env."},
				}}},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(context.Background(), timeouts.Opts{Create: true, Update: true, Delete: true,
				CreateDescription: fmt.Sprintf("How long to wait for the env's creation and first build, e.g. `45m`. Default `%s`. Past it, DSS's task is aborted, the apply fails, and the next apply replaces the env.", defaultCodeEnvCreateTimeout),
				UpdateDescription: fmt.Sprintf("How long to wait for a rebuild. Default `%s`. Past it, DSS's task is aborted, the apply fails, and the next apply rebuilds.", defaultCodeEnvUpdateTimeout),
				DeleteDescription: fmt.Sprintf("How long to wait for DSS to delete the env. Default `%s`.", defaultCodeEnvDeleteTimeout),
			}),
		},
	}
}

// ValidateConfig refuses at plan time what DSS would refuse, and warns of
// what DSS keeps but ignores.
func (CodeEnvKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m CodeEnvModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(ValidateCodeEnv(ctx, &m)...)
}

func ValidateCodeEnv(ctx context.Context, m *CodeEnvModel) diag.Diagnostics {
	var diags diag.Diagnostics
	mode := codeEnvDeploymentModes[0]
	if m.DeploymentMode.IsUnknown() {
		mode = ""
	} else if !m.DeploymentMode.IsNull() {
		mode = m.DeploymentMode.ValueString()
	}
	if slices.Contains(codeEnvNonManagedModes, mode) {
		for _, a := range []struct {
			name string
			v    types.List
		}{{"packages", m.Packages}, {"conda_packages", m.CondaPackages}} {
			// A warning, not an error: DSS keeps the list of such an env
			// (its definition holds it whatever the mode [I]), dss-adopt
			// writes what DSS holds, and a refusal would lock the env out
			// of Terraform.
			if !a.v.IsNull() {
				diags.AddAttributeWarning(path.Root(a.name), "Requirement lists need a managed code env",
					fmt.Sprintf("%s is for an env DSS builds itself (deployment_mode %s); with deployment_mode %s DSS uses an environment built elsewhere: it keeps the list but installs nothing from it. Remove %s or change deployment_mode.",
						a.name, strings.Join(codeEnvManagedModes, ", "), mode, a.name))
			}
		}
	}
	// Warnings too, for the same reason: DSS keeps a conda spec on any env
	// (dataikuapi's set_required_conda_spec writes it whatever conda is
	// [V]) and an R env's interpreter as it was sent, and an import reads
	// both back.
	if !m.CondaPackages.IsNull() && !m.Conda.IsUnknown() && !m.Conda.ValueBool() {
		diags.AddAttributeWarning(path.Root("conda_packages"), "conda_packages needs conda = true",
			"DSS installs conda_packages (its specCondaEnvironment) only in a conda env: it keeps the list of this env but installs nothing from it. Set conda = true, or list the packages in packages.")
	}
	if kit.Known(m.Lang) && m.Lang.ValueString() == "R" && !m.PythonInterpreter.IsNull() {
		diags.AddAttributeWarning(path.Root("python_interpreter"), "python_interpreter is for a Python env",
			"An R env has no Python interpreter: DSS keeps the value but uses none. Remove python_interpreter, or set lang = \"PYTHON\".")
	}
	if kit.Known(m.Permissions) {
		var perms []codeEnvPermissionModel
		diags.Append(m.Permissions.ElementsAs(ctx, &perms, false)...)
		seen := map[string]bool{}
		for _, p := range perms {
			if !kit.Known(p.Group) {
				continue
			}
			if g := p.Group.ValueString(); seen[g] {
				diags.AddAttributeError(path.Root("permissions"), "A group appears twice in permissions",
					fmt.Sprintf("Group %q has two entries in permissions: DSS keeps one entry per group. Merge them into one.", g))
			}
			seen[p.Group.ValueString()] = true
		}
	}
	return diags
}

// IsGone reads DSS's answer for a missing env (a 500) as gone, on the
// env's own path only.
func (CodeEnvKind) IsGone(err error, objectPath string) bool {
	var apiErr *dss.APIError
	return dss.IsCodeEnvMissing(err) && errors.As(err, &apiErr) && strings.EqualFold(apiErr.Path, dss.APIPrefix+objectPath)
}

func codeEnvExists(ctx context.Context, c *dss.Client, m *CodeEnvModel) (bool, error) {
	_, err := dss.CodeEnvDoc(m.Lang.ValueString(), m.Name.ValueString()).Get(ctx, c)
	switch {
	case err == nil:
		return true, nil
	case dss.IsCodeEnvMissing(err) || dss.IsGone(err, dss.CodeEnvPath(m.Lang.ValueString(), m.Name.ValueString())):
		return false, nil
	}
	return false, err
}

func (CodeEnvKind) Find(ctx context.Context, c *dss.Client, m *CodeEnvModel) (bool, error) {
	return codeEnvExists(ctx, c, m)
}

// Post starts the creation and keeps DSS's future for apply to wait on:
// the env exists from here on, so a failed or slow first build must leave
// it in the state (the kit does that for a failed apply, not a failed post).
func (CodeEnvKind) Post(ctx context.Context, c *dss.Client, m *CodeEnvModel) error {
	timeout, d := m.Timeouts.Create(ctx, defaultCodeEnvCreateTimeout)
	if d.HasError() {
		return fmt.Errorf("reading timeouts.create: %v", d)
	}
	m.deadline = time.Now().Add(timeout)
	m.ID = types.StringValue(CodeEnvID(m.Lang.ValueString(), m.Name.ValueString()))
	body := dss.CodeEnvCreate{
		DeploymentMode:        m.DeploymentMode.ValueString(),
		PythonInterpreter:     m.PythonInterpreter.ValueString(),
		Conda:                 m.Conda.ValueBool(),
		InstallCorePackages:   m.InstallCorePackages.ValueBool(),
		InstallJupyterSupport: m.InstallJupyterSupport.ValueBool(),
	}
	if !kit.Known(m.PythonInterpreter) {
		body.PythonInterpreter = ""
	}
	f, err := c.CreateCodeEnv(ctx, m.Lang.ValueString(), m.Name.ValueString(), body)
	if err != nil {
		return err
	}
	m.createFuture = f
	return nil
}

// buildStep names a wait in errors: which task, under which timeout.
type buildStep struct {
	what, timeoutName string
	timeout           time.Duration
}

// wait follows one DSS task to its end under ctx's deadline, aborting it
// when the deadline passes, and words the failure for the user.
func (s buildStep) wait(ctx context.Context, c *dss.Client, f *dss.Future) error {
	_, err := c.WaitFuture(ctx, f, true)
	var timeout *dss.FutureTimeoutError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &timeout):
		return fmt.Errorf("%s did not finish within timeouts.%s (%s): %w. The env exists in DSS; raise timeouts.%s if builds take longer, then apply again to complete it",
			s.what, s.timeoutName, s.timeout, err, s.timeoutName)
	}
	return fmt.Errorf("%s failed: %w", s.what, err)
}

// Apply waits for the creation (when it just started), writes the
// definition once, and rebuilds when the requirement lists or the build
// options changed (on create: when requirement lists are set).
func (CodeEnvKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[CodeEnvModel]) {
	plan, prior := op.Plan, op.Prior
	lang, name := plan.Lang.ValueString(), plan.Name.ValueString()
	step := buildStep{timeoutName: "create", timeout: defaultCodeEnvCreateTimeout}
	var d diag.Diagnostics
	if prior == nil {
		step.timeout, d = plan.Timeouts.Create(ctx, defaultCodeEnvCreateTimeout)
	} else {
		step.timeoutName = "update"
		step.timeout, d = plan.Timeouts.Update(ctx, defaultCodeEnvUpdateTimeout)
	}
	op.Diags.Append(d...)
	deadline := plan.deadline
	if deadline.IsZero() {
		deadline = time.Now().Add(step.timeout)
	}
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()

	if plan.createFuture != nil {
		step.what = "creating the env"
		if op.Fail(step.wait(ctx, c, plan.createFuture)) {
			return
		}
	}
	kit.SyncDocument(ctx, c, op, kit.DocumentSync[CodeEnvModel, dss.CodeEnv]{
		Doc:   dss.CodeEnvDoc(lang, name),
		ToDSS: func(e *dss.CodeEnv) diag.Diagnostics { return ApplyCodeEnv(ctx, plan, e) },
		// The kit reads what DSS stored after this, whatever was written:
		// defaults and normalisation included, and a build may also have
		// changed the definition.
		AfterWrite: func(*dss.CodeEnv) (bool, error) {
			if !CodeEnvNeedsBuild(plan, prior) {
				return true, nil
			}
			step.what = "building the env's packages"
			f, err := c.UpdateCodeEnvPackages(ctx, lang, name, false)
			if err != nil {
				return true, err
			}
			return true, step.wait(ctx, c, f)
		},
		FromDSS: func(e *dss.CodeEnv) diag.Diagnostics { return CodeEnvFromDSS(ctx, e, plan, false) },
	})
}

// CodeEnvNeedsBuild says whether DSS must rebuild the env: on create when
// it has requirement lists, on update when what a build installs changed.
func CodeEnvNeedsBuild(plan, prior *CodeEnvModel) bool {
	if prior == nil {
		return kit.Known(plan.Packages) || kit.Known(plan.CondaPackages)
	}
	// A list that stops being managed (null) changes nothing in DSS.
	changed := func(p, q types.List) bool { return !p.IsNull() && !p.Equal(q) }
	return changed(plan.Packages, prior.Packages) || changed(plan.CondaPackages, prior.CondaPackages) ||
		!plan.InstallCorePackages.Equal(prior.InstallCorePackages) || !plan.InstallJupyterSupport.Equal(prior.InstallJupyterSupport)
}

// Read costs 1 GET. Right after an import (deployment_mode still null)
// the requirement lists and permissions are read when DSS has some.
func (CodeEnvKind) Read(ctx context.Context, c *dss.Client, m *CodeEnvModel, imported bool) error {
	e, err := dss.CodeEnvDoc(m.Lang.ValueString(), m.Name.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	if d := CodeEnvFromDSS(ctx, e, m, imported); d.HasError() {
		return fmt.Errorf("converting DSS's answer: %v", d)
	}
	return nil
}

func (CodeEnvKind) Delete(ctx context.Context, c *dss.Client, m *CodeEnvModel) error {
	timeout, d := m.Timeouts.Delete(ctx, defaultCodeEnvDeleteTimeout)
	if d.HasError() {
		return fmt.Errorf("reading timeouts.delete: %v", d)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	f, err := c.DeleteCodeEnv(ctx, m.Lang.ValueString(), m.Name.ValueString())
	if err != nil {
		return err
	}
	return buildStep{what: "deleting the env", timeoutName: "delete", timeout: timeout}.wait(ctx, c, f)
}

// A rebuild that failed or timed out during an update is remembered in
// the private state (kindWithUpdateNote): DSS then holds the new
// requirement lists, so a refresh alone would show no difference and the
// failed build would never be retried; while the note is set, a refresh
// leaves the lists unknown to the plan (null), so the next apply writes
// and rebuilds them. (A failed create needs no note: Terraform taints the
// resource and the next apply replaces it.)
const codeEnvRebuildPendingKey = "rebuild_pending"

func (CodeEnvKind) NoteKey() string { return codeEnvRebuildPendingKey }

func (CodeEnvKind) NoteAfterUpdate(plan, prior *CodeEnvModel, failed bool) (set, keep bool) {
	if !failed {
		return false, false
	}
	return true, !CodeEnvNeedsBuild(plan, prior)
}

func (CodeEnvKind) ReadNoted(m *CodeEnvModel) (diags diag.Diagnostics) {
	if !m.Packages.IsNull() {
		m.Packages = types.ListNull(types.StringType)
	}
	if !m.CondaPackages.IsNull() {
		m.CondaPackages = types.ListNull(types.StringType)
	}
	diags.AddWarning(CodeEnvAddress.Label(m)+" has a rebuild pending",
		"The last rebuild of this env failed or passed its timeout; the next apply writes the requirement lists again and rebuilds the env.")
	return diags
}
