# The team's checks notebook, kept in Git beside the configuration and put
# in every project: content = file("${path.module}/notebooks/checks.ipynb")
# reads a .ipynb file as Jupyter saves it. Here it is written inline.
# Running it in DSS (outputs, execution counts) is not a change; editing a
# cell in DSS is, and the next apply writes the cells back.
resource "dataiku_jupyter_notebook" "checks" {
  project_key = "SALES"
  name        = "Onboarding checks"
  content = jsonencode({
    nbformat       = 4
    nbformat_minor = 5
    metadata = {
      kernelspec = { name = "python3", display_name = "Python 3", language = "python" }
    }
    cells = [
      { cell_type = "markdown", metadata = {}, source = "# Onboarding checks\nRun every cell." },
      {
        cell_type       = "code"
        metadata        = {}
        outputs         = []
        execution_count = null
        source          = "import dataiku\nprint(dataiku.Dataset(\"orders\").get_config()[\"type\"])"
      },
    ]
  })
}
