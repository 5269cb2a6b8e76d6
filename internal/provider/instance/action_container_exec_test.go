package instance_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// containerTaskHCL is one of the argument-less container actions.
func containerTaskHCL(typ string) string {
	return fmt.Sprintf("\naction %q \"task\" {\n}\n", typ)
}

// addExecConfigOutside adds a containerized execution config to DSS's
// general settings, as an administrator would in DSS.
func addExecConfigOutside(t *testing.T, c *dss.Client, name string) {
	t.Helper()
	if _, _, err := dss.GeneralSettingsDoc().Update(acctest.Ctx(t), c, func(gs *dss.FreeObject) error {
		cs, _ := (*gs)["containerSettings"].(map[string]any)
		if cs == nil {
			cs = map[string]any{}
			(*gs)["containerSettings"] = cs
		}
		list, _ := cs["executionConfigs"].([]any)
		cs["executionConfigs"] = append(list, map[string]any{"name": name, "type": "KUBERNETES", "kubernetesNamespace": "dss"})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// TestAccContainerExecTaskActions: dataiku_base_images_push,
// dataiku_kubernetes_policies_apply and dataiku_cde_plugins_image_build
// each start DSS's task once and follow it; a task DSS fails fails the
// apply with DSS's message; a key that is not admin is refused by DSS and
// starts nothing.
func TestAccContainerExecTaskActions(t *testing.T) {
	acctest.RequireActionsTerraform(t)
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	c := acctest.Client(t)
	started := func(task string) int64 {
		return em.Server.Stats().ByRoute["POST /public/api/admin/container-exec/actions/"+task]
	}
	running := func() int {
		var futures []map[string]any
		if err := c.Get(acctest.Ctx(t), "/futures", nil, &futures); err != nil {
			t.Fatal(err)
		}
		return len(futures)
	}

	acctest.InvokeAction(t, containerTaskHCL("dataiku_base_images_push"), "dataiku_base_images_push.task", false, "a push with no execution config",
		"Action failed: action.dataiku_base_images_push.task", "cannot push the base images", emulator.MsgNoContainerConfig)
	addExecConfigOutside(t, c, "k8s-acc")
	for _, tc := range []struct{ typ, task, progress string }{
		{"dataiku_base_images_push", dss.TaskPushBaseImages, "Base images: "},
		{"dataiku_kubernetes_policies_apply", dss.TaskApplyKubernetesPolicies, "Kubernetes namespaces' policies: "},
		{"dataiku_cde_plugins_image_build", dss.TaskBuildCDEPluginsImage, "Containerized engine's plugins image: "},
	} {
		before := started(tc.task)
		acctest.InvokeAction(t, containerTaskHCL(tc.typ), tc.typ+".task", true, tc.typ, tc.progress, "(DSS task ", tc.progress+"done")
		if n := started(tc.task) - before; n != 1 {
			t.Fatalf("%s started DSS's %s %d times, want once", tc.typ, tc.task, n)
		}
		before = started(tc.task)
		acctest.InvokeAction(t, acctest.AsBob(containerTaskHCL(tc.typ)), tc.typ+".task", false, tc.typ+" as a user who is not admin",
			"Action failed: action."+tc.typ+".task", "admin rights required")
		if n := started(tc.task) - before; n != 1 {
			t.Fatalf("%s as bob: %d requests, want DSS's one refusal", tc.typ, n)
		}
	}
	if n := running(); n != 0 {
		t.Fatalf("%d tasks still running after the actions", n)
	}
}

// TestAccCodeStudioTemplateBuild: the build of a template DSS holds is
// recorded in DSS (the data source shows its last build and the configs
// it built for); a template that builds for no config fails with DSS's
// message; an unknown template fails before anything starts; the action
// can follow a change of the container config it depends on.
func TestAccCodeStudioTemplateBuild(t *testing.T) {
	acctest.RequireActionsTerraform(t)
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	c := acctest.Client(t)
	if err := em.Server.SetCodeStudioTemplates([]map[string]any{
		{"id": "vscode-acc", "label": "VS Code"},
		{"id": "jupyter-acc", "allContainerConfs": false, "containerConfs": []any{"k8s-large"}},
	}); err != nil {
		t.Fatal(err)
	}
	build := func(id, extra string) string {
		return fmt.Sprintf("\naction \"dataiku_code_studio_template_build\" \"b\" {\n  config {\n    template_id = %q\n%s  }\n}\n", id, extra)
	}
	builds := func() int64 {
		var n int64
		for route, count := range em.Server.Stats().ByRoute {
			if strings.HasPrefix(route, "POST /public/api/admin/code-studios/") {
				n += count
			}
		}
		return n
	}
	acctest.InvokeAction(t, build("no-such-template", ""), "dataiku_code_studio_template_build.b", false, "an unknown template",
		"cannot build code studio template no-such-template", "no-such-template not found")
	if n := builds(); n != 0 {
		t.Fatalf("an unknown template started %d builds", n)
	}
	addExecConfigOutside(t, c, "k8s-small")
	acctest.InvokeAction(t, build("jupyter-acc", ""), "dataiku_code_studio_template_build.b", false, "a template for a config that does not exist",
		"Action failed: action.dataiku_code_studio_template_build.b", emulator.MsgTemplateNoConfigs)
	acctest.InvokeAction(t, build("vscode-acc", "    no_cache = true\n"), "dataiku_code_studio_template_build.b", true, "the build",
		"Code studio template vscode-acc: building (DSS task ", "Code studio template vscode-acc: done")

	// DSS's side, through the data source.
	acctest.Case(t, nil, []resource.TestStep{{
		Config: `data "dataiku_code_studio_templates" "all" {}`,
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr("data.dataiku_code_studio_templates.all", "templates.#", "2"),
			resource.TestCheckResourceAttr("data.dataiku_code_studio_templates.all", "templates.0.id", "jupyter-acc"),
			resource.TestCheckNoResourceAttr("data.dataiku_code_studio_templates.all", "templates.0.last_built"),
			resource.TestCheckResourceAttr("data.dataiku_code_studio_templates.all", "templates.0.build_for.#", "0"),
			resource.TestCheckResourceAttr("data.dataiku_code_studio_templates.all", "templates.1.label", "VS Code"),
			resource.TestMatchResourceAttr("data.dataiku_code_studio_templates.all", "templates.1.last_built", regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
			resource.TestCheckTypeSetElemAttr("data.dataiku_code_studio_templates.all", "templates.1.build_for.*", "k8s-small"),
		),
	}})
}
