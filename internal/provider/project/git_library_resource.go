package project

import (
	"context"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewGitLibraryResource returns the dataiku_project_git_library resource.
func NewGitLibraryResource() resource.Resource {
	return kit.NewResource[gitLibraryModel](gitLibraryKind{})
}

// gitLibraryKind is one Git reference of a project's libraries, named by
// its project and its path in the library (DSS's localTargetPath). DSS has
// no GET of one reference: every read is the project's list
// (dss.ListGitLibraries). The add and the reset pull the repository, as
// DSS futures the provider waits for.
type gitLibraryKind struct{}

type gitLibraryModel struct {
	ID                       types.String `tfsdk:"id"`
	ProjectKey               types.String `tfsdk:"project_key"`
	Path                     types.String `tfsdk:"path"`
	Repository               types.String `tfsdk:"repository"`
	Checkout                 types.String `tfsdk:"checkout"`
	PathInRepository         types.String `tfsdk:"path_in_repository"`
	AddToPythonPath          types.Bool   `tfsdk:"add_to_python_path"`
	Login                    types.String `tfsdk:"login"`
	PasswordWO               types.String `tfsdk:"password_wo"`
	PasswordWOVersion        types.Int64  `tfsdk:"password_wo_version"`
	DeleteDirectoryOnDestroy types.Bool   `tfsdk:"delete_directory_on_destroy"`

	// pull is the add's pull, which apply waits for; password the add's,
	// which its errors never quote.
	pull     *dss.Future
	password *string
}

// gitLibraryPullTimeout bounds the wait for a pull (the add's, a reset's):
// past it DSS's task is aborted and the apply fails.
const gitLibraryPullTimeout = 30 * time.Minute

// gitLibraryPathSegment is one segment of a library path: not empty, not
// "." or "..", and no slash. [I] DSS's rule is not documented; these are
// the segments a REST path cannot address reliably (servers and proxies
// collapse "//" and remove dot segments) or that would leave the library.
// Anything else (a backslash, spaces) is DSS's to judge. A project key
// holds no dot, so the import ID PROJECT_KEY.path splits on its first dot
// whatever the path holds.
const gitLibraryPathSegment = `(?:[^/.]|\.[^/.]|\.\.[^/])[^/]*`

var gitLibraryPathPart = kit.ImportPart{
	Label:   "path",
	Pattern: regexp.MustCompile(`^` + gitLibraryPathSegment + `(?:/` + gitLibraryPathSegment + `)*$`),
	Rule:    "be a relative path in the project's library (segments separated by single slashes, no `.` or `..` segment)",
}

var gitLibraryAddress = kit.Address[gitLibraryModel]{
	TypeName: "dataiku_project_git_library",
	Path:     "projects/{project_key}/git/lib-git-refs/{path}",
	Key: []kit.KeyPart[gitLibraryModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *gitLibraryModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project whose library holds the reference."},
		{Attr: "path", ImportPart: gitLibraryPathPart, Field: func(m *gitLibraryModel) *types.String { return &m.Path }, Doc: "The reference's path in the project's library (DSS's localTargetPath)."},
	},
	Example: "the project key, a dot, then the path in the library, e.g. SALES.python/shared_utils",
	ID:      func(m *gitLibraryModel) *types.String { return &m.ID },
}

func (gitLibraryKind) Address() *kit.Address[gitLibraryModel] { return &gitLibraryAddress }

func (gitLibraryKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "One Git reference of a project's libraries (DSS: *Project > Libraries > Git references*, \"Import from Git\"): " +
			"a repository checked out into a folder of the project's library, optionally on the project's Python path.\n\n" +
			"**Pulls.** Creating the reference makes DSS clone the repository; the provider waits for that pull (up to 30 minutes, then DSS's task is aborted and the apply fails). " +
			"Changing `repository`, `checkout` or `path_in_repository` updates the reference in place and then **resets** its folder to the new checkout " +
			"(DSS's reset, what the UI's pull does): the folder then holds what the repository has at `checkout`, and local changes made in DSS's library editor " +
			"and not pushed are discarded. Changing only `login` or the password updates the reference without a pull. " +
			"DSS pulls at those moments only: a branch that moves on is not followed until the next reset (a new `checkout` value, or DSS's own pull).\n\n" +
			"**Credentials.** `login` is not a secret and is kept in the state; the password is write-only (`password_wo`). An SSH repository needs neither: " +
			"DSS uses its own key.\n\n" +
			"**Rights.** Needs write access to the project (*Write project content*).\n\n" +
			"Destroying the resource removes the reference and, unless `delete_directory_on_destroy = false`, its folder. " +
			"Import with `PROJECT_KEY.path`, e.g. `SALES.python/shared_utils`: the project key holds no dot, so the path after the first dot may hold dots and slashes.\n\n" +
			"**Refresh cost.** 1 API call (the project's list of Git references).",
		Attributes: map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("`PROJECT_KEY.path`."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the project whose library holds the reference. Changing it replaces the reference."),
			"path": kit.RequiredReplacing("Where the repository is checked out, relative to the project's library root (DSS's *local target path*), e.g. `python/shared_utils`. "+
				"It names the reference: changing it replaces the reference (the old one is removed, the repository cloned at the new path).",
				gitLibraryPathPart.Validator()),
			"repository": schema.StringAttribute{Required: true,
				MarkdownDescription: "URL of the Git repository, e.g. `https://github.com/acme/dss-utils.git` or `git@github.com:acme/dss-utils.git`. " +
					"Changes in place, followed by a reset of the folder. " + kit.GitURLPasswordRule,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), kit.GitURLPasswordWarning}},
			"checkout": schema.StringAttribute{Required: true,
				MarkdownDescription: "The branch, tag or commit to check out, e.g. `main` or `v1.4.0`. Changes in place, followed by a reset of the folder.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"path_in_repository": kit.OptionalString("",
				"The folder of the repository to check out, e.g. `src/python`; default `\"\"`, the whole repository. Changes in place, followed by a reset of the folder."),
			"add_to_python_path": kit.OptionalBool(true,
				"Whether the folder is added to the project's Python path, so that recipes and notebooks can import it. Default `true`, as in DSS's client. "+
					"DSS cannot change it on an existing reference: changing it replaces the reference.",
				boolplanmodifier.RequiresReplace()),
			"login": kit.OptionalString("",
				"The login for an HTTPS repository; default `\"\"`, none. Not a secret (it is kept in the state); the password goes in `password_wo`. Changes in place, without a pull."),
			"password_wo": schema.StringAttribute{Optional: true, WriteOnly: true, Sensitive: true,
				MarkdownDescription: "The password or token for an HTTPS repository (Terraform 1.11 or later). Write-only: never in the plan, the state or the logs, so Terraform cannot see it change. " +
					"It is sent when the reference is created and with every later update of it (DSS's update takes the whole reference); " +
					"to send a new password alone, change `password_wo_version` too.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"password_wo_version": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Any number you change to send `password_wo` again (a rotation). Needs `password_wo`.",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))}},
			"delete_directory_on_destroy": kit.OptionalBool(true,
				"Whether destroying the resource also deletes the folder the repository was checked out into (DSS's `deleteDirectory`). "+
					"Default `true`: the folder is a copy of the repository that Terraform made, and left behind it would stay in the project's library, "+
					"importable from a Python path entry above it, and in the way of a reference created again at the same path (a replacement). "+
					"Set `false` to keep the files (e.g. changes made in DSS and not pushed). The provider's own setting: changing it changes nothing in DSS."),
		},
	}
}

