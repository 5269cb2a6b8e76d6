data "dataiku_project_library_file" "helpers" {
  project_key = "SALES"
  path        = "python/mylib/helpers.py"
}

output "helpers_lines" {
  value = length(split("\n", data.dataiku_project_library_file.helpers.content))
}
