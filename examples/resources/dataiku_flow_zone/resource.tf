# Two zones splitting a project's Flow. Each zone's items are authoritative
# for that zone: an object listed here is moved in from whatever zone held
# it, an object DSS shows here but not listed goes back to the default zone.
resource "dataiku_flow_zone" "ingest" {
  project_key = "SALES"
  name        = "Ingestion"
  color       = "#2ab1ac"
  items = [
    { type = "DATASET", id = "orders_raw" },
    { type = "MANAGED_FOLDER", id = "aB3dE5fG" },
  ]
}

resource "dataiku_flow_zone" "prepare" {
  project_key = "SALES"
  name        = "Preparation"
  color       = "#f29d1b"
  items = [
    { type = "RECIPE", id = "compute_orders_clean" },
    { type = "DATASET", id = "orders_clean" },
  ]
}

# A zone whose membership is arranged in DSS's Flow by hand: without
# items, the provider manages only its name and color.
resource "dataiku_flow_zone" "sandbox" {
  project_key = "SALES"
  name        = "Sandbox"
}
