# The settings of every installed plugin.
list "dataiku_plugin_settings" "all" {
  provider = dataiku
}
