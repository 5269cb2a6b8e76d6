package instance

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewPluginResource returns the dataiku_plugin resource.
func NewPluginResource() resource.Resource { return kit.NewResource[pluginModel](pluginKind{}) }

// pluginKind is an installed plugin: named by its id, installed, updated
// and deleted by DSS tasks (futures) this provider follows under the
// resource's timeouts. DSS has no GET of one plugin: a refresh reads the
// plugin list (1 request).
type pluginKind struct{}

const (
	defaultPluginCreateTimeout = 20 * time.Minute
	defaultPluginUpdateTimeout = 20 * time.Minute
	defaultPluginDeleteTimeout = 10 * time.Minute
)

// pluginIDPattern is what a plugin id may be: an id DSS uses as a REST
// path segment (names.IDPattern: not blank, no slash, no control
// character). Plugin ids are usually lower-case words joined by hyphens or
// underscores, but a plugin's id is whatever its plugin.json says, and
// nothing documents a rule DSS applies [I], so the provider refuses only
// what cannot be addressed.
var pluginIDPattern = names.IDPattern

const pluginIDRule = "must " + names.IDRule

type pluginModel struct {
	ID             types.String   `tfsdk:"id"`
	PluginID       types.String   `tfsdk:"plugin_id"`
	StoreVersion   types.String   `tfsdk:"store_version"`
	GitURL         types.String   `tfsdk:"git_url"`
	GitCheckout    types.String   `tfsdk:"git_checkout"`
	GitSubpath     types.String   `tfsdk:"git_subpath"`
	ZipPath        types.String   `tfsdk:"zip_path"`
	ZipSHA256      types.String   `tfsdk:"zip_sha256"`
	InstallCodeEnv types.Bool     `tfsdk:"install_code_env"`
	ForceDestroy   types.Bool     `tfsdk:"force_destroy"`
	Version        types.String   `tfsdk:"version"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`

	// installFuture is DSS's future of the install POST, waited on in
	// apply (the plugin exists only once it succeeded).
	installFuture *dss.Future
	deadline      time.Time
}

// pluginIDAttribute is the plugin_id of the kinds that belong to one
// plugin (the plugin itself, its settings, its presets): required, and
// another plugin is another object.
func pluginIDAttribute(description string) schema.StringAttribute {
	return kit.RequiredReplacing(description, stringvalidator.RegexMatches(pluginIDPattern, pluginIDRule))
}

// pluginIDKey names a plugin, and its settings, by the plugin's id.
var pluginIDKey = kit.NameKey{Attr: "plugin_id", Label: "plugin_id", What: "plugin's id", Pattern: pluginIDPattern, Rule: pluginIDRule}

var pluginAddress = kit.NamedAddress("dataiku_plugin", "plugins/{plugin_id}", pluginIDKey,
	func(m *pluginModel) *types.String { return &m.PluginID }, func(m *pluginModel) *types.String { return &m.ID })

func (pluginKind) Address() *kit.Address[pluginModel] { return &pluginAddress }

