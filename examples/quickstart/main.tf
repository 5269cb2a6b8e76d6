# The connection to DSS comes from DATAIKU_HOST and DATAIKU_API_KEY (or
# DKU_DSS_URL/DKU_API_KEY, or ~/.dataiku/config.json): nothing secret is
# written here.
provider "dataiku" {}

# Which instance, and which user, this run is connected as.
data "dataiku_instance" "this" {}

locals {
  project_key = "${var.project_key_prefix}_SALES_${upper(var.environment)}"
  common_tags = ["terraform", "quickstart", var.environment]
}
