# A list of values, shown in this order and these colors in DSS.
resource "dataiku_meaning" "country" {
  meaning_id         = "country_code"
  label              = "Country code"
  type               = "VALUES_LIST"
  description        = "ISO 3166-1 alpha-2 codes of the countries we sell in."
  normalization_mode = "LOWERCASE"
  values = [
    { value = "FR", color = "#1f77b4" },
    { value = "DE", color = "#ff7f0e" },
    { value = "IT" },
  ]
}

# Values found in columns, mapped to what they mean.
resource "dataiku_meaning" "order_status" {
  meaning_id = "order_status"
  label      = "Order status"
  type       = "VALUES_MAPPING"
  mappings = [
    { from = "N", to = "new" },
    { from = "S", to = "shipped", color = "#2ca02c" },
  ]
}

# A pattern, that DSS may assign to columns set to auto-detect.
resource "dataiku_meaning" "invoice_id" {
  meaning_id = "invoice_id"
  label      = "Invoice id"
  type       = "PATTERN"
  pattern    = "INV-[0-9]{8}"
  detectable = true
}

# A dataset's column names the meaning by its id.
resource "dataiku_dataset" "orders" {
  project_key     = "SALES"
  name            = "orders"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = { path = "/landing/orders" }
  format_type     = "csv"
  format_params   = { separator = ",", parseHeaderRow = true }

  schema_columns = [
    { name = "country", type = "string", meaning = dataiku_meaning.country.meaning_id },
    { name = "invoice", type = "string", meaning = dataiku_meaning.invoice_id.meaning_id },
  ]
}
