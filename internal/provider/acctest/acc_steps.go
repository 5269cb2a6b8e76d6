package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// The shapes the acceptance tests of every kind share: a project made
// outside Terraform, the check that destroyed objects are gone from DSS,
// and the steps each kind goes through (adopted with an import block,
// deleted outside Terraform, imported and compared, refused to a key
// without rights). Each helper returns steps, so a test still reads as
// its list of steps.

// Case runs steps against DSS as one test case; destroyed, when
// set, checks through the admin client that the destroy at the end left
// nothing in DSS.
func Case(t *testing.T, destroyed resource.TestCheckFunc, steps []resource.TestStep) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { PreCheck(t) },
		ProtoV6ProviderFactories: factoriesWithSchema(t, stepsSchema(steps)),
		CheckDestroy:             destroyed,
		Steps:                    testWithIdentityChecks(t, steps),
	})
}

// IdentityCase runs steps on a Terraform that stores resource identities
// (1.12 and later: an older one skips the test, whose steps are about
// identities), with the pre-check and the test's provider.
func IdentityCase(t *testing.T, steps []resource.TestStep) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { PreCheck(t) },
		ProtoV6ProviderFactories: factoriesWithSchema(t, stepsSchema(steps)),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps:                    steps,
	})
}

// ProjectOutside creates project key through the admin client, as
// someone would outside Terraform, and deletes it when the test ends (a
// failure to delete it, other than its being gone already, fails the
// test). It returns the admin client.
func ProjectOutside(t *testing.T, key, name string) *dss.Client {
	t.Helper()
	c := Client(t)
	if err := c.CreateProject(Ctx(t), dss.CreateProjectRequest{ProjectKey: key, Name: name, Owner: "admin"}, ""); err != nil {
		t.Fatalf("creating project %s: %v", key, err)
	}
	t.Cleanup(func() {
		if err := c.DeleteProject(context.Background(), key, dss.DeleteProjectOptions{}); err != nil && !dss.IsNotFound(err) {
			t.Errorf("deleting project %s: %v", key, err)
		}
	})
	return c
}

// CheckGoneAt asserts through the admin client that every resource
// of type typ in the state is gone from DSS: a GET of the path its state
// names (path) answers DSS's not-found (its parent may be gone too). A
// data source of that type is not checked: it reads an object Terraform
// does not destroy.
func CheckGoneAt(t *testing.T, typ string, path func(st *terraform.InstanceState) string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for addr, rs := range s.RootModule().Resources {
			if rs.Type != typ || strings.HasPrefix(addr, "data.") {
				continue
			}
			err := Client(t).Get(Ctx(t), path(rs.Primary), nil, nil)
			if err == nil {
				return fmt.Errorf("%s %s still exists", typ, rs.Primary.ID)
			}
			if !dss.IsNotFound(err) {
				return fmt.Errorf("checking %s %s: %w", typ, rs.Primary.ID, err)
			}
		}
		return nil
	}
}

// CheckProjectObjectsGone is CheckGoneAt for objects named
// by their project_key and id.
func CheckProjectObjectsGone(t *testing.T, typ string, path func(key, id string) string) resource.TestCheckFunc {
	return CheckGoneAt(t, typ, func(st *terraform.InstanceState) string { return path(st.Attributes["project_key"], st.ID) })
}

// IDsNamed keeps the ids of the listed objects named name; list and
// err are what DSS answered, nameID names an object and gives its id.
func IDsNamed[T any](t *testing.T, list []T, err error, name string, nameID func(T) (string, string)) []string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, o := range list {
		if n, id := nameID(o); n == name {
			ids = append(ids, id)
		}
	}
	return ids
}

// ImportBlock is an import block adopting id at addr.
func ImportBlock(addr, id string) string {
	return fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", addr, id)
}

// ImportIdentityBlock is an import block bringing addr under Terraform by
// its identity, an HCL object expression.
func ImportIdentityBlock(addr, identity string) string {
	return fmt.Sprintf("import {\n  to       = %s\n  identity = %s\n}\n", addr, identity)
}

// AsBob puts cfg under a provider configured with bob's key: bob is
// neither an administrator nor granted anything on the admin's objects.
func AsBob(cfg string) string {
	return fmt.Sprintf("provider \"dataiku\" {\n  api_key = %q\n}\n", BobKey) + cfg
}