// write is the reference as m plans it, with the password from the
// configuration.
func (m *gitLibraryModel) write(password *string) dss.GitLibraryWrite {
	login := m.Login.ValueString()
	return dss.GitLibraryWrite{GitLibrary: dss.GitLibrary{
		Path: m.Path.ValueString(), Repository: m.Repository.ValueString(), Checkout: m.Checkout.ValueString(),
		PathInRepository: m.PathInRepository.ValueString(), AddToPythonPath: m.AddToPythonPath.ValueBool(), Login: &login,
	}, Password: password}
}

// readGitLibrary is m's reference as DSS lists it, or AbsentFromListError.
func readGitLibrary(ctx context.Context, c *dss.Client, m *gitLibraryModel) (*dss.GitLibrary, error) {
	key := m.ProjectKey.ValueString()
	libs, err := c.ListGitLibraries(ctx, key)
	if err != nil {
		return nil, err
	}
	for i := range libs {
		if libs[i].Path == m.Path.ValueString() {
			return &libs[i], nil
		}
	}
	return nil, &kit.AbsentFromListError{ListPath: dss.APIPrefix + dss.GitLibrariesPath(key)}
}

func (gitLibraryKind) Find(ctx context.Context, c *dss.Client, m *gitLibraryModel) (bool, error) {
	return kit.FoundInList(readGitLibrary(ctx, c, m))
}

// Post is PostWithConfig without a password (the kit calls PostWithConfig).
func (k gitLibraryKind) Post(ctx context.Context, c *dss.Client, m *gitLibraryModel) error {
	return k.post(ctx, c, m, nil)
}

// PostWithConfig adds the reference with the configuration's password; apply
// waits for its pull.
func (k gitLibraryKind) PostWithConfig(ctx context.Context, c *dss.Client, config tfsdk.Config, m *gitLibraryModel) error {
	pw, err := kit.ConfigWriteOnly(ctx, config, "password_wo")
	if err != nil {
		return err
	}
	return k.post(ctx, c, m, pw)
}

