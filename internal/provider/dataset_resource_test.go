package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

const testDatasetAddr = "dataiku_dataset.test"

// testAccCreateProjectForDatasets creates the parent project outside
// Terraform (the dataiku_project resource lives elsewhere) and deletes it
// when the test ends. It works against a real DSS too.
func testAccCreateProjectForDatasets(t *testing.T, key string) {
	t.Helper()
	testProjectOutside(t, key, "Datasets test "+key)
}

func testAccGetDataset(t *testing.T, key, name string) map[string]any {
	t.Helper()
	var d map[string]any
	if err := testClient(t).Get(testCtx(t), dss.DatasetDoc(key, name).Path(), nil, &d); err != nil {
		t.Fatalf("reading dataset %s.%s: %v", key, name, err)
	}
	return d
}

// testAccChangeDataset changes a dataset outside Terraform.
func testAccChangeDataset(t *testing.T, key, name string, change func(d map[string]any)) {
	t.Helper()
	d := testAccGetDataset(t, key, name)
	change(d)
	if err := testClient(t).Put(testCtx(t), dss.DatasetDoc(key, name).Path(), nil, d, nil); err != nil {
		t.Fatalf("changing dataset %s.%s: %v", key, name, err)
	}
}

func testAccCheckDatasetsDestroyed(t *testing.T, key string, names ...string) resource.TestCheckFunc {
	return func(_ *terraform.State) error {
		c, err := dss.NewClient(dss.Config{Host: testHost(t), APIKey: testAPIKey})
		if err != nil {
			return err
		}
		for _, n := range names {
			_, err := dss.DatasetDoc(key, n).Get(context.Background(), c)
			if err == nil {
				return fmt.Errorf("dataset %s.%s still exists after destroy", key, n)
			}
			if !dss.IsNotFound(err) {
				return fmt.Errorf("checking dataset %s.%s: %w", key, n, err)
			}
		}
		return nil
	}
}

// expectChangedAttributes asserts that the plan updates addr in place and
// that exactly the given top-level attributes differ.
type expectChangedAttributes struct {
	addr  string
	attrs []string
}

func (e expectChangedAttributes) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		var changed []string
		for k := range after {
			if !reflect.DeepEqual(before[k], after[k]) {
				changed = append(changed, k)
			}
		}
		slices.Sort(changed)
		want := slices.Sorted(slices.Values(e.attrs))
		if !slices.Equal(changed, want) {
			resp.Error = fmt.Errorf("%s: changed attributes %v, want %v (before %v, after %v)", e.addr, changed, want, before, after)
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in plan", e.addr)
}

// datasetFamily describes one kind of dataset for the shared lifecycle test.
type datasetFamily struct {
	typ, conn     string
	managed       bool
	params        map[string]any // written params (v1)
	paramsV2      map[string]any // written params after the in-place update
	format        string         // format_type + format_params lines, or ""
	serverKey     string         // a params key DSS fills that the config never writes
	driftKey      string         // a written params key to change outside Terraform
	replaceTyp    string         // type that forces replacement
	replaceConn   string
	replaceParams map[string]any
}

func hclJSON(m map[string]any) string {
	if m == nil {
		return ""
	}
	b, _ := json.Marshal(m)
	return fmt.Sprintf("  params = jsonencode(%s)\n", hclObject(b))
}

// hclObject turns a JSON object into an HCL object expression (JSON is valid
// HCL expression syntax for objects, with ":" accepted as separator).
func hclObject(b []byte) string { return string(b) }

// jsonDynamic is the jsonencode form of an HCL object attribute's value;
// null for "".
func jsonDynamic(s string) types.Dynamic {
	if s == "" {
		return types.DynamicNull()
	}
	return types.DynamicValue(types.StringValue(s))
}

type datasetCfg struct {
	key, name, typ, conn string
	managed              bool
	params               map[string]any
	format               string
	description          string
	tags                 []string
	columns              [][2]string
	extra                string
}

// flatmapObject gives the top-level keys of an HCL object attribute as the
// test framework's flat state holds them ("params.path" = "/x"), each with
// its value's text ("" for a nested object or list); a value in the
// jsonencode form is decoded the same way.
func flatmapObject(attrs map[string]string, name string) map[string]string {
	out := map[string]string{}
	if text, ok := attrs[name]; ok && text != "" {
		m, _ := decodeJSONObjectText(text)
		for k, v := range m {
			switch v.(type) {
			case map[string]any, []any:
				out[k] = ""
			default:
				out[k] = fmt.Sprint(v)
			}
		}
		return out
	}
	for k, v := range attrs {
		rest, ok := strings.CutPrefix(k, name+".")
		if !ok || rest == "%" {
			continue
		}
		if key, _, nested := strings.Cut(rest, "."); nested {
			out[key] = ""
			continue
		}
		out[rest] = v
	}
	return out
}

