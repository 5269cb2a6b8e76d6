# Global API keys are imported with their id (never their secret). The
# secret of an imported key is null: DSS shows it only on creation.
terraform import dataiku_api_key.ci AbCdEfGh12345678
