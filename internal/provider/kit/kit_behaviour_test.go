package kit_test

import (
	"context"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// The kit's behaviour, tested below the CLI: the provider's own server is
// called in process, as Terraform calls it (plan, apply, read, import),
// against a private emulator whose request counters and faults belong to
// the test alone. No terraform process runs, so these tests need no
// TF_ACC and take milliseconds.

const kitAdminKey = "kit-behaviour-admin-key"

// kitServer is the provider's server configured against a private
// emulator.
type kitServer struct {
	t      *testing.T
	ctx    context.Context
	em     *emulator.Running
	admin  *dss.Client
	server tfprotov6.ProviderServer
	// schemas are the resources' schemas, by type name.
	schemas map[string]*tfprotov6.Schema
}

func newKitServer(t *testing.T) *kitServer {
	t.Helper()
	em, err := emulator.Start(emulator.Options{AdminKey: kitAdminKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(em.Close)
	admin, err := dss.NewClient(dss.Config{Host: em.URL(), APIKey: kitAdminKey, RequestTimeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	s := &kitServer{t: t, ctx: ctx, em: em, admin: admin}
	s.restart()
	return s
}

// restart starts a new provider server, as each terraform command does,
// and configures it.
func (s *kitServer) restart() {
	s.t.Helper()
	s.server = dataiku.NewProtocol6Server("test")()
	got, err := s.server.GetProviderSchema(s.ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		s.t.Fatal(err)
	}
	s.schemas = got.ResourceSchemas
	// No retries: a fault is seen by the kit at once.
	config := s.object(got.Provider, map[string]tftypes.Value{
		"host": tftypes.NewValue(tftypes.String, s.em.URL()), "api_key": tftypes.NewValue(tftypes.String, kitAdminKey),
		"max_retries": tftypes.NewValue(tftypes.Number, 0),
	})
	resp, err := s.server.ConfigureProvider(s.ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: s.dynamic(got.Provider, config)})
	if err != nil {
		s.t.Fatal(err)
	}
	s.noErrors("ConfigureProvider", resp.Diagnostics)
}

// object is a value of schema's type: attrs, and null for every other
// attribute.
func (s *kitServer) object(schema *tfprotov6.Schema, attrs map[string]tftypes.Value) tftypes.Value {
	s.t.Helper()
	typ := schema.ValueType().(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, nil)
	}
	for name, v := range attrs {
		if _, ok := typ.AttributeTypes[name]; !ok {
			s.t.Fatalf("no attribute %q", name)
		}
		values[name] = v
	}
	return tftypes.NewValue(typ, values)
}

func (s *kitServer) dynamic(schema *tfprotov6.Schema, v tftypes.Value) *tfprotov6.DynamicValue {
	s.t.Helper()
	d, err := tfprotov6.NewDynamicValue(schema.ValueType(), v)
	if err != nil {
		s.t.Fatal(err)
	}
	return &d
}

func (s *kitServer) value(schema *tfprotov6.Schema, d *tfprotov6.DynamicValue) tftypes.Value {
	s.t.Helper()
	v, err := d.Unmarshal(schema.ValueType())
	if err != nil {
		s.t.Fatal(err)
	}
	return v
}

// attrs are the attributes of an object value.
func attrsOf(t *testing.T, v tftypes.Value) map[string]tftypes.Value {
	t.Helper()
	var m map[string]tftypes.Value
	if err := v.As(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

// with is v with some attributes changed; v stays as it is (As shares
// its map of attributes, hence the copy).
func with(t *testing.T, v tftypes.Value, changes map[string]tftypes.Value) tftypes.Value {
	t.Helper()
	m := maps.Clone(attrsOf(t, v))
	for name, c := range changes {
		m[name] = c
	}
	return tftypes.NewValue(v.Type(), m)
}

func (s *kitServer) noErrors(what string, diags []*tfprotov6.Diagnostic) {
	s.t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			s.t.Fatalf("%s: %s: %s", what, d.Summary, d.Detail)
		}
	}
}

// errorText is the errors of diags, one per line ("" without errors).
func errorText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			b.WriteString(d.Summary + ": " + d.Detail + "\n")
		}
	}
	return b.String()
}

