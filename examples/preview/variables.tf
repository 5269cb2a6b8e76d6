variable "dss_host" {
  type        = string
  description = "URL of the DSS design node, e.g. http://127.0.0.1:11200."
}

variable "dss_api_key" {
  type        = string
  sensitive   = true
  description = "A key that may read SALES and create projects."
}

variable "branch" {
  type        = string
  description = "The branch previewed, e.g. feature_x: letters, digits and underscores (DSS's project key rule)."

  validation {
    condition     = can(regex("^[A-Za-z0-9_]+$", var.branch))
    error_message = "The branch name must be made of letters, digits and underscores: it becomes part of a project key."
  }
}

variable "ci_group" {
  type        = string
  default     = "ci"
  description = "The DSS group of the CI team, granted read, write and scenario runs on the preview."
}

variable "connection_remapping" {
  type        = map(string)
  default     = {}
  description = "Connections the preview uses instead of SALES's, e.g. { pg_prod = \"pg_preview\" }."
}
