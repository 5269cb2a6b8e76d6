package instance_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

const testCodeEnvAddr = "dataiku_code_env.test"

func testAccCodeEnvConfig(lang, name, extra string) string {
	return fmt.Sprintf("resource \"dataiku_code_env\" \"test\" {\n  lang = %q\n  name = %q\n%s}\n", lang, name, extra)
}

// testCodeEnv reads an env through the admin client; nil when DSS says it
// does not exist.
func testCodeEnv(t *testing.T, lang, name string) *dss.CodeEnv {
	t.Helper()
	e, err := dss.CodeEnvDoc(lang, name).Get(acctest.Ctx(t), acctest.Client(t))
	if dss.IsCodeEnvMissing(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// testCodeEnvsNamed lists the envs named lang/name in DSS's list: a
// duplicate would show as 2.
func testCodeEnvsNamed(t *testing.T, lang, name string) []string {
	t.Helper()
	envs, err := acctest.Client(t).ListCodeEnvs(acctest.Ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, e := range envs {
		if e.Lang() == lang && e.EnvNameOrName() == name {
			found = append(found, lang+"/"+name)
		}
	}
	return found
}

// testOneCodeEnv checks that DSS's list holds exactly one env named
// lang/name.
func testOneCodeEnv(t *testing.T, lang, name string) error {
	t.Helper()
	if found := testCodeEnvsNamed(t, lang, name); len(found) != 1 {
		return fmt.Errorf("%d %s envs named %s in DSS, want exactly 1", len(found), lang, name)
	}
	return nil
}

// testPackageBuilds counts the emulator's rebuild requests (the emulator
// names routes by pattern, e.g. "POST /public/api/...").
func testPackageBuilds(t *testing.T) int64 {
	t.Helper()
	var n int64
	rx := regexp.MustCompile(routePackages)
	for route, c := range acctest.RequireEmulator(t).Server.Stats().ByRoute {
		if rx.MatchString(route) {
			n += c
		}
	}
	return n
}

const routePackages = `^POST /public/api/admin/code-envs/[^/]+/[^/]+/packages/?$`

func withPreApply(checks ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: checks, PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

func TestAccCodeEnv_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	const name = "acc-ce-life"
	base := `  python_interpreter = "PYTHON310"
  packages           = ["pandas==2.2.2", "numpy"]
  permissions        = [{ group = "analysts", use = true, update = false, manage_users = false }]
`
	morePackages := `  python_interpreter = "PYTHON310"
  packages           = ["pandas==2.2.2", "numpy", "scipy>=1.11"]
  permissions        = [{ group = "analysts", use = true, update = false, manage_users = false }]
`
	descChanged := `  python_interpreter = "PYTHON310"
  packages           = ["pandas==2.2.2", "numpy", "scipy>=1.11"]
  permissions        = [{ group = "analysts", use = true, update = true, manage_users = false }]
  usable_by_all      = true
`
	var builds int64
	var start time.Time
	acctest.Case(t, acctest.CheckCodeEnvsDestroyed(t), []resource.TestStep{
		{
			PreConfig: func() { builds = testPackageBuilds(t); start = time.Now() },
			Config:    testAccCodeEnvConfig("PYTHON", name, base),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testCodeEnvAddr, tfjsonpath.New("id"), knownvalue.StringExact("PYTHON/"+name)),
				statecheck.ExpectKnownValue(testCodeEnvAddr, tfjsonpath.New("deployment_mode"), knownvalue.StringExact("DESIGN_MANAGED")),
				statecheck.ExpectKnownValue(testCodeEnvAddr, tfjsonpath.New("owner"), knownvalue.StringExact("admin")),
			},
			ConfigPlanChecks: emptyPlanAfterApply,
			Check: func(*terraform.State) error {
				t.Logf("first apply (plan + create + build of 2 packages + refresh): %s", time.Since(start).Round(time.Millisecond))
				e := testCodeEnv(t, "PYTHON", name)
				if e == nil || e.SpecPackageList != "pandas==2.2.2\nnumpy" || e.Desc.PythonInterpreter != "PYTHON310" ||
					len(e.Permissions) != 1 || e.Permissions[0].Group != "analysts" || !e.Permissions[0].Use || !e.Desc.InstallCorePackages {
					return fmt.Errorf("env in DSS: %+v", e)
				}
				if n := testPackageBuilds(t) - builds; n != 1 {
					return fmt.Errorf("%d package builds on create, want 1", n)
				}
				return nil
			},
		},
		{
			// More packages: rebuilt in place, once.
			PreConfig: func() { builds = testPackageBuilds(t) },
			Config:    testAccCodeEnvConfig("PYTHON", name, morePackages),
			ConfigPlanChecks: withPreApply(plancheck.ExpectResourceAction(testCodeEnvAddr, plancheck.ResourceActionUpdate),
				acctest.ExpectOnlyChanged{Addr: testCodeEnvAddr, Attrs: []string{"packages"}}),
			Check: func(*terraform.State) error {
				if e := testCodeEnv(t, "PYTHON", name); e.SpecPackageList != "pandas==2.2.2\nnumpy\nscipy>=1.11" {
					return fmt.Errorf("spec in DSS: %q", e.SpecPackageList)
				}
				if n := testPackageBuilds(t) - builds; n != 1 {
					return fmt.Errorf("%d rebuilds for a package change, want 1", n)
				}
				return nil
			},
		},
		{
			// Desc fields only: written in place, no rebuild.
			PreConfig: func() { builds = testPackageBuilds(t) },
			Config:    testAccCodeEnvConfig("PYTHON", name, descChanged),
			ConfigPlanChecks: withPreApply(plancheck.ExpectResourceAction(testCodeEnvAddr, plancheck.ResourceActionUpdate),
				acctest.ExpectOnlyChanged{Addr: testCodeEnvAddr, Attrs: []string{"permissions", "usable_by_all"}}),
			Check: func(*terraform.State) error {
				e := testCodeEnv(t, "PYTHON", name)
				if !e.UsableByAll || !e.Permissions[0].Update {
					return fmt.Errorf("desc in DSS: %+v", e.Desc)
				}
				if n := testPackageBuilds(t) - builds; n != 0 {
					return fmt.Errorf("%d rebuilds for a desc change, want none", n)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testCodeEnvAddr, acctest.ImportID("PYTHON/"+name), "timeouts"),
		acctest.ImportIdentityStep(t, testCodeEnvAddr, "timeouts"),
		{
			// Changed outside Terraform: packages edited through the client
			// show in the plan and are written back with a rebuild.
			PreConfig: func() {
				acctest.EditOutside(t, dss.CodeEnvDoc("PYTHON", name), func(e *dss.CodeEnv) { e.SpecPackageList = "pandas==1.5.3" })
				builds = testPackageBuilds(t)
			},
			Config: testAccCodeEnvConfig("PYTHON", name, descChanged),
			ConfigPlanChecks: withPreApply(plancheck.ExpectResourceAction(testCodeEnvAddr, plancheck.ResourceActionUpdate),
				acctest.ExpectOnlyChanged{Addr: testCodeEnvAddr, Attrs: []string{"packages"}}),
			Check: func(*terraform.State) error {
				if e := testCodeEnv(t, "PYTHON", name); e.SpecPackageList != "pandas==2.2.2\nnumpy\nscipy>=1.11" {
					return fmt.Errorf("spec in DSS after the repair: %q", e.SpecPackageList)
				}
				if n := testPackageBuilds(t) - builds; n != 1 {
					return fmt.Errorf("%d rebuilds for the repair, want 1", n)
				}
				return nil
			},
		},
		{
			// A new name: DSS cannot rename an env, so it is replaced.
			Config: testAccCodeEnvConfig("PYTHON", name+"-2", descChanged),
			ConfigPlanChecks: withPreApply(
				plancheck.ExpectResourceAction(testCodeEnvAddr, plancheck.ResourceActionDestroyBeforeCreate)),
			Check: func(*terraform.State) error {
				if testCodeEnv(t, "PYTHON", name) != nil || testCodeEnv(t, "PYTHON", name+"-2") == nil {
					return fmt.Errorf("after the rename: the old env is still there or the new one is missing")
				}
				return nil
			},
		},
		{
			// Another language: replaced too.
			Config: testAccCodeEnvConfig("R", name+"-2", "  packages = [\"dplyr\"]\n"),
			ConfigPlanChecks: withPreApply(
				plancheck.ExpectResourceAction(testCodeEnvAddr, plancheck.ResourceActionDestroyBeforeCreate)),
			Check: func(*terraform.State) error {
				if testCodeEnv(t, "PYTHON", name+"-2") != nil {
					return fmt.Errorf("the Python env is still there")
				}
				if err := testOneCodeEnv(t, "R", name+"-2"); err != nil {
					return err
				}
				if e := testCodeEnv(t, "R", name+"-2"); e == nil || e.SpecPackageList != "dplyr" {
					return fmt.Errorf("R env: %+v", e)
				}
				return nil
			},
		},
	})
}

func TestAccCodeEnv_importBlockAndDeletedOutside(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const name = "acc-ce-imp"
	c := acctest.Client(t)
	acctest.CodeEnvOutside(t, c, name, "DESIGN_MANAGED")
	resourceCfg := testAccCodeEnvConfig("PYTHON", name, "")
	importCfg := acctest.ImportBlock(testCodeEnvAddr, "PYTHON/"+name) + resourceCfg
	acctest.Case(t, acctest.CheckCodeEnvsDestroyed(t), []resource.TestStep{
		// Adopted as DSS made it: the interpreter and owner are DSS's.
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testCodeEnvAddr, importCfg,
			statecheck.ExpectKnownValue(testCodeEnvAddr, tfjsonpath.New("python_interpreter"), knownvalue.StringExact("PYTHON311")))),
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testCodeEnvAddr, resourceCfg,
			func() error {
				f, err := c.DeleteCodeEnv(acctest.Ctx(t), "PYTHON", name)
				if err != nil {
					return err
				}
				_, err = c.WaitFuture(acctest.Ctx(t), f, false)
				return err
			},
			func(*terraform.State) error { return testOneCodeEnv(t, "PYTHON", name) })),
	})
}

