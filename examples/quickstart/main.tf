terraform {
  required_providers {
    dataiku = {
      source = "tf-dataiku/dataiku"
    }
  }
}

# The connection comes from DATAIKU_HOST and DATAIKU_API_KEY.
provider "dataiku" {}

data "dataiku_instance" "this" {}

output "dss" {
  value = {
    host        = data.dataiku_instance.this.host
    dss_version = data.dataiku_instance.this.dss_version
    connected   = data.dataiku_instance.this.auth_identifier
  }
}

resource "dataiku_project" "demo" {
  project_key       = "QUICKSTART"
  name              = "Quickstart"
  short_description = "Created by make demo"
  tags              = ["demo", "terraform"]
  permissions = [
    { group = "analysts", read_project_content = true, read_dashboards = true },
  ]
  standard_variables = jsonencode({ env = "demo" })
}
