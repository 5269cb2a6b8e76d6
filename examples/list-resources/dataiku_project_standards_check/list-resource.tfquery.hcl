# Every Project Standards check.
list "dataiku_project_standards_check" "all" {
  provider = dataiku
}
