data "dataiku_meanings" "patterns" {
  type = "PATTERN"
}

output "pattern_meanings" {
  value = data.dataiku_meanings.patterns.ids
}