// A non-admin key gets DSS's error with the address, and no env is made.
func TestAccCodeEnv_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	acctest.RefusedToBob(t, testAccCodeEnvConfig("PYTHON", "acc-ce-bob", ""),
		regexp.MustCompile(`(?s)Cannot create dataiku_code_env "PYTHON/acc-ce-bob".*with dataiku_code_env.test.*(UnauthorizedException|SecurityException)`))
	if testCodeEnv(t, "PYTHON", "acc-ce-bob") != nil {
		t.Fatal("the env was created")
	}
}

// A build DSS reports as failed fails the apply with DSS's message and the
// address; the env stays in DSS and in the state (tainted), and the fixed
// configuration then applies with exactly one env in DSS.
func TestAccCodeEnv_failedBuildRepaired(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	const name = "acc-ce-fail"
	acctest.Case(t, acctest.CheckCodeEnvsDestroyed(t), []resource.TestStep{
		{
			Config:      testAccCodeEnvConfig("PYTHON", name, "  packages = [\"pandas\", \"unavailable-pkg==1.0\"]\n"),
			ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_code_env "PYTHON/acc-ce-fail".*with dataiku_code_env.test.*Could not find a version that satisfies\s+the\s+requirement\s+unavailable-pkg==1.0`),
		},
		{
			// The env is in DSS (DSS keeps an env whose build failed).
			PreConfig: func() {
				if err := testOneCodeEnv(t, "PYTHON", name); err != nil {
					t.Fatalf("after the failed build: %v", err)
				}
			},
			Config:           testAccCodeEnvConfig("PYTHON", name, "  packages = [\"pandas\", \"available-pkg==1.0\"]\n"),
			ConfigPlanChecks: withPreApply(plancheck.ExpectResourceAction(testCodeEnvAddr, plancheck.ResourceActionDestroyBeforeCreate)),
			Check: func(*terraform.State) error {
				if err := testOneCodeEnv(t, "PYTHON", name); err != nil {
					return err
				}
				if e := testCodeEnv(t, "PYTHON", name); e.SpecPackageList != "pandas\navailable-pkg==1.0" {
					return fmt.Errorf("spec %q", e.SpecPackageList)
				}
				return nil
			},
		},
		{
			// A failing rebuild in place: the apply fails, the next plan still
			// shows the packages (a rebuild is pending), and the fix applies.
			Config:      testAccCodeEnvConfig("PYTHON", name, "  packages = [\"unavailable-thing\"]\n"),
			ExpectError: regexp.MustCompile(`(?s)Cannot update dataiku_code_env "PYTHON/acc-ce-fail".*Could not find a version that satisfies\s+the\s+requirement\s+unavailable-thing`),
		},
		{
			Config:             testAccCodeEnvConfig("PYTHON", name, "  packages = [\"unavailable-thing\"]\n"),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		},
		{
			Config:           testAccCodeEnvConfig("PYTHON", name, "  packages = [\"pandas\"]\n"),
			ConfigPlanChecks: withPreApply(plancheck.ExpectResourceAction(testCodeEnvAddr, plancheck.ResourceActionUpdate)),
			Check:            func(*terraform.State) error { return testOneCodeEnv(t, "PYTHON", name) },
		},
	})
}

// A build slower than its timeout is aborted; the apply fails naming the
// timeout, and the next apply (with a normal build time) completes the env.
// The emulator's builds take 3s for the slow steps, past a 1s timeout.
func TestAccCodeEnv_buildPastTimeout(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	const name = "acc-ce-slow"
	normal := em.Server.CodeEnvBuildTime()
	t.Cleanup(func() { em.Server.SetCodeEnvBuildTime(normal) })
	slow := func() { em.Server.SetCodeEnvBuildTime(3 * time.Second) }
	fast := func() { em.Server.SetCodeEnvBuildTime(normal) }
	short := func(which string) string {
		return fmt.Sprintf("  packages = [\"pandas\"]\n  timeouts {\n    %s = \"1s\"\n  }\n", which)
	}
	acctest.Case(t, acctest.CheckCodeEnvsDestroyed(t), []resource.TestStep{
		{
			PreConfig:   slow,
			Config:      testAccCodeEnvConfig("PYTHON", name, short("create")),
			ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_code_env "PYTHON/acc-ce-slow".*did not finish within\s+timeouts.create \(1s\).*aborted`),
		},
		{
			PreConfig:        fast,
			Config:           testAccCodeEnvConfig("PYTHON", name, "  packages = [\"pandas\"]\n"),
			ConfigPlanChecks: emptyPlanAfterApply,
			Check:            func(*terraform.State) error { return testOneCodeEnv(t, "PYTHON", name) },
		},
		{
			PreConfig:   slow,
			Config:      testAccCodeEnvConfig("PYTHON", name, strings.Replace(short("update"), "pandas", "numpy", 1)),
			ExpectError: regexp.MustCompile(`(?s)Cannot update dataiku_code_env "PYTHON/acc-ce-slow".*did not finish within\s+timeouts.update \(1s\)`),
		},
		{
			PreConfig: fast,
			Config:    testAccCodeEnvConfig("PYTHON", name, "  packages = [\"numpy\"]\n"),
			ConfigPlanChecks: withPreApply(plancheck.ExpectResourceAction(testCodeEnvAddr, plancheck.ResourceActionUpdate),
				acctest.ExpectOnlyChanged{Addr: testCodeEnvAddr, Attrs: []string{"packages"}}),
			Check: func(*terraform.State) error {
				if e := testCodeEnv(t, "PYTHON", name); e.SpecPackageList != "numpy" {
					return fmt.Errorf("spec %q", e.SpecPackageList)
				}
				return nil
			},
		},
	})
}

