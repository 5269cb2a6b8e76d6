package dataset_test

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
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

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

// flatmapObject gives the top-level keys of an HCL object attribute as the
// test framework's flat state holds them ("params.path" = "/x"), each with
// its value's text ("" for a nested object or list); a value in the
// jsonencode form is decoded the same way.
func flatmapObject(attrs map[string]string, name string) map[string]string {
	out := map[string]string{}
	if text, ok := attrs[name]; ok && text != "" {
		m, _ := kit.DecodeJSONObjectText(text)
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

func testAccDatasetLifecycle(t *testing.T, key string, f datasetFamily) {
	acctest.CreateProjectForDatasets(t, key)
	name1, name2 := "ds_one", "ds_renamed"
	v1 := acctest.DatasetCfg{Key: key, Name: name1, Typ: f.typ, Conn: f.conn, Managed: f.managed, Params: f.params, Format: f.format,
		Description: "first", Tags: []string{"raw"}, Columns: [][2]string{{"id", "bigint"}, {"label", "string"}}}
	v2 := v1
	v2.Params, v2.Description, v2.Tags = f.paramsV2, "second", []string{"raw", "sales"}
	v2.Columns = [][2]string{{"id", "bigint"}, {"label", "string"}, {"amount", "double"}}
	v3 := v2
	v3.Name = name2
	v4 := v3
	v4.Typ, v4.Conn, v4.Managed, v4.Params, v4.Format = f.replaceTyp, f.replaceConn, f.managed, f.replaceParams, ""

	var creation any
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, key, name1, name2), []resource.TestStep{
		{ // create
			Config: v1.Render(),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(acctest.DatasetAddr, "id", key+"."+name1),
				resource.TestCheckResourceAttr(acctest.DatasetAddr, "schema_columns.#", "2"),
				resource.TestCheckResourceAttr(acctest.DatasetAddr, "managed", fmt.Sprint(f.managed)),
				func(s *terraform.State) error {
					d := acctest.GetDataset(t, key, name1)
					creation = d["creationTag"]
					p := d["params"].(map[string]any)
					if _, ok := p[f.serverKey]; !ok {
						return fmt.Errorf("DSS did not fill params.%s: %v", f.serverKey, p)
					}
					if p["connection"] != f.conn {
						return fmt.Errorf("params.connection = %v", p["connection"])
					}
					if v := s.RootModule().Resources[acctest.DatasetAddr].Primary.Attributes["params"]; strings.Contains(v, f.serverKey) || strings.Contains(v, "connection") {
						return fmt.Errorf("state params holds server keys: %s", v)
					}
					return nil
				},
			),
		},
		{ // update in place
			Config: v2.Render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(acctest.DatasetAddr, plancheck.ResourceActionUpdate),
			}},
			Check: func(*terraform.State) error {
				d := acctest.GetDataset(t, key, name1)
				if d["description"] != "second" || len(d["schema"].(map[string]any)["columns"].([]any)) != 3 ||
					!reflect.DeepEqual(d["tags"], []any{"raw", "sales"}) {
					return fmt.Errorf("not updated: %v", d)
				}
				for k, v := range f.paramsV2 {
					if !kit.JSONEqual(d["params"].(map[string]any)[k], v) {
						return fmt.Errorf("params.%s = %v, want %v", k, d["params"].(map[string]any)[k], v)
					}
				}
				return nil
			},
		},
		{ // rename in place: the same dataset, creation stamp unchanged
			Config: v3.Render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(acctest.DatasetAddr, plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(acctest.DatasetAddr, "id", key+"."+name2),
				acctest.CheckDatasetsDestroyed(t, key, name1),
				func(*terraform.State) error {
					d := acctest.GetDataset(t, key, name2)
					if !reflect.DeepEqual(d["creationTag"], creation) {
						return fmt.Errorf("creationTag changed by rename: %v -> %v", creation, d["creationTag"])
					}
					return nil
				},
			),
		},
		{ // import
			ResourceName:      acctest.DatasetAddr,
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
		acctest.ImportIdentityStep(t, acctest.DatasetAddr, "params", "format_params"),
		{ // changed outside Terraform: a param, a schema column, a tag
			PreConfig: func() {
				acctest.ChangeDataset(t, key, name2, func(d map[string]any) {
					d["params"].(map[string]any)[f.driftKey] = "changed_outside"
					cols := d["schema"].(map[string]any)["columns"].([]any)
					cols[2].(map[string]any)["type"] = "string"
					d["tags"] = []any{"raw", "sales", "intruder"}
					d["params"].(map[string]any)[f.serverKey+"_unrelated"] = true // not written: never a diff
				})
			},
			Config: v3.Render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(acctest.DatasetAddr, plancheck.ResourceActionUpdate),
				acctest.ExpectChangedAttributes{Addr: acctest.DatasetAddr, Attrs: []string{"params", "schema_columns", "tags"}},
			}},
			Check: func(*terraform.State) error {
				d := acctest.GetDataset(t, key, name2)
				p := d["params"].(map[string]any)
				if p[f.driftKey] == "changed_outside" || p[f.serverKey+"_unrelated"] != true {
					return fmt.Errorf("drift not repaired or unrelated key lost: %v", p)
				}
				return nil
			},
		},
		// deleted outside Terraform: planned for creation
		acctest.DeletedOutsideStep(t, acctest.DatasetAddr, v3.Render(),
			func() error { return acctest.Client(t).DeleteDataset(acctest.Ctx(t), key, name2, false) }, nil),
		{ // replace on type change
			Config: v4.Render(),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(acctest.DatasetAddr, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: func(*terraform.State) error {
				if d := acctest.GetDataset(t, key, name2); d["type"] != f.replaceTyp {
					return fmt.Errorf("type %v", d["type"])
				}
				return nil
			},
		},
	})
}

