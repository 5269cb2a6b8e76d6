# Every cluster.
list "dataiku_cluster" "all" {
  provider = dataiku
}
