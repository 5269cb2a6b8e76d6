package instance_test

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

const testPluginAddr = "dataiku_plugin.test"

// testPluginVersion is the version DSS has installed of plugin id, "" when
// it has none.
func testPluginVersion(t *testing.T, id string) string {
	t.Helper()
	list, err := acctest.Client(t).ListPlugins(acctest.Ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if p.ID == id {
			return p.Version
		}
	}
	return ""
}

func testAccCheckPluginVersion(t *testing.T, id, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := testPluginVersion(t, id); got != want {
			return fmt.Errorf("DSS has plugin %s at version %q, want %q", id, got, want)
		}
		return nil
	}
}

func testAccCheckPluginsDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type == "dataiku_plugin" && testPluginVersion(t, rs.Primary.ID) != "" {
				return fmt.Errorf("plugin %s is still installed", rs.Primary.ID)
			}
		}
		return nil
	}
}

// testPluginZip writes a plugin archive of id at version into path.
func testPluginZip(t *testing.T, path, id, version string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.Create(id + "/plugin.json")
	if err == nil {
		_, err = fmt.Fprintf(w, `{"id":%q,"version":%q}`, id, version)
	}
	if err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}

func testAccPluginGitConfig(id, repo, checkout, extra string) string {
	return fmt.Sprintf(`resource "dataiku_plugin" "test" {
  plugin_id    = %q
  git_url      = "file://%s"
  git_checkout = %q
  git_subpath  = "sub"
%s}
`, id, repo, checkout, extra)
}

func TestAccPlugin_git(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	const id = "acc-git-plugin"
	repo := acctest.PluginGitRepo(t, id, map[string]string{"v1": "1.0.0", "v2": "2.0.0"})
	other := acctest.PluginGitRepo(t, id+"-b", map[string]string{"main": "0.3.0"})
	c := acctest.Client(t)
	acctest.Case(t, testAccCheckPluginsDestroyed(t), []resource.TestStep{
		{
			Config: testAccPluginGitConfig(id, repo, "v1", "  install_code_env = true\n"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testPluginAddr, tfjsonpath.New("version"), knownvalue.StringExact("1.0.0")),
				statecheck.ExpectKnownValue(testPluginAddr, tfjsonpath.New("zip_sha256"), knownvalue.Null()),
			},
			Check: resource.ComposeTestCheckFunc(testAccCheckPluginVersion(t, id, "1.0.0"), func(*terraform.State) error {
				s, err := dss.PluginSettingsDoc(id).Get(acctest.Ctx(t), c)
				if err != nil {
					return err
				}
				if (*s)["codeEnvName"] != "plugin_"+id {
					return fmt.Errorf("the plugin's code env was not created: settings %v", *s)
				}
				return nil
			}),
		},
		{
			// A new checkout updates in place.
			Config:           testAccPluginGitConfig(id, repo, "v2", "  install_code_env = true\n"),
			ConfigPlanChecks: acctest.Plans(testPluginAddr, plancheck.ResourceActionUpdate),
			Check:            testAccCheckPluginVersion(t, id, "2.0.0"),
		},
		acctest.ImportVerifyStep(testPluginAddr, acctest.ImportID(id), "install_code_env"),
		acctest.ImportIdentityStep(t, testPluginAddr, "install_code_env"),
		{
			// Changed outside Terraform: someone installed v1 again; the plan
			// installs the configured checkout back.
			PreConfig: acctest.Must(t, func() error {
				f, err := c.UpdatePlugin(acctest.Ctx(t), id, dss.PluginSource{GitURL: "file://" + repo, GitCheckout: "v1", GitSubpath: "sub"})
				if err == nil {
					_, err = c.WaitFuture(acctest.Ctx(t), f, false)
				}
				return err
			}),
			Config:           testAccPluginGitConfig(id, repo, "v2", "  install_code_env = true\n"),
			ConfigPlanChecks: acctest.Plans(testPluginAddr, plancheck.ResourceActionUpdate),
			Check:            testAccCheckPluginVersion(t, id, "2.0.0"),
		},
		acctest.DeletedOutsideStep(t, testPluginAddr, testAccPluginGitConfig(id, repo, "v2", ""),
			func() error {
				f, err := c.DeletePlugin(acctest.Ctx(t), id, true)
				if err == nil {
					_, err = c.WaitFuture(acctest.Ctx(t), f, false)
				}
				return err
			},
			testAccCheckPluginVersion(t, id, "2.0.0")),
		{
			// Another plugin id replaces the plugin.
			Config:           testAccPluginGitConfig(id+"-b", other, "main", ""),
			ConfigPlanChecks: acctest.Plans(testPluginAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeTestCheckFunc(testAccCheckPluginVersion(t, id, ""),
				testAccCheckPluginVersion(t, id+"-b", "0.3.0")),
		},
	})
}

