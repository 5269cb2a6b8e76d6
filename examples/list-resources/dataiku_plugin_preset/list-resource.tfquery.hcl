# The presets of one plugin.
list "dataiku_plugin_preset" "geo" {
  provider = dataiku
  config {
    plugin_id = "geoadmin"
  }
}
