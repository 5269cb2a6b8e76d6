package instance_test

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testCSTAddr = "dataiku_code_studio_template_settings.test"

// testCSTSeed gives the test's emulator two templates: vscode-acc builds
// for k8s-a only and holds blocks the resource does not model;
// jupyter-acc builds for every configuration.
func testCSTSeed(t *testing.T) *emulator.Running {
	t.Helper()
	em := acctest.RequireEmulator(t)
	if err := em.Server.SetCodeStudioTemplates([]map[string]any{
		{"id": "vscode-acc", "label": "VS Code", "allContainerConfs": false, "containerConfs": []any{"k8s-a"},
			"params": map[string]any{"blocks": []any{map[string]any{"type": "vscode", "version": "1.90"}}}},
		{"id": "jupyter-acc", "label": "JupyterLab"},
	}); err != nil {
		t.Fatal(err)
	}
	return em
}

// testCSTConfig is the resource for template id with body's arguments.
func testCSTConfig(id, body string) string {
	return fmt.Sprintf("resource \"dataiku_code_studio_template_settings\" \"test\" {\n  template_id = %q\n%s}\n", id, body)
}

// testCSTDoc is template id's settings as DSS holds them.
func testCSTDoc(t *testing.T, id string) dss.Object {
	t.Helper()
	d, err := acctest.Client(t).GetCodeStudioTemplate(acctest.Ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// testCSTHolds checks, through the client, template id's flag and names
// (nil: any names), and that its blocks, which the resource does not
// model, are still those it was seeded with.
func testCSTHolds(t *testing.T, id string, all bool, confs []string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		d := testCSTDoc(t, id)
		if got, _ := d["allContainerConfs"].(bool); got != all {
			return fmt.Errorf("template %s in DSS: allContainerConfs %v, want %v (%v)", id, d["allContainerConfs"], all, d)
		}
		if confs != nil {
			var got []string
			list, _ := d["containerConfs"].([]any)
			for _, x := range list {
				got = append(got, fmt.Sprint(x))
			}
			if !reflect.DeepEqual(got, confs) {
				return fmt.Errorf("template %s in DSS: containerConfs %v, want %v", id, got, confs)
			}
		}
		if id == "vscode-acc" && fmt.Sprint(d["params"]) != "map[blocks:[map[type:vscode version:1.90]]]" {
			return fmt.Errorf("template %s in DSS lost its blocks: params %v", id, d["params"])
		}
		if d["label"] == nil || d["type"] == nil {
			return fmt.Errorf("template %s in DSS lost its label or type: %v", id, d)
		}
		return nil
	}
}

// testCSTPuts counts the PUTs of templates' settings.
func testCSTPuts(em *emulator.Running) int64 {
	var n int64
	for route, count := range em.Server.Stats().ByRoute {
		if strings.HasPrefix(route, "PUT /public/api/admin/code-studios/") {
			n += count
		}
	}
	return n
}

// Create (managing the settings DSS holds, with no write when they are
// already as planned), update in place keeping the keys the resource does
// not model, all_container_confs, change outside Terraform (repaired),
// import by id and by identity, replacement by another template, and a
// destroy that leaves both templates in DSS with their last settings.
func TestAccCodeStudioTemplateSettings_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := testCSTSeed(t)
	changeOutside := func(change func(d dss.FreeObject)) func() {
		return acctest.Must(t, func() error {
			_, _, err := dss.CodeStudioTemplateDoc("vscode-acc").Update(acctest.Ctx(t), acctest.Client(t), func(d *dss.FreeObject) error {
				change(*d)
				return nil
			})
			return err
		})
	}
	var putsBefore int64
	acctest.Case(t, func(*terraform.State) error {
		// Destroying wrote nothing: the templates keep their last settings.
		if err := testCSTHolds(t, "vscode-acc", true, nil)(nil); err != nil {
			return err
		}
		return testCSTHolds(t, "jupyter-acc", false, []string{"k8s-b"})(nil)
	}, []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() { putsBefore = testCSTPuts(em) },
			Config:    testCSTConfig("vscode-acc", "  container_confs = [\"k8s-a\"]\n"),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testCSTAddr, "id", "vscode-acc"),
				resource.TestCheckResourceAttr(testCSTAddr, "all_container_confs", "false"),
				resource.TestCheckTypeSetElemAttr(testCSTAddr, "container_confs.*", "k8s-a"),
				testCSTHolds(t, "vscode-acc", false, []string{"k8s-a"}),
				func(*terraform.State) error {
					if n := testCSTPuts(em) - putsBefore; n != 0 {
						return fmt.Errorf("creating over settings DSS already holds sent %d PUTs, want none", n)
					}
					return nil
				}),
		}),
		// Another name: in place, the blocks kept.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testCSTConfig("vscode-acc", "  container_confs = [\"k8s-b\", \"k8s-a\"]\n"),
			ConfigPlanChecks: acctest.Plans(testCSTAddr, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testCSTAddr, "container_confs.#", "2"),
				testCSTHolds(t, "vscode-acc", false, []string{"k8s-a", "k8s-b"})),
		}),
		// Every configuration: the names read as none.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testCSTConfig("vscode-acc", "  all_container_confs = true\n"),
			ConfigPlanChecks: acctest.Plans(testCSTAddr, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testCSTAddr, "all_container_confs", "true"),
				resource.TestCheckResourceAttr(testCSTAddr, "container_confs.#", "0"),
				testCSTHolds(t, "vscode-acc", true, nil)),
		}),
		// Changed outside Terraform: drift, repaired by the apply.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: changeOutside(func(d dss.FreeObject) {
				d["allContainerConfs"] = false
				d["containerConfs"] = []any{"k8s-c"}
			}),
			Config:           testCSTConfig("vscode-acc", "  all_container_confs = true\n"),
			ConfigPlanChecks: acctest.Plans(testCSTAddr, plancheck.ResourceActionUpdate),
			Check:            testCSTHolds(t, "vscode-acc", true, nil),
		}),
		acctest.ImportVerifyStep(testCSTAddr, acctest.ImportID("vscode-acc")),
		acctest.ImportIdentityStep(t, testCSTAddr),
		// A key of the document the resource has no attribute for: in
		// place, the blocks kept; DSS's other keys stay out of the state.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testCSTConfig("vscode-acc", "  all_container_confs = true\n  settings            = { label = \"VS Code (managed)\" }\n"),
			ConfigPlanChecks: acctest.Plans(testCSTAddr, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testCSTAddr, "settings.label", "VS Code (managed)"),
				resource.TestCheckNoResourceAttr(testCSTAddr, "settings.params"),
				testCSTHolds(t, "vscode-acc", true, nil),
				func(*terraform.State) error {
					if got := testCSTDoc(t, "vscode-acc")["label"]; got != "VS Code (managed)" {
						return fmt.Errorf("template's label in DSS: %v", got)
					}
					return nil
				}),
		}),
		// Another template: replaced; the first keeps its last settings.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testCSTConfig("jupyter-acc", "  container_confs = [\"k8s-b\"]\n"),
			ConfigPlanChecks: acctest.Plans(testCSTAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testCSTAddr, "id", "jupyter-acc"),
				testCSTHolds(t, "jupyter-acc", false, []string{"k8s-b"}),
				testCSTHolds(t, "vscode-acc", true, nil)),
		}),
	})
}

