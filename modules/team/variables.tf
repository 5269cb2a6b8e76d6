variable "name" {
  type        = string
  description = "The team's DSS group name, e.g. `growth`. It also names the team's project folder unless `folder_name` is set. DSS cannot rename a group: changing it replaces the group."
}

variable "description" {
  type        = string
  default     = ""
  description = "The group's description."
}

variable "ldap_group_names" {
  type        = set(string)
  default     = []
  description = "Directory groups whose members belong to the team. When set, the group's source is `LDAP` and DSS takes its members from the directory; when empty, the group is `LOCAL` and members are set on each `dataiku_user`."
}

variable "capabilities" {
  type = object({
    may_create_projects           = optional(bool, true)
    may_write_safe_code           = optional(bool, true)
    may_create_code_envs          = optional(bool, false)
    may_create_published_projects = optional(bool, false)
    may_write_unsafe_code         = optional(bool, false)
    # DSS 11 and 12: left out (null), DSS's value is kept.
    may_create_workspaces           = optional(bool)
    may_share_to_workspaces         = optional(bool)
    may_create_data_collections     = optional(bool)
    may_publish_to_data_collections = optional(bool)
  })
  default     = {}
  description = "What the team's members may do on the instance. Each one left out takes the default shown: projects and safe code yes, code envs, publishing and unsafe code no. The workspace and data collection capabilities (DSS 11 and 12) left out keep DSS's value."
}

variable "folder_name" {
  type        = string
  default     = null
  description = "Name of the team's project folder. Defaults to `name`."
}

variable "parent_folder_id" {
  type        = string
  default     = "ROOT"
  description = "Id of the folder that holds the team's folder; `ROOT` (the default) is the root."
}

variable "code_env" {
  type = object({
    name               = string
    packages           = list(string)
    python_interpreter = optional(string)
  })
  default     = null
  description = "A Python code env for the team, which its members may use but not change (only DSS administrators and the env's owner may). Left out: none."
}
