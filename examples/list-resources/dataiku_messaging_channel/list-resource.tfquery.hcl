# Every messaging channel of the instance.
list "dataiku_messaging_channel" "all" {
  provider = dataiku
}
