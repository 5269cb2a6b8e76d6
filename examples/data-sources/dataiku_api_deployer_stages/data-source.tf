data "dataiku_api_deployer_stages" "all" {}

output "api_stage_ids" {
  value = [for s in data.dataiku_api_deployer_stages.all.stages : s.id]
}
