# A cluster made in DSS's screens, found by name.
data "dataiku_cluster" "eks" {
  name = "eks-prod"
}

output "eks_cluster_id" {
  value = data.dataiku_cluster.eks.id
}
