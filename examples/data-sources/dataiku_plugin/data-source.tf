data "dataiku_plugin" "geo" {
  plugin_id = "geoadmin"
}

output "geo_plugin_version" {
  value = data.dataiku_plugin.geo.version
}
