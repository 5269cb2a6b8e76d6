package provider

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// Acceptance tests run against the DSS named by DATAIKU_HOST and
// DATAIKU_API_KEY when DATAIKU_HOST is set, all of them against that one
// DSS. Otherwise each test gets its own emulator, started in this process
// when the test first asks for it (testHost, testClient, requireEmulator,
// testAccProtoV6ProviderFactories), so request counters, armed faults and
// knobs belong to one test and tests can run side by side.
var (
	// testRealHost is DATAIKU_HOST; empty when tests use emulators.
	testRealHost string
	// testAPIKey is the admin key: DATAIKU_API_KEY, or every emulator's.
	testAPIKey string
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

// testEnvProviderFactories build the provider as a user's shell would
// run it: the connection comes only from the provider block, the
// environment and the client configuration file. Tests of that resolution
// use them; the others use testAccProtoV6ProviderFactories(t).
var testEnvProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"dataiku": NewProtocol6ServerWithError("test"),
}

// testAccProtoV6ProviderFactories build the provider for t: when neither
// the provider block nor the environment names a DSS (t.Setenv of
// DATAIKU_API_KEY, say, still wins), it connects to t's DSS with the admin
// key.
func testAccProtoV6ProviderFactories(t *testing.T) map[string]func() (tfprotov6.ProviderServer, error) {
	t.Helper()
	own := fallbackDSS{host: testHost(t), apiKey: testAPIKey}
	newProvider := func() provider.Provider { return &dataikuProvider{version: "test", testDSS: own} }
	server := ReleasingProtocol6Server(newProvider)
	return map[string]func() (tfprotov6.ProviderServer, error){
		"dataiku": func() (tfprotov6.ProviderServer, error) { return server(), nil },
	}
}

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	defer removeCLISetup()
	defer closeLeftoverEmulators()
	if os.Getenv("TF_ACC") != "" {
		testRealHost = os.Getenv("DATAIKU_HOST")
		testAPIKey = os.Getenv("DATAIKU_API_KEY")
		if testRealHost == "" {
			testAPIKey = testAdminKey
			// The provider under test finds each test's emulator after
			// the environment (fallbackDSS): a shell's own settings must
			// not steer it elsewhere, as they could not when this process
			// set DATAIKU_HOST and DATAIKU_API_KEY for all tests.
			for _, name := range []string{"DATAIKU_API_KEY", "DKU_DSS_URL", "DKU_API_KEY"} {
				os.Unsetenv(name)
			}
		}
	}
	return m.Run()
}

// testEmulatorOptions is the DSS every test's emulator starts as.
func testEmulatorOptions() emulator.Options {
	return emulator.Options{
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
	}
}

// testEmulators are the running emulators by top-level test name: a test
// and its subtests share one.
var testEmulators = struct {
	sync.Mutex
	byTest map[string]*emulator.Running
	// leftover were started by a subtest, whose parent's end this package
	// cannot hook: TestMain closes them.
	leftover []*emulator.Running
}{byTest: map[string]*emulator.Running{}}

// testEmulator is t's emulator, started at its first use and closed when
// the test ends; nil against a real DSS or without TF_ACC.
func testEmulator(t *testing.T) *emulator.Running {
	t.Helper()
	if os.Getenv("TF_ACC") == "" || testRealHost != "" {
		return nil
	}
	top, _, sub := strings.Cut(t.Name(), "/")
	testEmulators.Lock()
	defer testEmulators.Unlock()
	// The nearest test up the tree that has an emulator: a subtest that
	// asked for its own (testAccSeparateEmulator), else the top-level one.
	for name := t.Name(); ; {
		if running, ok := testEmulators.byTest[name]; ok {
			return running
		}
		parent := name[:max(strings.LastIndex(name, "/"), 0)]
		if parent == "" {
			break
		}
		name = parent
	}
	running, err := emulator.Start(testEmulatorOptions())
	if err != nil {
		t.Fatalf("starting the DSS emulator: %v", err)
	}
	testEmulators.byTest[top] = running
	if sub {
		testEmulators.leftover = append(testEmulators.leftover, running)
		return running
	}
	t.Cleanup(func() {
		testEmulators.Lock()
		delete(testEmulators.byTest, top)
		testEmulators.Unlock()
		running.Close()
	})
	return running
}

// testAccSeparateEmulator gives subtest t (and its own subtests) an
// emulator of its own, closed when t ends, so that subtests can run in
// parallel, each arming faults and counting requests on its own DSS.
func testAccSeparateEmulator(t *testing.T) *emulator.Running {
	t.Helper()
	if os.Getenv("TF_ACC") == "" || testRealHost != "" {
		t.Skip("needs an emulator of its own; not available against a real DSS")
	}
	running, err := emulator.Start(testEmulatorOptions())
	if err != nil {
		t.Fatalf("starting the DSS emulator: %v", err)
	}
	testEmulators.Lock()
	testEmulators.byTest[t.Name()] = running
	testEmulators.Unlock()
	t.Cleanup(func() {
		testEmulators.Lock()
		delete(testEmulators.byTest, t.Name())
		testEmulators.Unlock()
		running.Close()
	})
	return running
}

// closeLeftoverEmulators closes the emulators first asked for by a
// subtest.
func closeLeftoverEmulators() {
	testEmulators.Lock()
	defer testEmulators.Unlock()
	for _, running := range testEmulators.leftover {
		running.Close()
	}
}

// testHost is the URL of t's DSS: DATAIKU_HOST or t's emulator.
func testHost(t *testing.T) string {
	t.Helper()
	if running := testEmulator(t); running != nil {
		return running.URL()
	}
	return testRealHost
}

// testAccParallel runs t beside the other parallel tests: it touches only
// projects of its own (keys no other test uses), so it can share a real
// DSS too.
func testAccParallel(t *testing.T) {
	t.Helper()
	t.Parallel()
}

// testAccParallelOnEmulator runs t beside the other parallel tests on its
// own emulator only: it changes or reads instance-wide state (users,
// groups, connections, code environments, API keys, instance settings),
// so against a shared real DSS it runs alone.
func testAccParallelOnEmulator(t *testing.T) {
	t.Helper()
	if testRealHost == "" {
		t.Parallel()
	}
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
	if testHost(t) == "" || testAPIKey == "" {
		t.Fatal("DATAIKU_HOST and DATAIKU_API_KEY must be set, or unset DATAIKU_HOST to use the emulator")
	}
}

// requireEmulator is for tests that need the emulator's controls (faults,
// request counters, user keys); against a real DSS they cannot run.
func requireEmulator(t *testing.T) *emulator.Running {
	t.Helper()
	running := testEmulator(t)
	if running == nil {
		t.Skip("needs the DSS emulator's controls; not available against a real DSS")
	}
	return running
}

// testClient is an admin client for changing DSS outside Terraform and
// checking its state.
func testClient(t *testing.T) *dss.Client {
	t.Helper()
	testAccPreCheck(t)
	c, err := dss.NewClient(dss.Config{Host: testHost(t), APIKey: testAPIKey, RequestTimeout: 30 * time.Second})
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