func (c datasetCfg) render() string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"dataiku_dataset\" \"test\" {\n  project_key = %q\n  name = %q\n  type = %q\n", c.key, c.name, c.typ)
	if c.conn != "" {
		fmt.Fprintf(&b, "  connection_name = %q\n", c.conn)
	}
	if c.managed {
		b.WriteString("  managed = true\n")
	}
	b.WriteString(hclJSON(c.params))
	b.WriteString(c.format)
	if c.description != "" {
		fmt.Fprintf(&b, "  description = %q\n", c.description)
	}
	if c.tags != nil {
		q := make([]string, len(c.tags))
		for i, t := range c.tags {
			q[i] = fmt.Sprintf("%q", t)
		}
		fmt.Fprintf(&b, "  tags = [%s]\n", strings.Join(q, ", "))
	}
	if c.columns != nil {
		b.WriteString("  schema_columns = [\n")
		for _, col := range c.columns {
			fmt.Fprintf(&b, "    { name = %q, type = %q },\n", col[0], col[1])
		}
		b.WriteString("  ]\n")
	}
	b.WriteString(c.extra)
	b.WriteString("}\n")
	return b.String()
}

func testAccDatasetLifecycle(t *testing.T, key string, f datasetFamily) {
	testAccCreateProjectForDatasets(t, key)
	name1, name2 := "ds_one", "ds_renamed"
	v1 := datasetCfg{key: key, name: name1, typ: f.typ, conn: f.conn, managed: f.managed, params: f.params, format: f.format,
		description: "first", tags: []string{"raw"}, columns: [][2]string{{"id", "bigint"}, {"label", "string"}}}
	v2 := v1
	v2.params, v2.description, v2.tags = f.paramsV2, "second", []string{"raw", "sales"}
	v2.columns = [][2]string{{"id", "bigint"}, {"label", "string"}, {"amount", "double"}}
	v3 := v2
	v3.name = name2
	v4 := v3
	v4.typ, v4.conn, v4.managed, v4.params, v4.format = f.replaceTyp, f.replaceConn, f.managed, f.replaceParams, ""

	var creation any
	testAccCase(t, testAccCheckDatasetsDestroyed(t, key, name1, name2), []resource.TestStep{
		{ // create
			Config: v1.render(),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testDatasetAddr, "id", key+"."+name1),
				resource.TestCheckResourceAttr(testDatasetAddr, "schema_columns.#", "2"),
				resource.TestCheckResourceAttr(testDatasetAddr, "managed", fmt.Sprint(f.managed)),
				func(s *terraform.State) error {
					d := testAccGetDataset(t, key, name1)
					creation = d["creationTag"]
					p := d["params"].(map[string]any)
					if _, ok := p[f.serverKey]; !ok {
						return fmt.Errorf("DSS did not fill params.%s: %v", f.serverKey, p)
					}
					if p["connection"] != f.conn {
						return fmt.Errorf("params.connection = %v", p["connection"])
					}
					if v := s.RootModule().Resources[testDatasetAddr].Primary.Attributes["params"]; strings.Contains(v, f.serverKey) || strings.Contains(v, "connection") {
						return fmt.Errorf("state params holds server keys: %s", v)
					}
					return nil
				},
			),
		},
		{ // update in place
			Config: v2.render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testDatasetAddr, plancheck.ResourceActionUpdate),
			}},
			Check: func(*terraform.State) error {
				d := testAccGetDataset(t, key, name1)
				if d["description"] != "second" || len(d["schema"].(map[string]any)["columns"].([]any)) != 3 ||
					!reflect.DeepEqual(d["tags"], []any{"raw", "sales"}) {
					return fmt.Errorf("not updated: %v", d)
				}
				for k, v := range f.paramsV2 {
					if !jsonEqual(d["params"].(map[string]any)[k], v) {
						return fmt.Errorf("params.%s = %v, want %v", k, d["params"].(map[string]any)[k], v)
					}
				}
				return nil
			},
		},
		{ // rename in place: the same dataset, creation stamp unchanged
			Config: v3.render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testDatasetAddr, plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testDatasetAddr, "id", key+"."+name2),
				testAccCheckDatasetsDestroyed(t, key, name1),
				func(*terraform.State) error {
					d := testAccGetDataset(t, key, name2)
					if !reflect.DeepEqual(d["creationTag"], creation) {
						return fmt.Errorf("creationTag changed by rename: %v -> %v", creation, d["creationTag"])
					}
					return nil
				},
			),
		},
		{ // import
			ResourceName:      testDatasetAddr,
			ImportState:       true,
			ImportStateId:     key + "." + name2,
			ImportStateVerify: true,
			// Imported state holds all of DSS's params and formatParams:
			// without a configuration there is no way to know which keys
			// the user writes (see the subset rule in dataset_model.go).
			// The check below asserts the written keys are there.
			ImportStateVerifyIgnore: []string{"params", "format_params"},
			ImportStateCheck: func(states []*terraform.InstanceState) error {
				if len(states) != 1 {
					return fmt.Errorf("%d states", len(states))
				}
				got := flatmapObject(states[0].Attributes, "params")
				for k, v := range f.paramsV2 {
					if got[k] != fmt.Sprint(v) {
						return fmt.Errorf("imported params.%s = %v, want %v", k, got[k], v)
					}
				}
				if _, ok := got["connection"]; ok {
					return fmt.Errorf("imported params holds connection")
				}
				return nil
			},
		},
		// By identity, after the rename: the identity followed the name.
		testImportIdentityStep(t, testDatasetAddr, "params", "format_params"),
		{ // changed outside Terraform: a param, a schema column, a tag
			PreConfig: func() {
				testAccChangeDataset(t, key, name2, func(d map[string]any) {
					d["params"].(map[string]any)[f.driftKey] = "changed_outside"
					cols := d["schema"].(map[string]any)["columns"].([]any)
					cols[2].(map[string]any)["type"] = "string"
					d["tags"] = []any{"raw", "sales", "intruder"}
					d["params"].(map[string]any)[f.serverKey+"_unrelated"] = true // not written: never a diff
				})
			},
			Config: v3.render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testDatasetAddr, plancheck.ResourceActionUpdate),
				expectChangedAttributes{testDatasetAddr, []string{"params", "schema_columns", "tags"}},
			}},
			Check: func(*terraform.State) error {
				d := testAccGetDataset(t, key, name2)
				p := d["params"].(map[string]any)
				if p[f.driftKey] == "changed_outside" || p[f.serverKey+"_unrelated"] != true {
					return fmt.Errorf("drift not repaired or unrelated key lost: %v", p)
				}
				return nil
			},
		},
		// deleted outside Terraform: planned for creation
		testDeletedOutsideStep(t, testDatasetAddr, v3.render(),
			func() error { return testClient(t).DeleteDataset(testCtx(t), key, name2, false) }, nil),
		{ // replace on type change
			Config: v4.render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testDatasetAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: func(*terraform.State) error {
				if d := testAccGetDataset(t, key, name2); d["type"] != f.replaceTyp {
					return fmt.Errorf("type %v", d["type"])
				}
				return nil
			},
		},
	})
}