func testAccPluginStoreConfig(id, version, extra string) string {
	return fmt.Sprintf("resource \"dataiku_plugin\" \"test\" {\n  plugin_id     = %q\n  store_version = %q\n%s}\n", id, version, extra)
}

// TestAccPlugin_storeFailedUpdate: a failed update shows DSS's log and
// keeps the previous version in the state; the next apply retries.
func TestAccPlugin_storeFailedUpdate(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	const id = "acc-store-plugin"
	store := func(version, failLog string) func() {
		return acctest.Must(t, func() error {
			return em.Server.SetPluginStore([]emulator.PluginStoreEntry{{ID: id, Version: version, FailLog: failLog}})
		})
	}
	store("1.0.0", "")()
	acctest.Case(t, testAccCheckPluginsDestroyed(t), []resource.TestStep{
		{
			Config: testAccPluginStoreConfig(id, "1.0.0", ""),
			Check:  testAccCheckPluginVersion(t, id, "1.0.0"),
		},
		{
			PreConfig:   store("1.1.0", "Collecting geopandas\nERROR: No matching distribution found for geopandas==99"),
			Config:      testAccPluginStoreConfig(id, "1.1.0", ""),
			ExpectError: regexp.MustCompile(`(?s)Cannot update dataiku_plugin "acc-store-plugin".*updating the plugin failed.*No matching distribution found for\s+geopandas==99`),
		},
		{
			// The state kept 1.0.0: the plan still updates, and succeeds once
			// the store is fixed.
			PreConfig: store("1.1.0", ""),
			Config:    testAccPluginStoreConfig(id, "1.1.0", ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testPluginAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(testPluginAddr, tfjsonpath.New("version"), knownvalue.StringExact("1.1.0")),
			}},
			Check: testAccCheckPluginVersion(t, id, "1.1.0"),
		},
		{
			// The store cannot install another version than its own.
			Config:      testAccPluginStoreConfig(id, "2.0.0", ""),
			ExpectError: regexp.MustCompile(`(?s)the store offers\s+1\.1\.0`),
		},
		{
			Config: testAccPluginStoreConfig(id, "1.1.0", ""),
			Check:  testAccCheckPluginVersion(t, id, "1.1.0"),
		},
	})
}

func testAccPluginZipConfig(id, path string) string {
	return fmt.Sprintf("resource \"dataiku_plugin\" \"test\" {\n  plugin_id = %q\n  zip_path  = %q\n}\n", id, path)
}

