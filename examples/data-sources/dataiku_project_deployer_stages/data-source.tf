data "dataiku_project_deployer_stages" "all" {}

output "stage_ids" {
  value = [for s in data.dataiku_project_deployer_stages.all.stages : s.id]
}
