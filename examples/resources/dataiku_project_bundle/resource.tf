variable "release" {
  type    = string
  default = "v1.2.0"
}

# One bundle per release: bumping var.release exports a new bundle and
# publishes it to the Project Deployer. keep_on_destroy leaves the older
# bundles on the design node when the resource moves on to the new id.
resource "dataiku_project_bundle" "release" {
  project_key     = "SALES"
  bundle_id       = var.release
  publish         = true
  keep_on_destroy = true

  lifecycle {
    create_before_destroy = true
  }
}
