package acctest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
)

// UserPasswordIs checks, in the emulator's store, that the user's
// password is pw (the emulator keeps its SHA-256).
func UserPasswordIs(t *testing.T, login, pw string) error {
	t.Helper()
	u := RequireEmulator(t).Server.Snapshot().Users[login]
	sum := sha256.Sum256([]byte(pw))
	if u == nil || u.PasswordHash != hex.EncodeToString(sum[:]) {
		return fmt.Errorf("user %s does not have the password %q", login, pw)
	}
	return nil
}