func TestAccPlugin_zip(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	const id = "acc-zip-plugin"
	path := filepath.Join(t.TempDir(), "plugin.zip")
	testPluginZip(t, path, id, "0.1.0")
	acctest.Case(t, testAccCheckPluginsDestroyed(t), []resource.TestStep{
		{
			Config: testAccPluginZipConfig(id, path),
			Check:  testAccCheckPluginVersion(t, id, "0.1.0"),
		},
		{
			// A new archive at the same path updates in place.
			PreConfig:        func() { testPluginZip(t, path, id, "0.2.0") },
			Config:           testAccPluginZipConfig(id, path),
			ConfigPlanChecks: acctest.Plans(testPluginAddr, plancheck.ResourceActionUpdate),
			Check:            testAccCheckPluginVersion(t, id, "0.2.0"),
		},
		// The archive's path and hash are not DSS's to say.
		acctest.ImportVerifyStep(testPluginAddr, acctest.ImportID(id), "zip_path", "zip_sha256"),
	})
}

// TestAccPlugin_zipAdoptedWithoutSource: a plugin installed from an
// archive outside Terraform, whose source DSS does not say, adopts with a
// configuration naming no source (as dss-adopt writes it) and no change;
// Terraform then never reinstalls it (not when a source is named, nor
// when it is removed again), and destroy removes it.
func TestAccPlugin_zipAdoptedWithoutSource(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	const id = "acc-zip-adopted"
	path := filepath.Join(t.TempDir(), "plugin.zip")
	testPluginZip(t, path, id, "0.3.0")
	archive, err := os.ReadFile(path)
	acctest.MustDo(t, err)
	acctest.PluginOutside(t, acctest.Client(t), id, dss.PluginSource{ZipName: "plugin.zip", Zip: archive})
	cfg := acctest.ImportBlock(testPluginAddr, id) + fmt.Sprintf("resource \"dataiku_plugin\" \"test\" {\n  plugin_id = %q\n}\n", id)
	acctest.Case(t, testAccCheckPluginsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testPluginAddr, cfg,
			statecheck.ExpectKnownValue(testPluginAddr, tfjsonpath.New("version"), knownvalue.StringExact("0.3.0")),
			statecheck.ExpectKnownValue(testPluginAddr, tfjsonpath.New("zip_path"), knownvalue.Null()))),
		// Naming an archive records it without installing it (DSS keeps
		// 0.3.0 though the archive holds 0.4.0); removing it again
		// installs nothing either.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        func() { testPluginZip(t, path, id, "0.4.0") },
			Config:           testAccPluginZipConfig(id, path),
			ConfigPlanChecks: acctest.Plans(testPluginAddr, plancheck.ResourceActionUpdate),
			Check:            testAccCheckPluginVersion(t, id, "0.3.0"),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           fmt.Sprintf("resource \"dataiku_plugin\" \"test\" {\n  plugin_id = %q\n}\n", id),
			ConfigPlanChecks: acctest.Plans(testPluginAddr, plancheck.ResourceActionUpdate),
			Check:            testAccCheckPluginVersion(t, id, "0.3.0"),
		}),
	})
}

// TestPluginIDRule: a plugin id is refused only when DSS could not be
// asked about it (blank, a slash, a control character); an id outside
// the usual lower-case words is DSS's to judge. The provider once refused
// ids not starting with a letter or digit, or holding other characters.
func TestPluginIDRule(t *testing.T) {
	for _, r := range []fwresource.Resource{instance.NewPluginResource(), instance.NewPluginSettingsResource(), instance.NewPluginPresetResource()} {
		valid := acctest.SchemaCheck(t, r, "plugin_id")
		for _, ok := range []string{"googlesheets", "dss-plugin-x", "a.b_c", "_internal", "plugin+x", "My Plugin", "été"} {
			if !valid(ok) {
				t.Errorf("%T: plugin_id %q refused", r, ok)
			}
		}
		for _, bad := range []string{"", " ", "a/b", "a\nb", "a\x00"} {
			if valid(bad) {
				t.Errorf("%T: plugin_id %q accepted", r, bad)
			}
		}
	}
}

