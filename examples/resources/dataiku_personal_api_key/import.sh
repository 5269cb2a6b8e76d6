# Personal API keys are imported with their id (never their secret). The
# secret of an imported key is null: DSS shows it only on creation.
terraform import dataiku_personal_api_key.reporting Zy9Xw8Vu7Ts6Rq5P
