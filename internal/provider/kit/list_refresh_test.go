package kit_test

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// Acceptance tests of refresh from lists (list_refresh.go), counting the
// requests with the emulator's stats.

const (
	routeDatasetGet = "GET /public/api/projects/{projectKey}/datasets/{datasetName}"
	routeFolderGet  = "GET /public/api/projects/{projectKey}/managedfolders/{folderId}"
)

// listRefreshConfig is n datasets and m managed folders in project key,
// after provider (a provider block, or "").
func listRefreshConfig(provider, key string, n, m int) string {
	return provider + fmt.Sprintf(`
resource "dataiku_dataset" "many" {
  count           = %[2]d
  project_key     = %[1]q
  name            = "ds_${count.index}"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "/lr/${count.index}" })
  format_type     = "csv"
  description     = "dataset ${count.index}"
  tags            = ["lr"]
  schema_columns  = [{ name = "id", type = "bigint" }]
}

resource "dataiku_managed_folder" "f" {
  count       = %[3]d
  project_key = %[1]q
  name        = "folder_${count.index}"
}
`, key, n, m)
}

func listRefreshNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("ds_%d", i)
	}
	return names
}

// requestCounter measures the requests of a span of a test.
type requestCounter struct {
	em            *emulator.Running
	before        map[string]int64
	beforeTotal   int64
	lastTotal     int64
	lastConfigure int64
}

func (c *requestCounter) start() {
	s := c.em.Server.Stats()
	c.before, c.beforeTotal = s.ByRoute, s.Requests
}

// perConfigure checks that the span configured the provider n ≥ 1 times
// and sent, for each configuration, exactly want (auth/info included);
// it records the span's total.
func (c *requestCounter) perConfigure(what string, want map[string]int64) error {
	s := c.em.Server.Stats()
	n, err := acctest.PerConfigure(what, acctest.RouteDelta(c.before, s.ByRoute), want)
	if err != nil {
		return err
	}
	c.lastTotal, c.lastConfigure = s.Requests-c.beforeTotal, n
	return nil
}

// expectOnlyChanges checks that the plan changes exactly the given
// resources, with the given action each.
type expectOnlyChanges map[string]plancheck.ResourceActionType

func (e expectOnlyChanges) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	got := map[string]string{}
	for _, rc := range req.Plan.ResourceChanges {
		if !rc.Change.Actions.NoOp() {
			got[rc.Address] = fmt.Sprint(rc.Change.Actions)
		}
	}
	var want []string
	for addr, action := range e {
		want = append(want, addr+"="+string(action))
	}
	sort.Strings(want)
	if len(got) != len(e) {
		resp.Error = fmt.Errorf("plan changes %v, want only %v", got, want)
		return
	}
	for addr := range e {
		if _, ok := got[addr]; !ok {
			resp.Error = fmt.Errorf("plan changes %v, want only %v", got, want)
			return
		}
	}
}

// 50 datasets and 2 managed folders in one project: a no-change refresh
// or plan sends one dataset list and one folder list, and no per-object
// GET; the same count as with 10 datasets.
func TestAccListRefresh_onePerProject(t *testing.T) {
	acctest.Parallel(t)
	key := "LRONE"
	em := acctest.ProjectForDatasetsOnEmulator(t, key)
	counter := &requestCounter{em: em}
	oneListEach := map[string]int64{acctest.RouteDatasetList: 1, acctest.RouteFolderList: 1}
	var total10 int64
	tfresource.Test(t, tfresource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		CheckDestroy:             acctest.CheckDatasetsDestroyed(t, key, listRefreshNames(50)...),
		Steps: []tfresource.TestStep{
			{Config: listRefreshConfig("", key, 10, 2)},
			{
				PreConfig:    counter.start,
				RefreshState: true,
				Check: func(*terraform.State) error {
					if err := counter.perConfigure("refresh of 10 datasets and 2 folders", oneListEach); err != nil {
						return err
					}
					total10 = counter.lastTotal / counter.lastConfigure
					return nil
				},
			},
			{Config: listRefreshConfig("", key, 50, 2)},
			{
				PreConfig:    counter.start,
				RefreshState: true,
				Check: func(*terraform.State) error {
					if err := counter.perConfigure("refresh of 50 datasets and 2 folders", oneListEach); err != nil {
						return err
					}
					if per := counter.lastTotal / counter.lastConfigure; per != total10 {
						return fmt.Errorf("%d requests per refresh of 50 datasets, %d for 10: not independent of the number of datasets", per, total10)
					}
					t.Logf("a refresh of 10 or 50 datasets and 2 folders sends %d requests (auth/info, 1 dataset list, 1 folder list)", total10)
					return nil
				},
			},
			{
				// A no-change plan: the same two lists.
				PreConfig: counter.start,
				Config:    listRefreshConfig("", key, 50, 2),
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					planCheckError(func() error { return counter.perConfigure("no-change plan", oneListEach) }),
				}},
			},
		},
	})
}

