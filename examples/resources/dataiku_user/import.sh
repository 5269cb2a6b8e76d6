# Users are imported with their login. A password cannot be imported: set
# password_wo and password_wo_version to have Terraform send one.
terraform import dataiku_user.jane jane
