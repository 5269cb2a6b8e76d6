package provider_test

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// Requests per write (issue 16, part 3), counted with the emulator's stats
// between the plan and the end of the apply, so only the apply's own
// requests count (each terraform command also sends one GET /auth/info
// when it configures the provider; that one is left out).

// applyCounter snapshots the emulator's stats after the plan (a PreApply
// plan check) and reports the apply's requests.
type applyCounter struct {
	t      *testing.T
	before map[string]int64
}

func (a *applyCounter) snapshot() plancheck.PlanCheck {
	return acctest.PlanCheckFunc(func() { a.before = acctest.RequireEmulator(a.t).Server.Stats().ByRoute })
}

// delta is the apply's requests by route, without GET /auth/info.
func (a *applyCounter) delta() (map[string]int64, int64) {
	d := acctest.RouteDelta(a.before, acctest.RequireEmulator(a.t).Server.Stats().ByRoute)
	delete(d, acctest.AuthInfoRoute)
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
		a.t.Logf("%s: %d requests: %s", what, n, acctest.FormatRoutes(d))
		if n > maxRequests {
			return fmt.Errorf("%s sent %d requests, want at most %d: %s", what, n, maxRequests, acctest.FormatRoutes(d))
		}
		return nil
	}
}

// authInfoAtMost checks that the apply sent at most max GET /auth/info:
// one is its terraform command's Configure; a kind asking who the key is
// (a project's default owner) must reuse that answer.
func (a *applyCounter) authInfoAtMost(what string, maxRequests int64) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := acctest.RouteDelta(a.before, acctest.RequireEmulator(a.t).Server.Stats().ByRoute)[acctest.AuthInfoRoute]; n > maxRequests {
			return fmt.Errorf("%s sent GET /auth/info %d times, want at most %d (the provider's Configure)", what, n, maxRequests)
		}
		return nil
	}
}

// countedWrites is a create, then an in-place change of the description,
// of one resource, with each apply's requests counted.
type countedWrites struct {
	what, addr           string
	config               func(description string) string
	maxCreate, maxUpdate int64
	destroyed            resource.TestCheckFunc
	// inDSS checks DSS's description through the client; nil: none.
	inDSS func(description string) resource.TestCheckFunc
	// maxAuthInfo, when not zero, bounds the create apply's GET /auth/info.
	maxAuthInfo int64
}

func (w countedWrites) test(t *testing.T) {
	check := func(c *applyCounter, step string, maxRequests int64, description string) resource.TestCheckFunc {
		checks := []resource.TestCheckFunc{c.atMost(w.what+" "+step, maxRequests)}
		if w.maxAuthInfo != 0 {
			checks = append(checks, c.authInfoAtMost(w.what+" "+step, w.maxAuthInfo))
		}
		if w.inDSS != nil {
			checks = append(checks, w.inDSS(description))
		}
		return resource.ComposeTestCheckFunc(checks...)
	}
	create, update := &applyCounter{t: t}, &applyCounter{t: t}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		CheckDestroy:             w.destroyed,
		Steps: []resource.TestStep{
			{
				Config:           w.config("first"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{create.snapshot()}},
				Check:            check(create, "create", w.maxCreate, "first"),
			},
			{
				Config: w.config("second"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectChangedAttributes{Addr: w.addr, Attrs: []string{"description"}}, update.snapshot()}},
				Check: check(update, "description update", w.maxUpdate, "second"),
			},
		},
	})
}

// A dataset create costs at most 3 requests (the POST carrying the whole
// definition, then one GET showing DSS holds all of it, so no PUT; and,
// since issue 26, the GET /connections/get-names that checks the
// connection fits the dataset type before the POST, so that a wrong
// connection leaves nothing behind), an in-place description change at most 3 (GET, PUT, the GET
// reading back what DSS stored: DSS may add defaults or drop fields on a
// PUT, dss-api.md §6.4, so the document sent is not taken for DSS's).
func TestAccRequestCount_dataset(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := "REQDS"
	acctest.CreateProjectForDatasets(t, key)
	cfg := acctest.DatasetCfg{Key: key, Name: "counted", Typ: "Filesystem", Conn: "filesystem_root", Params: map[string]any{"path": "/counted"},
		Format: "  format_type = \"csv\"\n  format_params = jsonencode({ separator = \",\", parseHeaderRow = true })\n",
		Tags:   []string{"b", "a"}, Columns: [][2]string{{"id", "bigint"}, {"label", "string"}},
		Extra: "  short_description = \"short\"\n"}
	countedWrites{what: "dataset", addr: acctest.DatasetAddr, maxCreate: 3, maxUpdate: 3,
		config:    func(desc string) string { c := cfg; c.Description = desc; return c.Render() },
		destroyed: acctest.CheckDatasetsDestroyed(t, key, "counted"),
		inDSS:     func(desc string) resource.TestCheckFunc { return checkDatasetInDSS(t, key, "counted", desc) },
	}.test(t)
}