func TestAccCodeEnvDataSources(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	cfg := `
resource "dataiku_code_env" "a" {
  lang     = "PYTHON"
  name     = "acc-ce-ds-a"
  packages = ["pandas==2.2.2"]
}

resource "dataiku_code_env" "b" {
  lang = "R"
  name = "acc-ce-ds-b"
}

data "dataiku_code_env" "a" {
  lang = dataiku_code_env.a.lang
  name = dataiku_code_env.a.name
}

data "dataiku_code_envs" "r" {
  lang       = "R"
  depends_on = [dataiku_code_env.a, dataiku_code_env.b]
}
`
	acctest.Case(t, acctest.CheckCodeEnvsDestroyed(t), []resource.TestStep{{
		Config: cfg,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.dataiku_code_env.a", tfjsonpath.New("packages"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("pandas==2.2.2")})),
			statecheck.ExpectKnownValue("data.dataiku_code_env.a", tfjsonpath.New("deployment_mode"), knownvalue.StringExact("DESIGN_MANAGED")),
			statecheck.ExpectKnownValue("data.dataiku_code_env.a", tfjsonpath.New("permissions"), knownvalue.SetSizeExact(0)),
		},
		Check: func(s *terraform.State) error {
			attrs := s.RootModule().Resources["data.dataiku_code_envs.r"].Primary.Attributes
			var ids []string
			for i := 0; attrs[fmt.Sprintf("code_envs.%d.id", i)] != ""; i++ {
				ids = append(ids, attrs[fmt.Sprintf("code_envs.%d.id", i)])
			}
			if !strings.Contains(strings.Join(ids, ","), "R/acc-ce-ds-b") || strings.Contains(strings.Join(ids, ","), "PYTHON/") {
				return fmt.Errorf("R envs listed: %v", ids)
			}
			return nil
		},
	}})
}