func (pluginKind) Schema() schema.Schema {
	source := "One of the plugin's three sources: at most one of `store_version`, `git_url` or `zip_path` is set. A new plugin needs one. " +
		"With none, an existing plugin (e.g. one installed from an archive, whose source DSS does not say, then imported) is managed without its source: " +
		"Terraform never installs or updates it. "
	return schema.Schema{
		MarkdownDescription: "A plugin installed on the instance, from Dataiku's plugin store, a git repository or a zip archive. " +
			"A new version, checkout or archive updates the plugin in place: DSS runs the install as a task, which the provider follows until it ends or `timeouts` pass. " +
			"A failed install or update shows DSS's log; after a failed update the state keeps the previous source, so the next apply tries again. " +
			"Destroy refuses while DSS lists usages of the plugin (recipes, datasets… of its components), unless `force_destroy = true`. " +
			"Needs an administrator's key or one of a group that may develop plugins. Import with the plugin's id.\n\n" +
			"**Refresh cost.** 1 API call (DSS's plugin list: DSS has no call reading one plugin).",
		Attributes: map[string]schema.Attribute{
			"id":        kit.StableIDAttribute("The plugin's id."),
			"plugin_id": pluginIDAttribute("The plugin's id, as its `plugin.json` says. Changing it installs another plugin (the old one is deleted)."),
			"store_version": schema.StringAttribute{Optional: true,
				MarkdownDescription: source + "The version to install from Dataiku's plugin store. DSS installs the store's current version of the plugin (it cannot install an older one): " +
					"the apply fails when that is not `store_version`, and says which version the store has. Changing it updates the plugin from the store in place.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"git_url": schema.StringAttribute{Optional: true,
				MarkdownDescription: source + "The git repository to install the plugin from; DSS must be able to reach it. Changing it updates the plugin in place. " +
					kit.GitURLPasswordRule,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), kit.GitURLPasswordWarning}},
			"git_checkout": schema.StringAttribute{Optional: true,
				MarkdownDescription: "With `git_url`: the branch, tag or commit to install, e.g. `v1.2.0`. Default `master`, as DSS's own client. Changing it updates the plugin in place.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"git_subpath": schema.StringAttribute{Optional: true,
				MarkdownDescription: "With `git_url`: the directory of the repository that holds `plugin.json`. Default: the repository's root. Changing it updates the plugin in place.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"zip_path": schema.StringAttribute{Optional: true,
				MarkdownDescription: source + "A plugin archive on the machine running Terraform. It must exist at plan time; its SHA-256 is recorded in `zip_sha256`, so a changed archive updates the plugin in place.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"zip_sha256": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The SHA-256 (hex) of the archive at `zip_path` when it was installed; null for the other sources."},
			"install_code_env": kit.OptionalBool(false,
				"Whether to create the plugin's code environment after installing it, and to update it after each update of the plugin. Default `false`. "+
					"DSS refuses it for a plugin that declares no code environment."),
			"force_destroy": kit.OptionalBool(false,
				"Whether destroy deletes the plugin even while DSS lists usages of it (which then break). Default `false`: destroy refuses and lists the usages."),
			"version": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The version DSS has installed. When it changes outside Terraform (someone installed another version), the next plan installs the configured source again."},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(context.Background(), timeouts.Opts{Create: true, Update: true, Delete: true,
				CreateDescription: fmt.Sprintf("How long to wait for the install (and the code env's creation), e.g. `30m`. Default `%s`. Past it, DSS's task is aborted and the apply fails.", defaultPluginCreateTimeout),
				UpdateDescription: fmt.Sprintf("How long to wait for an update. Default `%s`. Past it, DSS's task is aborted, the apply fails and the state keeps the previous source.", defaultPluginUpdateTimeout),
				DeleteDescription: fmt.Sprintf("How long to wait for DSS to delete the plugin. Default `%s`.", defaultPluginDeleteTimeout)}),
		},
	}
}

// ValidateConfig: at most one source, git options only with git. None is
// allowed here, for a plugin imported from an archive (DSS does not say
// which), which dss-adopt writes without a source; ModifyPlan refuses none
// for a plugin to install. (That the archive exists is checked by the
// plan, not by terraform validate, which may run where the archive is
// not.)
func (pluginKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m pluginModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	set := func(v types.String) bool { return !v.IsNull() }
	n := 0
	for _, v := range []types.String{m.StoreVersion, m.GitURL, m.ZipPath} {
		if set(v) {
			n++
		}
	}
	if n > 1 {
		resp.Diagnostics.AddAttributeError(path.Root("plugin_id"), "dataiku_plugin takes one source",
			fmt.Sprintf("Set at most one of store_version (Dataiku's plugin store), git_url (with git_checkout and git_subpath) or zip_path (an archive); this configuration sets %d.", n))
	}
	for _, a := range []struct {
		name string
		v    types.String
	}{{"git_checkout", m.GitCheckout}, {"git_subpath", m.GitSubpath}} {
		if set(a.v) && !set(m.GitURL) {
			resp.Diagnostics.AddAttributeError(path.Root(a.name), "dataiku_plugin: "+a.name+" needs git_url",
				a.name+" says what to install from a git repository; set git_url too, or remove it.")
		}
	}
}

