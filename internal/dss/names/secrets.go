package names

// SecretParamKeys are the keys of a connection's params that DSS stores
// encrypted and returns only in an encrypted form [I]. The client keeps
// them out of state and of the non-secret params; the emulator encrypts
// them (its guide lists them).
var SecretParamKeys = []string{
	"password", "secretKey", "token", "privateKey", "clientSecret", "sessionToken",
	"passphrase", "accountKey", "sasToken", "refreshToken",
}