// TestAccCodeEnv_createWallTime measures what the provider does for one
// create against the emulator (default build time): the existence check,
// the POST and its build, the definition write, the packages build and the
// read back.
func TestAccCodeEnv_createWallTime(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	ctx, c := acctest.Ctx(t), acctest.Client(t)
	k := instance.CodeEnvKind{}
	m := instance.CodeEnvModel{CodeEnvAttrs: instance.CodeEnvAttrs{
		Lang: types.StringValue("PYTHON"), Name: types.StringValue("acc-ce-time"),
		DeploymentMode: types.StringValue("DESIGN_MANAGED"), PythonInterpreter: types.StringNull(), Conda: types.BoolValue(false),
		Packages:            types.ListValueMust(types.StringType, []attr.Value{types.StringValue("pandas==2.2.2")}),
		CondaPackages:       types.ListNull(types.StringType),
		InstallCorePackages: types.BoolValue(true), InstallJupyterSupport: types.BoolValue(false),
		Owner: types.StringUnknown(), UsableByAll: types.BoolValue(false),
		Permissions: types.SetNull(types.ObjectType{AttrTypes: instance.CodeEnvPermissionAttrTypes})},
		Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType, "update": types.StringType, "delete": types.StringType})},
	}
	t.Cleanup(func() { _ = k.Delete(context.Background(), c, &m) })
	start := time.Now()
	if found, err := k.Find(ctx, c, &m); err != nil || found {
		t.Fatalf("find: %t, %v", found, err)
	}
	if err := k.Post(ctx, c, &m); err != nil {
		t.Fatal(err)
	}
	op := &kit.ApplyOp[instance.CodeEnvModel]{Plan: &m}
	if k.Apply(ctx, c, op); op.Diags.HasError() {
		t.Fatal(op.Diags)
	}
	created := time.Since(start)
	em := acctest.RequireEmulator(t)
	before := em.Server.Stats().Requests
	if err := k.Read(ctx, c, &m, false); err != nil {
		t.Fatal(err)
	}
	if n := em.Server.Stats().Requests - before; n != 1 {
		t.Errorf("a refresh made %d requests, want 1", n)
	}
	start = time.Now()
	if err := k.Delete(ctx, c, &m); err != nil {
		t.Fatal(err)
	}
	t.Logf("code env create with one package (two builds of the emulator's default build time): %s; delete: %s",
		created.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// TestAccCodeEnv_dssInternalImported: an env of DSS's own deployment mode
// DSS_INTERNAL ([V] dataikuapi lists it), with requirement lines as DSS's
// own envs have, imports and reads with no change planned: neither the
// mode's validator nor the requirement-list check refuses it.
func TestAccCodeEnv_dssInternalImported(t *testing.T) {
	testAccCodeEnvImportedWithPackages(t, "acc-ce-internal", "DSS_INTERNAL")
}

// TestAccCodeEnv_nonManagedWithPackagesImported: an env DSS does not
// build (DESIGN_NON_MANAGED) whose definition holds requirement lines
// imports with a configuration writing them, with no change planned: the
// requirement-list check warns, and once refused it.
func TestAccCodeEnv_nonManagedWithPackagesImported(t *testing.T) {
	testAccCodeEnvImportedWithPackages(t, "acc-ce-nonmanaged", "DESIGN_NON_MANAGED")
}

// testAccCodeEnvImportedWithPackages makes a Python env of mode through
// the client, with two requirement lines, and adopts it with a
// configuration writing them: no change is planned, none is made.
func testAccCodeEnvImportedWithPackages(t *testing.T, name, mode string) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	c := acctest.Client(t)
	acctest.CodeEnvOutside(t, c, name, mode)
	acctest.EditOutside(t, dss.CodeEnvDoc("PYTHON", name), func(e *dss.CodeEnv) { e.SpecPackageList = "scikit-learn\nxgboost" })
	before := testCodeEnv(t, "PYTHON", name)
	cfg := testAccCodeEnvConfig("PYTHON", name, fmt.Sprintf("  deployment_mode = %q\n  packages        = [\"scikit-learn\", \"xgboost\"]\n", mode))
	adopt := acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testCodeEnvAddr, acctest.ImportBlock(testCodeEnvAddr, "PYTHON/"+name)+cfg,
		statecheck.ExpectKnownValue(testCodeEnvAddr, tfjsonpath.New("deployment_mode"), knownvalue.StringExact(mode)),
		statecheck.ExpectKnownValue(testCodeEnvAddr, tfjsonpath.New("python_interpreter"), knownvalue.StringExact("PYTHON311"))))
	adopt.Check = func(*terraform.State) error {
		if e := testCodeEnv(t, "PYTHON", name); e.Mode() != mode || e.SpecPackageList != before.SpecPackageList {
			return fmt.Errorf("env in DSS: %+v", e)
		}
		return nil
	}
	acctest.Case(t, acctest.CheckCodeEnvsDestroyed(t), []resource.TestStep{adopt})
}

