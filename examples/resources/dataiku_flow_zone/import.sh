# Flow zones are imported with PROJECT_KEY.zone_id, the id DSS generated
# (not the zone's name; data.dataiku_flow_zones lists the ids). The default
# zone cannot be imported.
terraform import dataiku_flow_zone.ingest SALES.kFJ3a9x

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_flow_zone.ingest
#   identity = { project_key = "SALES", id = "kFJ3a9x" }
# }
