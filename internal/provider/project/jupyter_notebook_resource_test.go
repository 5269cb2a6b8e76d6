package project_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testNotebook = "dataiku_jupyter_notebook.checks"

// testNotebookCode and testNotebookMarkdown are cells as a .ipynb file
// holds them (a code cell with no outputs yet).
func testNotebookCode(src string) map[string]any {
	return map[string]any{"cell_type": "code", "source": src, "metadata": map[string]any{}, "outputs": []any{}, "execution_count": nil}
}

func testNotebookMarkdown(src string) map[string]any {
	return map[string]any{"cell_type": "markdown", "source": src, "metadata": map[string]any{}}
}

// testNotebookDoc is a Python 3 notebook of cells.
func testNotebookDoc(cells ...map[string]any) map[string]any {
	list := make([]any, len(cells))
	for i, c := range cells {
		list[i] = c
	}
	return map[string]any{
		"nbformat": 4, "nbformat_minor": 5, "cells": list,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "python3", "display_name": "Python 3", "language": "python"}},
	}
}

// testNotebookHCL is a dataiku_jupyter_notebook whose content is doc's
// JSON text (as file() would read it).
func testNotebookHCL(label, key, name string, doc map[string]any) string {
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("resource \"dataiku_jupyter_notebook\" %q {\n  project_key = %q\n  name        = %q\n  content     = %s\n}\n", label, key, name, hclQuoted(string(b)))
}

// testNotebookHeld is DSS's notebook, read through the admin client.
func testNotebookHeld(t *testing.T, key, name string) dss.JupyterNotebookContent {
	t.Helper()
	d, err := dss.JupyterNotebookDoc(key, name).Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil {
		t.Fatal(err)
	}
	return *d
}

// testNotebookCell is cell i of a notebook.
func testNotebookCell(d dss.JupyterNotebookContent, i int) map[string]any {
	cells, _ := d["cells"].([]any)
	if i >= len(cells) {
		return nil
	}
	c, _ := cells[i].(map[string]any)
	return c
}

// testNotebookHolds checks through the admin client that DSS's notebook
// has the sources given, in order, and passes more (nil: nothing more).
func testNotebookHolds(t *testing.T, key, name string, sources []string, more func(d dss.JupyterNotebookContent) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		d := testNotebookHeld(t, key, name)
		cells, _ := d["cells"].([]any)
		if len(cells) != len(sources) {
			return fmt.Errorf("DSS's notebook %s has %d cells, want %d: %v", name, len(cells), len(sources), cells)
		}
		for i, src := range sources {
			if got := testNotebookCell(d, i)["source"]; got != src {
				return fmt.Errorf("cell %d of %s: source %v, want %q", i, name, got, src)
			}
		}
		if more != nil {
			return more(d)
		}
		return nil
	}
}

// testNotebooksDestroyed checks through the admin client that no notebook
// a resource of the state names is left in DSS.
func testNotebooksDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_jupyter_notebook", func(st *terraform.InstanceState) string {
		return dss.JupyterNotebookPath(st.Attributes["project_key"], st.Attributes["name"])
	})
}

