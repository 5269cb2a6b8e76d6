variable "oidc_client_secret" {
  type      = string
  sensitive = true
}

# Single sign-on with OpenID Connect: only the keys written are managed,
# inside openIDParams too. The client secret is write-only.
resource "dataiku_sso_settings" "this" {
  settings = {
    enabled  = true
    protocol = "OPENID"
    openIDParams = {
      clientId              = "dataiku-dss"
      issuer                = "https://idp.example.com"
      authorizationEndpoint = "https://idp.example.com/authorize"
      tokenEndpoint         = "https://idp.example.com/token"
      jwksUri               = "https://idp.example.com/jwks"
      claimKeyIdentifier    = "preferred_username"
      enableGroups          = true
      claimKeyGroups        = "groups"
    }
    autoProvisionUsersAtLoginTime = true
    defaultUserProfile            = "READER"
  }
  client_secret_wo         = var.oidc_client_secret
  client_secret_wo_version = 1
}
