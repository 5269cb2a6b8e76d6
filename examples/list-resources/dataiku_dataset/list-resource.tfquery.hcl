# The PostgreSQL datasets of project SALES stored in connection dwh.
list "dataiku_dataset" "sales_sql" {
  provider = dataiku
  config {
    project_key     = "SALES"
    type            = "PostgreSQL"
    connection_name = "dwh"
  }
}

# Every dataset of project SALES, with each dataset's resource object.
list "dataiku_dataset" "sales" {
  provider         = dataiku
  include_resource = true
  limit            = 500
  config {
    project_key = "SALES"
  }
}
