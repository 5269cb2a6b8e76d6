data "dataiku_container_exec_configs" "all" {}

output "exec_config_names" {
  value = data.dataiku_container_exec_configs.all.configs[*].name
}