// kitStep is one resource's prior state and the configuration planned
// over it, as Terraform sends them.
type kitStep struct {
	typeName string
	prior    tftypes.Value // null: a create
	config   tftypes.Value // null: a destroy
}

// plan is Terraform's plan of step: the proposed new state (the
// configuration, with the prior state's computed values where the
// configuration is null) through the provider's PlanResourceChange.
func (s *kitServer) plan(step kitStep) (*tfprotov6.PlanResourceChangeResponse, tftypes.Value) {
	s.t.Helper()
	schema := s.schemas[step.typeName]
	proposed := step.config
	if !step.prior.IsNull() && !step.config.IsNull() {
		cfg, prior := attrsOf(s.t, step.config), attrsOf(s.t, step.prior)
		for _, a := range schema.Block.Attributes {
			if a.Computed && cfg[a.Name].IsNull() {
				cfg[a.Name] = prior[a.Name]
			}
		}
		proposed = tftypes.NewValue(step.config.Type(), cfg)
	}
	resp, err := s.server.PlanResourceChange(s.ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: step.typeName, PriorState: s.dynamic(schema, step.prior), ProposedNewState: s.dynamic(schema, proposed),
		Config: s.dynamic(schema, step.config),
	})
	if err != nil {
		s.t.Fatal(err)
	}
	s.noErrors("PlanResourceChange", resp.Diagnostics)
	return resp, s.value(schema, resp.PlannedState)
}

