package provider

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// Acceptance tests run against the DSS named by DATAIKU_HOST and
// DATAIKU_API_KEY when DATAIKU_HOST is set, and otherwise against an
// emulator started in this process. testEmulator is nil against a real DSS.
var (
	testEmulator *emulator.Running
	testHost     string
	testAPIKey   string
)

// Keys of the in-process emulator. The user keys let tests check what DSS
// shows a non-admin key.
const (
	testAdminKey     = "acc-admin-key-9f8e7d6c5b4a"
	testAliceLogin   = "alice"
	testAliceKey     = "acc-alice-key-1a2b3c4d"
	testAliceGroup   = "analysts"
	testBobLogin     = "bob"
	testBobKey       = "acc-bob-key-5e6f7a8b"
	testPGConnection = "pg_warehouse"
	// Global (instance-wide) keys: one acting as alice, one with no
	// associated DSS user.
	testGlobalAliceKey  = "acc-global-alice-2c3d4e5f"
	testGlobalNoUserKey = "acc-global-nouser-6a7b8c9d"
)

var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"dataiku": NewProtocol6ServerWithError("test"),
}

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	defer removeCLISetup()
	if os.Getenv("TF_ACC") != "" {
		testHost = os.Getenv("DATAIKU_HOST")
		testAPIKey = os.Getenv("DATAIKU_API_KEY")
		if testHost == "" {
			running, err := emulator.Start(emulator.Options{
				AdminKey: testAdminKey,
				UserKeys: []emulator.UserKey{
					{Login: testAliceLogin, Key: testAliceKey, Groups: []string{testAliceGroup}},
					{Login: testBobLogin, Key: testBobKey},
				},
				GlobalKeys: []emulator.GlobalKey{
					{Key: testGlobalAliceKey, Label: "acc-global-alice", AssociatedUser: testAliceLogin},
					{Key: testGlobalNoUserKey, Label: "acc-global-nouser"},
				},
				Connections: append(append([]emulator.Connection{}, emulator.DefaultConnections...),
					emulator.Connection{Name: testPGConnection, Type: "PostgreSQL", AllowManaged: true}),
			})
			if err != nil {
				fmt.Fprintln(os.Stderr, "starting the DSS emulator:", err)
				return 1
			}
			defer running.Close()
			testEmulator = running
			testHost, testAPIKey = running.URL(), testAdminKey
			// The provider under test reads these like a user's shell.
			os.Setenv("DATAIKU_HOST", testHost)
			os.Setenv("DATAIKU_API_KEY", testAPIKey)
		}
	}
	return m.Run()
}

// testAccPreCheck skips without TF_ACC and fails a test that cannot reach
// a DSS.
func testAccPreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		// As resource.Test does: acceptance tests run only with TF_ACC set
		// (make test sets it), never by accident in a plain go test.
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	if testHost == "" || testAPIKey == "" {
		t.Fatal("DATAIKU_HOST and DATAIKU_API_KEY must be set, or unset DATAIKU_HOST to use the emulator")
	}
}

// requireEmulator is for tests that need the emulator's controls (faults,
// request counters, user keys); against a real DSS they cannot run.
func requireEmulator(t *testing.T) *emulator.Running {
	t.Helper()
	if testEmulator == nil {
		t.Skip("needs the DSS emulator's controls; not available against a real DSS")
	}
	return testEmulator
}

// testClient is an admin client for changing DSS outside Terraform and
// checking its state.
func testClient(t *testing.T) *dss.Client {
	t.Helper()
	testAccPreCheck(t)
	c, err := dss.NewClient(dss.Config{Host: testHost, APIKey: testAPIKey, RequestTimeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// testCtx is a context for test-side calls to DSS.
func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}
