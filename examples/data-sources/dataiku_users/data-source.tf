# The enabled members of the analysts group.
data "dataiku_users" "analysts" {
  group   = "analysts"
  enabled = true
}

output "analyst_logins" {
  value = data.dataiku_users.analysts.logins
}
