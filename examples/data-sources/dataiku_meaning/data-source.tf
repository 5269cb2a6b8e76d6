data "dataiku_meaning" "country" {
  meaning_id = "country_code"
}

output "country_codes" {
  value = [for v in data.dataiku_meaning.country.values : v.value]
}
