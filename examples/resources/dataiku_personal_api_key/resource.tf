# An admin creates a personal key for a user: the key acts with exactly the
# user's rights, and stops working when the user is disabled or deleted.
resource "dataiku_personal_api_key" "reporting" {
  user        = "reporting-bot"
  label       = "nightly-reports"
  description = "Nightly report exports"
}

output "reporting_key_secret" {
  value     = dataiku_personal_api_key.reporting.secret
  sensitive = true
}
