# Stops a cluster and releases its machines (Terraform >= 1.14; needs an
# admin key). On demand: terraform apply -invoke=action.dataiku_cluster_stop.nightly
action "dataiku_cluster_stop" "nightly" {
  config {
    cluster_id = "aBcD1234"
    terminate  = true
  }
}
