package dss

import (
	"context"
	"net/url"
	"strconv"
)

// Containerized execution's instance-wide tasks and code studio templates
// (dataikuapi dssclient.py push_base_images,
// apply_kubernetes_namespaces_policies, build_cde_plugins_image,
// list_code_studio_templates; dss/admin.py DSSCodeStudioTemplate [V]).
// Each task answers a future (DSSFuture.from_resp).

// Container execution tasks, the last segment of their path.
const (
	TaskPushBaseImages          = "push-base-images"
	TaskApplyKubernetesPolicies = "apply-kubernetes-policies"
	TaskBuildCDEPluginsImage    = "build-cde-plugins-image"
)

// StartContainerExecTask starts one of the tasks above: POST
// /admin/container-exec/actions/{task}.
func (c *Client) StartContainerExecTask(ctx context.Context, task string) (*Future, error) {
	return c.futureCall(ctx, "POST", Path("admin", "container-exec", "actions", task), nil, nil)
}

// CodeStudioTemplateSummary is one item of the template list [V
// DSSCodeStudioTemplateListItem: id, label, buildFor, lastBuilt].
type CodeStudioTemplateSummary struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Type  string `json:"type,omitempty"`
	// BuildFor names the container configurations the last build built
	// images for.
	BuildFor []string `json:"buildFor,omitempty"`
	// LastBuilt is the last build's time, epoch milliseconds (0: never).
	LastBuilt int64 `json:"lastBuilt,omitempty"`
}

// ListCodeStudioTemplates lists the instance's code studio templates (GET
// /admin/code-studios/).
func (c *Client) ListCodeStudioTemplates(ctx context.Context) ([]CodeStudioTemplateSummary, error) {
	return getAs[[]CodeStudioTemplateSummary](ctx, c, Path("admin", "code-studios")+"/", nil)
}

// CodeStudioTemplatePath is the API path of a template's settings.
func CodeStudioTemplatePath(id string) string { return Path("admin", "code-studios", id) }

// CodeStudioTemplateDoc is a template's settings document, read and saved
// whole [V DSSCodeStudioTemplate.get_settings: GET; DSSCodeStudioTemplateSettings.save: PUT].
func CodeStudioTemplateDoc(id string) Document[FreeObject] {
	return DocumentAt[FreeObject](CodeStudioTemplatePath(id))
}

// GetCodeStudioTemplate reads a template's settings document, whole.
func (c *Client) GetCodeStudioTemplate(ctx context.Context, id string) (Object, error) {
	return getAs[Object](ctx, c, CodeStudioTemplatePath(id), nil)
}

// BuildCodeStudioTemplate starts a template's build (POST
// .../build?withNoCache=); DSS needs a key that acts as a user.
func (c *Client) BuildCodeStudioTemplate(ctx context.Context, id string, noCache bool) (*Future, error) {
	return c.futureCall(ctx, "POST", CodeStudioTemplatePath(id)+"/build", url.Values{"withNoCache": {strconv.FormatBool(noCache)}}, nil)
}
