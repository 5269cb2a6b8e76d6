# The projects whose key starts with SALES_ and that carry the tag "finance".
list "dataiku_project" "sales" {
  provider = dataiku
  config {
    project_key = "SALES_*"
    tags        = ["finance"]
  }
}

# The projects of one project folder.
list "dataiku_project" "in_folder" {
  provider = dataiku
  config {
    project_folder_id = "aBcD123"
  }
}
