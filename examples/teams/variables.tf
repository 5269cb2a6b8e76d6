variable "dss_host" {
  type        = string
  description = "URL of the DSS design node, e.g. http://127.0.0.1:11200."
}

variable "dss_api_key" {
  type        = string
  sensitive   = true
  description = "An administrator's key: the teams' groups and code env are instance objects."
}

variable "project_key" {
  type        = string
  default     = "GROWTH_CHURN"
  description = "Key of the churn project."
}

variable "admin_group" {
  type        = string
  default     = "administrators"
  description = "The group that administers the project; DSS's own administrators group by default."
}

variable "extra_readers" {
  type        = list(string)
  default     = []
  description = "Other existing groups that read the project."
}

variable "name_prefix" {
  type        = string
  default     = ""
  description = "A prefix for the teams' group, folder and code env names, to try the example on an instance that has teams of these names (e.g. `try_`)."
}