// The whole life of a notebook: created (DSS stamps its metadata), run
// outside Terraform (outputs, execution counts, the kernel's
// language_info, a key DSS adds: no drift), changed in place (DSS's
// metadata and the outputs of the cells that did not change survive),
// imported by ID and by identity, a cell edited in DSS (the plan shows
// it, the apply writes it back), renamed (a replacement), deleted outside
// Terraform; the destroy removes it from DSS.
func TestAccJupyterNotebook_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_NB")
	c := acctest.ProjectOutside(t, key, "Notebooks")
	const name, renamed = "Onboarding checks.v1", "Onboarding checks.v2"
	first := testNotebookDoc(testNotebookMarkdown("# Checks\nRun me first."), testNotebookCode("import dataiku\nprint(\"${x}\")"))
	second := testNotebookDoc(testNotebookMarkdown("# Checks\nRun me first."), testNotebookCode("import dataiku\nprint(2)"), testNotebookCode("x = 3"))
	cfg := func(n string, doc map[string]any) string { return testNotebookHCL("checks", key, n, doc) }
	var createdOn any
	acctest.Case(t, testNotebooksDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg(name, first),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testNotebook, tfjsonpath.New("id"), knownvalue.StringExact(key+"."+name)),
			},
			Check: testNotebookHolds(t, key, name, []string{"# Checks\nRun me first.", "import dataiku\nprint(\"${x}\")"}, func(d dss.JupyterNotebookContent) error {
				meta, _ := d["metadata"].(map[string]any)
				createdOn = meta["createdOn"]
				if meta["creator"] != "admin" || createdOn == nil {
					return fmt.Errorf("DSS's metadata after the create: %v", meta)
				}
				return nil
			}),
		}),
		{
			// Run in DSS: outputs, an execution count, the kernel's
			// language_info, a cell id and a metadata key DSS adds. None is
			// drift.
			PreConfig: func() {
				acctest.EditOutside(t, dss.JupyterNotebookDoc(key, name), func(d *dss.JupyterNotebookContent) {
					meta := (*d)["metadata"].(map[string]any)
					meta["language_info"] = map[string]any{"name": "python", "version": "3.11.4"}
					meta["dss_notebook_extra"] = "kept"
					cell := testNotebookCell(*d, 1)
					cell["outputs"] = []any{map[string]any{"output_type": "stream", "name": "stdout", "text": []any{"x\n"}}}
					cell["execution_count"] = 7
					cell["id"] = "c0ffee"
				})
			},
			Config:   cfg(name, first),
			PlanOnly: true,
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			// A cell changed and one added: an update in place, a
			// read-modify-write keeping DSS's metadata; the markdown cell,
			// unchanged, keeps what DSS gave it; the changed cell loses its
			// stale outputs.
			Config: cfg(name, second),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testNotebook, Attrs: []string{"content"}},
			}},
			Check: testNotebookHolds(t, key, name, []string{"# Checks\nRun me first.", "import dataiku\nprint(2)", "x = 3"}, func(d dss.JupyterNotebookContent) error {
				meta, _ := d["metadata"].(map[string]any)
				if meta["creator"] != "admin" || fmt.Sprint(meta["createdOn"]) != fmt.Sprint(createdOn) || meta["dss_notebook_extra"] != "kept" || meta["language_info"] == nil {
					return fmt.Errorf("DSS's metadata after the update: %v", meta)
				}
				if cell := testNotebookCell(d, 1); len(cell["outputs"].([]any)) != 0 || cell["execution_count"] != nil || cell["id"] != nil {
					return fmt.Errorf("the changed cell kept what its old source gave it: %v", cell)
				}
				return nil
			}),
		}),
		{
			// Outputs of the new cells, then an update of the markdown
			// only: the code cells, unchanged, keep their outputs.
			PreConfig: func() {
				acctest.EditOutside(t, dss.JupyterNotebookDoc(key, name), func(d *dss.JupyterNotebookContent) {
					cell := testNotebookCell(*d, 2)
					cell["outputs"] = []any{map[string]any{"output_type": "execute_result", "data": map[string]any{"text/plain": "3"}, "metadata": map[string]any{}, "execution_count": 1}}
					cell["execution_count"] = 1
				})
			},
			Config:   cfg(name, second),
			PlanOnly: true,
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg(name, testNotebookDoc(testNotebookMarkdown("# Checks v2"), testNotebookCode("import dataiku\nprint(2)"), testNotebookCode("x = 3"))),
			Check: testNotebookHolds(t, key, name, []string{"# Checks v2", "import dataiku\nprint(2)", "x = 3"}, func(d dss.JupyterNotebookContent) error {
				if cell := testNotebookCell(d, 2); len(cell["outputs"].([]any)) != 1 || fmt.Sprint(cell["execution_count"]) != "1" {
					return fmt.Errorf("an unchanged cell lost its outputs: %v", cell)
				}
				return nil
			}),
		}),
		// The import reads DSS's metadata key the content does not write:
		// content differs as text, and the import by identity below plans
		// no change (the subset rule).
		acctest.ImportVerifyStep(testNotebook, nil, "content"),
		acctest.ImportIdentityStep(t, testNotebook),
		{
			ResourceName:  testNotebook,
			ImportState:   true,
			ImportStateId: key + "/" + name,
			ExpectError:   regexp.MustCompile(`(?s)Expected\s+PROJECT_KEY.name`),
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			// A cell edited in DSS's editor: the plan shows it, the apply
			// writes the configured source back.
			PreConfig: func() {
				acctest.EditOutside(t, dss.JupyterNotebookDoc(key, name), func(d *dss.JupyterNotebookContent) {
					testNotebookCell(*d, 1)["source"] = []any{"import dataiku\n", "print('edited')"}
				})
			},
			Config: cfg(name, testNotebookDoc(testNotebookMarkdown("# Checks v2"), testNotebookCode("import dataiku\nprint(2)"), testNotebookCode("x = 3"))),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testNotebook, Attrs: []string{"content"}},
			}},
			Check: testNotebookHolds(t, key, name, []string{"# Checks v2", "import dataiku\nprint(2)", "x = 3"}, nil),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// A cell removed in DSS: drift too.
			PreConfig: func() {
				acctest.EditOutside(t, dss.JupyterNotebookDoc(key, name), func(d *dss.JupyterNotebookContent) {
					(*d)["cells"] = (*d)["cells"].([]any)[:2]
				})
			},
			Config:           cfg(name, testNotebookDoc(testNotebookMarkdown("# Checks v2"), testNotebookCode("import dataiku\nprint(2)"), testNotebookCode("x = 3"))),
			ConfigPlanChecks: acctest.Plans(testNotebook, plancheck.ResourceActionUpdate),
			Check:            testNotebookHolds(t, key, name, []string{"# Checks v2", "import dataiku\nprint(2)", "x = 3"}, nil),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Another name: a replacement; the old notebook is gone.
			Config:           cfg(renamed, first),
			ConfigPlanChecks: acctest.Plans(testNotebook, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				testNotebookHolds(t, key, renamed, []string{"# Checks\nRun me first.", "import dataiku\nprint(\"${x}\")"}, nil),
				func(*terraform.State) error {
					list, err := c.ListJupyterNotebooks(acctest.Ctx(t), key)
					if err != nil {
						return err
					}
					if len(list) != 1 || list[0].Name != renamed {
						return fmt.Errorf("after the rename DSS lists %v", list)
					}
					return nil
				}),
		}),
		acctest.DeletedOutsideStep(t, testNotebook, cfg(renamed, first),
			func() error { return c.DeleteJupyterNotebook(acctest.Ctx(t), key, renamed) },
			testNotebookHolds(t, key, renamed, []string{"# Checks\nRun me first.", "import dataiku\nprint(\"${x}\")"}, nil)),
	})
}

