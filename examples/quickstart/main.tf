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
