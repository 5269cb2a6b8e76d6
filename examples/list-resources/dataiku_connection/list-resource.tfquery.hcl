# The PostgreSQL connections.
list "dataiku_connection" "postgres" {
  provider = dataiku
  config {
    type = "PostgreSQL"
  }
}
