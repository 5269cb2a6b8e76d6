resource "dataiku_cluster" "k8s" {
  name         = "eks-analytics"
  architecture = "KUBERNETES"
  params = {
    kubeConfigPath = "/home/dataiku/.kube/config"
  }
}
