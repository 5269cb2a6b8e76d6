variable "design_host" {
  type        = string
  description = "URL of the design node, e.g. http://127.0.0.1:11200."
}

variable "design_api_key" {
  type      = string
  sensitive = true
}

variable "automation_host" {
  type        = string
  description = "URL of the automation node, as the design node reaches it."
}

variable "automation_api_key" {
  type        = string
  sensitive   = true
  description = "An admin key of the automation node: the deployer deploys with it."
}

variable "project_key" {
  type    = string
  default = "PROMO"
}

variable "release" {
  type        = string
  default     = "v1"
  description = "The bundle id: bump it to release the design project's current state."
}

variable "with_returns" {
  type        = bool
  default     = false
  description = "A change on the design side: a second dataset, released by a new bundle."
}
