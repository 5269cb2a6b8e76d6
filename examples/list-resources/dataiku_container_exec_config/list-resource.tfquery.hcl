# Every containerized execution config.
list "dataiku_container_exec_config" "all" {
  provider = dataiku
}
