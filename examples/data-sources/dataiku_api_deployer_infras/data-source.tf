data "dataiku_api_deployer_infras" "all" {}

output "api_infras_by_stage" {
  value = { for i in data.dataiku_api_deployer_infras.all.infras : i.id => i.stage }
}