// Apply sends step's planned state (planned, perhaps changed by the test)
// to ApplyResourceChange.
func (s *kitServer) Apply(step kitStep, planned tftypes.Value, private []byte) *tfprotov6.ApplyResourceChangeResponse {
	s.t.Helper()
	schema := s.schemas[step.typeName]
	resp, err := s.server.ApplyResourceChange(s.ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: step.typeName, PriorState: s.dynamic(schema, step.prior), PlannedState: s.dynamic(schema, planned),
		Config: s.dynamic(schema, step.config), PlannedPrivate: private,
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return resp
}

// planApply is a plan and its apply, as terraform apply runs them.
func (s *kitServer) planApply(step kitStep) *tfprotov6.ApplyResourceChangeResponse {
	s.t.Helper()
	p, planned := s.plan(step)
	return s.Apply(step, planned, p.PlannedPrivate)
}

// requests is the emulator's request count by route so far.
func (s *kitServer) requests() map[string]int64 { return s.em.Server.Stats().ByRoute }

// sent counts the requests of method sent since before (a requests()
// snapshot) whose route holds pathPart.
func (s *kitServer) sent(before map[string]int64, method, pathPart string) int64 {
	var n int64
	for route, count := range s.requests() {
		if strings.HasPrefix(route, method+" ") && strings.Contains(route, pathPart) {
			n += count - before[route]
		}
	}
	return n
}

// kitProject is the project the kit tests' objects live in.
const kitProject = "KIT"

func (s *kitServer) createProject() {
	s.t.Helper()
	if err := s.admin.CreateProject(s.ctx, dss.CreateProjectRequest{ProjectKey: kitProject, Name: kitProject, Owner: "admin"}, ""); err != nil {
		s.t.Fatal(err)
	}
}

func str(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }

// datasetConfig is a dataiku_dataset configuration of a Filesystem
// dataset in project KIT with the given schema columns.
func (s *kitServer) datasetConfig(columns ...string) tftypes.Value {
	name := kitDataset
	s.t.Helper()
	schema := s.schemas["dataiku_dataset"]
	typ := schema.ValueType().(tftypes.Object)
	listType := typ.AttributeTypes["schema_columns"].(tftypes.List)
	colType := listType.ElementType.(tftypes.Object)
	var cols []tftypes.Value
	for _, c := range columns {
		col := map[string]tftypes.Value{}
		for n, t := range colType.AttributeTypes {
			col[n] = tftypes.NewValue(t, nil)
		}
		col["name"], col["type"] = str(c), str("string")
		cols = append(cols, tftypes.NewValue(colType, col))
	}
	return s.object(schema, map[string]tftypes.Value{
		"project_key": str("KIT"), "name": str(name), "type": str("Filesystem"),
		"connection_name": str("filesystem_root"), "params": str(`{"path":"/kit/` + name + `"}`),
		"schema_columns": tftypes.NewValue(listType, cols),
	})
}

// A conversion that fails leaves DSS untouched: the kit reads the
// document, the kind's ToDSS reports the error, and no PUT follows. Here
// the planned schema holds a column whose value is unknown at apply time
// (Terraform never sends one; the provider's own server accepts it), so
// the conversion of schema_columns fails, as a failed ElementsAs would:
// without the kit's stop, DSS would receive the dataset with an empty
// schema.
func TestKitConversionErrorSendsNoPUT(t *testing.T) {
	s := newKitServer(t)
	s.createProject()
	create := kitStep{typeName: "dataiku_dataset", prior: tftypes.NewValue(s.schemas["dataiku_dataset"].ValueType(), nil),
		config: s.datasetConfig("id", "amount")}
	created := s.planApply(create)
	s.noErrors("create", created.Diagnostics)
	state := s.value(s.schemas["dataiku_dataset"], created.NewState)

	update := kitStep{typeName: "dataiku_dataset", prior: state, config: s.datasetConfig("id", "amount", "currency")}
	p, planned := s.plan(update)
	columns := attrsOf(t, planned)["schema_columns"]
	listType := columns.Type().(tftypes.List)
	broken := tftypes.NewValue(listType, []tftypes.Value{tftypes.NewValue(listType.ElementType, tftypes.UnknownValue)})
	planned = with(t, planned, map[string]tftypes.Value{"schema_columns": broken})

	before := s.requests()
	resp := s.Apply(update, planned, p.PlannedPrivate)
	if errorText(resp.Diagnostics) == "" {
		t.Fatal("the apply of an unconvertible schema reported no error")
	}
	if n := s.sent(before, "PUT", "/datasets/"); n != 0 {
		t.Errorf("after the conversion error the kit sent %d PUT of the dataset; want none", n)
	}
	if n := s.sent(before, "GET", "/datasets/"); n != 1 {
		t.Errorf("the failed apply read the dataset %d times; want 1 (the read of the read-modify-write)", n)
	}
	d, err := dss.DatasetDoc("KIT", "orders").Get(s.ctx, s.admin)
	if err != nil {
		t.Fatal(err)
	}
	if d.Schema == nil || len(d.Schema.Columns) != 2 {
		t.Errorf("DSS's schema changed after a failed conversion: %+v", d.Schema)
	}
}

// testKindModel and testKind are a kind made for testing the kit alone:
// one object named by id, at path objects/<id>, whose every request the
// test chooses.
type testKindModel struct {
	ID types.String `tfsdk:"id"`
}

type testKind struct {
	// del is the kind's delete.
	del func(ctx context.Context, c *dss.Client, m *testKindModel) error
}

var testKindAddress = kit.Address[testKindModel]{
	TypeName: "dataiku_test_kind",
	Path:     "projects/KIT/datasets/{id}",
	Key:      []kit.KeyPart[testKindModel]{{Attr: "id", ImportPart: kit.DatasetPart, Field: func(m *testKindModel) *types.String { return &m.ID }, Doc: "The test object's id."}},
	ID:       func(m *testKindModel) *types.String { return &m.ID },
}

func (testKind) Address() *kit.Address[testKindModel] { return &testKindAddress }
func (testKind) Schema() schema.Schema {
	return schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Required: true}}}
}
func (testKind) Find(context.Context, *dss.Client, *testKindModel) (bool, error) { return false, nil }
func (testKind) Post(context.Context, *dss.Client, *testKindModel) error         { return nil }
func (testKind) Apply(context.Context, *dss.Client, *kit.ApplyOp[testKindModel]) {}
func (testKind) Read(ctx context.Context, c *dss.Client, m *testKindModel, _ bool) error {
	_, err := dss.DatasetDoc("KIT", m.ID.ValueString()).Get(ctx, c)
	return err
}
func (k testKind) Delete(ctx context.Context, c *dss.Client, m *testKindModel) error {
	return k.del(ctx, c, m)
}

