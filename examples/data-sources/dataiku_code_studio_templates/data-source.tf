# The code studio templates never built, to build them with
# dataiku_code_studio_template_build.
data "dataiku_code_studio_templates" "all" {}

output "never_built" {
  value = [for t in data.dataiku_code_studio_templates.all.templates : t.id if t.last_built == null]
}
