# A team's footprint on a DSS instance: its group and what members may do,
# a project folder the team works in, and optionally a Python code env the
# team uses. The group is the single place the team is named: the folder
# and the env grant it by reference, so Terraform creates the group first
# and removes it last.

resource "dataiku_group" "team" {
  name             = var.name
  description      = var.description
  source_type      = length(var.ldap_group_names) > 0 ? "LDAP" : "LOCAL"
  ldap_group_names = var.ldap_group_names

  may_create_projects           = var.capabilities.may_create_projects
  may_write_safe_code           = var.capabilities.may_write_safe_code
  may_create_code_envs          = var.capabilities.may_create_code_envs
  may_create_published_projects = var.capabilities.may_create_published_projects
  may_write_unsafe_code         = var.capabilities.may_write_unsafe_code
  # null (left out) keeps DSS's value: these four have no default.
  may_create_workspaces           = var.capabilities.may_create_workspaces
  may_share_to_workspaces         = var.capabilities.may_share_to_workspaces
  may_create_data_collections     = var.capabilities.may_create_data_collections
  may_publish_to_data_collections = var.capabilities.may_publish_to_data_collections
}

resource "dataiku_project_folder" "team" {
  name      = coalesce(var.folder_name, var.name)
  parent_id = var.parent_folder_id

  # Authoritative: the team reads and writes the folder's contents; anyone
  # else needs a grant on the projects themselves.
  permissions = [
    { group = dataiku_group.team.name, read = true, writeContents = true, admin = false },
  ]
}

resource "dataiku_code_env" "team" {
  count = var.code_env == null ? 0 : 1

  lang               = "PYTHON"
  name               = var.code_env.name
  packages           = var.code_env.packages
  python_interpreter = var.code_env.python_interpreter

  permissions = [
    { group = dataiku_group.team.name, use = true, update = false, manage_users = false },
  ]
}
