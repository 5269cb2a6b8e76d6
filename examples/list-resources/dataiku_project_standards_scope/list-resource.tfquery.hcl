# Every Project Standards scope but the default one.
list "dataiku_project_standards_scope" "all" {
  provider = dataiku
}
