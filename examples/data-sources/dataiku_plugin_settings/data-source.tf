data "dataiku_plugin_settings" "geo" {
  plugin_id = "geoadmin"
}

# The code env a plugin runs in, e.g. to give it to a dataiku_code_env's
# container configuration.
output "geo_code_env" {
  value = data.dataiku_plugin_settings.geo.code_env_name
}