// testKindState is a state of the test kind naming id.
func testKindState(t *testing.T, id string) tfsdk.State {
	t.Helper()
	st := tfsdk.State{Schema: testKind{}.Schema(), Raw: tftypes.NewValue(testKind{}.Schema().Type().TerraformType(context.Background()), nil)}
	if d := st.Set(context.Background(), &testKindModel{ID: types.StringValue(id)}); d.HasError() {
		t.Fatal(d)
	}
	return st
}

// Delete leaves the state only when DSS says the object itself is gone: a
// not-found for another path (here the delete's read of a project that
// does not exist) is an error, the object's own not-found a success.
func TestKitDeleteGoneOnlyForTheObjectsOwnPath(t *testing.T) {
	s := newKitServer(t)
	s.createProject()
	for _, c := range []struct {
		name      string
		del       func(ctx context.Context, c *dss.Client, m *testKindModel) error
		wantError bool
	}{
		{"own path", func(ctx context.Context, c *dss.Client, m *testKindModel) error {
			return c.DeleteDataset(ctx, "KIT", m.ID.ValueString(), false)
		}, false},
		{"another path", func(ctx context.Context, c *dss.Client, m *testKindModel) error {
			_, err := dss.DatasetDoc("NOPE", m.ID.ValueString()).Get(ctx, c)
			return err
		}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := &kit.Resource[testKindModel]{Kind: testKind{del: c.del}, Client: s.admin}
			resp := &resource.DeleteResponse{State: testKindState(t, "missing")}
			r.Delete(s.ctx, resource.DeleteRequest{State: testKindState(t, "missing")}, resp)
			if got := resp.Diagnostics.HasError(); got != c.wantError {
				t.Errorf("Delete's error: %t, want %t: %v", got, c.wantError, resp.Diagnostics)
			}
		})
	}
}

// keptKind is testKind for an object DSS's API cannot delete.
type keptKind struct{ testKind }

func (keptKind) KeptOnDestroy(m *testKindModel) (summary, detail string) {
	return "kept " + m.ID.ValueString(), "delete it in DSS's UI"
}

// A kind kept on destroy sends nothing (its Delete is never called, no
// client is needed) and warns with the kind's words; the destroy succeeds.
func TestKitKeptOnDestroyWarnsAndSendsNothing(t *testing.T) {
	called := false
	r := &kit.Resource[testKindModel]{Kind: keptKind{testKind{del: func(context.Context, *dss.Client, *testKindModel) error {
		called = true
		return nil
	}}}}
	resp := &resource.DeleteResponse{State: testKindState(t, "m1")}
	r.Delete(context.Background(), resource.DeleteRequest{State: testKindState(t, "m1")}, resp)
	if resp.Diagnostics.HasError() || called {
		t.Fatalf("a kept object's destroy: error %v, delete called %t", resp.Diagnostics, called)
	}
	w := resp.Diagnostics.Warnings()
	if len(w) != 1 || w[0].Summary() != "kept m1" || w[0].Detail() != "delete it in DSS's UI" {
		t.Fatalf("warnings: %v", w)
	}
}

// A Read without a client (a provider whose host is not known yet) is an
// error, as for Create and Update: keeping the state silently would plan
// against what may no longer be in DSS.
func TestKitReadWithoutClientIsAnError(t *testing.T) {
	server := dataiku.NewProtocol6Server("test")()
	ctx := context.Background()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	s := &kitServer{t: t, ctx: ctx, server: server, schemas: schemas.ResourceSchemas}
	resp := s.Read("dataiku_dataset", s.datasetConfig(), nil)
	if got := errorText(resp.Diagnostics); !strings.Contains(got, "Cannot read dataiku_dataset") || !strings.Contains(got, "not configured") {
		t.Errorf("a Read without a configured provider: errors %q, want the not-configured error", got)
	}
}

// kitDataset is the dataset the kit tests create in project KIT.
const kitDataset = "orders"

// createDataset creates dataset kitDataset of project KIT through the
// provider and returns its state.
func (s *kitServer) createDataset() tftypes.Value {
	s.t.Helper()
	resp := s.planApply(kitStep{typeName: "dataiku_dataset", prior: s.null("dataiku_dataset"), config: s.datasetConfig("id")})
	s.noErrors("create", resp.Diagnostics)
	return s.value(s.schemas["dataiku_dataset"], resp.NewState)
}