// AsAlice puts cfg under a provider configured with alice's key: alice is
// not an administrator; she belongs to AliceGroup.
func AsAlice(cfg string) string {
	return fmt.Sprintf("provider \"dataiku\" {\n  api_key = %q\n}\n", AliceKey) + cfg
}

// RefusedToBob applies cfg with bob's key and requires it to fail
// with want (DSS's refusal, quoted with the resource's address). The
// caller then checks that nothing was created.
func RefusedToBob(t *testing.T, cfg string, want *regexp.Regexp) {
	t.Helper()
	Case(t, nil, []resource.TestStep{{Config: AsBob(cfg), ExpectError: want}})
}

// Plans is the plan checks of a step: addr's planned action before
// the apply.
func Plans(addr string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)}}
}

// EmptyPlanAfter adds to step the check that, after its apply and a
// refresh, nothing is left to plan.
func EmptyPlanAfter(step resource.TestStep) resource.TestStep {
	step.ConfigPlanChecks.PostApplyPostRefresh = append(step.ConfigPlanChecks.PostApplyPostRefresh, plancheck.ExpectEmptyPlan())
	return step
}

// AdoptedAsIsStep applies cfg, whose import block adopts addr: the
// import must plan no change; state checks what it read.
func AdoptedAsIsStep(addr, cfg string, state ...statecheck.StateCheck) resource.TestStep {
	return resource.TestStep{Config: cfg, ConfigPlanChecks: Plans(addr, plancheck.ResourceActionNoop), ConfigStateChecks: state}
}

// DeletedOutsideStep deletes addr's object outside Terraform (del,
// through the admin client) before applying cfg: the plan must create it
// again, and check then looks at what DSS holds.
func DeletedOutsideStep(t *testing.T, addr, cfg string, del func() error, check resource.TestCheckFunc) resource.TestStep {
	return resource.TestStep{
		PreConfig:        Must(t, del),
		Config:           cfg,
		ConfigPlanChecks: Plans(addr, plancheck.ResourceActionCreate),
		Check:            check,
	}
}

// ImportVerifyStep imports addr by the id idOf gives (nil: the id in
// the state) and requires the imported state to equal the applied one,
// but for ignore.
func ImportVerifyStep(addr string, idOf resource.ImportStateIdFunc, ignore ...string) resource.TestStep {
	return resource.TestStep{ResourceName: addr, ImportState: true, ImportStateIdFunc: idOf, ImportStateVerify: true, ImportStateVerifyIgnore: ignore}
}

// ImportIdentityStep imports addr with an import block naming it by
// the resource identity the previous step stored (Terraform 1.12 and
// later; skipped on older ones): the import must plan no change and keep
// that identity. ignore is the import-by-id step's list of attributes the
// import cannot read back as configured: when there are any, the import
// may plan an update of them.
func ImportIdentityStep(t *testing.T, addr string, ignore ...string) resource.TestStep {
	return resource.TestStep{
		ResourceName:       addr,
		ImportState:        true,
		ImportStateKind:    resource.ImportBlockWithResourceIdentity,
		ExpectNonEmptyPlan: len(ignore) > 0,
		SkipFunc:           func() (bool, error) { return !testTerraformAtLeast(t, 1, 12), nil },
	}
}

// StepConfig is step with configuration cfg: an identity import step
// whose previous step adopted the resource with an import block by id
// needs the configuration without it (a resource takes one import block).
func StepConfig(step resource.TestStep, cfg string) resource.TestStep {
	step.Config = cfg
	return step
}

// testTerraformAtLeast reports whether the Terraform the acceptance tests
// run is at least major.minor: the compatibility subset runs on older
// ones, without the steps that need newer features.
func testTerraformAtLeast(t *testing.T, major, minor int) bool {
	t.Helper()
	testTerraformVersionOnce.Do(func() {
		out, err := exec.Command(TerraformBinary(t), "version", "-json").Output()
		if err == nil {
			var v struct {
				Version string `json:"terraform_version"`
			}
			if err = json.Unmarshal(out, &v); err == nil {
				_, err = fmt.Sscanf(v.Version, "%d.%d", &testTerraformVersion[0], &testTerraformVersion[1])
			}
		}
		if err != nil {
			t.Fatalf("reading terraform's version: %v", err)
		}
	})
	got := testTerraformVersion
	return got[0] > major || got[0] == major && got[1] >= minor
}

