variable "dss_host" {
  type        = string
  description = "URL of the DSS design node, e.g. http://127.0.0.1:11200."
}

variable "dss_api_key" {
  type        = string
  sensitive   = true
  description = "An administrator's key: groups and users are instance objects, and granting needs admin on the projects."
}

variable "access_file" {
  type        = string
  default     = "access.yaml"
  description = "The YAML file that says who may do what, relative to this folder."
}

variable "name_prefix" {
  type        = string
  default     = ""
  description = "A prefix for the group names and logins, to try the example on an instance that has people of these names (e.g. `try_`)."
}

variable "project_key_prefix" {
  type        = string
  default     = ""
  description = "A prefix for the project keys the file names, to try the example on copies of the projects (e.g. `TRY_`)."
}
