package dss

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

// Project documents (metadata, permissions, variables) are typed documents
// (see document.go): DSS replaces each one whole on PUT, and the fields a
// type does not model stay in its Extra, so a read-modify-write keeps every
// field DSS has and the provider does not know.

// CreateProjectRequest is the body of POST /projects/ (dss-api.md §2.1).
type CreateProjectRequest struct {
	ProjectKey  string  `json:"projectKey"`
	Name        string  `json:"name"`
	Owner       string  `json:"owner"`
	Description *string `json:"description"`
	// Settings is sent as null: DSS fills its defaults.
	Settings    map[string]any `json:"settings"`
	Permissions []any          `json:"permissions"`
	Tags        []string       `json:"tags"`
}

// CreateProject creates a project in the folder folderID ("" for DSS's
// default, the root). It fails with an OutcomeUnknownError when the POST may
// have taken effect: check ProjectExists before retrying.
func (c *Client) CreateProject(ctx context.Context, req CreateProjectRequest, folderID string) error {
	// DSS rejects null for these two lists.
	if req.Permissions == nil {
		req.Permissions = []any{}
	}
	if req.Tags == nil {
		req.Tags = []string{}
	}
	var q url.Values
	if folderID != "" {
		q = url.Values{"projectFolderId": {folderID}}
	}
	// The answer is text in some DSS versions: ignore it.
	return c.Post(ctx, "/projects/", q, req, nil)
}

// DuplicateProjectRequest is the body of POST /projects/{key}/duplicate/
// (dataikuapi DSSProject.duplicate). The export flags dataikuapi sends
// (exportAnalysisModels, ...) are left out: DSS's own defaults apply, as
// when Dataiku's Julia client duplicates.
type DuplicateProjectRequest struct {
	TargetProjectKey  string `json:"targetProjectKey"`
	TargetProjectName string `json:"targetProjectName"`
	// DuplicationMode is MINIMAL, SHARING, FULL or NONE (names.DuplicationModes).
	DuplicationMode string `json:"duplicationMode"`
	// ConnectionRemapping maps a source connection to the copy's; sent as
	// remapping.connections.
	ConnectionRemapping map[string]string `json:"-"`
	// TargetProjectFolderID is the copy's folder, "" for DSS's default.
	TargetProjectFolderID string `json:"targetProjectFolderId,omitempty"`
}

// MarshalJSON writes the remapping in the one shape DSS documents for a
// project's remapping settings, the import's {connections: [{source,
// target}]} [V dataikuapi TemporaryImportHandle.execute]; the duplicate
// call's docstring only says "dict of connections to be remapped" [I].
func (r DuplicateProjectRequest) MarshalJSON() ([]byte, error) {
	type plain DuplicateProjectRequest
	return json.Marshal(struct {
		plain
		Remapping BundleRemapping `json:"remapping"`
	}{plain(r), BundleRemapping{Connections: ConnectionRemapsFrom(r.ConnectionRemapping)}})
}

// DuplicateProjectResult is DSS's answer to a duplication (Dataiku.jl
// reads targetProjectKey).
type DuplicateProjectResult struct {
	TargetProjectKey string `json:"targetProjectKey"`
}

// DuplicateProject creates project req.TargetProjectKey as a copy of
// sourceKey. It fails with an OutcomeUnknownError when the POST may have
// taken effect: look for the new project before retrying.
func (c *Client) DuplicateProject(ctx context.Context, sourceKey string, req DuplicateProjectRequest) (*DuplicateProjectResult, error) {
	return callAs[DuplicateProjectResult](ctx, c, http.MethodPost, Path("projects", sourceKey, "duplicate")+"/", nil, req)
}

// ProjectSummary is one item of GET /projects/ (fields beyond projectKey are
// what DSS is reported to send; dss-api.md §2.1).
type ProjectSummary struct {
	ProjectKey string   `json:"projectKey"`
	Name       string   `json:"name"`
	OwnerLogin string   `json:"ownerLogin"`
	ShortDesc  string   `json:"shortDesc"`
	Tags       []string `json:"tags"`
}

// ListProjects lists the projects the key can read.
func (c *Client) ListProjects(ctx context.Context) ([]ProjectSummary, error) {
	return getAs[[]ProjectSummary](ctx, c, "/projects/", nil)
}

// GetProjectSummary reads GET /projects/{key}.
func (c *Client) GetProjectSummary(ctx context.Context, key string) (*ProjectSummary, error) {
	return callAs[ProjectSummary](ctx, c, http.MethodGet, Path("projects", key), nil, nil)
}

// DeleteProjectOptions are the flags of DELETE /projects/{key}.
type DeleteProjectOptions struct {
	ClearManagedDatasets      bool
	ClearOutputManagedFolders bool
}