func TestAccDataset_filesystem(t *testing.T) {
	testAccParallel(t)
	testAccDatasetLifecycle(t, "DSFS", datasetFamily{
		typ: "Filesystem", conn: "filesystem_root",
		params:    map[string]any{"path": "/data/v1"},
		paramsV2:  map[string]any{"path": "/data/v2"},
		format:    "  format_type = \"csv\"\n  format_params = jsonencode({ separator = \",\", parseHeaderRow = true })\n",
		serverKey: "filesSelectionRules", driftKey: "path",
		replaceTyp: "UploadedFiles", replaceConn: "uploads", replaceParams: map[string]any{},
	})
}

func TestAccDataset_sqlTable(t *testing.T) {
	testAccParallel(t)
	testAccDatasetLifecycle(t, "DSSQLT", datasetFamily{
		typ: "PostgreSQL", conn: testPGConnection,
		params:    map[string]any{"mode": "table", "schema": "public", "table": "orders"},
		paramsV2:  map[string]any{"mode": "table", "schema": "sales", "table": "orders"},
		serverKey: "normalizeDoubles", driftKey: "table",
		replaceTyp: "Filesystem", replaceConn: "filesystem_root", replaceParams: map[string]any{"path": "/x"},
	})
}

func TestAccDataset_sqlQuery(t *testing.T) {
	testAccParallel(t)
	testAccDatasetLifecycle(t, "DSSQLQ", datasetFamily{
		typ: "PostgreSQL", conn: testPGConnection,
		params:    map[string]any{"mode": "query", "query": "SELECT 1 AS id"},
		paramsV2:  map[string]any{"mode": "query", "query": "SELECT 2 AS id"},
		serverKey: "assumedTzForUnknownTz", driftKey: "query",
		replaceTyp: "Filesystem", replaceConn: "filesystem_root", replaceParams: map[string]any{"path": "/q"},
	})
}

