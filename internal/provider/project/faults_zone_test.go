package project_test

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The fault matrix for flow zones: what is a zone's own, the creation POST
// (a lost answer is found by name), the GET of the read-modify-write that
// an update makes of the zone, and the item-move call, each meet a
// failure, and whatever the faulty apply does, the next one converges to
// the configuration with an empty plan and exactly one zone of the name in
// DSS, holding the configured objects. The refresh's GET and the delete
// are the kit's, whose faults are tested once in kit/
// (TestKitFaultsOnGenericCalls).

// faultZone is a zone as configured and as DSS must hold it: its name,
// color and the folders (by id) it holds.
type faultZone struct {
	Name, Color string
	Folders     []string
}

// faultZoneVersion is a configuration of a case's zone: its color and how
// many of the case's folders it holds.
type faultZoneVersion struct {
	Color   string
	Folders int
}

func faultZoneHCL(key string, z *faultZone) string {
	items := make([]string, 0, len(z.Folders))
	for _, f := range z.Folders {
		items = append(items, fmt.Sprintf("{ type = \"MANAGED_FOLDER\", id = %q }", f))
	}
	return fmt.Sprintf("\nresource \"dataiku_flow_zone\" \"z\" {\n  project_key = %q\n  name        = %q\n  color       = %q\n  items       = [%s]\n}\n",
		key, z.Name, z.Color, strings.Join(items, ", "))
}

// assertZoneHolds checks through the admin client that project key has
// exactly one zone named name with the configured color and folders (want
// nil: none).
func assertZoneHolds(t *testing.T, key, name string, want *faultZone) {
	t.Helper()
	zones, err := acctest.Client(t).ListFlowZones(acctest.Ctx(t), key)
	if err != nil {
		t.Fatalf("listing zones: %v", err)
	}
	var found []dss.FlowZone
	for _, z := range zones {
		if z.Name == name {
			found = append(found, z)
		}
	}
	if acctest.OneOrNone(t, "zones named "+name, found, want != nil) {
		var got []string
		for _, it := range found[0].Items {
			got = append(got, it.ObjectID)
		}
		exp := slices.Clone(want.Folders)
		sort.Strings(got)
		sort.Strings(exp)
		if found[0].Color != want.Color || !slices.Equal(got, exp) {
			t.Errorf("zone %s in DSS: color %s, items %v; want %s and %v", name, found[0].Color, got, want.Color, exp)
		}
	}
}

var faultZoneClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_flow_zone "[A-Za-z0-9_ ]+"`)

// routeCreateZone is the emulator's name for the creation route.
const (
	routeCreateZone = "POST " + dss.APIPrefix + "/projects/{projectKey}/flow/zones"
	routeMoveItems  = "POST " + dss.APIPrefix + "/projects/{projectKey}/flow/zones/{zoneId}/add-items"
)

func TestAccFaultsZoneConverge(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	var (
		postZone  = acctest.FaultCall{Name: "create zone", Method: "POST", Path: `/projects/%s/flow/zones$`}
		moveItems = acctest.FaultCall{Name: "move items", Method: "POST", Path: `/projects/%s/flow/zones/[A-Za-z0-9]+/add-items$`}
		// In an update's `terraform apply` the zone's first GET is the
		// refresh's (the kit's Read); the second is Apply's own, the read
		// of its read-modify-write of name and color.
		readZoneInUpdate = acctest.FaultCall{Name: "read zone in update", Method: "GET", Path: `/projects/%s/flow/zones/[A-Za-z0-9]+$`, Skip: 1}
	)
	base := &faultZoneVersion{Color: "#2ab1ac", Folders: 1}
	updated := &faultZoneVersion{Color: "#abcdef", Folders: 2}
	var folders []string // the ids of the case's folders, made by prepare
	// resolve is the zone of case key in version v (nil: none), named after
	// its project.
	resolve := func(key string, v *faultZoneVersion) *faultZone {
		if v == nil {
			return nil
		}
		return &faultZone{Name: "Zone " + key, Color: v.Color, Folders: folders[:v.Folders]}
	}
	type op = acctest.FaultOp[faultZoneVersion]
	create := op{Target: base}
	update := op{Setup: base, Target: updated}
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[faultZoneVersion]{
		What:       "flow zone",
		Name:       func(i int) string { return fmt.Sprintf("FLTZ%02d", i) },
		ClearError: faultZoneClearError,
		Prepare: func(t *testing.T, key string) {
			c := acctest.ProjectOutside(t, key, "Zone faults")
			folders = nil
			for _, n := range []string{"first", "second"} {
				id, err := c.CreateManagedFolder(acctest.Ctx(t), key, n, "", "filesystem_folders", dss.DefaultManagedFolderPath)
				if err != nil {
					t.Fatal(err)
				}
				folders = append(folders, id)
			}
		},
		HCL: func(key string, v *faultZoneVersion) string { return faultZoneHCL(key, resolve(key, v)) },
		Holds: func(t *testing.T, key, _ string, want *faultZoneVersion) {
			assertZoneHolds(t, key, "Zone "+key, resolve(key, want))
		},
	}, []acctest.FaultRow[faultZoneVersion]{
		{Call: postZone, Fault: acctest.FaultDropAfter, Op: op{Target: base, Creates: []string{routeCreateZone}}, MayFail: false}, // recovered by name: one zone
		{Call: postZone, Fault: acctest.Fault502After, Op: op{Target: base, Creates: []string{routeCreateZone}}, MayFail: false},
		{Call: moveItems, Fault: acctest.Fault503, Op: create, MayFail: false},
		{Call: moveItems, Fault: acctest.FaultDropAfter, Op: op{Setup: base, Target: updated, Creates: []string{routeMoveItems}}, MayFail: false}, // a lost move answer: looked at, not replayed
		{Call: moveItems, Fault: acctest.FaultDown503, Op: update, MayFail: true},                                                                 // the move cannot happen: the next apply moves
		// Apply's own read of the zone, past the refresh's: retried (a GET
		// is idempotent), then the write goes on; a persistent failure
		// stops the update before its PUT and the next apply makes it.
		{Call: readZoneInUpdate, Fault: acctest.Fault502, Op: update, MayFail: false},
		{Call: readZoneInUpdate, Fault: acctest.FaultDrop, Op: update, MayFail: false},
		{Call: readZoneInUpdate, Fault: acctest.FaultDown503, Op: update, MayFail: true},
	})
}
