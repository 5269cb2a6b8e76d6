# Project folders are imported with the id DSS generated for them (shown in
# the folder's URL, or by data.dataiku_project_folder with a path).
terraform import dataiku_project_folder.sales_emea aB3dE5f
