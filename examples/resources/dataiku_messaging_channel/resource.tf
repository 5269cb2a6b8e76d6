# The instance's mail server: non-secret settings under DSS's names, the
# password write-only (never in the plan or the state). Change
# secret_settings_wo_version to send a new password.
variable "smtp_password" {
  type      = string
  sensitive = true
}

variable "teams_webhook_url" {
  type      = string
  sensitive = true
}

resource "dataiku_messaging_channel" "mail" {
  id   = "mail-ops"
  type = "smtp"
  settings = {
    host   = "smtp.example.com"
    port   = 587
    useTLS = true
    login  = "dss"
    sender = "dss@example.com"
  }
  secret_settings_wo         = { password = var.smtp_password }
  secret_settings_wo_version = 1
}

# A Microsoft Teams channel only the data team may use; its webhook URL is
# a secret.
resource "dataiku_messaging_channel" "teams" {
  id                 = "teams-data"
  type               = "msft-teams"
  settings           = { webhookType = "WORKFLOWS", useProxy = false }
  secret_settings_wo = { webhookUrl = var.teams_webhook_url }
  permissions = [
    { group = "data_team", can_use = true },
  ]
}