var (
	testTerraformVersionOnce sync.Once
	testTerraformVersion     [2]int
)

// ImportID is an ImportStateIdFunc for a fixed id.
func ImportID(id string) resource.ImportStateIdFunc {
	return func(*terraform.State) (string, error) { return id, nil }
}

// ProjectObjectImportID is the import id PROJECT_KEY.id of addr, read
// from the state.
func ProjectObjectImportID(addr string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s not in state", addr)
		}
		return rs.Primary.Attributes["project_key"] + "." + rs.Primary.ID, nil
	}
}

// Must is a PreConfig running do, a change made outside Terraform; an
// error fails the test.
func Must(t *testing.T, do func() error) func() {
	return func() {
		if err := do(); err != nil {
			t.Fatal(err)
		}
	}
}

// SetFaults is a PreConfig arming the emulator's fault rules.
func SetFaults(t *testing.T, em *emulator.Running, rules ...emulator.FaultRule) func() {
	return Must(t, func() error { return em.Server.SetFaults(rules) })
}

// FaultsFired clears the emulator's faults and fails when one of them
// never fired (the step would then test nothing).
func FaultsFired(em *emulator.Running) error {
	left := em.Server.Faults()
	em.Server.ClearFaults()
	if len(left) != 0 {
		return fmt.Errorf("faults that never fired: %v", left)
	}
	return nil
}

// NoRetries is a provider block that retries no request (max_retries =
// 0): a fault on a call then reaches the resource's own handling.
const NoRetries = "provider \"dataiku\" {\n  max_retries = 0\n}\n"

// LostPostFaults are the two ways the answer to a create POST on path (a
// regexp) is lost once DSS has made the object: a 502, and a dropped
// connection, each once.
func LostPostFaults(path string) []emulator.FaultRule {
	return []emulator.FaultRule{
		{Method: "POST", PathRegex: path, Status: 502, AfterHandler: true, Count: 1},
		{Method: "POST", PathRegex: path, DropConnection: true, AfterHandler: true, Count: 1},
	}
}

// LostPostStep applies cfg, with NoRetries, while fault loses the answer
// to the create POST: the fault must fire, then held checks what DSS
// holds.
func LostPostStep(t *testing.T, em *emulator.Running, fault emulator.FaultRule, cfg string, held resource.TestCheckFunc) resource.TestStep {
	return resource.TestStep{
		PreConfig: SetFaults(t, em, fault),
		Config:    NoRetries + cfg,
		Check: func(s *terraform.State) error {
			if err := FaultsFired(em); err != nil {
				return err
			}
			return held(s)
		},
	}
}

// OnlyStateID checks ids, what DSS holds (what names them, e.g.
// "folders named exports"): one id, the one addr has in s, and none of
// gone (ids of objects deleted before).
func OnlyStateID(s *terraform.State, addr, what string, ids []string, gone ...string) error {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return fmt.Errorf("%s not in state", addr)
	}
	if len(ids) != 1 || ids[0] != rs.Primary.ID || slices.Contains(gone, ids[0]) {
		return fmt.Errorf("%s in DSS: %v, want only %s's id in state, %s (deleted before: %v)", what, ids, addr, rs.Primary.ID, gone)
	}
	return nil
}

// NoneInDSS fails the test when DSS holds any of ids (what names them,
// e.g. "scenarios named bobs"), after a test that must leave none.
func NoneInDSS(t *testing.T, what string, ids []string) {
	t.Helper()
	if len(ids) != 0 {
		t.Fatalf("%s in DSS: %v, want none", what, ids)
	}
}

// KeepID records addr's id, as the state holds it, into id for the
// later steps.
func KeepID(addr string, id *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		*id = rs.Primary.ID
		return nil
	}
}