func TestAccDataset_filesystem(t *testing.T) {
	acctest.Parallel(t)
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
	acctest.Parallel(t)
	testAccDatasetLifecycle(t, "DSSQLT", datasetFamily{
		typ: "PostgreSQL", conn: acctest.PGConnection,
		params:    map[string]any{"mode": "table", "schema": "public", "table": "orders"},
		paramsV2:  map[string]any{"mode": "table", "schema": "sales", "table": "orders"},
		serverKey: "normalizeDoubles", driftKey: "table",
		replaceTyp: "Filesystem", replaceConn: "filesystem_root", replaceParams: map[string]any{"path": "/x"},
	})
}

func TestAccDataset_sqlQuery(t *testing.T) {
	acctest.Parallel(t)
	testAccDatasetLifecycle(t, "DSSQLQ", datasetFamily{
		typ: "PostgreSQL", conn: acctest.PGConnection,
		params:    map[string]any{"mode": "query", "query": "SELECT 1 AS id"},
		paramsV2:  map[string]any{"mode": "query", "query": "SELECT 2 AS id"},
		serverKey: "assumedTzForUnknownTz", driftKey: "query",
		replaceTyp: "Filesystem", replaceConn: "filesystem_root", replaceParams: map[string]any{"path": "/q"},
	})
}

func TestAccDataset_managed(t *testing.T) {
	acctest.Parallel(t)
	testAccDatasetLifecycle(t, "DSMGD", datasetFamily{
		typ: "Filesystem", conn: "filesystem_managed", managed: true,
		params:    nil,
		paramsV2:  map[string]any{"path": "/managed/custom"},
		format:    "  format_type = \"csv\"\n  format_params = jsonencode({ separator = \",\" })\n",
		serverKey: "filesSelectionRules", driftKey: "path",
		replaceTyp: "PostgreSQL", replaceConn: acctest.PGConnection, replaceParams: nil,
	})
}

// A dataset made outside Terraform and adopted with an import block: DSS
// fills in parameters the configuration does not write, and the plan must
// still be empty (no update that would only narrow params to the written
// keys), then stay empty, and a written key changed outside Terraform must
// still show as drift.
func TestAccDataset_importBlock(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DSIMP")
	acctest.CreateProjectForDatasets(t, key)
	c, ctx := acctest.Client(t), acctest.Ctx(t)
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
	acctest.Case(t, acctest.CheckDatasetsDestroyed(t, key, "adopted"), []resource.TestStep{
		{
			Config: fmt.Sprintf(config, "/adopted"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(acctest.DatasetAddr, plancheck.ResourceActionNoop),
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
				acctest.ChangeDataset(t, key, "adopted", func(d map[string]any) {
					d["params"].(map[string]any)["path"] = "/moved"
				})
			},
			Config: fmt.Sprintf(config, "/adopted"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectChangedAttributes{Addr: acctest.DatasetAddr, Attrs: []string{"params"}},
			}},
			Check: func(*terraform.State) error {
				d := acctest.GetDataset(t, key, "adopted")
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
				acctest.ExpectChangedAttributes{Addr: acctest.DatasetAddr, Attrs: []string{"params"}},
			}},
			Check: func(*terraform.State) error {
				d := acctest.GetDataset(t, key, "adopted")
				p, fp := d["params"].(map[string]any), d["formatParams"].(map[string]any)
				if p["path"] != "/adopted_v2" || p["notReadyIfEmpty"] != true || fp["style"] != "excel" {
					return fmt.Errorf("after the update: params %v, formatParams %v", p, fp)
				}
				return nil
			},
		},
	})
}

// TestAccDataset_nonAdminKey: bob, who is not an administrator and has no
// permission on a project made outside Terraform, cannot create a dataset
// in it: DSS's refusal is quoted with the resource's address, and DSS
// holds no such dataset.
func TestAccDataset_nonAdminKey(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_DSBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	acctest.RefusedToBob(t, acctest.FilesystemDatasetHCL("test", fmt.Sprintf("%q", key), `"bobs"`, "/bobs"),
		regexp.MustCompile(`(?s)Cannot create dataiku_dataset "`+key+`\.bobs".*with dataiku_dataset.test.*POST /public/api/projects/`+key+`/datasets/: 403.*UnauthorizedException`))
	if err := acctest.CheckDatasetsDestroyed(t, key, "bobs")(nil); err != nil {
		t.Fatalf("after bob's refused apply: %v", err)
	}
}
