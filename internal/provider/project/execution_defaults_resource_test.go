package project_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testExecDefaults = "dataiku_project_execution_defaults.d"

// testExecDefaultsIn is what DSS holds of project key's execution
// defaults, read through the admin client: "python=MODE/useBuiltinEnv/envName
// r=… container=MODE/containerConf", "-" for an absent key.
func testExecDefaultsIn(t *testing.T, key string) string {
	t.Helper()
	s, err := dss.ProjectSettingsDoc(key).Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil {
		t.Fatal(err)
	}
	str := func(p *string) string {
		if p == nil {
			return "-"
		}
		return *p
	}
	flag := func(b *bool) string {
		if b == nil {
			return "-"
		}
		return fmt.Sprint(*b)
	}
	py, r, ct := s.PythonEnv(), s.REnv(), s.ContainerDefault()
	return fmt.Sprintf("python=%s/%s/%s r=%s/%s/%s container=%s/%s", str(py.Mode), flag(py.UseBuiltinEnv), str(py.EnvName),
		str(r.Mode), flag(r.UseBuiltinEnv), str(r.EnvName), str(ct.ContainerMode), str(ct.ContainerConf))
}

func testExecDefaultsHold(t *testing.T, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for key, exp := range want {
			if got := testExecDefaultsIn(t, key); got != exp {
				return fmt.Errorf("project %s's execution defaults in DSS: %q, want %q", key, got, exp)
			}
		}
		return nil
	}
}

// testExecShape gives project key's settings a real-shaped document (as
// DSS 13 answers it: keys the provider does not model at every level,
// numbers whose text matters) and returns a check that, but for the
// modelled leaves, the document is still exactly that.
func testExecShape(t *testing.T, key string) func() error {
	t.Helper()
	p := dss.ProjectSettingsDoc(key).Path()
	acctest.EditRawDoc(t, p, func(d map[string]any) {
		s := d["settings"].(map[string]any)
		s["codeEnvs"].(map[string]any)["python"].(map[string]any)["preferredVersion"] = "PYTHON311"
		s["codeEnvs"].(map[string]any)["julia"] = map[string]any{"mode": "INHERIT"}
		s["container"].(map[string]any)["sparkDefault"] = map[string]any{"memory": json.Number("2.50")}
		s["k8sCluster"] = map[string]any{"clusterMode": "INHERIT", "clusterId": nil, "defaultClusterId": nil}
		s["cluster"] = map[string]any{"clusterMode": "INHERIT"}
		s["limits"] = map[string]any{"memSampleBytes": map[string]any{"soft": -1, "hard": 1e12}}
		d["projectAppType"] = "REGULAR"
		d["wikiSettings"] = map[string]any{"defaultTaxonomy": []any{}}
	})
	unmodelled := func() string {
		raw := acctest.RawDoc(t, p)
		s := raw["settings"].(map[string]any)
		for _, lang := range []string{"python", "r"} {
			sel := s["codeEnvs"].(map[string]any)[lang].(map[string]any)
			delete(sel, "mode")
			delete(sel, "useBuiltinEnv")
			delete(sel, "envName")
		}
		delete(s["container"].(map[string]any), "containerMode")
		delete(s["container"].(map[string]any), "containerConf")
		delete(raw, "exposedObjects")
		b, _ := json.Marshal(raw)
		return string(b)
	}
	before := unmodelled()
	if !strings.Contains(before, "PYTHON311") || !strings.Contains(before, "sparkDefault") {
		t.Fatalf("the real-shaped settings were not stored: %s", before)
	}
	return func() error {
		if after := unmodelled(); after != before {
			return fmt.Errorf("project %s's settings beyond the execution defaults changed:\n%s\nwas\n%s", key, after, before)
		}
		return nil
	}
}

func testExecCfg(key, body string) string {
	return fmt.Sprintf("resource \"dataiku_project_execution_defaults\" \"d\" {\n  project_key = %q\n%s}\n", key, body)
}

const testExecInherited = "python=INHERIT/true/- r=INHERIT/true/- container=INHERIT/-"

