# Who the provider's API key is, and whether it may administer the instance.
data "dataiku_current_user" "me" {}

output "acting_as" {
  value = coalesce(data.dataiku_current_user.me.login, data.dataiku_current_user.me.auth_identifier)
}

output "is_admin" {
  value = data.dataiku_current_user.me.admin
}
