data "dataiku_groups" "all" {}

output "admin_groups" {
  value = [for g in data.dataiku_groups.all.groups : g.name if g.admin]
}
