variable "design_host" {
  type        = string
  description = "URL of the design node, which hosts the Project Deployer."
}

variable "design_api_key" {
  type        = string
  sensitive   = true
  description = "A key of the project team on the design node; deploying needs rights on the Project Deployer."
}

variable "project_key" {
  type    = string
  default = "ORDERS"
}

variable "dev_infra_id" {
  type        = string
  default     = "dev"
  description = "The development infrastructure, managed by the platform team."
}

variable "prod_infra_id" {
  type        = string
  default     = "prod"
  description = "The production infrastructure, managed by the platform team."
}

variable "release" {
  type        = string
  default     = "v1"
  description = "The bundle id to export, publish and deploy to development: bump it to release the design project's current state."
}

variable "prod_release" {
  type        = string
  default     = null
  description = "The bundle id production runs, one var.release published earlier; null until the first promotion."
}

variable "dev_connection_remappings" {
  type        = map(string)
  default     = {}
  description = "Design node connection name => development automation node connection name."
}

variable "prod_connection_remappings" {
  type        = map(string)
  default     = {}
  description = "Design node connection name => production automation node connection name."
}
