package dss

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
)

// Plugins and clusters (issue 29; dataikuapi dssclient.py, dss/plugin.py
// and dss/admin.py [V] for the paths and bodies). Installs, updates,
// deletes and the plugin's code-env builds answer futures (futures.go).

// multipartBody is a request body Do sends as it is, with its content
// type: a plugin archive's upload.
type multipartBody struct {
	contentType string
	data        []byte
}

// PluginSummary is one item of GET /plugins/: dataikuapi promises only its
// id; the version and meta DSS shows in its plugin list are read when
// present [I].
type PluginSummary struct {
	ID      string         `json:"id"`
	Version string         `json:"version"`
	IsDev   bool           `json:"isDev"`
	Meta    map[string]any `json:"meta"`
	// InstalledFrom is where the plugin came from, when DSS says [I].
	InstalledFrom map[string]any `json:"installedFrom"`
}

// PluginPath is the API path of a plugin.
func PluginPath(id string) string { return Path("plugins", id) }

// ListPlugins lists the installed plugins.
func (c *Client) ListPlugins(ctx context.Context) ([]PluginSummary, error) {
	return getAs[[]PluginSummary](ctx, c, "/plugins/", nil)
}

// PluginSource is where a plugin is installed or updated from: the store
// (Store), a git repository (GitURL, GitCheckout, GitSubpath) or an
// archive (ZipName, Zip).
type PluginSource struct {
	Store       bool
	GitURL      string
	GitCheckout string
	GitSubpath  string
	ZipName     string
	Zip         []byte
}

// InstallPlugin starts installing plugin id from src.
func (c *Client) InstallPlugin(ctx context.Context, id string, src PluginSource) (*Future, error) {
	switch {
	case src.Store:
		return c.futureCall(ctx, "POST", "/plugins/actions/installFromStore", nil, map[string]any{"pluginId": id})
	case src.GitURL != "":
		return c.futureCall(ctx, "POST", "/plugins/actions/installFromGit", nil, gitBody(src))
	default:
		body, err := zipUpload(src)
		if err != nil {
			return nil, err
		}
		return c.futureCall(ctx, "POST", "/plugins/actions/future/installFromZip", nil, body)
	}
}

// UpdatePlugin starts updating plugin id from src.
func (c *Client) UpdatePlugin(ctx context.Context, id string, src PluginSource) (*Future, error) {
	switch {
	case src.Store:
		return c.futureCall(ctx, "POST", PluginPath(id)+"/actions/updateFromStore", nil, nil)
	case src.GitURL != "":
		return c.futureCall(ctx, "POST", PluginPath(id)+"/actions/updateFromGit", nil, gitBody(src))
	default:
		body, err := zipUpload(src)
		if err != nil {
			return nil, err
		}
		return c.futureCall(ctx, "POST", PluginPath(id)+"/actions/future/updateFromZip", nil, body)
	}
}

func gitBody(src PluginSource) map[string]any {
	body := map[string]any{"gitRepositoryUrl": src.GitURL, "gitCheckout": src.GitCheckout, "gitSubpath": nil}
	if src.GitSubpath != "" {
		body["gitSubpath"] = src.GitSubpath
	}
	return body
}

// zipUpload is the multipart form dataikuapi sends: the archive in the
// field "file".
func zipUpload(src PluginSource) (*multipartBody, error) {
	return fileUpload(cmp.Or(src.ZipName, "plugin.zip"), src.Zip)
}

// fileUpload is a multipart form holding data in the field "file", named
// name: how dataikuapi uploads an archive (files={"file": fp}).
func fileUpload(name string, data []byte) (*multipartBody, error) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	part, err := w.CreateFormFile("file", name)
	if err != nil {
		return nil, err
	}
	if _, err := part.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return &multipartBody{contentType: w.FormDataContentType(), data: b.Bytes()}, nil
}

// PluginUsage is one use of a plugin's components [V DSSPluginUsage].
type PluginUsage struct {
	ElementKind string `json:"elementKind"`
	ElementType string `json:"elementType"`
	ObjectID    string `json:"objectId"`
	ObjectType  string `json:"objectType"`
	ProjectKey  string `json:"projectKey"`
}

// PluginUsages is GET …/actions/listUsages [V DSSPluginUsages].
type PluginUsages struct {
	Usages       []PluginUsage `json:"usages"`
	MissingTypes []struct {
		MissingType string `json:"missingType"`
		ObjectID    string `json:"objectId"`
		ObjectType  string `json:"objectType"`
		ProjectKey  string `json:"projectKey"`
	} `json:"missingTypes"`
}

// String lists the usages for a message: "RECIPE compute_x in project P
// (CustomCode_x)".
func (u PluginUsage) String() string {
	s := fmt.Sprintf("%s %s", u.ObjectType, u.ObjectID)
	if u.ProjectKey != "" {
		s += " in project " + u.ProjectKey
	}
	if u.ElementType != "" {
		s += " (" + u.ElementType + ")"
	}
	return s
}

