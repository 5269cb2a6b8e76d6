# The personal API keys of one user.
list "dataiku_personal_api_key" "alice" {
  provider = dataiku
  config {
    user = "alice"
  }
}
