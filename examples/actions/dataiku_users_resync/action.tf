# Resyncs the users from LDAP as soon as a group's LDAP mapping changes,
# instead of at their next login (Terraform >= 1.14; needs an admin key).
# On demand: terraform apply -invoke=action.dataiku_users_resync.all
resource "dataiku_group" "analysts" {
  name             = "analysts"
  ldap_group_names = ["cn=analysts,ou=groups,dc=example,dc=com"]

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.dataiku_users_resync.all]
    }
  }
}

# Every user from an external supplier (LDAP, Azure AD, SSO).
action "dataiku_users_resync" "all" {}

# Only some users: list their logins.
action "dataiku_users_resync" "leads" {
  config {
    logins = ["jdoe", "asmith"]
  }
}
