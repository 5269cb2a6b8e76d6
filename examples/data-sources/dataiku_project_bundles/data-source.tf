data "dataiku_project_bundles" "sales" {
  project_key = "SALES"
}

# The bundles already on the Project Deployer.
output "published_bundles" {
  value = [for b in data.dataiku_project_bundles.sales.bundles : b.bundle_id if b.published_project_key != null]
}
