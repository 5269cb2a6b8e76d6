terraform {
  required_providers {
    dataiku = { source = "tf-dataiku/dataiku" }
  }
}
provider "dataiku" {}

resource "dataiku_project" "p" {
  project_key = "UPGR"
  name        = "Upgrade recipes"
}

resource "dataiku_dataset" "a" {
  project_key     = dataiku_project.p.project_key
  name            = "a"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
}

resource "dataiku_dataset" "b" {
  project_key     = dataiku_project.p.project_key
  name            = "b"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
}

resource "dataiku_dataset" "out" {
  project_key     = dataiku_project.p.project_key
  name            = "out"
  type            = "Filesystem"
  connection_name = "filesystem_managed"
  managed         = true
}

resource "dataiku_recipe" "join" {
  project_key = dataiku_project.p.project_key
  name        = "join_a_b"
  type        = "join"
  inputs      = { main = [{ ref = dataiku_dataset.a.name }, { ref = dataiku_dataset.b.name }] }
  outputs     = { main = [{ ref = dataiku_dataset.out.name, append = false }] }
  payload = jsonencode({
    joins = [{
      table1 = 0, table2 = 1, type = "LEFT", conditionsMode = "AND"
      on     = [{ type = "EQ", column1 = { name = "id", table = 0 }, column2 = { name = "id", table = 1 } }]
    }]
  })
  params = jsonencode({ engineParams = { maxThreads = 2 } })
}
