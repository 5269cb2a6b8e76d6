package instance_test

import (
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
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

const testExecConfigAddr = "dataiku_container_exec_config.test"

// testExecConfigItems are the general settings' execution configs, by name.
func testExecConfigItems(t *testing.T) map[string]map[string]any {
	t.Helper()
	doc, err := dss.GeneralSettingsDoc().Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for _, x := range instance.ExecConfigs(*doc, false) {
		m, _ := x.(map[string]any)
		name, _ := m["name"].(string)
		out[name] = m
	}
	return out
}

// testEditExecConfigs changes the general settings' execution configs
// outside Terraform.
func testEditExecConfigs(t *testing.T, edit func(doc dss.FreeObject)) error {
	_, _, err := dss.GeneralSettingsDoc().Update(acctest.Ctx(t), acctest.Client(t), func(d *dss.FreeObject) error {
		edit(*d)
		return nil
	})
	return err
}

// testPlantExecConfig adds item, an execution config named name, to DSS's
// general settings outside Terraform, and removes it when the test ends.
func testPlantExecConfig(t *testing.T, name string, item map[string]any) {
	t.Helper()
	item["name"] = name
	if err := testEditExecConfigs(t, func(d dss.FreeObject) {
		instance.SetExecConfigs(d, append(instance.ExecConfigs(d, true), item))
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = testEditExecConfigs(t, func(d dss.FreeObject) {
			list := instance.ExecConfigs(d, false)
			if _, i := instance.ExecConfigItem(list, name); i >= 0 {
				instance.SetExecConfigs(d, append(list[:i:i], list[i+1:]...))
			}
		})
	})
}

func testAccCheckExecConfigsDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		items := testExecConfigItems(t)
		for _, rs := range s.RootModule().Resources {
			if rs.Type == "dataiku_container_exec_config" && items[rs.Primary.ID] != nil {
				return fmt.Errorf("execution config %s is still in DSS", rs.Primary.ID)
			}
		}
		if items["hand-made"] == nil {
			return fmt.Errorf("the config made outside Terraform is gone")
		}
		return nil
	}
}

func testAccExecConfigConfig(name, extra string) string {
	return fmt.Sprintf("resource \"dataiku_container_exec_config\" \"test\" {\n  name = %q\n%s}\n", name, extra)
}

