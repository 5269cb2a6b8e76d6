package emulator

import (
	"fmt"
	"strings"
	"testing"
)

// resultFailed reports whether a finished task's result holds an error,
// and its first message.
func resultFailed(t *testing.T, res map[string]any) (bool, string) {
	t.Helper()
	m, _ := res["messages"].(map[string]any)
	if m == nil {
		t.Fatalf("a task's result without messages: %v", res)
	}
	list, _ := m["messages"].([]any)
	first := ""
	if len(list) > 0 {
		first, _ = list[0].(map[string]any)["message"].(string)
	}
	return m["error"] == true, first
}

func addExecConfig(t *testing.T, u, name string) {
	t.Helper()
	gs := call(t, u, "GET", api+"/admin/general-settings", testAdmin, nil).obj()
	cs, _ := gs["containerSettings"].(map[string]any)
	if cs == nil {
		cs = map[string]any{}
		gs["containerSettings"] = cs
	}
	list, _ := cs["executionConfigs"].([]any)
	cs["executionConfigs"] = append(list, map[string]any{"name": name, "type": "KUBERNETES"})
	expectOK(t, call(t, u, "PUT", api+"/admin/general-settings", testAdmin, gs))
}

// The three container-exec tasks: admin only, futures; pushing base images
// fails while no execution config exists.
func TestContainerExecTasks(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	start := func(task, key string) resp {
		return call(t, u, "POST", api+"/admin/container-exec/actions/"+task, key, nil)
	}
	user := newUserKey(t, u, "ivy")
	for _, task := range []string{"push-base-images", "apply-kubernetes-policies", "build-cde-plugins-image"} {
		expectError(t, start(task, user), 403, ErrTypeUnauthorized)
	}
	if failed, msg := resultFailed(t, waitFutureResult(t, u, start("push-base-images", testAdmin))); !failed || msg != MsgNoContainerConfig {
		t.Fatalf("push without a config: failed=%v %q, want the failure %q", failed, msg, MsgNoContainerConfig)
	}
	for _, task := range []string{"apply-kubernetes-policies", "build-cde-plugins-image"} {
		if failed, msg := resultFailed(t, waitFutureResult(t, u, start(task, testAdmin))); failed {
			t.Fatalf("%s failed: %s", task, msg)
		}
	}
	addExecConfig(t, u, "k8s-small")
	if failed, msg := resultFailed(t, waitFutureResult(t, u, start("push-base-images", testAdmin))); failed || !strings.Contains(msg, "k8s-small") {
		t.Fatalf("push with a config: failed=%v %q", failed, msg)
	}
}

// Code studio templates: seeded (the API cannot create them), listed with
// their build record, saved whole, built as a user for the configs they
// name.
func TestCodeStudioTemplates(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	if err := rn.Server.SetCodeStudioTemplates([]map[string]any{
		{"id": "vscode", "label": "VS Code"},
		{"id": "jupyter", "allContainerConfs": false, "containerConfs": []any{"k8s-large"}},
	}); err != nil {
		t.Fatal(err)
	}
	list := call(t, u, "GET", api+"/admin/code-studios/", testAdmin, nil)
	expectOK(t, list)
	items, _ := list.body.([]any)
	if len(items) != 2 || items[1].(map[string]any)["label"] != "VS Code" || items[0].(map[string]any)["label"] != "jupyter" {
		t.Fatalf("list: %v", list.body)
	}
	build := func(id, key string) resp {
		return call(t, u, "POST", api+"/admin/code-studios/"+id+"/build?withNoCache=true", key, nil)
	}
	expectError(t, build("nope", testAdmin), 404, ErrTypeNotFound)
	if failed, msg := resultFailed(t, waitFutureResult(t, u, build("vscode", testAdmin))); !failed || msg != MsgNoContainerConfig {
		t.Fatalf("build without configs: failed=%v %q", failed, msg)
	}
	addExecConfig(t, u, "k8s-small")
	if failed, msg := resultFailed(t, waitFutureResult(t, u, build("jupyter", testAdmin))); !failed || msg != MsgTemplateNoConfigs {
		t.Fatalf("build for a config that does not exist: failed=%v %q", failed, msg)
	}
	if failed, msg := resultFailed(t, waitFutureResult(t, u, build("vscode", testAdmin))); failed || !strings.Contains(msg, "k8s-small") || !strings.Contains(msg, "no cache: true") {
		t.Fatalf("build: failed=%v %q", failed, msg)
	}
	item := call(t, u, "GET", api+"/admin/code-studios/", testAdmin, nil).body.([]any)[1].(map[string]any)
	if item["lastBuilt"] == nil || len(item["buildFor"].([]any)) != 1 {
		t.Fatalf("the build is not recorded: %v", item)
	}
	// A global admin key without a user to impersonate may not build.
	gk := call(t, u, "POST", api+"/admin/global-api-keys", testAdmin, map[string]any{"label": "ci", "globalPermissions": map[string]any{"admin": true}})
	expectOK(t, gk)
	expectMessage(t, build("vscode", mustStr(t, gk, "key")), 400, ErrTypeIllegalArgument, MsgNoUserForKey)
	// Settings are saved whole; the build record stays out of GET.
	d := call(t, u, "GET", api+"/admin/code-studios/vscode", testAdmin, nil).obj()
	if d["lastBuilt"] != nil || d["buildFor"] != nil || d["allContainerConfs"] != true {
		t.Fatalf("settings: %v", d)
	}
	d["allContainerConfs"], d["containerConfs"] = false, []any{}
	expectOK(t, call(t, u, "PUT", api+"/admin/code-studios/vscode", testAdmin, d))
	// The save keeps the build record, which only a build writes.
	if item := call(t, u, "GET", api+"/admin/code-studios/", testAdmin, nil).body.([]any)[1].(map[string]any); item["lastBuilt"] == nil || len(item["buildFor"].([]any)) != 1 {
		t.Fatalf("the build record is lost by a save: %v", item)
	}
	if failed, msg := resultFailed(t, waitFutureResult(t, u, build("vscode", testAdmin))); !failed || msg != MsgTemplateNoConfigs {
		t.Fatalf("build after saving no configs: failed=%v %q", failed, msg)
	}
	// A config DSS does not know is saved as written [I: DSS is not known
	// to check]; the build then builds for none of them.
	d["containerConfs"] = []any{"no-such-config"}
	expectOK(t, call(t, u, "PUT", api+"/admin/code-studios/vscode", testAdmin, d))
	if got := call(t, u, "GET", api+"/admin/code-studios/vscode", testAdmin, nil).obj()["containerConfs"]; fmt.Sprint(got) != "[no-such-config]" {
		t.Fatalf("containerConfs after a save naming an unknown config: %v", got)
	}
	if failed, msg := resultFailed(t, waitFutureResult(t, u, build("vscode", testAdmin))); !failed || msg != MsgTemplateNoConfigs {
		t.Fatalf("build for an unknown config: failed=%v %q", failed, msg)
	}
	expectError(t, call(t, u, "GET", api+"/admin/code-studios/", newUserKey(t, u, "jay"), nil), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "PUT", api+"/admin/code-studios/vscode", newUserKey(t, u, "kay"), d), 403, ErrTypeUnauthorized)
}
