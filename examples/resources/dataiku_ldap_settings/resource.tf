variable "ldap_bind_password" {
  type      = string
  sensitive = true
}

# DSS's LDAP settings: only the keys written are managed. The bind
# password is write-only: it never reaches the plan or the state, and is
# sent again only when bind_password_wo_version changes.
resource "dataiku_ldap_settings" "this" {
  settings = {
    enabled            = true
    url                = "ldaps://ldap.example.com:636/dc=example,dc=com"
    bindDN             = "cn=dss,ou=services,dc=example,dc=com"
    userFilter         = "(&(objectClass=inetOrgPerson)(uid={USERNAME}))"
    enableGroups       = true
    groupFilter        = "(&(objectClass=groupOfNames)(member={USERDN}))"
    authorizedGroups   = ["dss-users", "dss-admins"]
    autoImportUsers    = true
    defaultUserProfile = "READER"
  }
  bind_password_wo         = var.ldap_bind_password
  bind_password_wo_version = 1
}