// Create, update in place, import, change outside Terraform, replace (the
// project key), destroy: each step checks DSS through the admin client,
// each apply is followed by an empty plan, and a real-shaped settings
// document keeps everything but the defaults, byte for byte, throughout.
func TestAccProjectExecutionDefaults_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	a, b := acctest.ProjectKey("ACC_EXDA"), acctest.ProjectKey("ACC_EXDB")
	acctest.ProjectOutside(t, a, "Defaults A")
	acctest.ProjectOutside(t, b, "Defaults B")
	keptA, keptB := testExecShape(t, a), testExecShape(t, b)
	kept := func(*terraform.State) error {
		if err := keptA(); err != nil {
			return err
		}
		return keptB()
	}
	explicit := `  python_env_mode            = "EXPLICIT_ENV"
  python_env_name            = "py311"
  container_mode             = "EXPLICIT_CONTAINER"
  container_exec_config_name = "k8s-small"
`
	other := `  python_env_mode = "USE_BUILTIN_MODE"
  r_env_mode      = "EXPLICIT_ENV"
  r_env_name      = "r-env"
  container_mode  = "NONE"
`
	// After the destroy: DSS back to INHERIT in both projects (the names
	// kept, as DSS's settings pages keep them), the rest untouched.
	destroyed := resource.ComposeAggregateTestCheckFunc(testExecDefaultsHold(t, map[string]string{
		a: "python=INHERIT/true/py311 r=INHERIT/true/r-env container=INHERIT/k8s-small",
		b: "python=INHERIT/true/py311 r=INHERIT/true/- container=INHERIT/k8s-small",
	}), kept)
	acctest.Case(t, destroyed, []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testExecCfg(a, explicit),
			ConfigPlanChecks: acctest.Plans(testExecDefaults, plancheck.ResourceActionCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testExecDefaults, "id", a),
				resource.TestCheckResourceAttr(testExecDefaults, "r_env_mode", "INHERIT"),
				resource.TestCheckNoResourceAttr(testExecDefaults, "r_env_name"),
				testExecDefaultsHold(t, map[string]string{a: "python=EXPLICIT_ENV/false/py311 r=INHERIT/true/- container=EXPLICIT_CONTAINER/k8s-small"}),
				kept),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// In place: the names left behind stay in DSS and out of the state.
			Config: testExecCfg(a, other),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{acctest.ExpectOnlyChanged{Addr: testExecDefaults,
				Attrs: []string{"python_env_mode", "python_env_name", "r_env_mode", "r_env_name", "container_mode", "container_exec_config_name"}}}},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckNoResourceAttr(testExecDefaults, "python_env_name"),
				resource.TestCheckNoResourceAttr(testExecDefaults, "container_exec_config_name"),
				testExecDefaultsHold(t, map[string]string{a: "python=USE_BUILTIN_MODE/true/py311 r=EXPLICIT_ENV/false/r-env container=NONE/k8s-small"}),
				kept),
		}),
		acctest.ImportVerifyStep(testExecDefaults, nil),
		acctest.ImportIdentityStep(t, testExecDefaults),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Changed outside Terraform: an admin picks another R env and
			// containers. The plan shows it; the apply puts the
			// configuration back.
			PreConfig: func() {
				acctest.EditOutside(t, dss.ProjectSettingsDoc(a), func(s *dss.ProjectSettings) {
					s.REnv().Select(dss.CodeEnvModeExplicit, "someone-elses")
					s.ContainerDefault().Select(dss.ContainerModeExplicit, "big")
				})
			},
			Config: testExecCfg(a, other),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testExecDefaults, Attrs: []string{"r_env_name", "container_mode", "container_exec_config_name"}},
			}},
			Check: testExecDefaultsHold(t, map[string]string{a: "python=USE_BUILTIN_MODE/true/py311 r=EXPLICIT_ENV/false/r-env container=NONE/big"}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Another project: the old one goes back to INHERIT.
			Config:           testExecCfg(b, explicit),
			ConfigPlanChecks: acctest.Plans(testExecDefaults, plancheck.ResourceActionReplace),
			Check: resource.ComposeAggregateTestCheckFunc(
				testExecDefaultsHold(t, map[string]string{
					a: "python=INHERIT/true/py311 r=INHERIT/true/r-env container=INHERIT/big",
					b: "python=EXPLICIT_ENV/false/py311 r=INHERIT/true/- container=EXPLICIT_CONTAINER/k8s-small",
				}),
				kept),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			// Back to the first project, so that the destroy check covers
			// a project whose defaults the resource set and another whose
			// defaults it put back before.
			Config: testExecCfg(a, explicit),
			Check: testExecDefaultsHold(t, map[string]string{
				a: "python=EXPLICIT_ENV/false/py311 r=INHERIT/true/r-env container=EXPLICIT_CONTAINER/k8s-small",
				b: "python=INHERIT/true/py311 r=INHERIT/true/- container=INHERIT/k8s-small",
			}),
		}),
	})
}

