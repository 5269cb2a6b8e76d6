output "group_name" {
  value       = dataiku_group.team.name
  description = "The team's group name: use it in project grants, so that they depend on the group."
}

output "folder_id" {
  value       = dataiku_project_folder.team.id
  description = "Id of the team's project folder, for `dataiku_project.project_folder_id`."
}

output "code_env_name" {
  value       = one(dataiku_code_env.team[*].name)
  description = "Name of the team's code env, or null without `code_env`."
}
