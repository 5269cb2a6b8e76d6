# A collection whose id DSS generates, readable by analysts and curated by
# the data team. The API key's own user stays an administrator (DSS adds
# it at creation; it is not part of permissions).
resource "dataiku_data_collection" "sales" {
  display_name = "Sales reference data"
  description  = "Curated datasets for the sales teams"
  color        = "#1f77b4"
  tags         = ["sales", "certified"]

  permissions = [
    { group = "analysts", admin = false, write = false, read = true },
    { group = "data_team", admin = false, write = true, read = true },
  ]
}

# A collection with an id chosen in advance (DSS expects 8 letters or
# digits); changing the id replaces the collection.
resource "dataiku_data_collection" "finance" {
  id           = "fin2024a"
  display_name = "Finance"
}
