package emulator

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const zBase = "/public/api/projects/FZ/flow/zones"

// zoneItems lists the refs of a zone answer as "TYPE:id".
func zoneItems(t *testing.T, z map[string]any) []string {
	t.Helper()
	out := []string{}
	items, _ := z["items"].([]any)
	for _, x := range items {
		m := x.(map[string]any)
		id := m["objectId"].(string)
		if pk, ok := m["projectKey"].(string); ok {
			id = pk + "." + id
		}
		out = append(out, m["objectType"].(string)+":"+id)
	}
	return out
}

// TestZonesDataikuapiShapes replays what dataikuapi's DSSProjectFlow and
// DSSFlowZone send (dss/flow.py): create_zone, list_zones, get_zone,
// settings save (the whole zone as read), add_item, add_items, the
// default zone, get_zone_of_object's JSON-text comparison, add_shared,
// remove_shared, get_graph and delete.
// fzDataset is a dataset body for project FZ.
func fzDataset(name string) map[string]any {
	d := fsDataset(name)
	d["projectKey"] = "FZ"
	return d
}

func TestZonesDataikuapiShapes(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	base := u + "/dip/publicapi/projects/FZ/flow/zones"
	py := pyCaller(t, base)
	expectOK(t, createProject(t, u, "FZ", testAdmin, nil))
	expectOK(t, createDataset(t, u, "FZ", testAdmin, fzDataset("raw")))
	expectOK(t, createDataset(t, u, "FZ", testAdmin, fzDataset("clean")))
	folder := call(t, u, "POST", "/public/api/projects/FZ/managedfolders/", testAdmin, map[string]any{
		"name": "models", "projectKey": "FZ", "type": nil,
		"params": map[string]any{"connection": "filesystem_folders", "path": "/${projectKey}/${odbId}"},
	}).obj()["id"].(string)

	// Only the default zone, holding everything.
	l := py("GET", "", "").body.([]any)
	if len(l) != 1 || l[0].(map[string]any)["id"] != DefaultZoneID {
		t.Fatalf("list_zones of a new project: %v", l)
	}
	if got := zoneItems(t, l[0].(map[string]any)); !reflect.DeepEqual(got, []string{"DATASET:clean", "DATASET:raw", "MANAGED_FOLDER:" + folder}) {
		t.Fatalf("default zone items %v", got)
	}

	// create_zone(name) sends the default color; the answer has an id.
	z := py("POST", "", `{"name": "Ingest", "color": "#2ab1ac"}`).obj()
	id, _ := z["id"].(string)
	if len(id) != zoneIDLength || z["name"] != "Ingest" || z["color"] != DefaultZoneColor ||
		!reflect.DeepEqual(z["items"], []any{}) || !reflect.DeepEqual(z["shared"], []any{}) {
		t.Fatalf("create_zone answered %s", z)
	}
	// add_item(dataset): one ref, the updated zone back.
	z = py("POST", "/"+id+"/items", `{"objectId": "raw", "objectType": "DATASET"}`).obj()
	if got := zoneItems(t, z); !reflect.DeepEqual(got, []string{"DATASET:raw"}) {
		t.Fatalf("after add_item %v", got)
	}
	// get_zone_of_object compares json.dumps texts: the item must be
	// exactly {"objectId": ..., "objectType": ...} in that order.
	raw := string(py("GET", "/"+id, "").raw)
	if !strings.Contains(raw, `{"objectId":"raw","objectType":"DATASET"}`) {
		t.Fatalf("item keys not in the client's order: %s", raw)
	}
	// add_items([clean, folder]) to a second zone, then move clean.
	z2 := py("POST", "", `{"name": "Prepare", "color": "#ff0000"}`).obj()["id"].(string)
	py("POST", "/"+z2+"/add-items", `[{"objectId": "clean", "objectType": "DATASET"}, {"objectId": "`+folder+`", "objectType": "MANAGED_FOLDER"}]`)
	z = py("POST", "/"+id+"/items", `{"objectId": "clean", "objectType": "DATASET"}`).obj()
	if got := zoneItems(t, z); !reflect.DeepEqual(got, []string{"DATASET:raw", "DATASET:clean"}) {
		t.Fatalf("Ingest after the move %v", got)
	}
	if got := zoneItems(t, py("GET", "/"+z2, "").obj()); !reflect.DeepEqual(got, []string{"MANAGED_FOLDER:" + folder}) {
		t.Fatalf("Prepare after the move %v (an object is in one zone)", got)
	}
	if got := zoneItems(t, py("GET", "/default", "").obj()); len(got) != 0 {
		t.Fatalf("default zone %v, want empty", got)
	}
	// Removing = adding to the default zone.
	py("POST", "/default/items", `{"objectId": "clean", "objectType": "DATASET"}`)
	if got := zoneItems(t, py("GET", "/default", "").obj()); !reflect.DeepEqual(got, []string{"DATASET:clean"}) {
		t.Fatalf("default zone %v", got)
	}

	// settings save: the whole zone as read, name and color edited; items
	// in the body are ignored.
	s := py("GET", "/"+id, "").obj()
	s["name"], s["color"], s["items"] = "Ingestion", "#00FF00", []any{}
	b, _ := json.Marshal(s)
	py("PUT", "/"+id, string(b))
	s = py("GET", "/"+id, "").obj()
	if s["name"] != "Ingestion" || s["color"] != "#00FF00" || len(zoneItems(t, s)) != 1 {
		t.Fatalf("after save %v", s)
	}
	// The default zone's settings can be saved too.
	d := py("GET", "/default", "").obj()
	d["name"] = "Main"
	b, _ = json.Marshal(d)
	py("PUT", "/default", string(b))
	if d := py("GET", "/default", "").obj(); d["name"] != "Main" || !reflect.DeepEqual(zoneItems(t, d), []string{"DATASET:clean"}) {
		t.Fatalf("default after save %v", d)
	}

	// Shared: add_shared, remove_shared (path without project key).
	z = py("POST", "/"+z2+"/shared", `{"objectId": "raw", "objectType": "DATASET"}`).obj()
	if len(z["shared"].([]any)) != 1 {
		t.Fatalf("add_shared %v", z)
	}
	z = py("DELETE", "/"+z2+"/shared/DATASET/raw", "").obj()
	if len(z["shared"].([]any)) != 0 {
		t.Fatalf("remove_shared %v", z)
	}
	if g := py("GET", "/"+id+"/graph", "").obj(); len(g["nodes"].(map[string]any)) != 1 {
		t.Fatalf("get_graph %v", g)
	}

	// A dataset renamed in place stays in its zone; a deleted one leaves it.
	expectOK(t, call(t, u, "POST", dsBase+"FZ/actions/renameDataset", testAdmin, map[string]any{"oldName": "raw", "newName": "raw2"}))
	if got := zoneItems(t, py("GET", "/"+id, "").obj()); !reflect.DeepEqual(got, []string{"DATASET:raw2"}) {
		t.Fatalf("after the rename %v", got)
	}
	expectOK(t, call(t, u, "DELETE", dsBase+"FZ/datasets/raw2", testAdmin, nil))
	if got := zoneItems(t, py("GET", "/"+id, "").obj()); len(got) != 0 {
		t.Fatalf("after the deletion %v", got)
	}

	// delete: its items go back to the default zone.
	py("DELETE", "/"+z2, "")
	if got := zoneItems(t, py("GET", "/default", "").obj()); !reflect.DeepEqual(got, []string{"DATASET:clean", "MANAGED_FOLDER:" + folder}) {
		t.Fatalf("default after delete %v", got)
	}
	if l := py("GET", "", "").body.([]any); len(l) != 2 {
		t.Fatalf("zones after delete %v", l)
	}
}