// A notebook made outside Terraform, and run there, is refused to a
// resource with the import hint, and adopted with an import block with no
// change planned; its source given as lines in DSS is the same text as
// the configuration's string.
func TestAccJupyterNotebook_existing(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_NBX")
	c := acctest.ProjectOutside(t, key, "Existing notebook")
	ran := testNotebookCode("")
	ran["source"] = []any{"print(1)\n", "print(2)"}
	ran["outputs"] = []any{map[string]any{"output_type": "stream", "name": "stdout", "text": []any{"1\n", "2\n"}}}
	ran["execution_count"] = 4
	acctest.MustDo(t, c.CreateJupyterNotebook(acctest.Ctx(t), key, "template", dss.JupyterNotebookContent(testNotebookDoc(testNotebookMarkdown("# T"), ran))))
	cfg := testNotebookHCL("checks", key, "template", testNotebookDoc(testNotebookMarkdown("# T"), testNotebookCode("print(1)\nprint(2)")))
	acctest.Case(t, testNotebooksDestroyed(t), []resource.TestStep{
		{
			Config:      cfg,
			ExpectError: regexp.MustCompile(`(?s)dataiku_jupyter_notebook "` + key + `.template".*already\s+exists\s+in\s+DSS.*import`),
		},
		acctest.AdoptedAsIsStep(testNotebook, acctest.ImportBlock(testNotebook, key+".template")+cfg),
	})
}

// A key that may read the project but not write it is refused by DSS,
// quoted with the resource's address, and nothing is written; it may read
// the notebook with the data source. With write access it may create one.
func TestAccJupyterNotebook_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_NBBOB")
	c := acctest.ProjectOutside(t, key, "Admin's")
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants = append(p.Grants, dss.ProjectGrant{User: acctest.BobLogin, ReadProjectContent: new(true)})
	})
	cfg := testNotebookHCL("checks", key, "bob", testNotebookDoc(testNotebookCode("x = 1")))
	acctest.RefusedToBob(t, cfg,
		regexp.MustCompile(`(?s)Cannot create dataiku_jupyter_notebook "`+key+`.bob".*UnauthorizedException.*may\s+not\s+write\s+project`))
	if list, err := c.ListJupyterNotebooks(acctest.Ctx(t), key); err != nil || len(list) != 0 {
		t.Fatalf("after the refusal DSS lists %v (%v)", list, err)
	}
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants[len(p.Grants)-1].WriteProjectContent = new(true)
	})
	acctest.Case(t, testNotebooksDestroyed(t), []resource.TestStep{acctest.EmptyPlanAfter(resource.TestStep{
		Config: acctest.AsBob(cfg),
		Check: testNotebookHolds(t, key, "bob", []string{"x = 1"}, func(d dss.JupyterNotebookContent) error {
			if meta := d["metadata"].(map[string]any); meta["creator"] != acctest.BobLogin {
				return fmt.Errorf("creator %v, want bob", meta["creator"])
			}
			return nil
		}),
	})})
}

