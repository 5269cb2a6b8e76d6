package project

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewJupyterNotebookResource returns the dataiku_jupyter_notebook
// resource.
func NewJupyterNotebookResource() resource.Resource {
	return kit.NewResource[jupyterNotebookModel](jupyterNotebookKind{})
}

// jupyterNotebookKind is a project's Jupyter notebook (dataikuapi
// dss/jupyternotebook.py [V]): named by its caller, its content the .ipynb
// document, created by a POST of the content, replaced whole by a PUT
// (written here as a read-modify-write, notebookMerged), deleted by a
// DELETE of its path. What the content manages, and what it leaves to
// DSS and the kernel, is jupyter_notebook_convert.go's.
type jupyterNotebookKind struct{}

type jupyterNotebookModel struct {
	ID         types.String         `tfsdk:"id"`
	ProjectKey types.String         `tfsdk:"project_key"`
	Name       types.String         `tfsdk:"name"`
	Content    jsontypes.Normalized `tfsdk:"content"`
}

// jupyterNotebookNamePart: a notebook's name is a path segment of its
// calls, which dataikuapi does not escape [V], so it holds no slash; it is
// not blank, not "." or ".." (a path would drop them) and holds no control
// character. [I] DSS's own rule is not documented; names with spaces and
// dots (DSS's own "Analysis of orders.v2") are accepted.
var jupyterNotebookNamePart = kit.ImportPart{
	Label:   "name",
	Pattern: regexp.MustCompile(`^[^/\p{Cc}]*[^/.\s\p{Cc}][^/\p{Cc}]*$`),
	Rule:    "hold no slash and no control character, and at least one character other than a dot or a space",
}

// jupyterNotebookAddress: imported as PROJECT_KEY.name, split at the
// first dot (a project key holds none; a name may).
var jupyterNotebookAddress = kit.Address[jupyterNotebookModel]{
	TypeName: "dataiku_jupyter_notebook",
	Path:     "projects/{project_key}/jupyter-notebooks/{name}",
	Key: []kit.KeyPart[jupyterNotebookModel]{
		{Attr: "project_key", ImportPart: kit.ProjectKeyPart, Field: func(m *jupyterNotebookModel) *types.String { return &m.ProjectKey }, Doc: "Key of the project holding the notebook."},
		{Attr: "name", ImportPart: jupyterNotebookNamePart, Field: func(m *jupyterNotebookModel) *types.String { return &m.Name }, Doc: "The notebook's name."},
	},
	Example: "e.g. SALES.Onboarding checks",
	ID:      func(m *jupyterNotebookModel) *types.String { return &m.ID },
}

func (jupyterNotebookKind) Address() *kit.Address[jupyterNotebookModel] {
	return &jupyterNotebookAddress
}

// notebookContentRule is what the content's validator and plan modifier
// say.
const notebookContentRule = "a Jupyter notebook document: a JSON object whose `metadata`, if set, is an object and whose `cells`, if set, is a list of objects"

// notebookContentValidator checks at plan time what the comparison and
// the merge rely on; the rest (nbformat's rules, the kernel) is DSS's to
// judge.
var notebookContentValidator = kit.StringCheck("must be "+notebookContentRule, func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !kit.Known(req.ConfigValue) {
		return
	}
	if err := checkNotebookContent(jsontypes.NewNormalizedValue(req.ConfigValue.ValueString())); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid notebook content",
			fmt.Sprintf("Attribute %s must be %s, such as file(\"checks.ipynb\") or jsonencode({ cells = [...] }): %s.", req.Path, notebookContentRule, err))
	}
})

// checkNotebookContent decodes v and checks its shape.
func checkNotebookContent(v jsontypes.Normalized) error {
	doc, err := kit.DecodeJSONObject(v)
	if err != nil {
		return err
	}
	if meta, ok := doc["metadata"]; ok && meta != nil {
		if _, ok := meta.(map[string]any); !ok {
			return fmt.Errorf("metadata is not an object")
		}
	}
	if cells, ok := doc["cells"]; ok && cells != nil {
		list, ok := cells.([]any)
		if !ok {
			return fmt.Errorf("cells is not a list")
		}
		for i, c := range list {
			if _, ok := c.(map[string]any); !ok {
				return fmt.Errorf("cells[%d] is not an object", i)
			}
		}
	}
	return nil
}

// notebookContentPlan keeps the state's content in the plan when DSS's
// notebook, as the state records it, already holds what the configuration
// manages (a configuration that differs only by outputs, execution
// counts, DSS's or the kernel's metadata, or a key the state holds more):
// there is nothing to write.
var notebookContentPlan = kit.StringPlan("The state's content is kept when it already holds what the configuration manages (outputs, execution counts, DSS's and the kernel's metadata left out; the subset rule for the rest).",
	func(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
		if !kit.Known(req.ConfigValue) || !kit.Known(req.StateValue) {
			return
		}
		written, err1 := kit.DecodeJSONObject(jsontypes.NewNormalizedValue(req.ConfigValue.ValueString()))
		held, err2 := kit.DecodeJSONObject(jsontypes.NewNormalizedValue(req.StateValue.ValueString()))
		if err1 == nil && err2 == nil && notebookHolds(written, held) {
			resp.PlanValue = req.StateValue
		}
	})

