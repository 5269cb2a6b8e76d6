# Starts a cluster before the night's jobs (Terraform >= 1.14; needs an
# admin key). On demand: terraform apply -invoke=action.dataiku_cluster_start.nightly
action "dataiku_cluster_start" "nightly" {
  config {
    cluster_id = "aBcD1234"
  }
}
