# Library files are imported with PROJECT_KEY/path: the project key (which
# holds no slash), then the file's path in the library, which may hold more.
terraform import dataiku_project_library_file.helpers SALES/python/mylib/helpers.py

# Terraform 1.12 and later can also name it by its identity:
# import {
#   to       = dataiku_project_library_file.helpers
#   identity = { project_key = "SALES", path = "python/mylib/helpers.py" }
# }
