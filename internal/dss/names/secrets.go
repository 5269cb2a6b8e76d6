package names

// SecretParamKeys are the keys of a connection's params that DSS stores
// encrypted and returns only in an encrypted form [I]. The client keeps
// them out of state and of the non-secret params; the emulator encrypts
// them (its guide lists them).
var SecretParamKeys = []string{
	"password", "secretKey", "token", "privateKey", "clientSecret", "sessionToken",
	"passphrase", "accountKey", "sasToken", "refreshToken",
}

// ReporterSecretKeys are the keys of a scenario reporter's (or a
// send_report step's) messaging.configuration held as credentials [I: the
// webhook reporter's url is what real projects show; the others are the
// names chat and webhook integrations give their tokens]. It is the one
// list: the provider's validators, reads and writes and the client's
// redaction all use it.
var ReporterSecretKeys = []string{"url", "webhookUrl", "token", "authToken", "password", "apiKey"}