// The defaults set outside Terraform, with an env that no longer exists
// (DSS keeps its name): adopted with an import block, no change planned,
// the name read as DSS holds it, by the resource and the data source.
func TestAccProjectExecutionDefaults_importBlockGoneEnv(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_EXDIMP")
	acctest.ProjectOutside(t, key, "Adopted defaults")
	acctest.EditOutside(t, dss.ProjectSettingsDoc(key), func(s *dss.ProjectSettings) {
		s.PythonEnv().Select(dss.CodeEnvModeExplicit, "deleted-long-ago")
		s.ContainerDefault().Select(dss.ContainerModeNone, "")
	})
	cfg := testExecCfg(key, "  python_env_mode = \"EXPLICIT_ENV\"\n  python_env_name = \"deleted-long-ago\"\n  container_mode = \"NONE\"\n")
	acctest.Case(t, nil, []resource.TestStep{
		acctest.AdoptedAsIsStep(testExecDefaults, acctest.ImportBlock(testExecDefaults, key)+cfg),
		acctest.EmptyPlanAfter(resource.TestStep{
			// The data source reads what DSS holds, as the resource does.
			Config: cfg + fmt.Sprintf("data \"dataiku_project_execution_defaults\" \"d\" {\n  project_key = %q\n}\n", key),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testExecDefaults, "python_env_name", "deleted-long-ago"),
				resource.TestCheckResourceAttr("data.dataiku_project_execution_defaults.d", "id", key),
				resource.TestCheckResourceAttr("data.dataiku_project_execution_defaults.d", "python_env_mode", "EXPLICIT_ENV"),
				resource.TestCheckResourceAttr("data.dataiku_project_execution_defaults.d", "python_env_name", "deleted-long-ago"),
				resource.TestCheckResourceAttr("data.dataiku_project_execution_defaults.d", "r_env_mode", "INHERIT"),
				resource.TestCheckNoResourceAttr("data.dataiku_project_execution_defaults.d", "r_env_name"),
				resource.TestCheckResourceAttr("data.dataiku_project_execution_defaults.d", "container_mode", "NONE"),
				resource.TestCheckNoResourceAttr("data.dataiku_project_execution_defaults.d", "container_exec_config_name")),
		}),
	})
	// Back to INHERIT, the name kept as DSS's settings pages keep it.
	if got := testExecDefaultsIn(t, key); got != "python=INHERIT/true/deleted-long-ago r=INHERIT/true/- container=INHERIT/-" {
		t.Errorf("after the destroy: %s", got)
	}
}

