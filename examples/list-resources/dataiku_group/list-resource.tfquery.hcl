list "dataiku_group" "all" {
  provider = dataiku
}
