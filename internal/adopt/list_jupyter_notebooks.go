package adopt

import (
	"context"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

// listJupyterNotebooks lists a project's Jupyter notebooks, running or
// not, one request. The provider's import reads each notebook's content
// without outputs, execution counts and the metadata DSS and the kernel
// write; Terraform writes that JSON content as jsonencode({...}), which
// the provider compares semantically, so the plan after adoption is
// empty.
func (l *lister) listJupyterNotebooks(ctx context.Context, key string) error {
	list, err := call(l, func() ([]dss.JupyterNotebookListItem, error) { return l.c.ListJupyterNotebooks(ctx, key) })
	if err != nil {
		return l.cannotSee("Jupyter notebooks of project "+key, err)
	}
	for _, n := range list {
		l.add(&object{Kind: names.KindJupyterNotebook, ID: key + "." + n.Name, nameParts: []string{key, "notebook", n.Name}, Project: key})
	}
	return nil
}
