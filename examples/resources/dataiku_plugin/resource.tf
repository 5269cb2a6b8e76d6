# From Dataiku's plugin store: DSS installs the store's current version,
# which must be store_version.
resource "dataiku_plugin" "geo" {
  plugin_id        = "geoadmin"
  store_version    = "1.3.0"
  install_code_env = true
}

# From a git repository, pinned to a tag: a new tag updates the plugin in
# place.
resource "dataiku_plugin" "internal" {
  plugin_id    = "acme-connectors"
  git_url      = "https://git.example.com/data/acme-connectors.git"
  git_checkout = "v2.4.1"
  git_subpath  = "plugin"

  timeouts {
    create = "30m"
    update = "30m"
  }
}

# From an archive next to the configuration: a changed archive (its
# SHA-256) updates the plugin in place.
resource "dataiku_plugin" "reports" {
  plugin_id     = "acme-reports"
  zip_path      = "${path.module}/plugins/acme-reports.zip"
  force_destroy = true
}
