variable "project_key" {
  type        = string
  description = "The project's key: letters, digits and underscores. Changing it replaces the project."
}

variable "name" {
  type        = string
  description = "The project's display name."
}

variable "short_description" {
  type        = string
  default     = ""
  description = "One-line description."
}

variable "description" {
  type        = string
  default     = ""
  description = "Long description (Markdown)."
}

variable "tags" {
  type        = set(string)
  default     = []
  description = "Project tags."
}

variable "folder_id" {
  type        = string
  default     = "ROOT"
  description = "Id of the project folder that holds the project, e.g. a team module's `folder_id`; `ROOT` (the default) is the root."
}

variable "readers" {
  type        = set(string)
  default     = []
  description = "Groups that read the project's content and dashboards."
}

variable "contributors" {
  type        = set(string)
  default     = []
  description = "Groups that also edit the content, write dashboards and run scenarios."
}

variable "admins" {
  type        = set(string)
  default     = []
  description = "Groups that administer the project (every right)."
}

variable "variables" {
  type        = any
  default     = null
  description = "The project's standard variables, an object such as `{ env = \"prod\" }`. Left out: the project's variables are left as DSS has them."
}

variable "zones" {
  type        = map(string)
  default     = {}
  description = "Flow zones to create, by name, each with its `#RRGGBB` color, e.g. `{ ingest = \"#2ab1ac\" }`. Which objects each zone holds is left to the project's users."
}

variable "python_env_name" {
  type        = string
  default     = null
  description = "A Python code env the project's code runs in by default, e.g. a team module's `code_env_name`. Left out: the project inherits the instance's default."
}

variable "deletion_protection" {
  type        = bool
  default     = false
  description = "Refuse to delete the project: a plan that would (its module call removed, `terraform destroy`) fails until this is set to `false` and applied. Kept in the state, so it holds when the module call is gone."
}
