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