// An import block adopts a template's settings as DSS holds them with no
// change, then by the identity the import stored; a template deleted in
// DSS is gone from the state, and creating it again fails with DSS's
// message.
func TestAccCodeStudioTemplateSettings_importBlock(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	testCSTSeed(t)
	cfg := testCSTConfig("vscode-acc", "  container_confs = [\"k8s-a\"]\n")
	jupyter := "resource \"dataiku_code_studio_template_settings\" \"j\" {\n  template_id         = \"jupyter-acc\"\n  all_container_confs = true\n}\n"
	acctest.Case(t, nil, []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testCSTAddr, acctest.ImportBlock(testCSTAddr, "vscode-acc")+cfg)),
		acctest.StepConfig(acctest.ImportIdentityStep(t, testCSTAddr), cfg),
		// A template that builds for every configuration reads with no
		// names, as the default writes them.
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep("dataiku_code_studio_template_settings.j",
			acctest.ImportBlock("dataiku_code_studio_template_settings.j", "jupyter-acc")+cfg+
				jupyter)),
		// The template deleted in DSS's pages: the refresh finds it gone,
		// the plan creates the resource again, and the create fails with
		// DSS's not-found, since only DSS's pages make templates.
		{
			PreConfig: acctest.Must(t, func() error {
				return acctest.RequireEmulator(t).Server.SetCodeStudioTemplates([]map[string]any{{"id": "jupyter-acc", "allContainerConfs": true}})
			}),
			Config:           cfg + jupyter,
			ConfigPlanChecks: acctest.Plans(testCSTAddr, plancheck.ResourceActionCreate),
			ExpectError:      regexp.MustCompile(`(?s)Cannot create dataiku_code_studio_template_settings "vscode-acc".*Code\s+studio\s+template\s+vscode-acc\s+not\s+found`),
		},
	})
}

// A missing template fails with DSS's message, quoted with the address; a
// key that is not an administrator's is refused at plan time; names with
// all_container_confs = true are refused at plan time. Nothing is written.
func TestAccCodeStudioTemplateSettings_refused(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := testCSTSeed(t)
	before := testCSTPuts(em)
	acctest.Case(t, nil, []resource.TestStep{{
		Config:      testCSTConfig("no-such-template", ""),
		ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_code_studio_template_settings "no-such-template".*with ` + testCSTAddr + `.*Code\s+studio\s+template\s+no-such-template\s+not\s+found`),
	}, {
		Config:      testCSTConfig("vscode-acc", "  all_container_confs = true\n  container_confs     = [\"k8s-a\"]\n"),
		ExpectError: regexp.MustCompile(`(?s)container_confs with all_container_confs = true.*Remove\s+container_confs`),
	}, {
		Config:      testCSTConfig("vscode-acc", "  settings = { containerConfs = [\"k8s-z\"] }\n"),
		ExpectError: regexp.MustCompile(`(?s)Key not allowed here.*containerConfs`),
	}})
	acctest.RefusedToBob(t, testCSTConfig("vscode-acc", "  all_container_confs = true\n"),
		regexp.MustCompile(`(?s)dataiku_code_studio_template_settings needs an administrator's API key.*not\s+a\s+DSS\s+administrator`))
	if n := testCSTPuts(em) - before; n != 0 {
		t.Fatalf("refused configurations sent %d PUTs", n)
	}
	if err := testCSTHolds(t, "vscode-acc", false, []string{"k8s-a"})(nil); err != nil {
		t.Fatal(err)
	}
}
