# A template notebook kept in one project, copied into another (without
# its outputs).
data "dataiku_jupyter_notebook" "template" {
  project_key = "TEMPLATES"
  name        = "Onboarding checks"
}

resource "dataiku_jupyter_notebook" "checks" {
  project_key = "SALES"
  name        = "Onboarding checks"
  content     = data.dataiku_jupyter_notebook.template.content
}
