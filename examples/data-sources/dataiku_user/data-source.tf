data "dataiku_user" "jane" {
  login = "jane"
}

output "jane_groups" {
  value = data.dataiku_user.jane.groups
}
