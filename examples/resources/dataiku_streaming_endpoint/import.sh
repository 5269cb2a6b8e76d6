# Streaming endpoints are imported with DSS's reference form,
# PROJECT_KEY.name (the name is the endpoint's id in DSS). The imported
# state holds every parameter DSS has in params; plans compare only the keys
# the configuration writes, so the plan after an import is empty when those
# keys match.
terraform import dataiku_streaming_endpoint.orders SALES.orders_stream

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_streaming_endpoint.orders
#   identity = { project_key = "SALES", name = "orders_stream" }
# }