// planCheckError is a plan check made of a function.
type planCheckError func() error

func (f planCheckError) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f()
}

// One dataset among 50 changed outside Terraform shows as exactly one
// change, which the apply repairs; one deleted outside Terraform leaves
// the state and is created again.
func TestAccListRefresh_driftAndDeletionAmongFifty(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := "LRDRIFT"
	acctest.CreateProjectForDatasets(t, key)
	c := acctest.Client(t)
	cfg := listRefreshConfig("", key, 50, 0)
	description := func(name string) (string, error) {
		d, err := dss.DatasetDoc(key, name).Get(acctest.Ctx(t), c)
		if err != nil {
			return "", err
		}
		return d.Description, nil
	}
	tfresource.Test(t, tfresource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		CheckDestroy:             acctest.CheckDatasetsDestroyed(t, key, listRefreshNames(50)...),
		Steps: []tfresource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					_, _, err := dss.DatasetDoc(key, "ds_17").Update(acctest.Ctx(t), c, func(d *dss.Dataset) error {
						d.Description = "changed in DSS"
						return nil
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						expectOnlyChanges{"dataiku_dataset.many[17]": plancheck.ResourceActionUpdate},
						acctest.ExpectChangedAttributes{Addr: "dataiku_dataset.many[17]", Attrs: []string{"description"}},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if d, err := description("ds_17"); err != nil || d != "dataset 17" {
						return fmt.Errorf("ds_17's description in DSS after the apply: %q, %w", d, err)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					if err := c.DeleteDataset(acctest.Ctx(t), key, "ds_5", false); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{expectOnlyChanges{"dataiku_dataset.many[5]": plancheck.ResourceActionCreate}},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if d, err := description("ds_5"); err != nil || d != "dataset 5" {
						return fmt.Errorf("ds_5 in DSS after the apply: %q, %w", d, err)
					}
					return nil
				},
			},
		},
	})
}

// A key without rights on the project: DSS refuses the list, each Read
// falls back to its object's GET, and the error is DSS's answer for that
// object, quoted with the resource's address. A list that fails for any
// other reason (a 500) is never read as "gone": the objects' GETs answer.
func TestAccListRefresh_refusedList(t *testing.T) {
	acctest.Parallel(t)
	key := "LRBOB"
	em := acctest.ProjectForDatasetsOnEmulator(t, key)
	cfg := listRefreshConfig("", key, 3, 1)
	bobCfg := listRefreshConfig(fmt.Sprintf("provider \"dataiku\" {\n  api_key = %q\n}\n", acctest.BobKey), key, 3, 1)
	counter := &requestCounter{em: em}
	tfresource.Test(t, tfresource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		CheckDestroy:             acctest.CheckDatasetsDestroyed(t, key, listRefreshNames(3)...),
		Steps: []tfresource.TestStep{
			{Config: cfg},
			{
				PreConfig: counter.start,
				Config:    bobCfg,
				ExpectError: regexp.MustCompile(`(?s)Cannot read dataiku_dataset "` + key + `\.ds_\d".*` +
					`GET\s+/public/api/projects/` + key + `/datasets/ds_\d:\s+403\s+com\.dataiku\.dip\.exceptions\.UnauthorizedException.*lacks\s+a\s+project\s+permission`),
			},
			{
				PreConfig: func() {
					delta := acctest.RouteDelta(counter.before, em.Server.Stats().ByRoute)
					// Per configuration: the lists were asked (and refused)
					// and every object was then read with its own GET.
					n := delta[acctest.AuthInfoRoute]
					if n == 0 || delta[acctest.RouteDatasetList] == 0 || delta[acctest.RouteFolderList] == 0 ||
						delta[routeDatasetGet] != 3*n || delta[routeFolderGet] != n {
						t.Fatalf("requests with the refused key: %v", delta)
					}
					if err := em.Server.SetFaults([]emulator.FaultRule{{Method: "GET", PathRegex: "/projects/" + key + "/(datasets|managedfolders)$",
						Status: 500, ErrorType: "java.lang.RuntimeException", Message: "list broken"}}); err != nil {
						t.Fatal(err)
					}
					counter.start()
				},
				Config: cfg,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					planCheckError(func() error {
						delta := acctest.RouteDelta(counter.before, em.Server.Stats().ByRoute)
						if delta[routeDatasetGet] != 3 || delta[routeFolderGet] != 1 {
							return fmt.Errorf("requests with a broken list: %v, want every object's GET", delta)
						}
						return nil
					}),
				}},
			},
			{PreConfig: em.Server.ClearFaults, Config: cfg, PlanOnly: true},
		},
	})
}

