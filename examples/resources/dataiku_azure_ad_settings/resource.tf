variable "azure_client_secret" {
  type      = string
  sensitive = true
}

# Azure AD (Microsoft Entra ID) as a source of users and groups: only the
# keys written are managed. The application's client secret is write-only.
resource "dataiku_azure_ad_settings" "this" {
  settings = {
    enabled                       = true
    credentialMethod              = "OAUTH2_SECRET"
    credentialsTenantId           = "00000000-0000-0000-0000-000000000000"
    credentialsClientId           = "11111111-1111-1111-1111-111111111111"
    authorizedGroups              = ["dss-users"]
    autoProvisionUsersAtLoginTime = true
    defaultUserProfile            = "READER"
  }
  client_secret_wo         = var.azure_client_secret
  client_secret_wo_version = 1
}