// fileSHA256 is the hex SHA-256 of the file at p.
func fileSHA256(p string) (string, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// sameSource says whether a and b install the same thing.
func (m *pluginModel) sameSource(o *pluginModel) bool {
	return m.StoreVersion.Equal(o.StoreVersion) && m.GitURL.Equal(o.GitURL) && m.GitCheckout.Equal(o.GitCheckout) &&
		m.GitSubpath.Equal(o.GitSubpath) && m.ZipPath.Equal(o.ZipPath) && m.ZipSHA256.Equal(o.ZipSHA256)
}

// noSource: an imported plugin whose source DSS did not say.
func (m *pluginModel) noSource() bool {
	return m.StoreVersion.IsNull() && m.GitURL.IsNull() && m.ZipPath.IsNull()
}

// ModifyPlan records the archive's hash (a changed archive is an update)
// and predicts version: the state's while the source stays,
// store_version for the store, unknown otherwise.
func (pluginKind) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan pluginModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	hash := types.StringNull()
	switch {
	case plan.ZipPath.IsUnknown():
		hash = types.StringUnknown()
	case kit.Known(plan.ZipPath):
		sum, err := fileSHA256(plan.ZipPath.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("zip_path"), "dataiku_plugin: zip_path is not a file",
				fmt.Sprintf("zip_path must name a plugin archive on the machine running Terraform; %q cannot be read: %v.", plan.ZipPath.ValueString(), err))
			return
		}
		hash = types.StringValue(sum)
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("zip_sha256"), hash)...)
	plan.ZipSHA256 = hash
	version := types.StringUnknown()
	if kit.Known(plan.StoreVersion) {
		version = plan.StoreVersion
	}
	if req.State.Raw.IsNull() {
		if plan.noSource() {
			resp.Diagnostics.AddAttributeError(path.Root("plugin_id"), "dataiku_plugin needs a source to install",
				"This plugin is not in the state, so it is to be installed: set one of store_version (Dataiku's plugin store), "+
					"git_url (with git_checkout and git_subpath) or zip_path (an archive). An existing plugin is imported instead, with its id.")
		}
	} else {
		var prior pluginModel
		resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
		if plan.sameSource(&prior) || prior.noSource() || plan.noSource() {
			version = prior.Version
		}
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("version"), version)...)
}

// source is what DSS is to install, read from the plan.
func (m *pluginModel) source() (dss.PluginSource, error) {
	switch {
	case kit.Known(m.StoreVersion):
		return dss.PluginSource{Store: true}, nil
	case kit.Known(m.GitURL):
		checkout := "master"
		kit.SetKnownString(m.GitCheckout, &checkout)
		return dss.PluginSource{GitURL: m.GitURL.ValueString(), GitCheckout: checkout, GitSubpath: m.GitSubpath.ValueString()}, nil
	}
	data, err := os.ReadFile(m.ZipPath.ValueString())
	if err != nil {
		return dss.PluginSource{}, fmt.Errorf("reading zip_path: %w", err)
	}
	sum := sha256.Sum256(data)
	if kit.Known(m.ZipSHA256) && hex.EncodeToString(sum[:]) != m.ZipSHA256.ValueString() {
		return dss.PluginSource{}, fmt.Errorf("the archive at zip_path changed since the plan (its SHA-256 is not the planned zip_sha256): plan again")
	}
	return dss.PluginSource{ZipName: filepath.Base(m.ZipPath.ValueString()), Zip: data}, nil
}

func (m *pluginModel) timeout(ctx context.Context, create bool) (time.Duration, diag.Diagnostics) {
	if create {
		return m.Timeouts.Create(ctx, defaultPluginCreateTimeout)
	}
	return m.Timeouts.Update(ctx, defaultPluginUpdateTimeout)
}

// Find looks for the plugin in DSS's list.
func (pluginKind) Find(ctx context.Context, c *dss.Client, m *pluginModel) (bool, error) {
	return kit.FoundInList(findPlugin(ctx, c, m.PluginID.ValueString()))
}

// findPlugin is plugin id's item of DSS's list, or an AbsentFromListError.
func findPlugin(ctx context.Context, c *dss.Client, id string) (*dss.PluginSummary, error) {
	list, err := c.ListPlugins(ctx)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].ID == id {
			return &list[i], nil
		}
	}
	return nil, &kit.AbsentFromListError{ListPath: "/plugins/"}
}

