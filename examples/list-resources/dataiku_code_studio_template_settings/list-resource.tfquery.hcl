# The settings of every code studio template (admin key).
list "dataiku_code_studio_template_settings" "all" {
  provider = dataiku
}
