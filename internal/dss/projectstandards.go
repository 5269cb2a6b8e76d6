package dss

import (
	"context"
)

// Project Standards (DSS 14): check specs, the checks an administrator
// makes of them, and the scopes that say which projects run which checks.
// Paths and bodies are dataikuapi's [V] (dss/project_standards.py,
// DSSProjectStandards, reached by dssclient.py get_project_standards).

// ProjectStandardsCheckSpec is one item of GET
// /project-standards/check-specs (DSSProjectStandardsCheckSpecInfo [V]).
type ProjectStandardsCheckSpec struct {
	ElementType   string `json:"elementType"`
	Label         string `json:"label"`
	Description   string `json:"description"`
	OwnerPluginID string `json:"ownerPluginId"`
}

// ProjectStandardsCheck is GET/PUT /project-standards/checks/{id} and one
// item of GET /project-standards/checks (DSSProjectStandardsCheck [V]);
// what the provider does not model is kept.
type ProjectStandardsCheck struct {
	ID               string         `json:"id"`
	Name             string         `json:"name"`
	Description      string         `json:"description"`
	CheckElementType string         `json:"checkElementType"`
	CheckParams      map[string]any `json:"checkParams"`
	Tags             []string       `json:"tags"`
	Extra            Extra          `json:"-"`
}

func (d *ProjectStandardsCheck) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ProjectStandardsCheck) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ProjectStandardsScope is GET/PUT /project-standards/scopes/{name}, one
// item of GET /project-standards/scopes and GET
// /project-standards/default-scope (DSSProjectStandardsScope [V]); what
// the provider does not model is kept.
type ProjectStandardsScope struct {
	Name             string   `json:"name"`
	Description      string   `json:"description"`
	SelectionMethod  string   `json:"selectionMethod"`
	SelectedProjects []string `json:"selectedProjects"`
	SelectedFolders  []string `json:"selectedFolders"`
	SelectedTags     []string `json:"selectedTags"`
	Checks           []string `json:"checks"`
	Extra            Extra    `json:"-"`
}

func (d *ProjectStandardsScope) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ProjectStandardsScope) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ProjectStandardsDefaultSelection is the default scope's selection
// method (is_default [V]).
const ProjectStandardsDefaultSelection = "ALL"

// ProjectStandardsCheckPath is the path of a check.
func ProjectStandardsCheckPath(id string) string { return Path("project-standards", "checks", id) }

// ProjectStandardsScopePath is the path of a scope.
func ProjectStandardsScopePath(name string) string { return Path("project-standards", "scopes", name) }

// ProjectStandardsCheckDoc is a check's document.
func ProjectStandardsCheckDoc(id string) Document[ProjectStandardsCheck] {
	return DocumentAt[ProjectStandardsCheck](ProjectStandardsCheckPath(id))
}

// ProjectStandardsScopeDoc is a scope's document.
func ProjectStandardsScopeDoc(name string) Document[ProjectStandardsScope] {
	return DocumentAt[ProjectStandardsScope](ProjectStandardsScopePath(name))
}

// ListProjectStandardsCheckSpecs lists the check specs DSS knows.
func (c *Client) ListProjectStandardsCheckSpecs(ctx context.Context) ([]ProjectStandardsCheckSpec, error) {
	return getAs[[]ProjectStandardsCheckSpec](ctx, c, Path("project-standards", "check-specs"), nil)
}

// ListProjectStandardsChecks lists the checks.
func (c *Client) ListProjectStandardsChecks(ctx context.Context) ([]ProjectStandardsCheck, error) {
	return getAs[[]ProjectStandardsCheck](ctx, c, Path("project-standards", "checks"), nil)
}

// ImportProjectStandardsChecks creates one check per element type, as
// create_checks [V], and returns them as DSS made them (ids it generated,
// its default name and params).
func (c *Client) ImportProjectStandardsChecks(ctx context.Context, elementTypes []string) ([]ProjectStandardsCheck, error) {
	body := map[string][]string{"checkSpecElementTypes": elementTypes}
	out, err := callAs[[]ProjectStandardsCheck](ctx, c, "POST", Path("project-standards", "checks", "actions", "import"), nil, body)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// ListProjectStandardsScopes lists the scopes in DSS's order, the default
// scope last.
func (c *Client) ListProjectStandardsScopes(ctx context.Context) ([]ProjectStandardsScope, error) {
	return getAs[[]ProjectStandardsScope](ctx, c, Path("project-standards", "scopes"), nil)
}

// ProjectStandardsDefaultScope reads the default scope.
func (c *Client) ProjectStandardsDefaultScope(ctx context.Context) (*ProjectStandardsScope, error) {
	return DocumentAt[ProjectStandardsScope](Path("project-standards", "default-scope")).Get(ctx, c)
}

// CreateProjectStandardsScope creates a scope (its name is its id), as
// create_scope [V].
func (c *Client) CreateProjectStandardsScope(ctx context.Context, scope ProjectStandardsScope) error {
	return c.Post(ctx, ProjectStandardsScopePath(scope.Name), nil, scope, nil)
}

// ReorderProjectStandardsScope moves a scope to index in the list of
// scopes without it (reorder [V]).
func (c *Client) ReorderProjectStandardsScope(ctx context.Context, name string, index int64) error {
	return c.Post(ctx, ProjectStandardsScopePath(name)+"/actions/reorder", nil, map[string]int64{"index": index}, nil)
}
