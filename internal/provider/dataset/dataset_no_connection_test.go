package dataset_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A managed Filesystem dataset whose params name no connection (DSS holds
// such definitions: one written through the API, with params lacking
// connection) is adopted with the configuration Terraform generates for
// it, managed = true without connection_name, and no change; a new
// managed Filesystem dataset without connection_name is still refused at
// plan time (TestSeedShapesEndToEnd found the adoption refused by a
// validator).
func TestAccDataset_managedWithoutConnectionAdopted(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DSNOCONN")
	acctest.CreateProjectForDatasets(t, key)
	acctest.FilesystemDatasetOutside(t, key, "orphan", "/orphan", "")
	acctest.ChangeDataset(t, key, "orphan", func(d map[string]any) {
		d["managed"] = true
		delete(d["params"].(map[string]any), "connection")
	})
	cfg := func(name string) string {
		return fmt.Sprintf("resource \"dataiku_dataset\" %q {\n  project_key = %q\n  name        = %q\n  type        = \"Filesystem\"\n  managed     = true\n}\n", name, key, name)
	}
	acctest.Case(t, nil, []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep("dataiku_dataset.orphan",
			acctest.ImportBlock("dataiku_dataset.orphan", key+".orphan")+cfg("orphan"),
			statecheck.ExpectKnownValue("dataiku_dataset.orphan", tfjsonpath.New("connection_name"), knownvalue.Null()))),
		{
			Config:      cfg("orphan") + cfg("fresh"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Missing connection.*managed Filesystem dataset \(managed = true\) needs\s+connection_name`),
		},
		{
			// A replacement creates a dataset too, after deleting the
			// adopted one: refused at plan time, saying which change
			// replaces it, it deletes nothing.
			Config:      strings.Replace(cfg("orphan"), `"Filesystem"`, `"HDFS"`, 1),
			ExpectError: regexp.MustCompile(`(?s)Missing connection.*managed HDFS dataset.*replaces\s+the\s+dataset\s+\(its\s+type\s+changes\)`),
		},
		{
			Config: cfg("orphan"),
			Check: func(*terraform.State) error {
				if d := acctest.GetDataset(t, key, "orphan"); d["type"] != "Filesystem" || d["managed"] != true {
					return fmt.Errorf("after the refused replacement DSS holds %v", d)
				}
				return nil
			},
		},
	})
}
