# Find a code studio's generated id and state by its name (one studio of
# that name), e.g. to stop it with dataiku_code_studio_stop.
data "dataiku_code_studio" "ide" {
  project_key = "SALES"
  name        = "Forecasting IDE"
}

output "ide_state" {
  value = data.dataiku_code_studio.ide.state
}
