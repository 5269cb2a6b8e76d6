package dataset_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

func TestAccDatasetDataSources(t *testing.T) {
	acctest.Parallel(t)
	key := "DSDATA"
	acctest.CreateProjectForDatasets(t, key)
	cfg := fmt.Sprintf(`
resource "dataiku_dataset" "files" {
  project_key     = %[1]q
  name            = "files"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "/files" })
  format_type     = "csv"
  tags            = ["raw"]
  description     = "raw files"
  schema_columns  = [{ name = "id", type = "bigint" }, { name = "label", type = "string", max_length = 20 }]
  partitioning = {
    dimensions        = [{ name = "day", type = "time", period = "DAY" }]
    file_path_pattern = "%%Y/%%M/%%D/.*"
  }
}

resource "dataiku_dataset" "table" {
  project_key     = %[1]q
  name            = "table"
  type            = "PostgreSQL"
  connection_name = %[2]q
  params          = jsonencode({ mode = "table", schema = "public", table = "t" })
  tags            = ["curated"]
}

resource "dataiku_dataset" "managed" {
  project_key     = %[1]q
  name            = "managed_out"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
  tags            = ["raw", "curated"]
}

data "dataiku_dataset" "files" {
  project_key = %[1]q
  name        = dataiku_dataset.files.name
}

data "dataiku_datasets" "all" {
  project_key = %[1]q
  depends_on  = [dataiku_dataset.files, dataiku_dataset.table, dataiku_dataset.managed]
}

data "dataiku_datasets" "raw" {
  project_key = %[1]q
  tags        = ["raw"]
  depends_on  = [dataiku_dataset.files, dataiku_dataset.table, dataiku_dataset.managed]
}

data "dataiku_datasets" "sql" {
  project_key = %[1]q
  type        = "PostgreSQL"
  depends_on  = [dataiku_dataset.files, dataiku_dataset.table, dataiku_dataset.managed]
}
`, key, acctest.PGConnection)
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, key, "files", "table", "managed_out"), []resource.TestStep{{
		Config: cfg,
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr("data.dataiku_dataset.files", "type", "Filesystem"),
			resource.TestCheckResourceAttr("data.dataiku_dataset.files", "connection_name", "filesystem_root"),
			resource.TestCheckResourceAttr("data.dataiku_dataset.files", "format_type", "csv"),
			resource.TestCheckResourceAttr("data.dataiku_dataset.files", "managed", "false"),
			resource.TestCheckResourceAttr("data.dataiku_dataset.files", "description", "raw files"),
			resource.TestCheckResourceAttr("data.dataiku_dataset.files", "schema_columns.#", "2"),
			resource.TestCheckResourceAttr("data.dataiku_dataset.files", "schema_columns.1.max_length", "20"),
			resource.TestCheckResourceAttr("data.dataiku_dataset.files", "partitioning.dimensions.0.period", "DAY"),
			resource.TestCheckResourceAttr("data.dataiku_dataset.files", "partitioning.file_path_pattern", "%Y/%M/%D/.*"),
			resource.TestCheckTypeSetElemAttr("data.dataiku_dataset.files", "tags.*", "raw"),
			// The data source shows all params, server-filled ones included.
			// As an object: data.dataiku_dataset.files.params.path.
			resource.TestCheckResourceAttrSet("data.dataiku_dataset.files", "params.filesSelectionRules.mode"),
			resource.TestCheckResourceAttr("data.dataiku_dataset.files", "params.path", "/files"),
			resource.TestCheckResourceAttr("data.dataiku_datasets.all", "datasets.#", "3"),
			resource.TestCheckResourceAttr("data.dataiku_datasets.all", "datasets.0.name", "files"),
			resource.TestCheckResourceAttr("data.dataiku_datasets.all", "datasets.1.name", "managed_out"),
			resource.TestCheckResourceAttr("data.dataiku_datasets.all", "datasets.1.managed", "true"),
			resource.TestCheckResourceAttr("data.dataiku_datasets.all", "datasets.2.connection_name", acctest.PGConnection),
			resource.TestCheckResourceAttr("data.dataiku_datasets.raw", "datasets.#", "2"),
			resource.TestCheckResourceAttr("data.dataiku_datasets.raw", "datasets.0.name", "files"),
			resource.TestCheckResourceAttr("data.dataiku_datasets.raw", "datasets.1.name", "managed_out"),
			resource.TestCheckResourceAttr("data.dataiku_datasets.sql", "datasets.#", "1"),
			resource.TestCheckResourceAttr("data.dataiku_datasets.sql", "datasets.0.name", "table"),
			resource.TestCheckResourceAttr("data.dataiku_datasets.sql", "datasets.0.type", "PostgreSQL"),
		),
	}})
}