// ExpectNoWrites fails the test for each route other than a GET that the
// emulator counted more often in after than in before (request counts by
// route, Stats().ByRoute): during names when, e.g. "while planning".
func ExpectNoWrites(t *testing.T, before, after map[string]int64, during string) {
	t.Helper()
	for route, n := range after {
		if m, _, _ := strings.Cut(route, " "); m != "GET" && n != before[route] {
			t.Errorf("%s was called %d times %s", route, n-before[route], during)
		}
	}
}

// FilesystemDatasetHCL is a dataset on the filesystem_root connection: its
// resource label, its project and name (HCL expressions) and its path.
func FilesystemDatasetHCL(label, project, name, path string) string {
	return fmt.Sprintf(`
resource "dataiku_dataset" %q {
  project_key     = %s
  name            = %s
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = %q })
}
`, label, project, name, path)
}

// ProjectDeletedStep deletes project key outside Terraform (c, the admin
// client) and refreshes: DSS's not-found for the project's documents
// removes addr, an object of that project, from the state, and the plan
// that follows would create it again.
func ProjectDeletedStep(t *testing.T, c *dss.Client, key, addr string) resource.TestStep {
	return resource.TestStep{
		PreConfig:          Must(t, func() error { return c.DeleteProject(Ctx(t), key, dss.DeleteProjectOptions{}) }),
		RefreshState:       true,
		ExpectNonEmptyPlan: true,
		Check: func(s *terraform.State) error {
			if _, ok := s.RootModule().Resources[addr]; ok {
				return fmt.Errorf("%s is still in the state after its project was deleted", addr)
			}
			return nil
		},
	}
}

// DeletionProtectionSteps are the steps of a kind's deletion_protection
// (kit.DeletionProtection), for addr, which config declares with
// deletion_protection set as given (and what it needs): applied
// protected; a configuration without it (nor anything else) refused at
// plan, with the way out; turned off in place, with no request to DSS
// (StateOnlyChangeStep; for a deployment, no update either); the test
// case's destroy then deletes it. The kit's own test (project) covers the replacement, refused at
// apply.
func DeletionProtectionSteps(t *testing.T, em *emulator.Running, addr string, config func(protected bool) string) []resource.TestStep {
	t.Helper()
	typeName, _, _ := strings.Cut(addr, ".")
	return []resource.TestStep{
		EmptyPlanAfter(resource.TestStep{
			Config: config(true),
			Check:  resource.TestCheckResourceAttr(addr, "deletion_protection", "true"),
		}),
		{
			Config:      `locals {}`,
			ExpectError: regexp.MustCompile(`(?s)Cannot delete ` + typeName + ` .*deletion_protection\s+is\s+on.*set\s+deletion_protection\s+=\s+false`),
		},
		StateOnlyChangeStep(t, em, addr, config(false), "deletion_protection"),
	}
}

// StateOnlyChangeStep applies config, which changes only attrs of addr,
// arguments DSS never sees (deletion_protection, timeouts, a kind's
// StateOnlyAttrs): the plan updates addr in place, changing exactly attrs
// and leaving nothing unknown; the apply sends DSS no request at all but
// the provider's configuration (auth/info), so no write and no
// read-modify-write either; the plan after it is empty. The requests are
// counted on em, the test's emulator (Emulator(t)); with none (a real
// DSS), the plan alone is checked.
func StateOnlyChangeStep(t *testing.T, em *emulator.Running, addr, config string, attrs ...string) resource.TestStep {
	t.Helper()
	step := EmptyPlanAfter(resource.TestStep{
		Config: config,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
			ExpectOnlyChanged{Addr: addr, Attrs: attrs},
		}},
	})
	if em == nil {
		return step
	}
	var beforeApply map[string]int64
	// The saved plan is applied as it is: from here on, what DSS receives
	// is the apply's.
	step.ConfigPlanChecks.PreApply = append(step.ConfigPlanChecks.PreApply, PlanCheckFunc(func() { beforeApply = em.Server.Stats().ByRoute }))
	step.Check = func(*terraform.State) error {
		delta := RouteDelta(beforeApply, em.Server.Stats().ByRoute)
		delete(delta, AuthInfoRoute)
		if len(delta) != 0 {
			return fmt.Errorf("the apply of a change of %v alone sent %s, want no request", attrs, FormatRoutes(delta))
		}
		return nil
	}
	return step
}
