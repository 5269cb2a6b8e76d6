# A folder tree for the Sales team; projects are placed in it by id.
resource "dataiku_project_folder" "sales" {
  name = "Sales"
}

resource "dataiku_project_folder" "sales_emea" {
  name      = "EMEA"
  parent_id = dataiku_project_folder.sales.id

  # Optional: manage the folder's owner and permission entries too.
  owner = "sales-lead"
  permissions = [
    { group = "sales_analysts", read = true, writeContents = false, admin = false },
  ]
}

resource "dataiku_project" "emea_forecast" {
  project_key       = "EMEA_FORECAST"
  name              = "EMEA forecast"
  project_folder_id = dataiku_project_folder.sales_emea.id
}
