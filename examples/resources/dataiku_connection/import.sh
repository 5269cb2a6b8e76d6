# Connections are imported with their name. Secrets cannot be imported: the
# state has no secret_params_wo_version, so the first apply with
# secret_params_wo and a version sends the configured secrets to DSS.
terraform import dataiku_connection.warehouse warehouse
