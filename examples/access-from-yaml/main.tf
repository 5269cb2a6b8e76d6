# Users, groups and project access from one YAML file (access.yaml): the
# groups and users are created here; the projects are not, they belong to
# other configurations or teams, and each group's access to them is one
# non-authoritative dataiku_project_grant. Grants this file does not name
# (the project's owner, another team's grants) are left alone.
#
# Users are LOCAL_NO_AUTH here so that the example needs no password; with
# LOCAL users, give each a password_wo from a secret store, and with a
# directory (LDAP, SSO) set source_type and let the group mappings work.

provider "dataiku" {
  host    = var.dss_host
  api_key = var.dss_api_key
}

locals {
  access = yamldecode(file("${path.module}/${var.access_file}"))

  # What each role may do on a project: the flags of a DSS project grant.
  roles = {
    reader = {
      read_project_content = true
      read_dashboards      = true
    }
    contributor = {
      read_project_content  = true
      write_project_content = true
      read_dashboards       = true
      write_dashboards      = true
      run_scenarios         = true
      export_datasets_data  = true
    }
    admin = {
      admin = true
    }
  }

  # One entry per (project, group), keyed "PROJECT/group".
  grants = merge([
    for project, groups in local.access.projects : {
      for group, role in groups : "${project}/${group}" => {
        project_key = "${var.project_key_prefix}${project}"
        group       = group
        role        = role
      }
    }
  ]...)
}

resource "dataiku_group" "this" {
  for_each = local.access.groups

  name             = "${var.name_prefix}${each.key}"
  description      = try(each.value.description, "")
  source_type      = length(try(each.value.ldap_group_names, [])) > 0 ? "LDAP" : "LOCAL"
  ldap_group_names = try(each.value.ldap_group_names, null)
}

resource "dataiku_user" "this" {
  for_each = local.access.users

  login        = "${var.name_prefix}${each.key}"
  display_name = try(each.value.display_name, "")
  email        = try(each.value.email, null)
  user_profile = try(each.value.profile, null)
  source_type  = "LOCAL_NO_AUTH"
  groups       = [for g in try(each.value.groups, []) : dataiku_group.this[g].name]
}

resource "dataiku_project_grant" "this" {
  for_each = local.grants

  project_key = each.value.project_key
  group       = dataiku_group.this[each.value.group].name

  admin                 = try(local.roles[each.value.role].admin, false)
  read_project_content  = try(local.roles[each.value.role].read_project_content, false)
  write_project_content = try(local.roles[each.value.role].write_project_content, false)
  read_dashboards       = try(local.roles[each.value.role].read_dashboards, false)
  write_dashboards      = try(local.roles[each.value.role].write_dashboards, false)
  run_scenarios         = try(local.roles[each.value.role].run_scenarios, false)
  export_datasets_data  = try(local.roles[each.value.role].export_datasets_data, false)

  lifecycle {
    precondition {
      condition     = contains(keys(local.roles), each.value.role)
      error_message = "access.yaml gives ${each.value.group} the role \"${each.value.role}\" on ${each.value.project_key}; the roles are ${join(", ", keys(local.roles))}."
    }
  }
}

output "grants" {
  description = "Each project's grants made here, as PROJECT/group = role."
  value       = { for k, g in local.grants : k => g.role }
}
