# Every PostgreSQL connection of the instance, by name.
data "dataiku_connections" "postgres" {
  type = "PostgreSQL"
}

output "postgres_connections" {
  value = data.dataiku_connections.postgres.names
}