// A managed dataset goes through DSS's managed-dataset call, which takes
// no definition: its create is that POST, the GET of the read-modify-write,
// the PUT of the description and tags, and the read-back GET, after the
// GET /connections/get-names checking the connection's type first (issue
// 26: without it, a managed dataset on a connection of another type was
// created by DSS and then tainted).
func TestAccRequestCount_managedDataset(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := "REQMD"
	acctest.CreateProjectForDatasets(t, key)
	cfg := acctest.DatasetCfg{Key: key, Name: "counted", Typ: "Filesystem", Conn: "filesystem_managed", Managed: true, Tags: []string{"a"}}
	countedWrites{what: "managed dataset", addr: acctest.DatasetAddr, maxCreate: 5, maxUpdate: 3,
		config:    func(desc string) string { c := cfg; c.Description = desc; return c.Render() },
		destroyed: acctest.CheckDatasetsDestroyed(t, key, "counted"),
		inDSS:     func(desc string) resource.TestCheckFunc { return checkDatasetInDSS(t, key, "counted", desc) },
	}.test(t)
}

// checkDatasetInDSS checks, through the client, the dataset's description.
func checkDatasetInDSS(t *testing.T, key, name, description string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		d, err := dss.DatasetDoc(key, name).Get(acctest.Ctx(t), acctest.Client(t))
		if err != nil {
			return err
		}
		if d.Description != description {
			return fmt.Errorf("DSS holds description %q, want %q", d.Description, description)
		}
		return nil
	}
}

// Managed folders: a create is the name check (a list: folder names are
// only inferred to be unique, so the check stays), the POST carrying the
// whole definition and one GET; an in-place description change is GET,
// PUT and the read-back GET.
func TestAccRequestCount_managedFolder(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := "REQMF"
	acctest.CreateProjectForDatasets(t, key)
	countedWrites{what: "managed folder", addr: acctest.ManagedFolderAddr, maxCreate: 3, maxUpdate: 3,
		destroyed: acctest.CheckManagedFoldersDestroyed(t),
		config:    describedHCL("dataiku_managed_folder", key, "counted"),
	}.test(t)
}

// Streaming endpoints: a create is 3 requests (the GET that finds no
// endpoint of that name, the POST carrying the whole definition, the GET
// showing DSS holds it all, so no PUT), an in-place description change 3
// (GET, PUT, the read-back).
func TestAccRequestCount_streamingEndpoint(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := "REQSE"
	acctest.CreateProjectForDatasets(t, key)
	countedWrites{what: "streaming endpoint", addr: acctest.StreamingEndpointAddr, maxCreate: 3, maxUpdate: 3,
		destroyed: acctest.CheckStreamingEndpointsDestroyed(t),
		config: func(description string) string {
			return strings.Replace(describedHCL("dataiku_streaming_endpoint", key, "counted")(description), "\n}\n",
				"\n  type = \"kafka\"\n  params = { topic = \"counted\" }\n  schema_columns = [{ name = \"id\", type = \"bigint\" }]\n}\n", 1)
		},
	}.test(t)
}

// describedHCL is the configuration of a resource "test" of type typ:
// project_key, name, two tags and the description given.
func describedHCL(typ, key, name string) func(description string) string {
	return func(description string) string {
		return fmt.Sprintf("resource %q \"test\" {\n  project_key = %q\n  name = %q\n  description = %q\n  tags = [\"b\", \"a\"]\n}\n",
			typ, key, name, description)
	}
}

// Projects, measured as a guard: a create is 3 requests, the POST, the
// metadata GET of its read-modify-write (nothing left to write: the POST
// carried name, description and tags, so the read-back reuses that
// document) and the permissions GET of the read-back; an update of the
// description is 4, the metadata GET and PUT and the read-back of metadata
// (DSS may change a document it is sent) and permissions.
func TestAccRequestCount_project(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("REQPJ")
	// No owner in the configuration: the create's owner is the key's user,
	// known from Configure's GET /auth/info, not asked again.
	countedWrites{what: "project", addr: "dataiku_project.test", maxCreate: 3, maxUpdate: 4, maxAuthInfo: 1,
		destroyed: acctest.CheckProjectDestroy(t),
		config:    describedHCL("dataiku_project", key, "Counted"),
	}.test(t)
}

