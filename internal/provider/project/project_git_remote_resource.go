package project

import (
	"context"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewProjectGitRemoteResource returns the dataiku_project_git_remote
// resource.
func NewProjectGitRemoteResource() resource.Resource {
	return kit.NewResource[projectGitRemoteModel](projectGitRemoteKind{})
}

// projectGitRemoteKind is one remote of a project's own Git repository
// (every DSS project is one), named by its project and its name.
// dataikuapi's DSSProjectGit get_remote, set_remote and remove_remote [V]:
// the GET of a remote that is not set answers without a url (not a
// not-found), so the kind finds and reads by that answer.
type projectGitRemoteKind struct{}

type projectGitRemoteModel struct {
	ID         types.String `tfsdk:"id"`
	ProjectKey types.String `tfsdk:"project_key"`
	Name       types.String `tfsdk:"name"`
	URL        types.String `tfsdk:"url"`
}

// projectGitDefaultRemote is git's and dataikuapi's default remote name.
const projectGitDefaultRemote = "origin"

// projectGitRemoteNamePart is a remote's name. [I] git's own rule for a
// remote name is a ref component's (no space, no "..", no ":" and so on),
// which DSS does not document; this keeps only what a REST path segment
// cannot carry or git would read as an option: a slash, a backslash,
// whitespace, a leading "-", "." and "..". DSS judges the rest. A project
// key holds no dot, so PROJECT_KEY.name splits on its first dot.
var projectGitRemoteNamePart = kit.ImportPart{
	Label:   "name",
	Pattern: regexp.MustCompile(`^(?:[^-./\\\s][^/\\\s]*|\.[^./\\\s][^/\\\s]*|\.\.[^/\\\s]+)$`),
	Rule:    "be a remote name: not empty, no slash, backslash or whitespace, not starting with `-`, not `.` or `..`",
}

const projectGitRemoteExample = "the project key, a dot, then the remote's name, e.g. SALES.origin; SALES alone means SALES.origin"

var projectGitRemoteAddress = kit.Address[projectGitRemoteModel]{
	TypeName: "dataiku_project_git_remote",
	Path:     "projects/{project_key}/git/remotes/{name}",
	Key: []kit.KeyPart[projectGitRemoteModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *projectGitRemoteModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project whose repository has the remote."},
		{Attr: "name", ImportPart: projectGitRemoteNamePart, Field: func(m *projectGitRemoteModel) *types.String { return &m.Name }, Doc: "The remote's name, e.g. origin."},
	},
	Example:  projectGitRemoteExample,
	ID:       func(m *projectGitRemoteModel) *types.String { return &m.ID },
	ParseKey: parseProjectGitRemoteID,
}

// parseProjectGitRemoteID reads PROJECT_KEY.name, or PROJECT_KEY alone for
// the remote origin.
func parseProjectGitRemoteID(id string) ([]string, error) {
	if !strings.Contains(id, ".") && kit.ProjectKeyPattern.MatchString(id) {
		return []string{id, projectGitDefaultRemote}, nil
	}
	return kit.ParseImportIDSep(id, ".", projectGitRemoteExample, kit.ProjectKeyPart, projectGitRemoteNamePart)
}

func (projectGitRemoteKind) Address() *kit.Address[projectGitRemoteModel] {
	return &projectGitRemoteAddress
}

func (projectGitRemoteKind) Schema() schema.Schema {
	name := kit.OptionalString(projectGitDefaultRemote,
		"The remote's name in the project's repository; default `origin`, the remote DSS pushes to and pulls from. "+
			"It names the remote: changing it replaces the remote (the old one is removed, the new one added).",
		projectGitRemoteNamePart.Validator())
	name.PlanModifiers = []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		MarkdownDescription: "One remote of a project's own Git repository (DSS: *Project > Version control > Remote*): every DSS project is a Git repository, " +
			"and a remote connects it to GitHub, GitLab or any Git server, so that the project's history can be pushed there " +
			"(the `dataiku_project_git_push` action) and pulled back (`dataiku_project_git_pull`).\n\n" +
			"**Credentials.** DSS authenticates to the remote with its own SSH key or the Git credentials an administrator configured; " +
			"put no token in `url`: the URL is not a secret, it is kept in the state and shown in plans.\n\n" +
			"**Rights.** Reading needs read access to the project, changing the remote write access (*Write project content*).\n\n" +
			"Destroying the resource removes the remote from the repository (the remote repository itself is untouched). " +
			"Import with `PROJECT_KEY.name`, e.g. `SALES.origin`, or `PROJECT_KEY` alone for `origin`.\n\n" +
			"**Refresh cost.** 1 API call (the remote).",
		Attributes: map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("`PROJECT_KEY.name`."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the project whose repository has the remote. Changing it replaces the remote."),
			"name":        name,
			"url": schema.StringAttribute{Required: true,
				MarkdownDescription: "URL of the remote repository, e.g. `git@github.com:acme/sales-project.git` or `https://gitlab.example.com/acme/sales.git`. " +
					"Changes in place. " + kit.GitURLPasswordRule,
				Validators: append(nonBlankValidators(), kit.GitURLPasswordWarning)},
		},
	}
}