// The project deleted outside Terraform: the refresh removes the
// defaults from the state, and the destroy of what is left sends nothing
// that fails.
func TestAccProjectExecutionDefaults_projectGone(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_EXDGONE")
	c := acctest.ProjectOutside(t, key, "Deleted outside")
	cfg := testExecCfg(key, "  container_mode = \"NONE\"\n")
	acctest.Case(t, nil, []resource.TestStep{
		{Config: cfg, Check: testExecDefaultsHold(t, map[string]string{key: "python=INHERIT/true/- r=INHERIT/true/- container=NONE/-"})},
		acctest.ProjectDeletedStep(t, c, key, testExecDefaults),
		{
			// Applied again: the project is not there, and DSS says so.
			Config:      cfg,
			ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_project_execution_defaults "` + key + `".*` + key),
		},
	})
}

// A key with write access and the exposed-elements permission, but not
// admin rights on the project, is refused by DSS, quoted with the
// resource's address, and DSS keeps its defaults; with admin rights on
// the project (not on the instance) the same key may.
func TestAccProjectExecutionDefaults_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_EXDBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants = append(p.Grants, dss.ProjectGrant{User: acctest.BobLogin, ReadProjectContent: new(true), WriteProjectContent: new(true), ManageExposedElements: new(true)})
	})
	cfg := testExecCfg(key, "  python_env_mode = \"USE_BUILTIN_MODE\"\n")
	acctest.RefusedToBob(t, cfg,
		regexp.MustCompile(`(?s)Cannot create dataiku_project_execution_defaults "`+key+`".*UnauthorizedException.*settings.codeEnvs.*admin\s+rights`))
	if got := testExecDefaultsIn(t, key); got != testExecInherited {
		t.Fatalf("defaults after the refusal: %s", got)
	}
	acctest.EditOutside(t, dss.ProjectPermissionsDoc(key), func(p *dss.ProjectPermissions) {
		p.Grants[len(p.Grants)-1].Admin = new(true)
	})
	acctest.Case(t, testExecDefaultsHold(t, map[string]string{key: testExecInherited}), []resource.TestStep{acctest.EmptyPlanAfter(resource.TestStep{
		Config: acctest.AsBob(cfg),
		Check:  testExecDefaultsHold(t, map[string]string{key: "python=USE_BUILTIN_MODE/true/- r=INHERIT/true/- container=INHERIT/-"}),
	})})
}

// The defaults and several exposed objects of one project, applied
// together with every read of the settings slowed down: without the
// shared per-project lock their read-modify-writes would overlap and lose
// each other's changes. Then both change in one apply, and the destroy
// removes the entries and puts the defaults back.
func TestAccProjectExecutionDefaults_withExposedObjects(t *testing.T) {
	acctest.Parallel(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_EXDEXP")
	acctest.ProjectOutside(t, key, "Shared settings")
	cfg := func(mode, target string) string {
		var b strings.Builder
		b.WriteString(testExecCfg(key, fmt.Sprintf("  python_env_mode = %q\n  python_env_name = \"py311\"\n  container_mode = \"NONE\"\n", mode)))
		for i := range 4 {
			fmt.Fprintf(&b, "resource \"dataiku_exposed_object\" \"e%d\" {\n  project_key = %q\n  type = \"DATASET\"\n  local_name = \"d%d\"\n  targets = [{ project_key = %q, appear_on_flow = false }]\n}\n", i, key, i, target)
		}
		if mode != "EXPLICIT_ENV" {
			return strings.Replace(b.String(), "  python_env_name = \"py311\"\n", "", 1)
		}
		return b.String()
	}
	exposed := func(target string) map[string]string {
		out := map[string]string{}
		for i := range 4 {
			out[fmt.Sprintf("%s DATASET d%d", key, i)] = "quick=false " + target + ":false"
		}
		return out
	}
	slow := acctest.SetFaults(t, em, emulator.FaultRule{Method: "GET", PathRegex: "/projects/" + key + "/settings$", DelayMs: 100})
	destroyed := resource.ComposeAggregateTestCheckFunc(testAccCheckExposedObjectsDestroyed(t),
		testExecDefaultsHold(t, map[string]string{key: "python=INHERIT/true/py311 r=INHERIT/true/- container=INHERIT/-"}))
	acctest.Case(t, destroyed, []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: slow,
			Config:    cfg("EXPLICIT_ENV", "T1"),
			Check: resource.ComposeAggregateTestCheckFunc(
				testExposedHolds(t, exposed("T1")),
				testExecDefaultsHold(t, map[string]string{key: "python=EXPLICIT_ENV/false/py311 r=INHERIT/true/- container=NONE/-"})),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: slow,
			Config:    cfg("USE_BUILTIN_MODE", "T2"),
			Check: resource.ComposeAggregateTestCheckFunc(
				func(*terraform.State) error { em.Server.ClearFaults(); return nil },
				testExposedHolds(t, exposed("T2")),
				testExecDefaultsHold(t, map[string]string{key: "python=USE_BUILTIN_MODE/true/py311 r=INHERIT/true/- container=NONE/-"})),
		}),
	})
}

// What the plan refuses, and only that: a name without its explicit
// mode, a known mode in another case, two resources for one project (an
// explicit mode without a name is warned of:
// TestAccProjectExecutionDefaults_explicitWithoutNameAdopted).
// A mode the provider does not know (a newer DSS's) is passed to DSS,
// which keeps it (the emulator, like DSS, does not check it).
func TestAccProjectExecutionDefaults_validation(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_EXDVAL")
	acctest.ProjectOutside(t, key, "Validated")
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: testExecCfg(key, body), PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	acctest.Case(t, nil, []resource.TestStep{
		step("  r_env_name = \"r-env\"\n", `(?s)r_env_name without r_env_mode = "EXPLICIT_ENV".*with "INHERIT" DSS\s+uses\s+no\s+name`),
		step("  container_mode = \"NONE\"\n  container_exec_config_name = \"k8s\"\n", `(?s)container_exec_config_name is used only with container_mode\s+=\s+"EXPLICIT_CONTAINER"`),
		step("  python_env_mode = \"explicit_env\"\n  python_env_name = \"x\"\n", `(?s)Wrong case for a Python code env mode.*Write\s+"EXPLICIT_ENV"`),
		{
			// Two resources for one project: refused at plan time.
			Config: testExecCfg(key, "  container_mode = \"NONE\"\n") +
				strings.Replace(testExecCfg(key, "  python_env_mode = \"USE_BUILTIN_MODE\"\n"), `"d"`, `"twice"`, 1),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Execution defaults declared twice.*more than one\s+dataiku_project_execution_defaults\s+for\s+project\s+` + key),
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: testExecCfg(key, "  r_env_mode = \"A_NEWER_MODE\"\n"),
			Check:  testExecDefaultsHold(t, map[string]string{key: "python=INHERIT/true/- r=A_NEWER_MODE/true/- container=INHERIT/-"}),
		}),
	})
}

