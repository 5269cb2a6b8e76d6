package dss

import (
	"context"
	"net/url"
)

// A project's Jupyter notebooks (dataikuapi dss/project.py and
// dss/jupyternotebook.py [V]): a notebook is named by its caller; its
// content is the .ipynb document (metadata, cells, nbformat,
// nbformat_minor), read by GET /projects/{k}/jupyter-notebooks/{name},
// created by a POST of the content to that path and replaced whole by a
// PUT; a DELETE removes it (and stops its sessions). The list,
// GET /projects/{k}/jupyter-notebooks/?active=false, answers one item per
// notebook: projectKey, name, language, kernelSpec [V].

// JupyterNotebookContent is a notebook's .ipynb document, kept whole (its
// numbers as json.Number, so that a read-modify-write keeps them exactly).
type JupyterNotebookContent map[string]any

func (n *JupyterNotebookContent) UnmarshalJSON(b []byte) error {
	return decodeExact(b, (*map[string]any)(n))
}

// JupyterNotebookListItem is one item of a project's notebook list.
type JupyterNotebookListItem struct {
	ProjectKey string `json:"projectKey"`
	Name       string `json:"name"`
	Language   string `json:"language,omitempty"`
	Extra      Extra  `json:"-"`
}

func (d *JupyterNotebookListItem) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d JupyterNotebookListItem) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// JupyterNotebookPath is the API path of one notebook.
func JupyterNotebookPath(projectKey, name string) string {
	return Path("projects", projectKey, "jupyter-notebooks", name)
}

// JupyterNotebookDoc is a notebook's content document.
func JupyterNotebookDoc(projectKey, name string) Document[JupyterNotebookContent] {
	return DocumentAt[JupyterNotebookContent](JupyterNotebookPath(projectKey, name))
}

// CreateJupyterNotebook creates notebook name with content, as
// create_jupyter_notebook does [V]. A POST whose answer is lost is an
// OutcomeUnknownError: the caller looks for the notebook.
func (c *Client) CreateJupyterNotebook(ctx context.Context, projectKey, name string, content JupyterNotebookContent) error {
	return c.Post(ctx, JupyterNotebookPath(projectKey, name), nil, content, nil)
}

// DeleteJupyterNotebook deletes a notebook.
func (c *Client) DeleteJupyterNotebook(ctx context.Context, projectKey, name string) error {
	return c.Delete(ctx, JupyterNotebookPath(projectKey, name), nil, nil)
}

// ListJupyterNotebooks lists a project's notebooks, running or not
// (active=false, dataikuapi's default [V]): one request.
func (c *Client) ListJupyterNotebooks(ctx context.Context, projectKey string) ([]JupyterNotebookListItem, error) {
	return getAs[[]JupyterNotebookListItem](ctx, c, Path("projects", projectKey, "jupyter-notebooks")+"/", url.Values{"active": {"false"}})
}
