package provider

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// Requests per write (issue 16, part 3), counted with the emulator's stats
// between the plan and the end of the apply, so only the apply's own
// requests count (each terraform command also sends one GET /auth/info
// when it configures the provider; that one is left out).

const authInfoRoute = "GET /public/api/auth/info"

// applyCounter snapshots the emulator's stats after the plan (a PreApply
// plan check) and reports the apply's requests.
type applyCounter struct {
	t      *testing.T
	before map[string]int64
}

func (a *applyCounter) snapshot() plancheck.PlanCheck {
	return planCheckFunc(func() { a.before = requireEmulator(a.t).Server.Stats().ByRoute })
}

// delta is the apply's requests by route, without GET /auth/info.
func (a *applyCounter) delta() (map[string]int64, int64) {
	d := routeDelta(a.before, requireEmulator(a.t).Server.Stats().ByRoute)
	delete(d, authInfoRoute)
	var n int64
	for _, v := range d {
		n += v
	}
	return d, n
}

// atMost checks that the apply sent at most max requests, and logs them.
func (a *applyCounter) atMost(what string, maxRequests int64) resource.TestCheckFunc {
	return func(*terraform.State) error {
		d, n := a.delta()
		a.t.Logf("%s: %d requests: %s", what, n, formatRoutes(d))
		if n > maxRequests {
			return fmt.Errorf("%s sent %d requests, want at most %d: %s", what, n, maxRequests, formatRoutes(d))
		}
		return nil
	}
}

func formatRoutes(d map[string]int64) string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s ×%d", strings.TrimPrefix(k, "/public/api"), d[k]))
	}
	return strings.Join(parts, ", ")
}

// A dataset create costs at most 3 requests (today 2: the POST carrying
// the whole definition, then one GET showing DSS holds all of it, so no
// PUT), an in-place description change at most 3 (GET, PUT, the GET
// reading back what DSS stored), and a dataset created outside Terraform
// is refused with the import hint, DSS's copy untouched.
func TestAccRequestCount_dataset(t *testing.T) {
	requireEmulator(t)
	key := "REQDS"
	testAccCreateProjectForDatasets(t, key)
	cfg := datasetCfg{key: key, name: "counted", typ: "Filesystem", conn: "filesystem_root", params: map[string]any{"path": "/counted"},
		format: "  format_type = \"csv\"\n  format_params = jsonencode({ separator = \",\", parseHeaderRow = true })\n",
		tags:   []string{"b", "a"}, description: "first", columns: [][2]string{{"id", "bigint"}, {"label", "string"}},
		extra: "  short_description = \"short\"\n"}
	updated := cfg
	updated.description = "second"
	create, update := &applyCounter{t: t}, &applyCounter{t: t}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDatasetsDestroyed(key, "counted"),
		Steps: []resource.TestStep{
			{
				Config:           cfg.render(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{create.snapshot()}},
				Check: resource.ComposeTestCheckFunc(create.atMost("dataset create", 3),
					checkDatasetInDSS(t, key, "counted", "first")),
			},
			{
				Config: updated.render(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectChangedAttributes{testDatasetAddr, []string{"description"}}, update.snapshot()}},
				Check: resource.ComposeTestCheckFunc(update.atMost("dataset description update", 3),
					checkDatasetInDSS(t, key, "counted", "second")),
			},
		},
	})
}

// checkDatasetInDSS checks, through the client, the dataset's description.
func checkDatasetInDSS(t *testing.T, key, name, description string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		d, err := dss.DatasetDoc(key, name).Get(testCtx(t), testClient(t))
		if err != nil {
			return err
		}
		if d.Description != description {
			return fmt.Errorf("DSS holds description %q, want %q", d.Description, description)
		}
		return nil
	}
}

// Managed folders: create and an in-place description change.
func TestAccRequestCount_managedFolder(t *testing.T) {
	requireEmulator(t)
	key := "REQMF"
	testAccCreateProjectForDatasets(t, key)
	cfg := func(desc string) string {
		return fmt.Sprintf(`
resource "dataiku_managed_folder" "test" {
  project_key = %q
  name        = "counted"
  description = %q
  tags        = ["b", "a"]
}
`, key, desc)
	}
	create, update := &applyCounter{t: t}, &applyCounter{t: t}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckManagedFoldersDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config:           cfg("first"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{create.snapshot()}},
				Check:            create.atMost("managed folder create", 3),
			},
			{
				Config: cfg("second"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectChangedAttributes{testManagedFolderAddr, []string{"description"}}, update.snapshot()}},
				Check: update.atMost("managed folder description update", 3),
			},
		},
	})
}

// Projects: measured and logged (their create writes metadata,
// permissions and variables, each its own DSS document).
func TestAccRequestCount_project(t *testing.T) {
	requireEmulator(t)
	testAccProjectSetup(t)
	key := testProjectKey("REQPJ")
	cfg := func(desc string) string {
		return fmt.Sprintf(`
resource "dataiku_project" "test" {
  project_key = %q
  name        = "Counted"
  description = %q
  tags        = ["b", "a"]
}
`, key, desc)
	}
	create, update := &applyCounter{t: t}, &applyCounter{t: t}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckProjectDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:           cfg("first"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{create.snapshot()}},
				Check:            create.atMost("project create", 100),
			},
			{
				Config: cfg("second"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectChangedAttributes{"dataiku_project.test", []string{"description"}}, update.snapshot()}},
				Check: update.atMost("project description update", 100),
			},
		},
	})
}