func (s *kitServer) null(typeName string) tftypes.Value {
	return tftypes.NewValue(s.schemas[typeName].ValueType(), nil)
}

func (s *kitServer) faults(rules ...emulator.FaultRule) {
	s.t.Helper()
	if err := s.em.Server.SetFaults(rules); err != nil {
		s.t.Fatal(err)
	}
}

// Read is a refresh of a typeName's state, with the private state
// Terraform keeps.
func (s *kitServer) Read(typeName string, state tftypes.Value, private []byte) *tfprotov6.ReadResourceResponse {
	s.t.Helper()
	resp, err := s.server.ReadResource(s.ctx, &tfprotov6.ReadResourceRequest{TypeName: typeName,
		CurrentState: s.dynamic(s.schemas[typeName], state), Private: private})
	if err != nil {
		s.t.Fatal(err)
	}
	return resp
}

// A POST whose answer is lost is not replayed blindly: the kit looks,
// finds the dataset its POST created, and adopts it.
func TestKitLostPostRecovered(t *testing.T) {
	s := newKitServer(t)
	s.createProject()
	s.faults(emulator.FaultRule{Method: "POST", PathRegex: "/projects/KIT/datasets/?$", DropConnection: true, AfterHandler: true, Count: 1})
	before := s.requests()
	state := s.createDataset()
	if n := s.sent(before, "POST", "/datasets"); n != 1 {
		t.Errorf("the create ran DSS's POST %d times; want 1 (its answer lost, never replayed)", n)
	}
	if got := attrsOf(t, state)["id"]; !got.Equal(str("KIT.orders")) {
		t.Errorf("id = %v", got)
	}
}

// An object that already exists is not adopted: the create fails with the
// import hint, and DSS's object is left as it was.
func TestKitRefusesDuplicate(t *testing.T) {
	s := newKitServer(t)
	s.createProject()
	theirs := dss.Dataset{ProjectKey: "KIT", Name: "orders", Type: "Filesystem", Params: dss.Object{"connection": "filesystem_root", "path": "/theirs"}}
	if err := s.admin.CreateDatasetFrom(s.ctx, &theirs); err != nil {
		t.Fatal(err)
	}
	before := s.requests()
	resp := s.planApply(kitStep{typeName: "dataiku_dataset", prior: s.null("dataiku_dataset"), config: s.datasetConfig("id")})
	if got := errorText(resp.Diagnostics); !strings.Contains(got, "already exists in DSS") || !strings.Contains(got, "terraform import dataiku_dataset.<name> KIT.orders") {
		t.Errorf("errors %q, want the already-exists error with the import hint", got)
	}
	if !s.value(s.schemas["dataiku_dataset"], resp.NewState).IsNull() {
		t.Error("the refused create left a state: destroying it would delete someone else's dataset")
	}
	if n := s.sent(before, "PUT", "/datasets/"); n != 0 {
		t.Errorf("the refused create sent %d PUT", n)
	}
	d, err := dss.DatasetDoc("KIT", "orders").Get(s.ctx, s.admin)
	if err != nil || d.Params["path"] != "/theirs" {
		t.Errorf("DSS's dataset changed: %+v, %v", d, err)
	}
}

// A refresh removes from the state an object DSS says is gone, with a
// warning; any other failure keeps it with an error.
func TestKitGone(t *testing.T) {
	s := newKitServer(t)
	s.createProject()
	state := s.createDataset()

	s.faults(emulator.FaultRule{Method: "GET", Status: 500, Count: 1})
	resp := s.Read("dataiku_dataset", state, nil)
	if errorText(resp.Diagnostics) == "" || s.value(s.schemas["dataiku_dataset"], resp.NewState).IsNull() {
		t.Errorf("a failed refresh: errors %q, state removed %t; want an error and the state kept",
			errorText(resp.Diagnostics), s.value(s.schemas["dataiku_dataset"], resp.NewState).IsNull())
	}

	if err := s.admin.DeleteDataset(s.ctx, "KIT", "orders", false); err != nil {
		t.Fatal(err)
	}
	resp = s.Read("dataiku_dataset", state, nil)
	s.noErrors("read", resp.Diagnostics)
	if !s.value(s.schemas["dataiku_dataset"], resp.NewState).IsNull() {
		t.Error("a dataset deleted outside Terraform stays in the state")
	}
	warned := false
	for _, d := range resp.Diagnostics {
		warned = warned || (d.Severity == tfprotov6.DiagnosticSeverityWarning && strings.Contains(d.Summary, "no longer exists"))
	}
	if !warned {
		t.Errorf("no warning that the dataset is gone: %v", resp.Diagnostics)
	}
}

