# Applies the Kubernetes namespaces' quotas and limit ranges that DSS's
# general settings define (Terraform >= 1.14; needs an admin key).
# On demand: terraform apply -invoke=action.dataiku_kubernetes_policies_apply.namespaces
action "dataiku_kubernetes_policies_apply" "namespaces" {}
