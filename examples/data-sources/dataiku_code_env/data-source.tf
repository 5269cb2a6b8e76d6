# The requirement lines of an env built by another team.
data "dataiku_code_env" "shared" {
  lang = "PYTHON"
  name = "py310-shared"
}

output "shared_packages" {
  value = data.dataiku_code_env.shared.packages
}