func TestAccContainerExecConfig_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const name = "acc-k8s"
	if err := testEditExecConfigs(t, func(d dss.FreeObject) {
		instance.ExecConfigs(d, true)
		instance.SetExecConfigs(d, []any{map[string]any{"name": "hand-made", "type": "KUBERNETES", "kubernetesNamespace": "other"}})
	}); err != nil {
		t.Fatal(err)
	}
	base := `  image_repository = "registry.example.com/dss"
  image_tag        = "dss-14-py311"
  namespace        = "dss-jobs"
  cpu_request      = "500m"
  cpu_limit        = "2"
  memory_limit     = "4Gi"
  usable_by        = "ALLOWED"
  allowed_groups   = ["` + acctest.AliceGroup + `"]
  properties       = { "dku.sa" = "dss" }
`
	updated := `  image_repository = "registry.example.com/dss"
  image_tag        = "dss-14-py311"
  namespace        = "dss-jobs"
  cpu_request      = "500m"
  cpu_limit        = "4"
  memory_request   = "1Gi"
  memory_limit     = "4Gi"
`
	item := func(n string) map[string]any { return testExecConfigItems(t)[n] }
	acctest.Case(t, testAccCheckExecConfigsDestroyed(t), []resource.TestStep{
		{
			Config: testAccExecConfigConfig(name, base),
			Check: func(*terraform.State) error {
				it := item(name)
				if it == nil || it["kubernetesNamespace"] != "dss-jobs" || it["cpuLimit"] != "2" || it["usableBy"] != "ALLOWED" ||
					fmt.Sprint(it["allowedGroups"]) != "["+acctest.AliceGroup+"]" || fmt.Sprint(it["properties"]) != "[map[key:dku.sa value:dss]]" ||
					it["type"] != "KUBERNETES" || it["repositoryURL"] != "registry.example.com/dss" {
					return fmt.Errorf("item in DSS: %v", it)
				}
				if item("hand-made")["kubernetesNamespace"] != "other" {
					return fmt.Errorf("the other config changed: %v", item("hand-made"))
				}
				return nil
			},
		},
		{
			// In place; properties unset stay as DSS has them, usable_by back
			// to its default.
			Config:           testAccExecConfigConfig(name, updated),
			ConfigPlanChecks: acctest.Plans(testExecConfigAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				it := item(name)
				if it["cpuLimit"] != "4" || it["memoryRequest"] != "1Gi" || it["usableBy"] != "ALL" || fmt.Sprint(it["properties"]) != "[map[key:dku.sa value:dss]]" {
					return fmt.Errorf("item in DSS: %v", it)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testExecConfigAddr, acctest.ImportID(name), "properties"),
		acctest.ImportIdentityStep(t, testExecConfigAddr, "properties"),
		{
			// Changed outside Terraform: the namespace, and a key the resource
			// does not model (kept).
			PreConfig: acctest.Must(t, func() error {
				return testEditExecConfigs(t, func(d dss.FreeObject) {
					it, _ := instance.ExecConfigItem(instance.ExecConfigs(d, false), name)
					it["kubernetesNamespace"] = "elsewhere"
					it["dockerNetwork"] = "host"
				})
			}),
			Config:           testAccExecConfigConfig(name, updated),
			ConfigPlanChecks: acctest.Plans(testExecConfigAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				if it := item(name); it["kubernetesNamespace"] != "dss-jobs" || it["dockerNetwork"] != "host" {
					return fmt.Errorf("item in DSS: %v", it)
				}
				return nil
			},
		},
		acctest.DeletedOutsideStep(t, testExecConfigAddr, testAccExecConfigConfig(name, updated),
			func() error {
				return testEditExecConfigs(t, func(d dss.FreeObject) {
					list := instance.ExecConfigs(d, false)
					_, i := instance.ExecConfigItem(list, name)
					instance.SetExecConfigs(d, append(list[:i:i], list[i+1:]...))
				})
			},
			func(*terraform.State) error {
				if item(name)["cpuLimit"] != "4" {
					return fmt.Errorf("not created again: %v", item(name))
				}
				return nil
			}),
		{
			Config:           testAccExecConfigConfig(name+"-2", updated),
			ConfigPlanChecks: acctest.Plans(testExecConfigAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if item(name) != nil || item(name + "-2")["cpuLimit"] != "4" {
					return fmt.Errorf("after the rename: %v", testExecConfigItems(t))
				}
				return nil
			},
		},
	})
}

// TestAccContainerExecConfig_withInstanceSettings: both resources write the
// general settings in one apply, converge, and never undo each other.
func TestAccContainerExecConfig_withInstanceSettings(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	cfg := func(limit string) string {
		return `resource "dataiku_instance_settings" "this" {
  settings = jsonencode({ maxRunningActivities = 7, containerSettings = { defaultExecutionConfig = "acc-a" } })
}
resource "dataiku_container_exec_config" "a" {
  name      = "acc-a"
  namespace = "ns-a"
  cpu_limit = "` + limit + `"
}
resource "dataiku_container_exec_config" "b" {
  name      = "acc-b"
  namespace = "ns-b"
}
`
	}
	check := func(limit string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			items := testExecConfigItems(t)
			if items["acc-a"]["cpuLimit"] != limit || items["acc-b"]["kubernetesNamespace"] != "ns-b" {
				return fmt.Errorf("execution configs in DSS: %v", items)
			}
			doc, err := dss.GeneralSettingsDoc().Get(acctest.Ctx(t), acctest.Client(t))
			if err != nil {
				return err
			}
			cs, _ := (*doc)["containerSettings"].(map[string]any)
			if cs["defaultExecutionConfig"] != "acc-a" || fmt.Sprint((*doc)["maxRunningActivities"]) != "7" {
				return fmt.Errorf("general settings: %v", *doc)
			}
			return nil
		}
	}
	acctest.Case(t, nil, []resource.TestStep{
		{
			// The list itself is the dedicated resource's: refused.
			Config: `resource "dataiku_instance_settings" "this" {
  settings = jsonencode({ containerSettings = { executionConfigs = [] } })
}
`,
			ExpectError: regexp.MustCompile(`(?s)cannot write\s+containerSettings\.executionConfigs.*dataiku_container_exec_config`),
		},
		{Config: cfg("1"), Check: check("1")},
		{Config: cfg("3"), Check: check("3")},
	})
}

