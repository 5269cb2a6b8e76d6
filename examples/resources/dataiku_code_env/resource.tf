# A Python 3.10 env that DSS builds from requirement lines; changing the
# packages rebuilds it in place. The team's group may use it.
resource "dataiku_code_env" "pandas" {
  lang               = "PYTHON"
  name               = "py310-pandas"
  python_interpreter = "PYTHON310"
  packages = [
    "pandas==2.2.2",
    "scikit-learn>=1.4,<1.6",
  ]
  install_jupyter_support = true

  permissions = [
    { group = "analysts", use = true, update = false, manage_users = false },
    { group = "data_platform", use = true, update = true, manage_users = true },
  ]

  # Real builds download and compile packages: give them time.
  timeouts {
    create = "45m"
    update = "45m"
  }
}

# An env DSS does not build: it points at an environment built elsewhere,
# so it takes no package lists.
resource "dataiku_code_env" "external" {
  lang            = "PYTHON"
  name            = "py-external"
  deployment_mode = "DESIGN_NON_MANAGED"
  usable_by_all   = true
}
