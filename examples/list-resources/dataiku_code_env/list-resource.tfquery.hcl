# The Python code envs.
list "dataiku_code_env" "python" {
  provider = dataiku
  config {
    lang = "PYTHON"
  }
}