// Post starts the install; apply waits for it.
func (pluginKind) Post(ctx context.Context, c *dss.Client, m *pluginModel) error {
	timeout, d := m.timeout(ctx, true)
	if d.HasError() {
		return fmt.Errorf("reading timeouts.create: %v", d)
	}
	m.deadline = time.Now().Add(timeout)
	m.ID = m.PluginID
	src, err := m.source()
	if err != nil {
		return err
	}
	f, err := c.InstallPlugin(ctx, m.PluginID.ValueString(), src)
	if err != nil {
		return err
	}
	m.installFuture = f
	return nil
}

// pluginStep words a wait's failure: DSS's log, or the timeout to raise.
func pluginStep(ctx context.Context, c *dss.Client, f *dss.Future, what, timeoutName string, timeout time.Duration) error {
	_, err := c.WaitFuture(ctx, f, true)
	var late *dss.FutureTimeoutError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &late):
		return fmt.Errorf("%s did not finish within timeouts.%s (%s): %w. Raise timeouts.%s if it takes longer, then apply again", what, timeoutName, timeout, err, timeoutName)
	}
	return fmt.Errorf("%s failed: %w", what, err)
}

// Apply waits for the install (create), or updates the plugin from its
// source when the source changed, then creates or updates its code env
// when asked, and reads the installed version back.
func (pluginKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[pluginModel]) {
	plan, prior := op.Plan, op.Prior
	id := plan.PluginID.ValueString()
	timeoutName := "create"
	timeout, d := plan.timeout(ctx, prior == nil)
	if prior != nil {
		timeoutName = "update"
	}
	if op.Diags.Append(d...); op.Diags.HasError() {
		return
	}
	deadline := plan.deadline
	if deadline.IsZero() {
		deadline = time.Now().Add(timeout)
	}
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()

	installed := false
	switch {
	case plan.installFuture != nil:
		if op.Fail(pluginStep(ctx, c, plan.installFuture, "installing the plugin", timeoutName, timeout)) {
			return
		}
		installed = true
	case prior != nil && !plan.sameSource(prior) && !prior.noSource() && !plan.noSource():
		src, err := plan.source()
		if op.Fail(err) {
			return
		}
		f, err := c.UpdatePlugin(ctx, id, src)
		if op.Fail(err) || op.Fail(pluginStep(ctx, c, f, "updating the plugin", timeoutName, timeout)) {
			return
		}
		installed = true
	}
	if plan.InstallCodeEnv.ValueBool() && (installed || prior == nil || !prior.InstallCodeEnv.ValueBool()) {
		if op.Fail(pluginCodeEnv(ctx, c, id, timeoutName, timeout)) {
			return
		}
	}
	p, err := findPlugin(ctx, c, id)
	if op.Fail(err) {
		return
	}
	plan.ID = plan.PluginID
	plan.Version = types.StringValue(p.Version)
	if kit.Known(plan.StoreVersion) && p.Version != plan.StoreVersion.ValueString() {
		op.Diags.AddAttributeError(path.Root("store_version"), op.Summary,
			fmt.Sprintf("DSS installed version %s of plugin %s from the plugin store, not store_version %s: the store offers %s. Set store_version = %q, or install the version you want from git or a zip archive.",
				p.Version, id, plan.StoreVersion.ValueString(), p.Version, p.Version))
	}
}

