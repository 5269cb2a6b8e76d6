resource "dataiku_plugin_settings" "geo" {
  plugin_id     = "geoadmin"
  config        = { maxRows = 5000, limits = { cpu = 2 } }
  code_env_name = "plugin_geoadmin"
}