// TestAccContainerExecConfig_badInput: a name used twice is refused at
// plan time, and nothing is written. (A resource value outside
// Kubernetes' grammar is no longer refused:
// TestAccContainerExecConfig_nonQuantityAdopted.)
func TestAccContainerExecConfig_badInput(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: testAccExecConfigConfig("acc-twice", "") +
				"resource \"dataiku_container_exec_config\" \"again\" {\n  name = \"acc-twice\"\n}\n",
			ExpectError: regexp.MustCompile(`(?s)Execution config name used twice`),
		},
	})
	if testExecConfigItems(t)["acc-twice"] != nil {
		t.Fatal("a refused plan wrote a config")
	}
}

func TestAccContainerExecConfig_nonAdminRefused(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RefusedToBob(t, testAccExecConfigConfig("acc-bob", "  namespace = \"x\"\n"),
		regexp.MustCompile(`dataiku_container_exec_config needs an administrator's API key`))
	if testExecConfigItems(t)["acc-bob"] != nil {
		t.Fatal("bob's refused plan wrote a config")
	}
}

// TestAccContainerExecConfig_emptyStringsAdopted: DSS holds a field left
// empty as "". Such a config adopts with a configuration that leaves those
// attributes out (no quantity or length validator has to accept ""), plans
// no change, and neither the adopting apply nor a later change in place
// touches DSS's "" keys (the provider once read them as "" and then
// removed them).
func TestAccContainerExecConfig_emptyStringsAdopted(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const name = "acc-empty-fields"
	empty := []string{"repositoryURL", "baseImageTag", "cpuRequest", "cpuLimit", "memoryRequest", "memoryLimit"}
	item := map[string]any{"type": "KUBERNETES", "usableBy": "ALL", "allowedGroups": []any{}, "properties": []any{}, "kubernetesNamespace": "dss-jobs"}
	for _, k := range empty {
		item[k] = ""
	}
	testPlantExecConfig(t, name, item)
	emptyKept := func(namespace string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			it := testExecConfigItems(t)[name]
			for _, k := range empty {
				if v, ok := it[k]; !ok || v != "" {
					return fmt.Errorf("DSS's %s is no longer \"\": %v", k, it)
				}
			}
			if it["kubernetesNamespace"] != namespace {
				return fmt.Errorf("item in DSS: %v", it)
			}
			return nil
		}
	}
	cfg := func(namespace string) string {
		return testAccExecConfigConfig(name, fmt.Sprintf("  namespace = %q\n", namespace))
	}
	adopt := acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testExecConfigAddr, acctest.ImportBlock(testExecConfigAddr, name)+cfg("dss-jobs")))
	adopt.Check = resource.ComposeAggregateTestCheckFunc(emptyKept("dss-jobs"),
		resource.TestCheckNoResourceAttr(testExecConfigAddr, "cpu_limit"),
		resource.TestCheckNoResourceAttr(testExecConfigAddr, "image_repository"))
	acctest.Case(t, nil, []resource.TestStep{
		adopt,
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg("dss-other"),
			ConfigPlanChecks: acctest.Plans(testExecConfigAddr, plancheck.ResourceActionUpdate),
			Check:            emptyKept("dss-other"),
		}),
	})
}

// TestContainerExecQuantities: a Kubernetes quantity passes silently;
// another value ("4GB", "two cores") is warned of, never refused, since DSS
// holds what its settings page was given; "" is still refused (DSS's ""
// reads as unset, so it could not be read back).
func TestContainerExecQuantities(t *testing.T) {
	for _, attr := range []string{"cpu_request", "cpu_limit", "memory_request", "memory_limit"} {
		check := acctest.SchemaDiagnostics(t, instance.NewContainerExecConfigResource(), attr)
		for _, ok := range []string{"500m", "2", "1.5Gi", "512Mi", "1e3", "+.5"} {
			if d := check(ok); len(d) != 0 {
				t.Errorf("%s = %q: %v", attr, ok, d)
			}
		}
		if d := check(""); !d.HasError() || d.WarningsCount() != 0 {
			t.Errorf("%s = \"\": want one error, got %v", attr, d)
		}
		for _, odd := range []string{"4GB", "two cores", "1 Gi", "2gi"} {
			d := check(odd)
			if d.HasError() || d.WarningsCount() != 1 || !strings.Contains(d.Warnings()[0].Detail(), "should be a Kubernetes quantity") {
				t.Errorf("%s = %q: want one warning and no error, got %v", attr, odd, d)
			}
		}
	}
}

