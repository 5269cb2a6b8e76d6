# Code studios are imported with PROJECT_KEY.id, the id DSS generated (not
# the studio's name, which need not be unique).
terraform import dataiku_code_studio.vscode SALES.aB3dE5fG

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_code_studio.vscode
#   identity = { project_key = "SALES", id = "aB3dE5fG" }
# }
