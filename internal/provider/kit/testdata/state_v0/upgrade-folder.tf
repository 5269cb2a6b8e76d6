terraform {
  required_providers {
    dataiku = { source = "tf-dataiku/dataiku" }
  }
}
provider "dataiku" {}

resource "dataiku_project_folder" "f" {
  name  = "Upgrade lists"
  owner = "admin"
  permissions = jsonencode([
    { group = "analysts", read = true, writeContents = false, admin = false },
    { group = "readers", read = true },
  ])
}
