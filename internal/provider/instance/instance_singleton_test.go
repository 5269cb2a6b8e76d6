package instance_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

// The singleton rule: a configuration with two instances of
// dataiku_instance_settings or dataiku_instance_variables fails at plan
// time; one instance of each never trips it, whatever Terraform runs.

func singletonError(typ string) *regexp.Regexp {
	return regexp.MustCompile(`Only one ` + typ + ` per DSS instance`)
}

const (
	oneSettings  = "resource \"dataiku_instance_settings\" \"a\" {\n  settings = jsonencode({ maxRunningActivities = 9 })\n}\n"
	oneVariables = "resource \"dataiku_instance_variables\" \"a\" {\n  variables = { singleton = \"yes\" }\n}\n"
)

// singletonConfigs are configurations that break the rule, by type.
func singletonConfigs() map[string]string {
	twoBlocks := "resource \"dataiku_instance_settings\" \"a\" {\n  settings = jsonencode({ maxRunningActivities = 9 })\n}\n" +
		"resource \"dataiku_instance_settings\" \"b\" {\n  settings = jsonencode({ maxRunningActivitiesPerJob = 3 })\n}\n"
	count := "resource \"dataiku_instance_variables\" \"a\" {\n  count     = 2\n  variables = jsonencode({ i = count.index })\n}\n"
	forEach := "resource \"dataiku_instance_settings\" \"a\" {\n  for_each = toset([\"x\", \"y\"])\n  settings = jsonencode({ (each.key) = 1 })\n}\n"
	return map[string]string{
		"two blocks|dataiku_instance_settings":        twoBlocks,
		"count = 2|dataiku_instance_variables":        count,
		"for_each two keys|dataiku_instance_settings": forEach,
	}
}

// Through terraform-plugin-testing, whose provider is served in-process
// and reused across Terraform's walks.
func TestAccInstanceSingleton_pluginTesting(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	testKeepDoc(t, dss.GeneralSettingsDoc())
	testKeepDoc(t, dss.InstanceVariablesDoc())
	var steps []resource.TestStep
	for name, cfg := range singletonConfigs() {
		typ := name[strings.Index(name, "|")+1:]
		steps = append(steps, resource.TestStep{Config: cfg, ExpectError: singletonError(typ)})
	}
	renamed := "resource \"dataiku_instance_settings\" \"b\" {\n  settings = jsonencode({ maxRunningActivities = 9 })\n}\n"
	steps = append(steps,
		// One of each: plan, apply, the empty plan after it, refresh.
		resource.TestStep{Config: oneSettings + oneVariables},
		resource.TestStep{RefreshState: true},
		// A tainted instance is planned twice in a walk (update, then
		// create): counted once.
		resource.TestStep{Config: oneSettings + oneVariables, Taint: []string{"dataiku_instance_settings.a", "dataiku_instance_variables.a"},
			ConfigPlanChecks: acctest.Plans("dataiku_instance_settings.a", plancheck.ResourceActionDestroyBeforeCreate)},
		resource.TestStep{Config: oneSettings + oneVariables, PlanOnly: true},
		resource.TestStep{ResourceName: "dataiku_instance_settings.a", ImportState: true, ImportStateId: instance.GeneralSettingsID,
			ImportStateVerify: true, ImportStateVerifyIgnore: []string{"settings"}},
		resource.TestStep{ResourceName: "dataiku_instance_variables.a", ImportState: true, ImportStateId: instance.InstanceVariablesID, ImportStateVerify: true},
		// Renamed without a moved block: one instance planned for
		// creation, the other for destruction (not counted).
		resource.TestStep{Config: renamed + oneVariables, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(`dataiku_instance_settings.b`, plancheck.ResourceActionCreate),
			plancheck.ExpectResourceAction("dataiku_instance_settings.a", plancheck.ResourceActionDestroy),
		}}},
	)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps:                    steps,
	})
}

