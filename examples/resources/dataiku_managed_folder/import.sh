# Managed folders are imported with DSS's reference form PROJECT_KEY.folder_id,
# the 8-character id DSS generated (not the folder's name).
terraform import dataiku_managed_folder.models SALES.aB3dE5fG
