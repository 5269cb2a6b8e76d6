# The wikis that have a home article, among the projects whose key
# starts with SALES.
list "dataiku_project_wiki" "sales" {
  provider = dataiku
  config {
    project_key = "SALES*"
  }
}
