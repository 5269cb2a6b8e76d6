# Every instance variable: a variable added in DSS by hand is removed by
# the next apply. Projects read them as ${env} or in code with
# dataiku.get_custom_variables().
resource "dataiku_instance_variables" "this" {
  variables = {
    env            = "prod"
    retention_days = 30
    notify         = ["data-team@example.com"]
  }
}