func TestZonesRefusals(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	expectOK(t, createProject(t, u, "FZ", testBob, nil))
	expectOK(t, createDataset(t, u, "FZ", testAdmin, fzDataset("raw")))
	id := call(t, u, "POST", zBase, testAdmin, map[string]any{"name": "A"}).obj()["id"].(string)

	expectError(t, call(t, u, "POST", zBase, testAdmin, map[string]any{"name": " ", "color": "#2ab1ac"}), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", zBase, testAdmin, map[string]any{"name": "B", "color": "red"}), 400, ErrTypeIllegalArgument)
	// An empty color is not refused: DSS stores the color it is given, so
	// a zone may hold "" [I, names.ZoneColorPattern; the shapes tests'
	// empty variants assume it may].
	if got := call(t, u, "POST", zBase, testAdmin, map[string]any{"name": "C", "color": ""}).obj()["color"]; got != "" {
		t.Errorf("a zone created with an empty color has color %v, want \"\"", got)
	}
	expectError(t, call(t, u, "GET", zBase+"/nope", testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "DELETE", zBase+"/default", testAdmin, nil), 400, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "POST", zBase+"/"+id+"/items", testAdmin, map[string]any{"objectId": "ghost", "objectType": "DATASET"}), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "POST", zBase+"/"+id+"/items", testAdmin, map[string]any{"objectId": "ghost", "objectType": "MANAGED_FOLDER"}), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "POST", zBase+"/"+id+"/items", testAdmin, map[string]any{"objectId": "raw", "objectType": "TABLE"}), 400, ErrTypeIllegalArgument)
	// An unknown object in an array moves nothing.
	expectError(t, call(t, u, "POST", zBase+"/"+id+"/add-items", testAdmin, []any{
		map[string]any{"objectId": "raw", "objectType": "DATASET"}, map[string]any{"objectId": "ghost", "objectType": "DATASET"}}), 404, ErrTypeNotFound)
	if got := zoneItems(t, call(t, u, "GET", zBase+"/"+id, testAdmin, nil).obj()); len(got) != 0 {
		t.Fatalf("a refused add-items moved %v", got)
	}
	// A recipe must exist too.
	expectError(t, call(t, u, "POST", zBase+"/"+id+"/items", testAdmin, map[string]any{"objectId": "compute_x", "objectType": "RECIPE"}), 404, ErrTypeNotFound)
	// Rights: carol, with no grant on bob's project, may not write.
	expectError(t, call(t, u, "POST", zBase, testCarol, map[string]any{"name": "C"}), 403, ErrTypeUnauthorized)
	expectError(t, call(t, u, "POST", zBase+"/"+id+"/items", testCarol, map[string]any{"objectId": "raw", "objectType": "DATASET"}), 403, ErrTypeUnauthorized)
}