// TestAccContainerExecConfig_nonQuantityAdopted: a config whose resources
// DSS holds outside Kubernetes' grammar ("4GB", "two cores", as its
// settings page takes them) adopts with a configuration writing them as
// they are: a warning, no error, no change, an empty plan; then a change
// writes another such value, which DSS keeps. The provider once refused
// these values at plan time.
func TestAccContainerExecConfig_nonQuantityAdopted(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	const name = "acc-non-quantity"
	testPlantExecConfig(t, name, map[string]any{"type": "KUBERNETES", "usableBy": "ALL", "allowedGroups": []any{}, "properties": []any{},
		"memoryRequest": "4GB", "cpuLimit": "two cores"})
	cfg := func(memory string) string {
		return testAccExecConfigConfig(name, fmt.Sprintf("  memory_request = %q\n  cpu_limit      = \"two cores\"\n", memory))
	}
	held := func(memory string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if it := testExecConfigItems(t)[name]; it["memoryRequest"] != memory || it["cpuLimit"] != "two cores" {
				return fmt.Errorf("item in DSS: %v", it)
			}
			return nil
		}
	}
	adopt := acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testExecConfigAddr, acctest.ImportBlock(testExecConfigAddr, name)+cfg("4GB")))
	adopt.Check = held("4GB")
	acctest.Case(t, nil, []resource.TestStep{
		adopt,
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           cfg("8 GB"),
			ConfigPlanChecks: acctest.Plans(testExecConfigAddr, plancheck.ResourceActionUpdate),
			Check:            held("8 GB"),
		}),
	})
}

// TestContainerExecUsableBy: usable_by's list is inferred, so only a case
// variant of a known value is refused; another value (one DSS may hold)
// passes. The provider once refused every value but ALL and ALLOWED.
func TestContainerExecUsableBy(t *testing.T) {
	check := acctest.SchemaDiagnostics(t, instance.NewContainerExecConfigResource(), "usable_by")
	for _, ok := range []string{"ALL", "ALLOWED", "NOBODY", "ALLOWED_AND_PROJECTS"} {
		if d := check(ok); len(d) != 0 {
			t.Errorf("usable_by = %q: %v", ok, d)
		}
	}
	for _, bad := range []string{"all", "Allowed"} {
		if d := check(bad); !d.HasError() || !strings.Contains(d.Errors()[0].Detail(), "DSS spells this usable_by value") {
			t.Errorf("usable_by = %q: want the spelling refused, got %v", bad, d)
		}
	}
}

// TestAccContainerExecConfigDataSource: dataiku_container_exec_config
// reads a config made outside Terraform by name, with DSS's empty fields as
// null; an unknown name and a non-admin key are errors.
func TestAccContainerExecConfigDataSource(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	testPlantExecConfig(t, "acc-ds-config", map[string]any{"type": "KUBERNETES", "usableBy": "ALLOWED", "allowedGroups": []any{"data-team"},
		"kubernetesNamespace": "dss-jobs", "cpuLimit": "2", "memoryLimit": "", "properties": []any{map[string]any{"key": "team", "value": "data"}}})
	const ds = "data.dataiku_container_exec_config.test"
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: "data \"dataiku_container_exec_config\" \"test\" {\n  name = \"acc-ds-config\"\n}\n",
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("namespace"), knownvalue.StringExact("dss-jobs")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("cpu_limit"), knownvalue.StringExact("2")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("memory_limit"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("usable_by"), knownvalue.StringExact("ALLOWED")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("allowed_groups"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("data-team")})),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("properties"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("data")})),
			},
		},
		{
			Config:      "data \"dataiku_container_exec_config\" \"test\" {\n  name = \"no-such-config\"\n}\n",
			ExpectError: regexp.MustCompile(`No execution config is named "no-such-config"`),
		},
	})
	acctest.RefusedToBob(t, "data \"dataiku_container_exec_config\" \"bob\" {\n  name = \"acc-ds-config\"\n}\n",
		regexp.MustCompile(`Cannot read data.dataiku_container_exec_config "acc-ds-config"`))
}