// ListPluginUsages asks DSS where plugin id is used, in every project.
func (c *Client) ListPluginUsages(ctx context.Context, id string) (*PluginUsages, error) {
	return callAs[PluginUsages](ctx, c, http.MethodGet, PluginPath(id)+"/actions/listUsages", nil, nil)
}

// DeletePlugin starts deleting plugin id; force deletes it even while in
// use.
func (c *Client) DeletePlugin(ctx context.Context, id string, force bool) (*Future, error) {
	return c.futureCall(ctx, "POST", PluginPath(id)+"/actions/delete", nil, map[string]any{"force": force})
}

// CreatePluginCodeEnv starts creating the plugin's code env (dss/plugin.py
// create_code_env: PLUGIN_MANAGED, with the interpreter and conda asked).
func (c *Client) CreatePluginCodeEnv(ctx context.Context, id, pythonInterpreter string, conda bool) (*Future, error) {
	body := map[string]any{"deploymentMode": "PLUGIN_MANAGED", "conda": conda}
	if pythonInterpreter != "" {
		body["pythonInterpreter"] = pythonInterpreter
	}
	return c.futureCall(ctx, "POST", PluginPath(id)+"/code-env/actions/create", nil, body)
}

// UpdatePluginCodeEnv starts an update of the plugin's code env.
func (c *Client) UpdatePluginCodeEnv(ctx context.Context, id string) (*Future, error) {
	return c.futureCall(ctx, "POST", PluginPath(id)+"/code-env/actions/update", nil, nil)
}

// PluginSettingsDoc is a plugin's settings document, read with GET and
// saved with POST (not PUT) [V].
func PluginSettingsDoc(id string) Document[FreeObject] {
	return DocumentAt[FreeObject](PluginPath(id) + "/settings")
}

// SavePluginSettings saves a plugin's settings document.
func (c *Client) SavePluginSettings(ctx context.Context, id string, doc *FreeObject) error {
	return c.Post(ctx, PluginPath(id)+"/settings", nil, doc, nil)
}

// UpdatePluginSettings is the read-modify-write of a plugin's settings
// document: change gets DSS's document; the POST is sent only when change
// altered it.
func (c *Client) UpdatePluginSettings(ctx context.Context, id string, change func(*FreeObject) error) (*FreeObject, bool, error) {
	doc := PluginSettingsDoc(id)
	return ReadModifyWrite(ctx, func(ctx context.Context) (*FreeObject, error) { return doc.Get(ctx, c) },
		func(ctx context.Context, d *FreeObject) error { return c.SavePluginSettings(ctx, id, d) }, change)
}

// Clusters.

// ClusterSummary is one item of GET /admin/clusters/ [I beyond id].
type ClusterSummary struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Type         string `json:"type"`
	Architecture string `json:"architecture"`
	State        string `json:"state"`
}

// ClusterPath is the API path of a cluster.
func ClusterPath(id string) string { return Path("admin", "clusters", id) }

// ListClusters lists the clusters.
func (c *Client) ListClusters(ctx context.Context) ([]ClusterSummary, error) {
	return getAs[[]ClusterSummary](ctx, c, "/admin/clusters/", nil)
}

// CreateCluster creates a cluster and returns the id DSS gave it; an
// answer reporting messages.error is a failure [V create_cluster].
func (c *Client) CreateCluster(ctx context.Context, name, typ, architecture string, params json.RawMessage) (string, error) {
	body := map[string]any{"name": name, "type": typ, "architecture": architecture, "params": params}
	if len(params) == 0 {
		body["params"] = map[string]any{}
	}
	var out struct {
		ID       string    `json:"id"`
		Messages *Messages `json:"messages"`
	}
	if err := c.Post(ctx, "/admin/clusters/", nil, body, &out); err != nil {
		return "", err
	}
	if out.Messages != nil && out.Messages.Error {
		c.redactor(ctx).messages(out.Messages)
		return "", &OperationError{Messages: *out.Messages}
	}
	if out.ID == "" {
		return "", fmt.Errorf("POST /admin/clusters/: DSS answered without the cluster's id")
	}
	return out.ID, nil
}

// ClusterDoc is a cluster's settings document.
func ClusterDoc(id string) Document[FreeObject] { return DocumentAt[FreeObject](ClusterPath(id)) }

// ClusterState reads a cluster's state (GET …/status).
func (c *Client) ClusterState(ctx context.Context, id string) (string, error) {
	var out struct {
		State string `json:"state"`
	}
	if err := c.Get(ctx, ClusterPath(id)+"/status", nil, &out); err != nil {
		return "", err
	}
	return out.State, nil
}

// StartCluster starts a cluster; DSS answers once it is started.
func (c *Client) StartCluster(ctx context.Context, id string) error {
	return c.Post(ctx, ClusterPath(id)+"/actions/start", nil, nil, nil)
}

// StopCluster stops a cluster; DSS answers once it is stopped.
func (c *Client) StopCluster(ctx context.Context, id string, terminate, forceStop bool) error {
	q := url.Values{"terminate": {fmt.Sprint(terminate)}, "forceStop": {fmt.Sprint(forceStop)}}
	return c.Post(ctx, ClusterPath(id)+"/actions/stop", q, nil, nil)
}
