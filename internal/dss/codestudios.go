package dss

import (
	"context"
	"net/url"
)

// A project's code studios: containerized IDEs (VS Code, JupyterLab,
// RStudio, ...) each made from an administrator's code studio template
// (dataikuapi dss/codestudio.py, project.py list_code_studios,
// create_code_studio [V]). DSS has no PUT of a code studio's settings:
// its name and template are fixed at creation; only its owner changes
// (change-owner), and it is started, restarted and stopped with futures.

// CodeStudio is a code studio's settings, GET
// /projects/{key}/code-studios/{id} [V DSSCodeStudioObjectSettings: id,
// name, templateId, libName, owner], or one item of the project's list
// [V DSSCodeStudioObjectListItem: id, name, owner, templateId, and the
// template's label and description]. What else DSS holds is kept in
// Extra.
type CodeStudio struct {
	ID         string `json:"id"`
	ProjectKey string `json:"projectKey,omitempty"`
	Name       string `json:"name"`
	TemplateID string `json:"templateId"`
	// LibName is the folder of the studio's resource files under
	// <dss_data_dir>/lib/code_studio/<project_key>/ [V lib_name].
	LibName string `json:"libName,omitempty"`
	Owner   string `json:"owner,omitempty"`
	Extra   Extra  `json:"-"`
}

func (d *CodeStudio) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d CodeStudio) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// CodeStudioStatus is a code studio's status, GET .../status [V
// DSSCodeStudioObjectStatus]: its state (STOPPED, STARTING, RUNNING,
// STOPPING) and when it last changed, epoch milliseconds (0: never
// started). A running studio's zones and ports are kept in Extra.
type CodeStudioStatus struct {
	State           string `json:"state"`
	LastStateChange int64  `json:"lastStateChange,omitempty"`
	Extra           Extra  `json:"-"`
}

func (d *CodeStudioStatus) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d CodeStudioStatus) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// Code studio states [V DSSCodeStudioObjectStatus.state].
const (
	CodeStudioStopped = "STOPPED"
	CodeStudioRunning = "RUNNING"
)

// CodeStudioPath is the API path of a code studio.
func CodeStudioPath(projectKey, id string) string {
	return Path("projects", projectKey, "code-studios", id)
}

// createdCodeStudio is create_code_studio's answer [V:
// res['codeStudio']['id']].
type createdCodeStudio struct {
	CodeStudio struct {
		ID string `json:"id"`
	} `json:"codeStudio"`
}

func (a *createdCodeStudio) createdKey() (string, string) { return "codeStudio.id", a.CodeStudio.ID }

// ListCodeStudios lists a project's code studios [V list_code_studios:
// GET /projects/{key}/code-studios/].
func (c *Client) ListCodeStudios(ctx context.Context, projectKey string) ([]CodeStudio, error) {
	return getAs[[]CodeStudio](ctx, c, Path("projects", projectKey, "code-studios")+"/", nil)
}

// CreateCodeStudio creates a code studio from a template, as
// create_code_studio does (POST with {name, templateId}), and returns the
// id DSS generated.
func (c *Client) CreateCodeStudio(ctx context.Context, projectKey, name, templateID string) (string, error) {
	return postCreatedKey[createdCodeStudio](ctx, c, Path("projects", projectKey, "code-studios")+"/", nil,
		map[string]any{"name": name, "templateId": templateID}, "created the code studio")
}

// GetCodeStudio reads a code studio's settings.
func (c *Client) GetCodeStudio(ctx context.Context, projectKey, id string) (*CodeStudio, error) {
	out, err := getAs[CodeStudio](ctx, c, CodeStudioPath(projectKey, id), nil)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteCodeStudio deletes a code studio [V delete].
func (c *Client) DeleteCodeStudio(ctx context.Context, projectKey, id string) error {
	return c.Delete(ctx, CodeStudioPath(projectKey, id), nil, nil)
}

// GetCodeStudioStatus reads a code studio's status [V get_status].
func (c *Client) GetCodeStudioStatus(ctx context.Context, projectKey, id string) (*CodeStudioStatus, error) {
	out, err := getAs[CodeStudioStatus](ctx, c, CodeStudioPath(projectKey, id)+"/status", nil)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// RestartCodeStudio starts, or restarts, a code studio [V restart: a
// future].
func (c *Client) RestartCodeStudio(ctx context.Context, projectKey, id string) (*Future, error) {
	return c.futureCall(ctx, "POST", CodeStudioPath(projectKey, id)+"/restart", nil, nil)
}

// StopCodeStudio stops a code studio [V stop: a future, or none when it
// is already stopped; futureCall then answers a finished one].
func (c *Client) StopCodeStudio(ctx context.Context, projectKey, id string) (*Future, error) {
	return c.futureCall(ctx, "POST", CodeStudioPath(projectKey, id)+"/stop", nil, nil)
}

// ChangeCodeStudioOwner gives a code studio to another user [V
// change_owner: POST .../change-owner?newOwner=LOGIN; the admin or the
// owner may].
func (c *Client) ChangeCodeStudioOwner(ctx context.Context, projectKey, id, newOwner string) error {
	return c.Post(ctx, CodeStudioPath(projectKey, id)+"/change-owner", url.Values{"newOwner": {newOwner}}, nil, nil)
}