func (gitLibraryKind) post(ctx context.Context, c *dss.Client, m *gitLibraryModel, pw *string) error {
	m.ID = types.StringValue(gitLibraryAddress.ImportID(m))
	f, err := c.AddGitLibrary(ctx, m.ProjectKey.ValueString(), m.write(pw))
	if err != nil {
		return err
	}
	m.pull, m.password = f, pw
	return nil
}

// Apply waits for the add's pull (create), or updates the reference when
// what DSS holds of it changed and resets its folder when what is checked
// out changed; then reads it back.
func (gitLibraryKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[gitLibraryModel]) {
	plan, prior := op.Plan, op.Prior
	key, libPath := plan.ProjectKey.ValueString(), plan.Path.ValueString()
	ctx, cancel := context.WithTimeout(ctx, gitLibraryPullTimeout)
	defer cancel()
	reset := false
	switch {
	case prior == nil && plan.pull != nil:
		if op.Fail(c.WaitGitLibrary(ctx, plan.pull, plan.password)) {
			return
		}
	case prior == nil:
		// The add's answer was lost but the reference is there: its pull
		// may not have run, so pull now.
		reset = true
	default:
		pulled := !plan.Repository.Equal(prior.Repository) || !plan.Checkout.Equal(prior.Checkout) || !plan.PathInRepository.Equal(prior.PathInRepository)
		if pulled || !plan.Login.Equal(prior.Login) || op.SecretVersionRotated(func(m *gitLibraryModel) types.Int64 { return m.PasswordWOVersion }) {
			// DSS's update takes the whole reference: the configured
			// password goes with it, so that no update drops it [I].
			pw, err := kit.ConfigWriteOnly(ctx, op.Config, "password_wo")
			if op.Fail(err) || op.Fail(c.SetGitLibrary(ctx, key, plan.write(pw))) {
				return
			}
		}
		reset = pulled
	}
	if reset {
		f, err := c.ResetGitLibrary(ctx, key, libPath)
		if op.Fail(err) || op.Fail(c.WaitGitLibrary(ctx, f, nil)) {
			return
		}
	}
	l, err := readGitLibrary(ctx, c, plan)
	if op.Fail(err) {
		return
	}
	gitLibraryFromDSS(l, plan)
}

// gitLibraryFromDSS fills m from DSS's reference. A login the list does
// not show keeps m's value [I].
func gitLibraryFromDSS(l *dss.GitLibrary, m *gitLibraryModel) {
	m.ID = types.StringValue(gitLibraryAddress.ImportID(m))
	m.Repository = types.StringValue(l.Repository)
	m.Checkout = types.StringValue(l.Checkout)
	m.PathInRepository = types.StringValue(l.PathInRepository)
	m.AddToPythonPath = types.BoolValue(l.AddToPythonPath)
	switch {
	case l.Login != nil:
		m.Login = types.StringValue(*l.Login)
	case m.Login.IsNull():
		m.Login = types.StringValue("")
	}
	if m.DeleteDirectoryOnDestroy.IsNull() { // imported: the default
		m.DeleteDirectoryOnDestroy = types.BoolValue(true)
	}
}

// Read costs 1 GET (the project's list of Git references).
func (gitLibraryKind) Read(ctx context.Context, c *dss.Client, m *gitLibraryModel, _ bool) error {
	l, err := readGitLibrary(ctx, c, m)
	if err != nil {
		return err
	}
	gitLibraryFromDSS(l, m)
	return nil
}

// DeletePath is the reference's own path, slashes kept: DSS's not-found
// for it means the reference is gone.
// StateOnlyAttrs: delete_directory_on_destroy is sent with the delete
// only; a change of it alone plans and applies without DSS.
func (gitLibraryKind) StateOnlyAttrs() []string { return []string{"delete_directory_on_destroy"} }

func (gitLibraryKind) DeletePath(m *gitLibraryModel) string {
	return dss.GitLibraryPath(m.ProjectKey.ValueString(), m.Path.ValueString())
}

// Delete removes the reference, and its folder unless
// delete_directory_on_destroy is false. A refused removal of a reference
// the list no longer holds is a removal done (DSS's answer for a missing
// reference is not documented [I]).
func (gitLibraryKind) Delete(ctx context.Context, c *dss.Client, m *gitLibraryModel) error {
	deleteDirectory := m.DeleteDirectoryOnDestroy.IsNull() || m.DeleteDirectoryOnDestroy.ValueBool()
	err := c.RemoveGitLibrary(ctx, m.ProjectKey.ValueString(), m.Path.ValueString(), deleteDirectory)
	if err == nil {
		return nil
	}
	if found, ferr := kit.FoundInList(readGitLibrary(ctx, c, m)); ferr == nil && !found {
		return nil
	}
	return err
}
