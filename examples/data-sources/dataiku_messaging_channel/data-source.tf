data "dataiku_messaging_channel" "mail" {
  id = "mail-ops"
}

output "mail_sender" {
  value = data.dataiku_messaging_channel.mail.settings.sender
}