// refresh_mode = "object" reads every object with its own GET and sends
// no list; a value other than list or object is refused at plan time.
func TestAccListRefresh_objectMode(t *testing.T) {
	acctest.Parallel(t)
	key := "LROBJ"
	em := acctest.ProjectForDatasetsOnEmulator(t, key)
	provider := "provider \"dataiku\" {\n  refresh_mode = \"object\"\n}\n"
	counter := &requestCounter{em: em}
	tfresource.Test(t, tfresource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		CheckDestroy:             acctest.CheckDatasetsDestroyed(t, key, listRefreshNames(10)...),
		Steps: []tfresource.TestStep{
			{
				Config:      listRefreshConfig("provider \"dataiku\" {\n  refresh_mode = \"rows\"\n}\n", key, 1, 0),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)refresh_mode.*value must be one of:.*"list".*"object".*got:.*"rows"`),
			},
			{Config: listRefreshConfig(provider, key, 10, 2)},
			{
				PreConfig:    counter.start,
				RefreshState: true,
				Check: func(*terraform.State) error {
					return counter.perConfigure("refresh with refresh_mode = object", map[string]int64{routeDatasetGet: 10, routeFolderGet: 2})
				},
			},
		},
	})
}

// The apply that creates and updates objects in a project reads them back
// with their own GET, and sends no list.
func TestAccListRefresh_applyReadsBackWithGet(t *testing.T) {
	acctest.Parallel(t)
	key := "LRAPPLY"
	em := acctest.ProjectForDatasetsOnEmulator(t, key)
	counter := &requestCounter{em: em}
	changed := strings.Replace(listRefreshConfig("", key, 5, 1), `"dataset ${count.index}"`, `"dataset ${count.index} v2"`, 1)
	applyCheck := func(what string, minGets int64) tfresource.TestCheckFunc {
		return func(*terraform.State) error {
			delta := acctest.RouteDelta(counter.before, em.Server.Stats().ByRoute)
			if delta[acctest.RouteDatasetList] != 0 || delta[acctest.RouteFolderList] != 0 || delta[routeDatasetGet] < minGets {
				return fmt.Errorf("%s: requests %v, want no list and at least %d dataset GETs", what, delta, minGets)
			}
			return nil
		}
	}
	tfresource.Test(t, tfresource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		CheckDestroy:             acctest.CheckDatasetsDestroyed(t, key, listRefreshNames(5)...),
		Steps: []tfresource.TestStep{
			{Config: listRefreshConfig("", key, 2, 1)},
			{
				// Creates 3 datasets: each is read back with its GET.
				Config: listRefreshConfig("", key, 5, 1),
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.PlanCheckFunc(counter.start),
				}},
				Check: applyCheck("apply creating 3 datasets", 3),
			},
			{
				// Updates all 5: each is read back with its GET.
				Config: changed,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.PlanCheckFunc(counter.start),
				}},
				Check: applyCheck("apply updating 5 datasets", 5),
			},
		},
	})
}

// The Read that follows an import uses the object's GET, never the list;
// the other datasets of the project are still read from the list.
func TestAccListRefresh_importUsesGet(t *testing.T) {
	acctest.Parallel(t)
	key := "LRIMP"
	em := acctest.ProjectForDatasetsOnEmulator(t, key)
	acctest.FilesystemDatasetOutside(t, key, "outside", "/outside", "csv")
	base := listRefreshConfig("", key, 3, 0)
	outside := fmt.Sprintf(`
resource "dataiku_dataset" "outside" {
  project_key     = %[1]q
  name            = "outside"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "/outside" })
  format_type     = "csv"
}

import {
  to = dataiku_dataset.outside
  id = "%[1]s.outside"
}
`, key)
	counter := &requestCounter{em: em}
	tfresource.Test(t, tfresource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		CheckDestroy:             acctest.CheckDatasetsDestroyed(t, key, append(listRefreshNames(3), "outside")...),
		Steps: []tfresource.TestStep{
			{Config: base},
			{
				// The plan imports outside (its GET) and refreshes ds_0..2
				// (one list).
				PreConfig: counter.start,
				Config:    base + outside,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					planCheckError(func() error {
						return counter.perConfigure("plan importing one dataset", map[string]int64{acctest.RouteDatasetList: 1, routeDatasetGet: 1})
					}),
				}},
			},
			{
				// terraform import: the one imported dataset, with its GET.
				PreConfig:               counter.start,
				ResourceName:            "dataiku_dataset.many[1]",
				ImportState:             true,
				ImportStateId:           key + ".ds_1",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"params", "format_params"},
			},
			{
				PreConfig: func() {
					if err := counter.perConfigure("terraform import", map[string]int64{routeDatasetGet: 1}); err != nil {
						t.Fatal(err)
					}
				},
				Config:   base + outside,
				PlanOnly: true,
			},
		},
	})
}

// The kit's Read from a list gives exactly the state of a Read from the
// object's GET (datasets with schema, partitioning and metrics; managed
// folders); an object absent from the list is removed with the usual
// warning; after a write to the project (here a create through the kit)
// the next Read uses the object's GET.
func TestAccListRefresh_kitRead(t *testing.T) {
	acctest.Parallel(t)
	key := "LRKIT"
	em := acctest.ProjectForDatasetsOnEmulator(t, key)
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	for _, name := range []string{"a", "b", "c", "gone"} {
		acctest.FilesystemDatasetOutside(t, key, name, "/kit/"+name, "csv")
	}
	// a: schema, partitioning, metrics, fields the provider does not model.
	if _, _, err := dss.DatasetDoc(key, "a").Update(ctx, c, func(d *dss.Dataset) error {
		d.Schema = &dss.Schema{Columns: []dss.Column{{Name: "id", Type: "bigint"}, {Name: "day", Type: "string"}}}
		d.Partitioning = &dss.Partitioning{Dimensions: []dss.Dimension{{Name: "day", Type: "time", Params: &dss.DimensionParams{Period: "DAY"}}}}
		d.Tags = []string{"t2", "t1"}
		d.Description = "rich"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	folderID, err := c.CreateManagedFolder(ctx, key, "kitfolder", "", "filesystem_folders", dss.DefaultManagedFolderPath)
	if err != nil {
		t.Fatal(err)
	}

	byGet := &kit.Resource[dataset.DatasetResourceModel]{Kind: dataset.DatasetKind{}, Client: c}
	byList := &kit.Resource[dataset.DatasetResourceModel]{Kind: dataset.DatasetKind{}, Client: c, Lists: kit.NewListRefresh(kit.DefaultListRefreshMaxBytes)}
	var sr resource.SchemaResponse
	byGet.Schema(ctx, resource.SchemaRequest{}, &sr)
	// read returns the state a Read makes of an imported dataset's
	// identity, then of that state again (a refresh).
	read := func(r *kit.Resource[dataset.DatasetResourceModel], prior tfsdk.State) (tfsdk.State, string) {
		t.Helper()
		resp := resource.ReadResponse{State: tfsdk.State{Schema: sr.Schema, Raw: prior.Raw.Copy()}}
		r.Read(ctx, resource.ReadRequest{State: prior}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatal(resp.Diagnostics)
		}
		var warnings []string
		for _, d := range resp.Diagnostics.Warnings() {
			warnings = append(warnings, d.Summary()+": "+d.Detail())
		}
		return resp.State, strings.Join(warnings, "\n")
	}
	stateOf := func(name string) tfsdk.State {
		t.Helper()
		s := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}
		for attr, v := range map[string]string{"id": key + "." + name, "project_key": key, "name": name} {
			if d := s.SetAttribute(ctx, path.Root(attr), v); d.HasError() {
				t.Fatal(d)
			}
		}
		full, _ := read(byGet, s) // as after an import: every field DSS has
		return full
	}
	states := map[string]tfsdk.State{}
	for _, name := range []string{"a", "b", "c", "gone"} {
		states[name] = stateOf(name)
	}
	if err := c.DeleteDataset(ctx, key, "gone", false); err != nil {
		t.Fatal(err)
	}

	before := em.Server.Stats().ByRoute
	listed, _ := read(byList, states["a"])
	viaGet, _ := read(byGet, states["a"])
	if !listed.Raw.Equal(viaGet.Raw) {
		t.Fatalf("state from the list differs from the state from the GET:\nlist: %v\nGET:  %v", listed.Raw, viaGet.Raw)
	}
	gone, warning := read(byList, states["gone"])
	if !gone.Raw.IsNull() || !strings.Contains(warning, `dataiku_dataset "`+key+`.gone" no longer exists`) ||
		!strings.Contains(warning, "GET /public/api/projects/"+key+"/datasets/ lists the project's objects of this kind without it") {
		t.Fatalf("dataset absent from the list: state %v, warning %q", gone.Raw, warning)
	}
	if delta := acctest.RouteDelta(before, em.Server.Stats().ByRoute); delta[acctest.RouteDatasetList] != 1 || delta[routeDatasetGet] != 1 {
		t.Fatalf("requests: %v, want 1 list (a, gone) and 1 GET (a through byGet)", delta)
	}

	// A create in the project through the kit: the next Read GETs.
	plan := tfsdk.Plan{Schema: sr.Schema, Raw: states["c"].Raw.Copy()}
	for attr, v := range map[string]string{"id": key + ".fresh", "name": "fresh"} {
		if d := plan.SetAttribute(ctx, path.Root(attr), v); d.HasError() {
			t.Fatal(d)
		}
	}
	createResp := resource.CreateResponse{State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}}
	byList.Create(ctx, resource.CreateRequest{Plan: plan, Config: tfsdk.Config{Schema: sr.Schema, Raw: plan.Raw}}, &createResp)
	if createResp.Diagnostics.HasError() {
		t.Fatal(createResp.Diagnostics)
	}
	t.Cleanup(func() { _ = c.DeleteDataset(context.Background(), key, "fresh", false) })
	before = em.Server.Stats().ByRoute
	read(byList, states["b"])
	if delta := acctest.RouteDelta(before, em.Server.Stats().ByRoute); delta[acctest.RouteDatasetList] != 0 || delta[routeDatasetGet] != 1 {
		t.Fatalf("Read after a create in the project: %v, want its GET and no list", delta)
	}

	// Managed folders: the same state from the list as from the GET.
	fByGet := &kit.Resource[project.ManagedFolderResourceModel]{Kind: project.ManagedFolderKind{}, Client: c}
	fByList := &kit.Resource[project.ManagedFolderResourceModel]{Kind: project.ManagedFolderKind{}, Client: c, Lists: kit.NewListRefresh(kit.DefaultListRefreshMaxBytes)}
	var fsr resource.SchemaResponse
	fByGet.Schema(ctx, resource.SchemaRequest{}, &fsr)
	fs := tfsdk.State{Schema: fsr.Schema, Raw: tftypes.NewValue(fsr.Schema.Type().TerraformType(ctx), nil)}
	for attr, v := range map[string]string{"id": folderID, "project_key": key} {
		if d := fs.SetAttribute(ctx, path.Root(attr), v); d.HasError() {
			t.Fatal(d)
		}
	}
	readFolder := func(r *kit.Resource[project.ManagedFolderResourceModel]) tfsdk.State {
		resp := resource.ReadResponse{State: tfsdk.State{Schema: fsr.Schema, Raw: fs.Raw.Copy()}}
		r.Read(ctx, resource.ReadRequest{State: fs}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatal(resp.Diagnostics)
		}
		return resp.State
	}
	before = em.Server.Stats().ByRoute
	if a, b := readFolder(fByList), readFolder(fByGet); !a.Raw.Equal(b.Raw) {
		t.Fatalf("folder state from the list differs from the GET's:\nlist: %v\nGET:  %v", a.Raw, b.Raw)
	}
	if delta := acctest.RouteDelta(before, em.Server.Stats().ByRoute); delta[acctest.RouteFolderList] != 1 || delta[routeFolderGet] != 1 {
		t.Fatalf("folder requests: %v", delta)
	}
}
