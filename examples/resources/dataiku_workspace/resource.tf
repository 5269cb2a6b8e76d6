# The sales team's workspace: its analysts see what is shared there, its
# leads add and remove objects, and the platform team administers it.
resource "dataiku_group" "sales_analysts" {
  name = "sales_analysts"
}

resource "dataiku_workspace" "sales" {
  workspace_key = "SALES"
  display_name  = "Sales"
  description   = "Dashboards and datasets for the sales team"
  color         = "#2ab1ac"

  permissions = [
    { group = dataiku_group.sales_analysts.name, admin = false, write = false, read = true }, # member
    { group = "sales_leads", admin = false, write = true, read = true },                      # contributor
    { group = "platform", admin = true, write = true, read = true },                          # administrator
  ]
}
