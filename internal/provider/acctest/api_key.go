package acctest

import (
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// EditOutside changes a document through the admin client, as someone
// would outside Terraform.
func EditOutside[D any](t *testing.T, doc dss.Document[D], edit func(*D)) {
	t.Helper()
	_, _, err := doc.Update(Ctx(t), Client(t), func(d *D) error { edit(d); return nil })
	if err != nil {
		t.Fatal(err)
	}
}