// The Read after an import reads everything DSS has, from the object's own
// GET even when the provider refreshes from lists, and clears the flag.
func TestKitImportFlag(t *testing.T) {
	s := newKitServer(t)
	s.createProject()
	s.createDataset()

	bad, err := s.server.ImportResourceState(s.ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "dataiku_dataset", ID: "KIT"})
	if err != nil {
		t.Fatal(err)
	}
	if got := errorText(bad.Diagnostics); !strings.Contains(got, "Invalid import ID for dataiku_dataset") || !strings.Contains(got, "PROJECT_KEY.dataset_name") {
		t.Errorf("a malformed import ID: errors %q, want the expected form", got)
	}

	// A new command, whose provider has written nothing: its refreshes
	// may use the project's list.
	s.restart()
	imported, err := s.server.ImportResourceState(s.ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "dataiku_dataset", ID: "KIT.orders"})
	if err != nil {
		t.Fatal(err)
	}
	s.noErrors("import", imported.Diagnostics)
	got := imported.ImportedResources[0]
	state := s.value(s.schemas["dataiku_dataset"], got.State)
	if a := attrsOf(t, state); !a["id"].Equal(str("KIT.orders")) || !a["project_key"].Equal(str("KIT")) || !a["name"].Equal(str("orders")) || !a["type"].IsNull() {
		t.Errorf("imported state %v: want id, project_key and name only", a)
	}
	if !strings.Contains(string(got.Private), kit.ImportedKey) {
		t.Errorf("the import set no flag for its Read: private %s", got.Private)
	}

	before := s.requests()
	resp := s.Read("dataiku_dataset", state, got.Private)
	s.noErrors("read", resp.Diagnostics)
	if n := s.sent(before, "GET", "/datasets/{datasetName}"); n != 1 {
		t.Errorf("the Read after the import sent %d GET of the dataset; want 1 (its own, not the project's list)", n)
	}
	if n := s.sent(before, "GET", "/datasets") - s.sent(before, "GET", "/datasets/{datasetName}"); n != 0 {
		t.Errorf("the Read after the import read %d lists", n)
	}
	read := attrsOf(t, s.value(s.schemas["dataiku_dataset"], resp.NewState))
	if !read["type"].Equal(str("Filesystem")) || read["params"].IsNull() || read["schema_columns"].IsNull() {
		t.Errorf("the Read after the import did not read everything: %v", read)
	}
	if strings.Contains(string(resp.Private), kit.ImportedKey) {
		t.Errorf("the flag outlived its Read: private %s", resp.Private)
	}
	// Without the flag the same Read goes to the project's list.
	s.restart()
	before = s.requests()
	s.noErrors("read", s.Read("dataiku_dataset", state, nil).Diagnostics)
	if n := s.sent(before, "GET", "/datasets/{datasetName}"); n != 0 {
		t.Errorf("a refresh without the flag sent %d GET of the dataset; want its project's list", n)
	}
}