// When DSS keeps only the prototype at creation (the emulator's
// CreateKeepsOnlyPrototype), the GET after the POST shows what is missing
// and the create falls back to a PUT and the read-back: 5 requests with
// the connection check before the POST (issue 26), the
// same state and DSS holding the whole configuration, an empty plan after.
// A PUT failing on that path leaves the dataset tainted, and the next
// apply replaces it.
func TestAccRequestCount_datasetCreateFallback(t *testing.T) {
	acctest.Parallel(t)
	key := "REQFB"
	em := acctest.ProjectForDatasetsOnEmulator(t, key)
	em.Server.SetCreateKeepsOnlyPrototype(true)
	t.Cleanup(func() { em.Server.SetCreateKeepsOnlyPrototype(false); em.Server.ClearFaults() })
	cfg := acctest.DatasetCfg{Key: key, Name: "fallback", Typ: "Filesystem", Conn: "filesystem_root", Params: map[string]any{"path": "/fb"},
		Tags: []string{"b", "a"}, Description: "first", Columns: [][2]string{{"id", "bigint"}}}
	create := &applyCounter{t: t}
	putFails := func() {
		if err := em.Server.SetFaults([]emulator.FaultRule{{Method: "PUT", PathRegex: "/projects/" + key + "/datasets/fallback$",
			Status: 400, Message: "refused for the test"}}); err != nil {
			t.Fatal(err)
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		CheckDestroy:             acctest.CheckDatasetsDestroyed(t, key, "fallback"),
		Steps: []resource.TestStep{
			{
				Config: cfg.Render(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{create.snapshot()},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeTestCheckFunc(create.atMost("dataset create, DSS ignoring non-create fields", 5),
					checkDatasetInDSS(t, key, "fallback", "first"),
					resource.TestCheckResourceAttr(acctest.DatasetAddr, "schema_columns.0.name", "id"),
					resource.TestCheckResourceAttr(acctest.DatasetAddr, "tags.#", "2")),
			},
			{ // a replacement whose PUT DSS refuses: the new dataset stays, tainted
				Taint:       []string{acctest.DatasetAddr},
				PreConfig:   putFails,
				Config:      cfg.Render(),
				ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_dataset "REQFB\.fallback".*DSS answered`),
			},
			{
				PreConfig: func() { em.Server.ClearFaults() },
				Config:    cfg.Render(),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(acctest.DatasetAddr, plancheck.ResourceActionReplace)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: checkDatasetInDSS(t, key, "fallback", "first"),
			},
		},
	})
}

// A dataset created outside Terraform first: the create is refused with
// the import hint (DSS refuses the POST; one GET then finds the dataset),
// and DSS's dataset is untouched. The same when the answer to that refused
// POST is lost: the dataset found does not hold what the POST sent, so it
// is not adopted, and the POST is not sent again.
func TestAccRequestCount_datasetDuplicate(t *testing.T) {
	acctest.Parallel(t)
	key := "REQDUP"
	em := acctest.ProjectForDatasetsOnEmulator(t, key)
	acctest.FilesystemDatasetOutside(t, key, "taken", "/theirs", "")
	t.Cleanup(func() { em.Server.ClearFaults() })
	before := acctest.GetDataset(t, key, "taken")
	cfg := acctest.DatasetCfg{Key: key, Name: "taken", Typ: "Filesystem", Conn: "filesystem_root", Params: map[string]any{"path": "/mine"},
		Description: "mine"}
	hint := regexp.MustCompile(`(?s)dataiku_dataset "REQDUP\.taken" already exists in DSS.*terraform\s+import\s+dataiku_dataset\.<name>\s+REQDUP\.taken.*import\s+{\s+to\s+=\s+dataiku_dataset\.<name>\s+id\s+=\s+"REQDUP\.taken"\s+}`)
	const postRoute = "POST /public/api/projects/{projectKey}/datasets"
	var stats map[string]int64
	untouched := func(what string, wantRequests int64) {
		d, n := (&applyCounter{t: t, before: stats}).delta()
		t.Logf("%s: %d requests: %s", what, n, acctest.FormatRoutes(d))
		if d[postRoute] != 1 || n != wantRequests {
			t.Errorf("%s: %s, want the one POST and %d requests in all", what, acctest.FormatRoutes(d), wantRequests)
		}
		for route := range d {
			if strings.HasPrefix(route, "PUT ") || strings.HasPrefix(route, "DELETE ") {
				t.Errorf("%s wrote to DSS: %s", what, route)
			}
		}
		if after := acctest.GetDataset(t, key, "taken"); !reflect.DeepEqual(after, before) {
			t.Errorf("%s changed DSS's dataset:\nbefore %v\nafter  %v", what, before, after)
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { stats = em.Server.Stats().ByRoute },
				Config:      cfg.Render(),
				ExpectError: hint,
			},
			{
				PreConfig: func() {
					untouched("duplicate create", 4) // the connection checks of the plan walk and of the apply walk (issue 26; one per walk, each its own provider process), the refused POST, the GET finding the dataset
					stats = em.Server.Stats().ByRoute
					if err := em.Server.SetFaults([]emulator.FaultRule{{Method: "POST", PathRegex: "/projects/" + key + "/datasets$",
						DropConnection: true, AfterHandler: true, Count: 1}}); err != nil {
						t.Fatal(err)
					}
				},
				Config:      cfg.Render(),
				ExpectError: hint,
			},
		},
	})
	untouched("duplicate create whose refusal was lost", 4) // the two connection checks, the POST, the GET finding a dataset that is not ours
}
