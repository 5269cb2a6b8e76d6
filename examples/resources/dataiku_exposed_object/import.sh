# Exposed objects are imported with PROJECT_KEY.TYPE.local_name: the
# sharing project, DSS's object type, and the object's name (a dataset) or
# id (a managed folder, a saved model).
terraform import dataiku_exposed_object.orders SALES.DATASET.orders

# Terraform 1.12 and later can also name it by its identity, the same parts
# under the resource's attribute names:
# import {
#   to       = dataiku_exposed_object.orders
#   identity = { project_key = "SALES", type = "DATASET", local_name = "orders" }
# }
