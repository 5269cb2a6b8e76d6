# Every Python env of the instance, as LANG/name ids.
data "dataiku_code_envs" "python" {
  lang = "PYTHON"
}

output "python_envs" {
  value = data.dataiku_code_envs.python.code_envs[*].id
}