// TestAccPlugin_zipUnusualID: a plugin whose id starts with an underscore
// and holds a "+" (its plugin.json's choice) is installed, read back and
// imported like any other.
func TestAccPlugin_zipUnusualID(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	const id = "_acc_zip+plugin"
	path := filepath.Join(t.TempDir(), "plugin.zip")
	testPluginZip(t, path, id, "0.1.0")
	acctest.Case(t, testAccCheckPluginsDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: testAccPluginZipConfig(id, path), Check: testAccCheckPluginVersion(t, id, "0.1.0")}),
		acctest.ImportVerifyStep(testPluginAddr, acctest.ImportID(id), "zip_path", "zip_sha256"),
	})
}

func TestAccPlugin_badInput(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	missing := filepath.Join(t.TempDir(), "missing.zip")
	acctest.Case(t, nil, []resource.TestStep{
		{
			// No source: allowed for an imported plugin, refused for one to install.
			Config:      "resource \"dataiku_plugin\" \"test\" {\n  plugin_id = \"p\"\n}\n",
			ExpectError: regexp.MustCompile(`(?s)needs a source to install.*set\s+one\s+of\s+store_version`),
		},
		{
			Config:      "resource \"dataiku_plugin\" \"test\" {\n  plugin_id = \"p\"\n  store_version = \"1\"\n  git_url = \"https://example.com/p.git\"\n}\n",
			ExpectError: regexp.MustCompile(`(?s)takes one source.*at\s+most\s+one\s+of.*sets 2`),
		},
		{
			Config:      "resource \"dataiku_plugin\" \"test\" {\n  plugin_id = \"p\"\n  store_version = \"1\"\n  git_checkout = \"main\"\n}\n",
			ExpectError: regexp.MustCompile(`git_checkout needs git_url`),
		},
		{
			Config:      testAccPluginZipConfig("p", missing),
			ExpectError: regexp.MustCompile(`zip_path is not a file`),
		},
	})
}

// TestAccPlugin_destroyInUse: destroy refuses while DSS lists usages, and
// force_destroy, turned on with no request to DSS, deletes anyway.
func TestAccPlugin_destroyInUse(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	const id = "acc-used-plugin"
	acctest.MustDo(t, em.Server.SetPluginStore([]emulator.PluginStoreEntry{{ID: id, Version: "3.0.0"}}))
	used := acctest.Must(t, func() error {
		return em.Server.SetPluginUsages(id, []map[string]any{{"elementKind": "recipes", "elementType": "CustomCode_acc-join",
			"objectId": "compute_joined", "objectType": "RECIPE", "projectKey": "SALES"}})
	})
	force := acctest.StateOnlyChangeStep(t, em, "dataiku_plugin.test", testAccPluginStoreConfig(id, "3.0.0", "  force_destroy = true\n"), "force_destroy")
	force.Check = resource.ComposeTestCheckFunc(force.Check, testAccCheckPluginVersion(t, id, "3.0.0"))
	acctest.Case(t, testAccCheckPluginsDestroyed(t), []resource.TestStep{
		{Config: testAccPluginStoreConfig(id, "3.0.0", "")},
		{
			PreConfig:   used,
			Config:      testAccPluginStoreConfig(id, "3.0.0", ""),
			Destroy:     true,
			ExpectError: regexp.MustCompile(`(?s)Cannot delete dataiku_plugin "acc-used-plugin".*1 usage.*RECIPE compute_joined in project\s+SALES.*force_destroy`),
		},
		force,
	})
}

func TestAccPlugin_nonAdminRefused(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	acctest.MustDo(t, em.Server.SetPluginStore([]emulator.PluginStoreEntry{{ID: "acc-bob-plugin", Version: "1.0.0"}}))
	acctest.RefusedToBob(t, testAccPluginStoreConfig("acc-bob-plugin", "1.0.0", ""),
		regexp.MustCompile(`(?s)Cannot create dataiku_plugin "acc-bob-plugin".*may\s+not\s+manage\s+plugins`))
	if v := testPluginVersion(t, "acc-bob-plugin"); v != "" {
		t.Fatalf("bob's refused apply installed version %s", v)
	}
}
