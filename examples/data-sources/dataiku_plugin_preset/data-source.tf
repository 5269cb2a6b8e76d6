# Which groups may use a plugin's credentials preset.
data "dataiku_plugin_preset" "geo" {
  plugin_id = "geoadmin"
  type      = "parameter-set-geoadmin-credentials"
  name      = "prod"
}

output "geo_preset_groups" {
  value = data.dataiku_plugin_preset.geo.permissions
}