// An import whose ID names no object DSS has fails in the Read that
// follows, quoting the ID, its form and DSS's answer, rather than with
// Terraform's message about regions and endpoints; a state a failed
// create left, whose object is gone, is still removed with a warning (the
// next apply creates the object again).
func TestKitImportOfAbsentObject(t *testing.T) {
	s := newKitServer(t)
	s.createProject()
	imported, err := s.server.ImportResourceState(s.ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "dataiku_dataset", ID: "KIT.ordres"})
	if err != nil {
		t.Fatal(err)
	}
	s.noErrors("import", imported.Diagnostics)
	got := imported.ImportedResources[0]
	resp := s.Read("dataiku_dataset", s.value(s.schemas["dataiku_dataset"], got.State), got.Private)
	msg := errorText(resp.Diagnostics)
	for _, want := range []string{`Cannot import dataiku_dataset "KIT.ordres"`, `DSS has no object with import ID "KIT.ordres"`,
		"Its form is PROJECT_KEY.dataset_name (DSS's reference form, e.g. SALES.orders)", "DSS answered:", "ordres"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the Read after importing an absent dataset: errors %q, want %q", msg, want)
		}
	}

	// A failed create's state, flagged for a full read, whose object is
	// deleted meanwhile: gone, as on any refresh.
	s.faults(emulator.FaultRule{Method: "GET", PathRegex: "/projects/KIT/datasets/orders$", Status: 500, Count: 1})
	created := s.planApply(kitStep{typeName: "dataiku_dataset", prior: s.null("dataiku_dataset"), config: s.datasetConfig("id")})
	if errorText(created.Diagnostics) == "" {
		t.Fatal("the create succeeded despite the fault")
	}
	acctest.MustDo(t, s.admin.Delete(s.ctx, dss.DatasetDoc("KIT", "orders").Path(), nil, nil))
	read := s.Read("dataiku_dataset", s.value(s.schemas["dataiku_dataset"], created.NewState), created.Private)
	if e := errorText(read.Diagnostics); e != "" {
		t.Errorf("the Read of a failed create's state whose object is gone: errors %q, want a warning", e)
	}
	if st := s.value(s.schemas["dataiku_dataset"], read.NewState); !st.IsNull() {
		t.Errorf("the failed create's state of a gone dataset was kept: %v", st)
	}
}

// A create that fails once the object exists records what names it (so
// that Terraform taints it and the next apply replaces it, never leaving
// an orphan), flagged so that the next Read reads everything.
func TestKitPartialFailure(t *testing.T) {
	s := newKitServer(t)
	s.createProject()
	// The POST goes through; the read-modify-write's GET fails.
	s.faults(emulator.FaultRule{Method: "GET", PathRegex: "/projects/KIT/datasets/orders$", Status: 500, Count: 1})
	// Protected in the configuration: a protection the half-created object
	// kept would refuse the replacement that repairs it.
	protected := with(t, s.datasetConfig("id"), map[string]tftypes.Value{"deletion_protection": tftypes.NewValue(tftypes.Bool, true)})
	resp := s.planApply(kitStep{typeName: "dataiku_dataset", prior: s.null("dataiku_dataset"), config: protected})
	if errorText(resp.Diagnostics) == "" {
		t.Fatal("the create succeeded despite the fault")
	}
	state := s.value(s.schemas["dataiku_dataset"], resp.NewState)
	if state.IsNull() {
		t.Fatal("the failed create recorded nothing: the dataset DSS holds would be an orphan")
	}
	a := attrsOf(t, state)
	if !a["id"].Equal(str("KIT.orders")) || !a["project_key"].Equal(str("KIT")) || !a["name"].Equal(str("orders")) || !a["type"].IsNull() {
		t.Errorf("partial state %v: want what names the dataset, and nothing else", a)
	}
	if !strings.Contains(string(resp.Private), kit.ImportedKey) {
		t.Errorf("the partial state is not flagged for a full read: private %s", resp.Private)
	}
	read := s.Read("dataiku_dataset", state, resp.Private)
	s.noErrors("read", read.Diagnostics)
	readState := s.value(s.schemas["dataiku_dataset"], read.NewState)
	if got := attrsOf(t, readState)["type"]; !got.Equal(str("Filesystem")) {
		t.Errorf("the Read of the partial state did not read everything: type %v", got)
	}
	// Tainted, it is not protected: the next apply's replacement deletes it.
	if got := attrsOf(t, readState)["deletion_protection"]; !got.Equal(tftypes.NewValue(tftypes.Bool, false)) {
		t.Errorf("the partial state's deletion_protection after a read = %v, want false", got)
	}
	deleted := s.Apply(kitStep{typeName: "dataiku_dataset", prior: readState, config: s.null("dataiku_dataset")}, s.null("dataiku_dataset"), nil)
	s.noErrors("the replacement's delete of the half-created dataset", deleted.Diagnostics)
}

