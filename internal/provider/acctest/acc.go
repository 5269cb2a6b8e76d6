package acctest

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
	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// Acceptance tests run against the DSS named by DATAIKU_HOST and
// DATAIKU_API_KEY when DATAIKU_HOST is set, all of them against that one
// DSS. Otherwise each test gets its own emulator, started in this process
// when the test first asks for it (Host, Client, RequireEmulator,
// ProtoV6ProviderFactories), so request counters, armed faults and
// knobs belong to one test and tests can run side by side.
var (
	// testRealHost is DATAIKU_HOST; empty when tests use emulators.
	testRealHost string
	// APIKey is the admin key: DATAIKU_API_KEY, or every emulator's.
	APIKey string
)

// Keys of the in-process emulator. The user keys let tests check what DSS
// shows a non-admin key.
const (
	AdminKey     = "acc-admin-key-9f8e7d6c5b4a"
	AliceLogin   = "alice"
	AliceKey     = "acc-alice-key-1a2b3c4d"
	AliceGroup   = "analysts"
	BobLogin     = "bob"
	BobKey       = "acc-bob-key-5e6f7a8b"
	PGConnection = "pg_warehouse"
	// Global (instance-wide) keys: one acting as alice, one with no
	// associated DSS user.
	GlobalAliceKey  = "acc-global-alice-2c3d4e5f"
	GlobalNoUserKey = "acc-global-nouser-6a7b8c9d"
)

// EnvProviderFactories build the provider as a user's shell would
// run it: the connection comes only from the provider block, the
// environment and the client configuration file. Tests of that resolution
// use them; the others use ProtoV6ProviderFactories(t).
var EnvProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"dataiku": dataiku.NewProtocol6ServerWithError("test"),
}

// ProtoV6ProviderFactories build the provider for t: when neither
// the provider block nor the environment names a DSS (t.Setenv of
// DATAIKU_API_KEY, say, still wins), it connects to t's DSS with the admin
// key.
func ProtoV6ProviderFactories(t *testing.T) map[string]func() (tfprotov6.ProviderServer, error) {
	t.Helper()
	return factoriesWithSchema(t, nil)
}

// factoriesWithSchema are ProtoV6ProviderFactories whose servers answer
// schema (nil: the provider's whole schema).
func factoriesWithSchema(t *testing.T, schema *testSchema) map[string]func() (tfprotov6.ProviderServer, error) {
	t.Helper()
	own := dataiku.FallbackDSS{Host: Host(t), APIKey: APIKey}
	newProvider := func() provider.Provider { return &dataiku.DataikuProvider{Version: "test", TestDSS: own} }
	server := dataiku.ReleasingProtocol6Server(newProvider)
	return map[string]func() (tfprotov6.ProviderServer, error){
		"dataiku": func() (tfprotov6.ProviderServer, error) { return withSchemaOnce(server(), schema) },
	}
}

func RunTests(m *testing.M) int {
	defer removeCLISetup()
	defer closeLeftoverEmulators()
	if os.Getenv("TF_ACC") != "" {
		testRealHost = os.Getenv("DATAIKU_HOST")
		APIKey = os.Getenv("DATAIKU_API_KEY")
		if testRealHost == "" {
			APIKey = AdminKey
			// The provider under test finds each test's emulator after
			// the environment (FallbackDSS): a shell's own settings must
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
		AdminKey: AdminKey,
		UserKeys: []emulator.UserKey{
			{Login: AliceLogin, Key: AliceKey, Groups: []string{AliceGroup}},
			{Login: BobLogin, Key: BobKey},
		},
		GlobalKeys: []emulator.GlobalKey{
			{Key: GlobalAliceKey, Label: "acc-global-alice", AssociatedUser: AliceLogin},
			{Key: GlobalNoUserKey, Label: "acc-global-nouser"},
		},
		Connections: append(append([]emulator.Connection{}, emulator.DefaultConnections...),
			emulator.Connection{Name: PGConnection, Type: "PostgreSQL", AllowManaged: true}),
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

// Emulator is t's emulator, started at its first use and closed when
// the test ends; nil against a real DSS or without TF_ACC.
func Emulator(t *testing.T) *emulator.Running {
	t.Helper()
	if os.Getenv("TF_ACC") == "" || testRealHost != "" {
		return nil
	}
	top, _, sub := strings.Cut(t.Name(), "/")
	testEmulators.Lock()
	defer testEmulators.Unlock()
	// The nearest test up the tree that has an emulator: a subtest that
	// asked for its own (SeparateEmulator), else the top-level one.
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

// SeparateEmulator gives subtest t (and its own subtests) an
// emulator of its own, closed when t ends, so that subtests can run in
// parallel, each arming faults and counting requests on its own DSS.
func SeparateEmulator(t *testing.T) *emulator.Running {
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

// Host is the URL of t's DSS: DATAIKU_HOST or t's emulator.
func Host(t *testing.T) string {
	t.Helper()
	if running := Emulator(t); running != nil {
		return running.URL()
	}
	return testRealHost
}

// Parallel runs t beside the other parallel tests: it touches only
// projects of its own (keys no other test uses), so it can share a real
// DSS too.
func Parallel(t *testing.T) {
	t.Helper()
	t.Parallel()
}

// ParallelOnEmulator runs t beside the other parallel tests on its
// own emulator only: it changes or reads instance-wide state (users,
// groups, connections, code environments, API keys, instance settings),
// so against a shared real DSS it runs alone.
func ParallelOnEmulator(t *testing.T) {
	t.Helper()
	if testRealHost == "" {
		t.Parallel()
	}
}

// PreCheck skips without TF_ACC and fails a test that cannot reach
// a DSS.
func PreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		// As resource.Test does: acceptance tests run only with TF_ACC set
		// (make test sets it), never by accident in a plain go test.
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	if Host(t) == "" || APIKey == "" {
		t.Fatal("DATAIKU_HOST and DATAIKU_API_KEY must be set, or unset DATAIKU_HOST to use the emulator")
	}
}

// RequireEmulator is for tests that need the emulator's controls (faults,
// request counters, user keys); against a real DSS they cannot run.
func RequireEmulator(t *testing.T) *emulator.Running {
	t.Helper()
	running := Emulator(t)
	if running == nil {
		t.Skip("needs the DSS emulator's controls; not available against a real DSS")
	}
	return running
}

// Client is an admin client for changing DSS outside Terraform and
// checking its state.
func Client(t *testing.T) *dss.Client {
	t.Helper()
	PreCheck(t)
	c, err := dss.NewClient(dss.Config{Host: Host(t), APIKey: APIKey, RequestTimeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// OwnLogin is the login of the user the tests' API key acts as (the
// emulator's admin, or a real DSS key's user): DSS gives that user an entry
// on the workspaces and data collections the key creates.
func OwnLogin(t *testing.T) string {
	t.Helper()
	info, err := Client(t).Caller(Ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	return info.AssociatedDSSUser
}

// Ctx is a context for test-side calls to DSS, cancelled when t ends.
// It has no deadline of its own: each request is bounded by the
// client's RequestTimeout and the test by go test's -timeout. (A minute
// for the whole test, as it was, failed the longest tests' last calls
// on a loaded machine: TestAccQuery_generateConfigRoundTrip takes over a
// minute when the suite runs beside other work.)
func Ctx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return ctx
}
