data "dataiku_plugins" "all" {}

output "plugin_versions" {
  value = { for p in data.dataiku_plugins.all.plugins : p.id => p.version }
}
