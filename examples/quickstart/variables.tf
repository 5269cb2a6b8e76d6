variable "environment" {
  type        = string
  default     = "design"
  description = "Which DSS instance this configuration targets: \"design\" or \"automation\". It is part of every project key and tag, so the same code can be promoted from one instance to the other."

  validation {
    condition     = contains(["design", "automation"], var.environment)
    error_message = "environment must be \"design\" or \"automation\"."
  }
}

variable "project_key_prefix" {
  type        = string
  default     = "QS"
  description = "Prefix of the project keys: capital letters, digits and underscores, starting with a letter."

  validation {
    condition     = can(regex("^[A-Z][A-Z0-9_]*$", var.project_key_prefix))
    error_message = "project_key_prefix must be capital letters, digits and underscores, starting with a letter."
  }
}

variable "owner_group" {
  type        = string
  default     = "analysts"
  description = "DSS group that works on the project: it is granted read and write access to the project's content."
}

variable "warehouse_connection" {
  type        = string
  default     = "pg_warehouse"
  description = "Name of the PostgreSQL connection holding the warehouse tables. Connections are instance-level in DSS and often named differently on each instance."
}
