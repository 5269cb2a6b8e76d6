# Needs the group "analysts" (a dataiku_group, or one DSS has).
variable "jane_password" {
  type      = string
  sensitive = true
}

# A local user. The password is write-only (Terraform 1.11 or later): it is
# sent when the user is created and never stored in the plan or the state.
# To rotate it, change the password and increment password_wo_version.
resource "dataiku_user" "jane" {
  login               = "jane"
  display_name        = "Jane Doe"
  email               = "jane@example.com"
  groups              = ["analysts"]
  user_profile        = "DATA_SCIENTIST"
  password_wo         = var.jane_password
  password_wo_version = 1

  user_properties = {
    team = "growth"
  }
}

# A user authenticated by LDAP, disabled: no password.
resource "dataiku_user" "contractor" {
  login       = "contractor"
  source_type = "LDAP"
  enabled     = false
}