// Explicit modes without a name, which DSS keeps (dataikuapi's
// set_python_code_env writes the name it is given, an empty one too; a
// container config's name may be absent): adopted with the configuration
// naming none, with no change and no write, then given names in place.
func TestAccProjectExecutionDefaults_explicitWithoutNameAdopted(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_EXDNONAME")
	acctest.ProjectOutside(t, key, "Explicit without names")
	acctest.EditRawDoc(t, dss.ProjectSettingsDoc(key).Path(), func(d map[string]any) {
		s := d["settings"].(map[string]any)
		s["codeEnvs"].(map[string]any)["python"] = map[string]any{"mode": "EXPLICIT_ENV", "useBuiltinEnv": false, "envName": ""}
		s["container"] = map[string]any{"containerMode": "EXPLICIT_CONTAINER"}
	})
	held := testExecDefaultsIn(t, key)
	if held != "python=EXPLICIT_ENV/false/ r=INHERIT/true/- container=EXPLICIT_CONTAINER/-" {
		t.Fatalf("fixture: %s", held)
	}
	const addr = "dataiku_project_execution_defaults.d"
	adopted := acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(addr,
		acctest.ImportBlock(addr, key)+testExecCfg(key, "  python_env_mode = \"EXPLICIT_ENV\"\n  container_mode = \"EXPLICIT_CONTAINER\"\n"),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("python_env_name"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("container_exec_config_name"), knownvalue.Null())))
	adopted.Check = testExecDefaultsHold(t, map[string]string{key: held})
	acctest.Case(t, nil, []resource.TestStep{
		adopted,
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testExecCfg(key, "  python_env_mode = \"EXPLICIT_ENV\"\n  python_env_name = \"py311\"\n  container_mode = \"EXPLICIT_CONTAINER\"\n  container_exec_config_name = \"k8s\"\n"),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check:            testExecDefaultsHold(t, map[string]string{key: "python=EXPLICIT_ENV/false/py311 r=INHERIT/true/- container=EXPLICIT_CONTAINER/k8s"}),
		}),
	})
}
