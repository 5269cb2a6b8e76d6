# The SALES project runs its Python code in the py311 env and its
# containerized code on the k8s-small config; R keeps the instance's
# default. Destroying the resource puts all three back to INHERIT.
resource "dataiku_project_execution_defaults" "sales" {
  project_key                = "SALES"
  python_env_mode            = "EXPLICIT_ENV"
  python_env_name            = "py311"
  container_mode             = "EXPLICIT_CONTAINER"
  container_exec_config_name = "k8s-small"
}

# Another project uses DSS's built-in Python env and runs locally, never
# in containers.
resource "dataiku_project_execution_defaults" "scratch" {
  project_key     = "SCRATCH"
  python_env_mode = "USE_BUILTIN_MODE"
  container_mode  = "NONE"
}