// What cannot name a notebook, or is not a notebook document, is refused
// at plan time, before anything reaches DSS.
func TestAccJupyterNotebook_badInput(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	doc := testNotebookDoc(testNotebookCode("x"))
	for _, n := range []string{"", " ", ".", "..", "a/b", "a\tb"} {
		acctest.Case(t, nil, []resource.TestStep{{Config: testNotebookHCL("checks", "P", n, doc), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)no\s+slash\s+and\s+no\s+control\s+character`)}})
	}
	for _, content := range []string{`"[]"`, `"{"`, `jsonencode({ cells = "x" })`, `jsonencode({ cells = [1] })`, `jsonencode({ metadata = [] })`} {
		cfg := fmt.Sprintf("resource \"dataiku_jupyter_notebook\" \"checks\" {\n  project_key = \"P\"\n  name = \"n\"\n  content = %s\n}\n", content)
		acctest.Case(t, nil, []resource.TestStep{{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Invalid\s+(notebook\s+content|JSON\s+String)`)}})
	}
}

// The data source reads a notebook as an import does (no outputs, no
// DSS stamps), ready to be another notebook's content; a missing notebook
// is an error.
func TestAccJupyterNotebook_dataSource(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_NBDS")
	c := acctest.ProjectOutside(t, key, "Notebook data source")
	ran := testNotebookCode("print(1)")
	ran["outputs"] = []any{map[string]any{"output_type": "stream", "name": "stdout", "text": "1\n"}}
	ran["execution_count"] = 2
	acctest.MustDo(t, c.CreateJupyterNotebook(acctest.Ctx(t), key, "template", dss.JupyterNotebookContent(testNotebookDoc(ran))))
	want, _ := json.Marshal(testNotebookDoc(testNotebookCode("print(1)")))
	ds := func(label, name string) string {
		return fmt.Sprintf("data \"dataiku_jupyter_notebook\" %q {\n  project_key = %q\n  name = %q\n}\n", label, key, name)
	}
	acctest.Case(t, testNotebooksDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			// Copied into a notebook of its own.
			Config: ds("t", "template") + fmt.Sprintf("resource \"dataiku_jupyter_notebook\" \"checks\" {\n  project_key = %q\n  name = \"copy\"\n  content = data.dataiku_jupyter_notebook.t.content\n}\n", key),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.dataiku_jupyter_notebook.t", tfjsonpath.New("content"), knownvalue.StringExact(string(want))),
				statecheck.ExpectKnownValue("data.dataiku_jupyter_notebook.t", tfjsonpath.New("id"), knownvalue.StringExact(key+".template")),
			},
			Check: testNotebookHolds(t, key, "copy", []string{"print(1)"}, nil),
		}),
		{Config: ds("m", "missing"), ExpectError: regexp.MustCompile(`(?s)Cannot\s+read\s+data.dataiku_jupyter_notebook`)},
	})
}

// The answer to the create lost once DSS has made the notebook: the apply
// finds it, adopts it (the provider looked before the POST, so it is its
// own) and ends with one notebook holding the cells and nothing to plan.
func TestAccJupyterNotebook_lostPost(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_NBLOST")
	acctest.ProjectOutside(t, key, "Lost creates")
	cfg := ""
	var steps []resource.TestStep
	for i, f := range acctest.LostPostFaults(`/jupyter-notebooks/`) {
		name := fmt.Sprintf("lost %d", i)
		cfg += testNotebookHCL(fmt.Sprintf("n%d", i), key, name, testNotebookDoc(testNotebookCode(fmt.Sprintf("n = %d", i))))
		steps = append(steps, acctest.EmptyPlanAfter(acctest.LostPostStep(t, em, f, cfg, testNotebookHolds(t, key, name, []string{fmt.Sprintf("n = %d", i)}, nil))))
	}
	acctest.Case(t, testNotebooksDestroyed(t), steps)
}
