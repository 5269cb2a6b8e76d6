# Every user-defined meaning of the instance that checks a list of values.
list "dataiku_meaning" "values_lists" {
  provider = dataiku

  config {
    type = "VALUES_LIST"
  }
}