// readProjectGitRemote is the URL of m's remote, or an
// AbsentFromListError when DSS answers without one (the remote is not
// set).
func readProjectGitRemote(ctx context.Context, c *dss.Client, m *projectGitRemoteModel) (string, error) {
	key, name := m.ProjectKey.ValueString(), m.Name.ValueString()
	u, err := c.GetProjectGitRemote(ctx, key, name)
	if err != nil {
		return "", err
	}
	if u == nil {
		path := dss.APIPrefix + dss.ProjectGitRemotePath(key, name)
		return "", &kit.AbsentFromListError{ListPath: path, Says: "GET " + path + " answers without a url: the project's repository has no remote " + name}
	}
	return *u, nil
}

func (projectGitRemoteKind) Find(ctx context.Context, c *dss.Client, m *projectGitRemoteModel) (bool, error) {
	return kit.FoundInList(readProjectGitRemote(ctx, c, m))
}

// Post adds the remote (DSS's set_remote, which also changes an existing
// one: the kit's check before the create refuses to take one over).
func (projectGitRemoteKind) Post(ctx context.Context, c *dss.Client, m *projectGitRemoteModel) error {
	m.ID = types.StringValue(projectGitRemoteAddress.ImportID(m))
	return c.SetProjectGitRemote(ctx, m.ProjectKey.ValueString(), m.Name.ValueString(), m.URL.ValueString())
}

// Apply sets the URL when it changed (an update), then reads the remote
// back. The remote holds nothing else, so there is nothing to keep.
func (projectGitRemoteKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[projectGitRemoteModel]) {
	plan := op.Plan
	if op.Prior != nil && !plan.URL.Equal(op.Prior.URL) {
		if op.Fail(c.SetProjectGitRemote(ctx, plan.ProjectKey.ValueString(), plan.Name.ValueString(), plan.URL.ValueString())) {
			return
		}
	}
	u, err := readProjectGitRemote(ctx, c, plan)
	if op.Fail(err) {
		return
	}
	projectGitRemoteFromDSS(u, plan)
}

func projectGitRemoteFromDSS(url string, m *projectGitRemoteModel) {
	m.ID = types.StringValue(projectGitRemoteAddress.ImportID(m))
	m.URL = types.StringValue(url)
}

// Read costs 1 GET (the remote).
func (projectGitRemoteKind) Read(ctx context.Context, c *dss.Client, m *projectGitRemoteModel, _ bool) error {
	u, err := readProjectGitRemote(ctx, c, m)
	if err != nil {
		return err
	}
	projectGitRemoteFromDSS(u, m)
	return nil
}