// DeleteProject deletes a project and waits for DSS to finish. Job and
// scenario logs are always cleared, as DSS's own client does by default.
func (c *Client) DeleteProject(ctx context.Context, key string, opts DeleteProjectOptions) error {
	q := url.Values{
		"clearManagedDatasets":      {strconv.FormatBool(opts.ClearManagedDatasets)},
		"clearOutputManagedFolders": {strconv.FormatBool(opts.ClearOutputManagedFolders)},
		"clearJobAndScenarioLogs":   {"true"},
		"wait":                      {"true"},
	}
	return c.Delete(ctx, Path("projects", key), q, nil)
}

// ProjectMetadata is GET/PUT /projects/{key}/metadata (dss-api.md §3.2).
type ProjectMetadata struct {
	Name             string   `json:"label"`
	Description      string   `json:"description"`
	ShortDescription string   `json:"shortDesc"`
	Tags             []string `json:"tags" dss:"nonnull"`
	Extra            Extra    `json:"-"`
}

func (d *ProjectMetadata) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ProjectMetadata) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ProjectMetadataDoc is a project's metadata document.
func ProjectMetadataDoc(key string) Document[ProjectMetadata] {
	return DocumentAt[ProjectMetadata](Path("projects", key, "metadata"))
}

// ProjectPermissions is GET/PUT /projects/{key}/permissions (dss-api.md
// §3.3); reading it needs admin rights on the project.
type ProjectPermissions struct {
	Owner  string         `json:"owner"`
	Grants []ProjectGrant `json:"permissions" dss:"nonnull"`
	Extra  Extra          `json:"-"`
}

func (d *ProjectPermissions) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ProjectPermissions) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ProjectGrant is one entry of a project's permissions: for a group or a
// user, the 13 documented rights. Rights DSS adds in later versions stay in
// Extra. A right is nil when DSS's entry does not hold it (an older DSS
// lacks some, dss-real-shapes.md "Project settings"), so that a
// read-modify-write of the entry leaves it absent rather than adding an
// explicit false.
type ProjectGrant struct {
	Group                          string `json:"group,omitempty"`
	User                           string `json:"user,omitempty"`
	Admin                          *bool  `json:"admin,omitempty"`
	ReadProjectContent             *bool  `json:"readProjectContent,omitempty"`
	WriteProjectContent            *bool  `json:"writeProjectContent,omitempty"`
	ExportDatasetsData             *bool  `json:"exportDatasetsData,omitempty"`
	ReadDashboards                 *bool  `json:"readDashboards,omitempty"`
	WriteDashboards                *bool  `json:"writeDashboards,omitempty"`
	ModerateDashboards             *bool  `json:"moderateDashboards,omitempty"`
	RunScenarios                   *bool  `json:"runScenarios,omitempty"`
	ManageDashboardAuthorizations  *bool  `json:"manageDashboardAuthorizations,omitempty"`
	ManageExposedElements          *bool  `json:"manageExposedElements,omitempty"`
	ManageAdditionalDashboardUsers *bool  `json:"manageAdditionalDashboardUsers,omitempty"`
	ShareToWorkspaces              *bool  `json:"shareToWorkspaces,omitempty"`
	ExecuteApp                     *bool  `json:"executeApp,omitempty"`
	// DSS 15 [T]: absent from older DSS's grants.
	EditPermissions          *bool `json:"editPermissions,omitempty"`
	PublishToDataCollections *bool `json:"publishToDataCollections,omitempty"`
	Extra                    Extra `json:"-"`
}

func (d *ProjectGrant) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ProjectGrant) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Principal identifies the grant: "group:<name>" or "user:<login>", "" for
// a grant with neither.
func (d ProjectGrant) Principal() string { return principal(d.Group, d.User) }

// principal is "group:<group>" or, without a group, "user:<user>"; ""
// with neither: who a permission entry (a project grant, a data
// collection's entry) names.
func principal(group, user string) string {
	switch {
	case group != "":
		return "group:" + group
	case user != "":
		return "user:" + user
	}
	return ""
}

// ProjectPermissionsDoc is a project's permissions document.
func ProjectPermissionsDoc(key string) Document[ProjectPermissions] {
	return DocumentAt[ProjectPermissions](Path("projects", key, "permissions"))
}

// ProjectVariables is GET/PUT /projects/{key}/variables/.
type ProjectVariables struct {
	Standard Object `json:"standard" dss:"nonnull"`
	Local    Object `json:"local" dss:"nonnull"`
	Extra    Extra  `json:"-"`
}

func (d *ProjectVariables) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }

// MarshalJSON always sends both objects: DSS's own client refuses a
// document without them.
func (d ProjectVariables) MarshalJSON() ([]byte, error) { return encodeWithExtra(d) }

// ProjectVariablesDoc is a project's variables document.
func ProjectVariablesDoc(key string) Document[ProjectVariables] {
	return DocumentAt[ProjectVariables](Path("projects", key, "variables") + "/")
}
