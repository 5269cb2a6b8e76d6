# A group whose members may create projects and write safe code; every
# capability not set keeps DSS's default for a new group.
resource "dataiku_group" "analysts" {
  name                = "analysts"
  description         = "Business analysts"
  may_create_projects = true
}

# An LDAP-backed group of administrators.
resource "dataiku_group" "platform_admins" {
  name             = "platform_admins"
  source_type      = "LDAP"
  admin            = true
  ldap_group_names = ["cn=dss-admins,ou=groups,dc=example,dc=com"]
}

# Data stewards who curate data collections and team workspaces (DSS 12 or
# later). These four capabilities have no default: left out, DSS's value
# is kept.
resource "dataiku_group" "stewards" {
  name                            = "data_stewards"
  may_create_workspaces           = true
  may_share_to_workspaces         = true
  may_create_data_collections     = true
  may_publish_to_data_collections = true
}
