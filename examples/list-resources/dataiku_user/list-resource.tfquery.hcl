list "dataiku_user" "all" {
  provider = dataiku
}