// pluginCodeEnv creates the plugin's code env, or updates it when the
// settings already name one (1 GET, then the task).
func pluginCodeEnv(ctx context.Context, c *dss.Client, id, timeoutName string, timeout time.Duration) error {
	settings, err := dss.PluginSettingsDoc(id).Get(ctx, c)
	if err != nil {
		return err
	}
	var f *dss.Future
	what := "creating the plugin's code env"
	if name, _ := (*settings)["codeEnvName"].(string); name != "" {
		what = "updating the plugin's code env " + name
		f, err = c.UpdatePluginCodeEnv(ctx, id)
	} else {
		f, err = c.CreatePluginCodeEnv(ctx, id, "", false)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return pluginStep(ctx, c, f, what, timeoutName, timeout)
}

// Read costs 1 GET (the plugin list). A version that changed outside
// Terraform makes the next plan install the configured source again: the
// store's version is store_version itself; for git and archives the
// source attribute DSS cannot report (git_checkout, zip_sha256) is
// cleared. After an import, the source is read from DSS's installedFrom
// when it has one [I].
func (pluginKind) Read(ctx context.Context, c *dss.Client, m *pluginModel, imported bool) error {
	p, err := findPlugin(ctx, c, m.PluginID.ValueString())
	if err != nil {
		return err
	}
	m.ID = types.StringValue(p.ID)
	m.PluginID = types.StringValue(p.ID)
	if imported {
		m.InstallCodeEnv = types.BoolValue(false)
		m.ForceDestroy = types.BoolValue(false)
		pluginSourceFromDSS(p, m)
		m.Version = types.StringValue(p.Version)
		return nil
	}
	changed := kit.Known(m.Version) && m.Version.ValueString() != p.Version
	m.Version = types.StringValue(p.Version)
	switch {
	case kit.Known(m.StoreVersion):
		m.StoreVersion = types.StringValue(p.Version)
	case changed && kit.Known(m.GitURL):
		m.GitCheckout = types.StringValue("(changed outside Terraform: version " + p.Version + ")")
	case changed && kit.Known(m.ZipPath):
		m.ZipSHA256 = types.StringValue("(changed outside Terraform: version " + p.Version + ")")
	}
	return nil
}

// pluginSourceFromDSS fills the source of an imported plugin from what
// DSS says of it [I: installedFrom].
func pluginSourceFromDSS(p *dss.PluginSummary, m *pluginModel) {
	str := func(k string) types.String {
		if s, _ := p.InstalledFrom[k].(string); s != "" {
			return types.StringValue(s)
		}
		return types.StringNull()
	}
	m.StoreVersion, m.GitURL, m.GitCheckout, m.GitSubpath, m.ZipPath, m.ZipSHA256 =
		types.StringNull(), types.StringNull(), types.StringNull(), types.StringNull(), types.StringNull(), types.StringNull()
	switch kind, _ := p.InstalledFrom["kind"].(string); strings.ToUpper(kind) {
	case "STORE":
		m.StoreVersion = types.StringValue(p.Version)
	case "GIT":
		m.GitURL, m.GitCheckout, m.GitSubpath = str("gitRepositoryUrl"), str("gitCheckout"), str("gitSubpath")
	}
}

// DeletePath: a not-found of the usages' GET means the plugin is gone.
// StateOnlyAttrs: force_destroy steers what the provider does at destroy
// and is never sent to DSS; a change of it alone plans and applies
// without DSS.
func (pluginKind) StateOnlyAttrs() []string { return []string{"force_destroy"} }

func (pluginKind) DeletePath(m *pluginModel) string {
	return dss.PluginPath(m.PluginID.ValueString()) + "/actions/listUsages"
}

// Delete refuses while DSS lists usages, unless force_destroy.
func (pluginKind) Delete(ctx context.Context, c *dss.Client, m *pluginModel) error {
	timeout, d := m.Timeouts.Delete(ctx, defaultPluginDeleteTimeout)
	if d.HasError() {
		return fmt.Errorf("reading timeouts.delete: %v", d)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	id := m.PluginID.ValueString()
	force := m.ForceDestroy.ValueBool()
	if !force {
		u, err := c.ListPluginUsages(ctx, id)
		if err != nil {
			return err
		}
		if len(u.Usages) > 0 {
			lines := make([]string, len(u.Usages))
			for i, x := range u.Usages {
				lines[i] = "  - " + x.String()
			}
			return fmt.Errorf("DSS lists %d usage(s) of plugin %s, which deleting it would break:\n%s\nRemove them first, or set force_destroy = true (and apply) to delete the plugin anyway",
				len(u.Usages), id, strings.Join(lines, "\n"))
		}
	}
	f, err := c.DeletePlugin(ctx, id, force)
	if err != nil {
		return err
	}
	return pluginStep(ctx, c, f, "deleting the plugin", "delete", timeout)
}