// Each address derives what its kind used to write by hand: the import
// forms and errors, the object's path and the labels are those of before.
func TestAddressDerivations(t *testing.T) {
	s := types.StringValue
	orders := dataset.DatasetResourceModel{DatasetModel: dataset.DatasetModel{ProjectKey: s("SALES"), Name: s("orders")}}
	scenario := project.ScenarioResourceModel{ScenarioModel: project.ScenarioModel{ProjectKey: s("SALES"), Name: s("Nightly"), ID: types.StringUnknown()}}
	rule := dataset.DataQualityRuleModel{ProjectKey: s("SALES"), DatasetName: s("orders"), Name: s("not empty"), ID: types.StringUnknown()}
	key := instance.APIKeyModel{Label: s("ci"), ID: types.StringUnknown()}
	for _, c := range []struct{ got, want string }{
		{dataset.DatasetAddress.Label(&orders), `dataiku_dataset "SALES.orders"`},
		{dataset.DatasetAddress.ObjectPath(&orders), dss.DatasetDoc("SALES", "orders").Path()},
		{project.ScenarioAddress.Label(&scenario), `dataiku_scenario "Nightly" in project SALES`},
		{dataset.DataQualityRuleAddress.Label(&rule), `dataiku_data_quality_rule "not empty" on dataset SALES.orders`},
		{instance.APIKeyAddress.Label(&key), `dataiku_api_key "ci"`},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	scenario.ID = s("NIGHTLY")
	if got, want := project.ScenarioAddress.Label(&scenario), `dataiku_scenario "Nightly" (SALES.NIGHTLY)`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := project.ScenarioAddress.ObjectPath(&scenario), dss.ScenarioDoc("SALES", "NIGHTLY").Path(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}

	// An import ID gives the id attribute and the key's attributes.
	for _, c := range []struct {
		importID string
		parse    func(string) (kit.ObjectIdentity, error)
		id       string
		attrs    map[string]string
	}{
		{"SALES.orders", dataset.DatasetAddress.ImportIdentity, "SALES.orders", map[string]string{"project_key": "SALES", "name": "orders"}},
		{"SALES.compute", project.RecipeAddress.ImportIdentity, "SALES.compute", map[string]string{"project_key": "SALES", "name": "compute"}},
		{"SALES.a.b", project.ScenarioAddress.ImportIdentity, "a.b", map[string]string{"project_key": "SALES"}},
		{"SALES.orders.r1", dataset.DataQualityRuleAddress.ImportIdentity, "r1", map[string]string{"project_key": "SALES", "dataset_name": "orders"}},
		{"python/py310", instance.CodeEnvAddress.ImportIdentity, "PYTHON/py310", map[string]string{"lang": "PYTHON", "name": "py310"}},
		{"pg.main-1", instance.ConnectionAddress.ImportIdentity, "pg.main-1", map[string]string{"name": "pg.main-1"}},
		{"SALES_2024", project.ProjectAddress.ImportIdentity, "SALES_2024", map[string]string{"project_key": "SALES_2024"}},
		{"SALES.DATASET.a.b", project.ExposedObjectAddress.ImportIdentity, "SALES.DATASET.a.b", map[string]string{"project_key": "SALES", "type": "DATASET", "local_name": "a.b"}},
	} {
		got, err := c.parse(c.importID)
		if err != nil {
			t.Errorf("%s: %v", c.importID, err)
			continue
		}
		want := map[string]string{"id": c.id}
		for k, v := range c.attrs {
			want[k] = v
		}
		attrs := map[string]string{}
		for _, a := range got.Attrs {
			attrs[a.Name] = a.Value.(types.String).ValueString()
		}
		if got.ID != c.id || !maps.Equal(attrs, want) {
			t.Errorf("%s: id %q, attributes %v; want %q, %v", c.importID, got.ID, attrs, c.id, want)
		}
	}
	if _, err := dataset.DatasetAddress.ImportIdentity("SALES"); err == nil || !strings.Contains(err.Error(), "expected PROJECT_KEY.dataset_name (DSS's reference form, e.g. SALES.orders)") {
		t.Errorf("a malformed dataset import ID: %v", err)
	}
}
