# Exposed objects are imported with PROJECT_KEY.TYPE.local_name: the
# sharing project, DSS's object type, and the object's name (a dataset) or
# id (a managed folder, a saved model).
terraform import dataiku_exposed_object.orders SALES.DATASET.orders