// TestAccCodeEnv_unusedSettingsImported adopts two envs holding what DSS
// keeps but does not use, once refused at plan time: a Python env without
// conda that has a conda spec (dataikuapi's set_required_conda_spec writes
// one on any env), and an R env created with a Python interpreter. Both
// adopt with the configuration writing what DSS holds, with no change.
func TestAccCodeEnv_unusedSettingsImported(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	c := acctest.Client(t)
	py, r := "acc-ce-condaspec", "acc-ce-r-interp"
	acctest.CodeEnvOutside(t, c, py, "DESIGN_MANAGED")
	acctest.EditOutside(t, dss.CodeEnvDoc("PYTHON", py), func(e *dss.CodeEnv) { e.SpecCondaEnvironment = "numpy" })
	acctest.CodeEnvOfLangOutside(t, c, "R", r, dss.CodeEnvCreate{DeploymentMode: "DESIGN_MANAGED", PythonInterpreter: "PYTHON311", InstallCorePackages: true})
	cfg := acctest.ImportBlock("dataiku_code_env.py", "PYTHON/"+py) + acctest.ImportBlock("dataiku_code_env.r", "R/"+r) + fmt.Sprintf(`
resource "dataiku_code_env" "py" {
  lang           = "PYTHON"
  name           = %q
  conda_packages = ["numpy"]
}

resource "dataiku_code_env" "r" {
  lang               = "R"
  name               = %q
  python_interpreter = "PYTHON311"
}
`, py, r)
	acctest.Case(t, acctest.CheckCodeEnvsDestroyed(t), []resource.TestStep{{
		Config: cfg,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("dataiku_code_env.py", plancheck.ResourceActionNoop),
				plancheck.ExpectResourceAction("dataiku_code_env.r", plancheck.ResourceActionNoop),
			},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
		Check: func(*terraform.State) error {
			if e := testCodeEnv(t, "PYTHON", py); e.Desc.Conda || e.SpecCondaEnvironment != "numpy" {
				return fmt.Errorf("python env in DSS: %+v", e)
			}
			if e := testCodeEnv(t, "R", r); e.Desc.PythonInterpreter != "PYTHON311" {
				return fmt.Errorf("R env in DSS: %+v", e)
			}
			return nil
		},
	}})
}
