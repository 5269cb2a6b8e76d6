package deployer_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// testBundleArchive exports bundle id of the design project key (made with
// a dataset on connection conn) and writes its archive to a file.
func testBundleArchive(t *testing.T, key, id, conn string) string {
	t.Helper()
	c := acctest.ProjectOutside(t, key, key)
	typ := "PostgreSQL"
	if conn == "filesystem_managed" {
		typ = "Filesystem"
	}
	if err := c.CreateDataset(acctest.Ctx(t), dss.DatasetPrototype{ProjectKey: key, Name: "orders", Type: typ,
		Params: dss.Object{"connection": conn, "path": "orders", "table": "orders"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.ExportBundle(acctest.Ctx(t), key, id, ""); err != nil {
		t.Fatal(err)
	}
	var raw json.RawMessage
	if err := c.Get(acctest.Ctx(t), dss.Path("projects", key, "bundles", "exported", id, "archive"), nil, &raw); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), id+".zip")
	if err := os.WriteFile(file, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func bundleActivateHCL(url, key, id, file string) string {
	return fmt.Sprintf(`
provider "dataiku" {
  alias   = "automation"
  host    = %q
  api_key = %q
}

action "dataiku_bundle_activate" "a" {
  provider = dataiku.automation
  config {
    project_key  = %q
    bundle_id    = %q
    archive_path = %q
  }
}
`, url, testAutomationKey, key, id, file)
}

// The action creates the project on the automation node from the archive
// and activates the bundle; a bundle whose connection the node lacks is
// refused with DSS's report.
func TestAccActionBundleActivate(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	rn, auto := testAutomationNode(t)
	key := acctest.ProjectKey("ACC_ACTIVATE")
	file := testBundleArchive(t, key, "v1", "filesystem_managed")
	acctest.InvokeAction(t, bundleActivateHCL(rn.URL(), key, "v1", file), "dataiku_bundle_activate.a", true, "activate",
		"Project "+key+": bundle v1 activated")
	bundles, err := auto.ListImportedBundles(acctest.Ctx(t), key)
	if err != nil || len(bundles) != 1 || bundles[0].Activated == nil || !*bundles[0].Activated {
		t.Fatalf("automation node's bundles of %s: %+v, %v; want v1 activated", key, bundles, err)
	}
	if err := auto.Get(acctest.Ctx(t), dss.Path("projects", key, "datasets", "orders"), nil, nil); err != nil {
		t.Fatalf("the automation node lacks the bundle's dataset: %v", err)
	}

	bad := acctest.ProjectKey("ACC_ACTIVATEPG")
	badFile := testBundleArchive(t, bad, "v1", acctest.PGConnection)
	acctest.InvokeAction(t, bundleActivateHCL(rn.URL(), bad, "v1", badFile), "dataiku_bundle_activate.a", false, "activate on a node without the connection",
		"cannot activate bundle v1 of project "+bad, acctest.PGConnection)
}
