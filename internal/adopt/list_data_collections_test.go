package adopt

import (
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// TestListDataCollectionsGoesOnPastOneUnseen: a collection whose objects
// the key cannot read (here: gone between the list and its objects, a
// 404) is noted as not visible, and the collections after it are still
// listed, with their datasets' lists read.
func TestListDataCollectionsGoesOnPastOneUnseen(t *testing.T) {
	const admin = "admin-key-collections"
	l, run := deployerLister(t, emulator.Options{AdminKey: admin}, admin)
	l.kinds = map[string]bool{names.KindDataCollection: true, names.KindDataCollectionDataset: true}
	ctx := t.Context()
	var ids []string
	for _, name := range []string{"First", "Second"} {
		id, err := l.c.CreateDataCollection(ctx, dss.CreateDataCollectionRequest{DisplayName: name})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := run.Server.SetFaults([]emulator.FaultRule{{Method: "GET", PathRegex: "/data-collections/[^/]+/objects$", Status: 404, Count: 1}}); err != nil {
		t.Fatal(err)
	}
	if err := l.listDataCollections(ctx); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, o := range l.objects {
		if o.Kind == names.KindDataCollection {
			listed[o.ID] = true
		}
	}
	if len(listed) != 2 || !listed[ids[0]] || !listed[ids[1]] {
		t.Errorf("collections listed: %v, want %v", listed, ids)
	}
	if len(l.notVisible) != 1 || !strings.Contains(l.notVisible[0], "objects of data collection") {
		t.Errorf("not visible: %q, want the one collection whose objects failed", l.notVisible)
	}
	// The faulted request is answered by the fault, not the route: the
	// route counts the second collection's list only.
	if n := run.Server.Stats().ByRoute["GET /public/api/data-collections/{id}/objects"]; n != 1 {
		t.Errorf("objects lists answered by DSS: %d, want 1 (the second collection's)", n)
	}
}