func TestAccDataset_managed(t *testing.T) {
	testAccParallel(t)
	testAccDatasetLifecycle(t, "DSMGD", datasetFamily{
		typ: "Filesystem", conn: "filesystem_managed", managed: true,
		params:    nil,
		paramsV2:  map[string]any{"path": "/managed/custom"},
		format:    "  format_type = \"csv\"\n  format_params = jsonencode({ separator = \",\" })\n",
		serverKey: "filesSelectionRules", driftKey: "path",
		replaceTyp: "PostgreSQL", replaceConn: testPGConnection, replaceParams: nil,
	})
}

// A dataset made outside Terraform and adopted with an import block: DSS
// fills in parameters the configuration does not write, and the plan must
// still be empty (no update that would only narrow params to the written
// keys), then stay empty, and a written key changed outside Terraform must
// still show as drift.
func TestAccDataset_importBlock(t *testing.T) {
	testAccParallel(t)
	testAccProjectSetup(t)
	key := testProjectKey("ACC_DSIMP")
	testAccCreateProjectForDatasets(t, key)
	c, ctx := testClient(t), testCtx(t)
	err := c.Post(ctx, dss.Path("projects", key, "datasets")+"/", nil, map[string]any{
		"projectKey": key, "name": "adopted", "type": "Filesystem",
		"params":       map[string]any{"connection": "filesystem_root", "path": "/adopted", "notReadyIfEmpty": true},
		"formatType":   "csv",
		"formatParams": map[string]any{"separator": ";", "style": "excel", "charset": "utf8"},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	config := fmt.Sprintf(`
import {
  to = dataiku_dataset.test
  id = "%[1]s.adopted"
}

resource "dataiku_dataset" "test" {
  project_key     = %[1]q
  name            = "adopted"
  type            = "Filesystem"
  connection_name = "filesystem_root"
  params          = jsonencode({ path = "%[2]s" })
  format_type     = "csv"
  format_params   = jsonencode({ separator = ";" })
}
`, key, "%s")
	testAccCase(t, testAccCheckDatasetsDestroyed(t, key, "adopted"), []resource.TestStep{
		{
			Config: fmt.Sprintf(config, "/adopted"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testDatasetAddr, plancheck.ResourceActionNoop),
			}},
		},
		{ // the same configuration again: nothing to do
			Config: fmt.Sprintf(config, "/adopted"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
		{ // a written key changed outside Terraform is drift, and is put back
			PreConfig: func() {
				testAccChangeDataset(t, key, "adopted", func(d map[string]any) {
					d["params"].(map[string]any)["path"] = "/moved"
				})
			},
			Config: fmt.Sprintf(config, "/adopted"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				expectChangedAttributes{addr: testDatasetAddr, attrs: []string{"params"}},
			}},
			Check: func(*terraform.State) error {
				d := testAccGetDataset(t, key, "adopted")
				p := d["params"].(map[string]any)
				if p["path"] != "/adopted" || p["notReadyIfEmpty"] != true {
					return fmt.Errorf("params after the apply: %v", p)
				}
				return nil
			},
		},
		{ // a new value for a written key is an update, and DSS's other parameters stay
			Config: fmt.Sprintf(config, "/adopted_v2"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				expectChangedAttributes{addr: testDatasetAddr, attrs: []string{"params"}},
			}},
			Check: func(*terraform.State) error {
				d := testAccGetDataset(t, key, "adopted")
				p, fp := d["params"].(map[string]any), d["formatParams"].(map[string]any)
				if p["path"] != "/adopted_v2" || p["notReadyIfEmpty"] != true || fp["style"] != "excel" {
					return fmt.Errorf("after the update: params %v, formatParams %v", p, fp)
				}
				return nil
			},
		},
	})
}
