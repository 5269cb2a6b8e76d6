# A few keys of DSS's general settings; every other setting is left to DSS
# and the administrators. Nested objects manage only the keys written in
# them: here ldapSettings.enabled, not the rest of ldapSettings.
resource "dataiku_instance_settings" "this" {
  settings = {
    maxRunningActivities       = 10
    maxRunningActivitiesPerJob = 4
    ldapSettings = {
      enabled = false
    }
  }
}