func (jupyterNotebookKind) Schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A Jupyter notebook of a DSS project (*Notebooks*), e.g. the onboarding or checks notebook a team keeps in Git and wants in every project. " +
			"Its content is the `.ipynb` document: `content = file(\"${path.module}/checks.ipynb\")`, or `jsonencode({...})`.\n\n" +
			"**What is managed.** The cells (their type, source, metadata and attachments, in order), the kernel (`metadata.kernelspec`), " +
			"the rest of the notebook's metadata and its format (`nbformat`, `nbformat_minor`). A cell's source may be a string or a list of lines: the same text either way.\n\n" +
			"**What is not.** Running the notebook is not a change: each cell's `outputs` and `execution_count`, and what the kernel writes in " +
			"`metadata.language_info`, are never compared; nor are the keys DSS writes in `metadata` on every save (`creator`, `createdOn`, `modifiedBy`). " +
			"For the rest the subset rule applies, at every depth: what the content does not write (cell ids, the editor's cell metadata, keys DSS adds) " +
			"may hold anything in DSS, while a list, such as the cells, must have the content's length. " +
			"A cell edited in DSS's editor, added or removed, shows as a change, and the next apply writes the content back. " +
			"A key taken out of the content is left in DSS as it is (the subset rule), while a cell taken out of the content is removed from the notebook.\n\n" +
			"**Writes** are read-modify-writes of the whole document: what the content does not write stays as DSS has it, " +
			"and a cell whose type and source are unchanged keeps its outputs; a cell that changed is written as the content gives it.\n\n" +
			"**Rights.** Writing needs write access to the project (*Write project content*); reading needs read access.\n\n" +
			"Creating a notebook whose name is taken is refused with the import command. Import with `PROJECT_KEY.name` " +
			"(split at the first dot: the name may hold more); an imported notebook's content is DSS's document without outputs, " +
			"execution counts and the metadata DSS and the kernel write.\n\n" +
			"**Refresh cost.** 1 API call (the notebook).",
		Attributes: map[string]schema.Attribute{
			"id":          kit.StableIDAttribute("`PROJECT_KEY.name`."),
			"project_key": kit.ParentProjectKeyAttribute("Key of the project holding the notebook. Changing it replaces the notebook."),
			"name": kit.RequiredReplacing("The notebook's name, unique in its project, e.g. `Onboarding checks`: no slash and no control character. "+
				"Changing it replaces the notebook (DSS's API has no rename).",
				jupyterNotebookNamePart.Validator()),
			"content": schema.StringAttribute{Required: true, CustomType: jsontypes.NormalizedType{},
				MarkdownDescription: "The notebook's `.ipynb` document as JSON text, e.g. `file(\"${path.module}/checks.ipynb\")`: " +
					"a JSON object whose `metadata`, if set, is an object and whose `cells`, if set, is a list of objects. " +
					"Compared as described above (outputs, execution counts and DSS's and the kernel's metadata left out; the subset rule). Changes in place.",
				Validators:    []validator.String{notebookContentValidator},
				PlanModifiers: []planmodifier.String{notebookContentPlan}},
		},
	}
}

// Post creates the notebook with the configured content, as dataikuapi's
// create_jupyter_notebook does [V].
func (jupyterNotebookKind) Post(ctx context.Context, c *dss.Client, m *jupyterNotebookModel) error {
	content, err := kit.DecodeJSONObject(m.Content)
	if err != nil {
		return err
	}
	m.ID = types.StringValue(jupyterNotebookAddress.ImportID(m))
	return c.CreateJupyterNotebook(ctx, m.ProjectKey.ValueString(), m.Name.ValueString(), notebookContent(content))
}

// Apply writes the content with a read-modify-write of the notebook (no
// PUT when DSS already holds it: after a create, one GET).
func (jupyterNotebookKind) Apply(ctx context.Context, c *dss.Client, op *kit.ApplyOp[jupyterNotebookModel]) {
	plan := op.Plan
	written, err := kit.DecodeJSONObject(plan.Content)
	if op.Fail(err) {
		return
	}
	d, _, err := dss.JupyterNotebookDoc(plan.ProjectKey.ValueString(), plan.Name.ValueString()).Update(ctx, c, func(d *dss.JupyterNotebookContent) error {
		*d = notebookContent(notebookMerged(*d, written))
		return nil
	})
	if op.Fail(err) {
		return
	}
	jupyterNotebookFromDSS(*d, plan, false)
}

// Read costs 1 GET.
func (jupyterNotebookKind) Read(ctx context.Context, c *dss.Client, m *jupyterNotebookModel, imported bool) error {
	d, err := dss.JupyterNotebookDoc(m.ProjectKey.ValueString(), m.Name.ValueString()).Get(ctx, c)
	if err != nil {
		return err
	}
	jupyterNotebookFromDSS(*d, m, imported)
	return nil
}

// jupyterNotebookFromDSS fills m from DSS's notebook: imported (or with no
// content yet), its imported view; otherwise m's content when DSS holds
// what it manages, and the drift (DSS's managed view cut to the content's
// keys) when it does not.
func jupyterNotebookFromDSS(d dss.JupyterNotebookContent, m *jupyterNotebookModel, imported bool) {
	m.ID = types.StringValue(jupyterNotebookAddress.ImportID(m))
	held := map[string]any(d)
	written, err := kit.DecodeJSONObject(m.Content)
	switch {
	case imported || written == nil || err != nil:
		m.Content = kit.EncodeJSONObject(notebookImported(held))
	case !notebookHolds(written, held):
		m.Content = kit.EncodeJSONObject(notebookDrift(written, held))
	}
}