// Through the terraform CLI with the provider binary, as users run it:
// each walk starts its own provider process.
func TestAccInstanceSingleton_terraformCLI(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	testKeepDoc(t, dss.GeneralSettingsDoc())
	testKeepDoc(t, dss.InstanceVariablesDoc())
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	for name, cfg := range singletonConfigs() {
		typ := name[strings.Index(name, "|")+1:]
		dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": acctest.CliRequiredProviders + cfg})
		for _, args := range [][]string{{"plan", "-no-color"}, {"apply", "-auto-approve", "-no-color"}} {
			out, err := acctest.RunTerraform(t, dir, env, args...)
			if err == nil || !singletonError(typ).MatchString(out) {
				t.Errorf("%s: terraform %s did not fail with the singleton rule (err %v):\n%s", name, args[0], err, acctest.Tail(out, 3000))
			}
			if strings.Contains(out, "Creating...") || strings.Contains(out, "Modifying...") {
				t.Errorf("%s: terraform %s applied something:\n%s", name, args[0], acctest.Tail(out, 3000))
			}
		}
	}

	// One instance in each of two module calls: the same provider
	// configuration, so the same DSS.
	modDir := acctest.NewTerraformDir(t, map[string]string{"main.tf": acctest.CliRequiredProviders +
		"module \"one\" {\n  source = \"./m\"\n}\nmodule \"two\" {\n  source = \"./m\"\n}\n"})
	if err := os.Mkdir(filepath.Join(modDir, "m"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(modDir, "m", "main.tf"), []byte(acctest.CliRequiredProviders+oneVariables), 0o600); err != nil {
		t.Fatal(err)
	}
	acctest.MustTerraform(t, modDir, env, nil, "get", "-no-color") // local modules only: no registry
	if out, err := acctest.RunTerraform(t, modDir, env, "plan", "-no-color"); err == nil || !singletonError("dataiku_instance_variables").MatchString(out) {
		t.Errorf("two module calls: terraform plan did not fail with the singleton rule (err %v):\n%s", err, acctest.Tail(out, 3000))
	}

	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": acctest.CliRequiredProviders + oneSettings + oneVariables})
	run := func(args ...string) { acctest.MustTerraform(t, dir, env, nil, append(args, "-no-color")...) }
	run("plan")
	run("apply", "-auto-approve")
	run("plan", "-detailed-exitcode") // fails on a non-empty plan (exit 2)
	run("refresh")
	run("apply", "-refresh-only", "-auto-approve")
	run("apply", "-auto-approve", "-replace=dataiku_instance_settings.a")
	// A saved plan: the apply walk alone, in its own process.
	run("plan", "-out=tfplan", "-replace=dataiku_instance_variables.a")
	run("apply", "tfplan")
	run("apply", "-auto-approve", "-target=dataiku_instance_settings.a")
	// A tainted instance is replaced: planned twice in the walk, counted once.
	run("taint", "dataiku_instance_variables.a")
	run("apply", "-auto-approve")
	run("state", "rm", "dataiku_instance_settings.a", "dataiku_instance_variables.a")
	// Import blocks, then terraform import.
	importBlocks := acctest.ImportBlock("dataiku_instance_settings.a", instance.GeneralSettingsID) +
		acctest.ImportBlock("dataiku_instance_variables.a", instance.InstanceVariablesID)
	dirImp := acctest.NewTerraformDir(t, map[string]string{"main.tf": acctest.CliRequiredProviders + oneSettings + oneVariables + importBlocks})
	acctest.MustTerraform(t, dirImp, env, nil, "plan", "-no-color")
	acctest.MustTerraform(t, dirImp, env, nil, "apply", "-auto-approve", "-no-color")
	acctest.MustTerraform(t, dirImp, env, nil, "plan", "-detailed-exitcode", "-no-color")
	run("import", "dataiku_instance_settings.a", instance.GeneralSettingsID)
	run("import", "dataiku_instance_variables.a", instance.InstanceVariablesID)
	run("apply", "-auto-approve")
	run("plan", "-destroy")
	run("destroy", "-auto-approve")
	if v := testDocAt(t, dss.InstanceVariablesDoc(), "singleton"); v != "yes" {
		t.Errorf("the variables after destroy: singleton = %v, want them left as they were", v)
	}
}
