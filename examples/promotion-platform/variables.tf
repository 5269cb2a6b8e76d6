variable "design_host" {
  type        = string
  description = "URL of the node that hosts the Project Deployer (here the design node)."
}

variable "design_api_key" {
  type        = string
  sensitive   = true
  description = "A key of an administrator of the Project Deployer."
}

variable "dev_automation_url" {
  type        = string
  description = "URL of the development automation node, as the deployer reaches it."
}

variable "dev_automation_api_key" {
  type        = string
  sensitive   = true
  ephemeral   = true
  description = "An admin key of the development automation node: the deployer deploys with it."
}

variable "dev_automation_api_key_version" {
  type        = number
  default     = 1
  description = "Bump it with a new dev_automation_api_key to send the rotated key."
}

variable "prod_automation_url" {
  type        = string
  description = "URL of the production automation node, as the deployer reaches it."
}

variable "prod_automation_api_key" {
  type        = string
  sensitive   = true
  ephemeral   = true
  description = "An admin key of the production automation node."
}

variable "prod_automation_api_key_version" {
  type        = number
  default     = 1
  description = "Bump it with a new prod_automation_api_key to send the rotated key."
}

variable "project_team_group" {
  type        = string
  default     = "data-team"
  description = "The DSS group of the project team: it deploys to development only."
}

variable "release_manager_group" {
  type        = string
  default     = "release-managers"
  description = "The DSS group that deploys to production."
}
