# Every installed plugin.
list "dataiku_plugin" "all" {
  provider = dataiku
}
