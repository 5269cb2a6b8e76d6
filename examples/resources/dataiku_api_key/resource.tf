# A service key with the rights of one group, acting as a DSS user (who then
# owns the projects it creates), valid for 90 days.
resource "dataiku_api_key" "ci" {
  label             = "ci-deployer"
  description       = "Used by the CI pipeline to deploy projects"
  groups            = ["deployers"]
  impersonated_user = "ci-bot"
  lifetime_days     = 90
}

# An admin key. DSS cannot change a key's admin permission: flipping
# `admin` replaces the key (new id, new secret).
resource "dataiku_api_key" "platform" {
  label = "platform-admin"
  admin = true
}

# The secret is in the state (sensitive): hand it to whatever needs it.
output "ci_key_secret" {
  value     = dataiku_api_key.ci.secret
  sensitive = true
}
