data "dataiku_group" "analysts" {
  name = "analysts"
}

output "analysts_may_create_projects" {
  value = data.dataiku_group.analysts.may_create_projects
}
