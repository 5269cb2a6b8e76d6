# A folder for model artefacts on the default folder connection; DSS picks
# the path /${projectKey}/${odbId} and generates the id.
resource "dataiku_managed_folder" "models" {
  project_key = "SALES"
  name        = "models"
  description = "Trained model artefacts"
  tags        = ["ml"]
}

# A partitioned folder on a given connection and path.
resource "dataiku_managed_folder" "daily_exports" {
  project_key     = "SALES"
  name            = "daily_exports"
  connection_name = "filesystem_managed"
  path            = "/exports/$${projectKey}"

  partitioning = {
    dimensions        = [{ name = "day", type = "time", period = "DAY" }]
    file_path_pattern = "%Y/%M/%D/.*"
  }
}
