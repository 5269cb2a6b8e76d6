package dss

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// A zone as DSS answers it, with a field the provider does not model.
const zoneWire = `{"id":"kFJ3a9x","name":"Ingest","color":"#2ab1ac",` +
	`"items":[{"objectId":"orders","objectType":"DATASET"},{"projectKey":"SHARED","objectId":"ref","objectType":"DATASET"}],` +
	`"shared":[],"position":{"x":12,"y":9007199254740993}}`

func TestFlowZoneRoundTripKeepsUnmodelledFields(t *testing.T) {
	z := decodeWire[FlowZone](t, zoneWire)
	if z.ID != "kFJ3a9x" || len(z.Items) != 2 || z.Items[1].ProjectKey != "SHARED" {
		t.Fatalf("decoded %+v", z)
	}
	z.Name = "Ingestion"
	out := encode(t, z)
	if !strings.Contains(string(out), `"position":{"x":12,"y":9007199254740993}`) || !strings.Contains(string(out), `"name":"Ingestion"`) {
		t.Fatalf("written back as %s", out)
	}
	// A local ref is written as DSS's client builds it: objectId then
	// objectType, no projectKey.
	if b, _ := json.Marshal(ZoneItem{ObjectID: "orders", ObjectType: "DATASET"}); string(b) != `{"objectId":"orders","objectType":"DATASET"}` {
		t.Fatalf("local ref %s", b)
	}
}

func TestZoneItemRefsAndSame(t *testing.T) {
	for _, c := range []struct {
		ref  string
		want ZoneItem
	}{
		{"orders", ZoneItem{ObjectID: "orders", ObjectType: "DATASET"}},
		{"SALES.orders", ZoneItem{ObjectID: "orders", ObjectType: "DATASET"}},
		{"SHARED.orders", ZoneItem{ProjectKey: "SHARED", ObjectID: "orders", ObjectType: "DATASET"}},
	} {
		got := ZoneItemFromRef("DATASET", c.ref, "SALES")
		if got != c.want {
			t.Errorf("%s: %+v, want %+v", c.ref, got, c.want)
		}
	}
	local := ZoneItem{ObjectID: "orders", ObjectType: "DATASET"}
	if !local.Same(ZoneItem{ProjectKey: "SALES", ObjectID: "orders", ObjectType: "DATASET"}, "SALES") ||
		local.Same(ZoneItem{ProjectKey: "OTHER", ObjectID: "orders", ObjectType: "DATASET"}, "SALES") ||
		local.Same(ZoneItem{ObjectID: "orders", ObjectType: "RECIPE"}, "SALES") {
		t.Error("Same compares type, id and the project (own key = none)")
	}
	if r := (ZoneItem{ProjectKey: "SHARED", ObjectID: "x"}).Ref("SALES"); r != "SHARED.x" {
		t.Errorf("foreign ref %s", r)
	}
}

// The calls go where dataikuapi sends them: zones without a trailing
// slash, add-items with a JSON array.
func TestFlowZoneCalls(t *testing.T) {
	c, log := recordRequests(t, methodPathBody, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/zones"):
			_, _ = io.WriteString(w, "["+zoneWire+"]")
		case r.Method == http.MethodDelete:
			_, _ = io.WriteString(w, `{"msg":"ok"}`)
		default:
			_, _ = io.WriteString(w, zoneWire)
		}
	})
	ctx := context.Background()
	if zs, err := c.ListFlowZones(ctx, "SALES"); err != nil || len(zs) != 1 {
		t.Fatalf("list: %v %v", zs, err)
	}
	if z, err := c.CreateFlowZone(ctx, "SALES", "Ingest", DefaultZoneColor); err != nil || z.ID != "kFJ3a9x" {
		t.Fatalf("create: %v %v", z, err)
	}
	if _, err := c.MoveToFlowZone(ctx, "SALES", DefaultZoneID, []ZoneItem{{ObjectID: "orders", ObjectType: "DATASET"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteFlowZone(ctx, "SALES", "kFJ3a9x"); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"GET " + APIPrefix + "/projects/SALES/flow/zones ",
		"POST " + APIPrefix + `/projects/SALES/flow/zones {"color":"#2ab1ac","name":"Ingest"}`,
		"POST " + APIPrefix + `/projects/SALES/flow/zones/default/add-items [{"objectId":"orders","objectType":"DATASET"}]`,
		"DELETE " + APIPrefix + "/projects/SALES/flow/zones/kFJ3a9x ",
	}
	seen := log.seen()
	for i, w := range want {
		if i >= len(seen) || strings.TrimSpace(seen[i]) != strings.TrimSpace(w) {
			t.Errorf("request %d: %q, want %q", i, seen, w)
		}
	}
}
