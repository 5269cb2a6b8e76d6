variable "project_key" {
  description = "Key of the project the example creates."
  type        = string
  default     = "DQ_EXAMPLE"
}
