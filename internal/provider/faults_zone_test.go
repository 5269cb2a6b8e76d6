package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The fault matrix for flow zones: the creation POST, the zone's GET, the
// item-move call and the DELETE each meet a failure, and whatever the
// faulty apply does, the next one converges to the configuration with an
// empty plan and exactly one zone of the name in DSS, holding the
// configured objects.

// faultZone is one configuration: the zone's color and the folders (by
// id) it holds.
type faultZone struct {
	Name, Color string
	Folders     []string
}

func faultZoneHCL(prov faultProvider, key string, z *faultZone) string {
	var b strings.Builder
	b.WriteString(cliRequiredProviders)
	b.WriteString(prov.hcl())
	if z == nil {
		return b.String()
	}
	items := make([]string, 0, len(z.Folders))
	for _, f := range z.Folders {
		items = append(items, fmt.Sprintf("{ type = \"MANAGED_FOLDER\", id = %q }", f))
	}
	fmt.Fprintf(&b, "\nresource \"dataiku_flow_zone\" \"z\" {\n  project_key = %q\n  name        = %q\n  color       = %q\n  items       = [%s]\n}\n",
		key, z.Name, z.Color, strings.Join(items, ", "))
	return b.String()
}

// assertZoneHolds checks through the admin client that project key has
// exactly one zone named name with the configured color and folders (want
// nil: none).
func assertZoneHolds(t *testing.T, key, name string, want *faultZone) {
	t.Helper()
	zones, err := testClient(t).ListFlowZones(testCtx(t), key)
	if err != nil {
		t.Fatalf("listing zones: %v", err)
	}
	var found []dss.FlowZone
	for _, z := range zones {
		if z.Name == name {
			found = append(found, z)
		}
	}
	switch {
	case want == nil && len(found) != 0:
		t.Errorf("%d zones named %s left after destroy", len(found), name)
	case want != nil && len(found) != 1:
		t.Errorf("%d zones named %s in DSS, want exactly 1", len(found), name)
	case want != nil:
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
	testAccPreCheck(t)
	em := requireEmulator(t)
	c := testClient(t)
	type call struct{ name, method, path string }
	var (
		postZone   = call{"create zone", "POST", `/projects/%s/flow/zones$`}
		getZone    = call{"read zone", "GET", `/projects/%s/flow/zones/[A-Za-z0-9]+$`}
		moveItems  = call{"move items", "POST", `/projects/%s/flow/zones/[A-Za-z0-9]+/add-items$`}
		deleteZone = call{"delete zone", "DELETE", `/projects/%s/flow/zones/[A-Za-z0-9]+$`}
	)
	type op struct {
		setup, target bool // base configuration before; target: base, updated or none
		updated       bool
		creates       []string
	}
	create := op{target: true}
	read := op{setup: true, target: true}
	update := op{setup: true, target: true, updated: true}
	destroy := op{setup: true}
	cases := []struct {
		call    call
		fault   faultKind
		op      op
		mayFail bool
	}{
		{postZone, faultDropAfter, op{target: true, creates: []string{routeCreateZone}}, false}, // recovered by name: one zone
		{postZone, fault502After, op{target: true, creates: []string{routeCreateZone}}, false},
		{getZone, fault502, read, false},
		{getZone, fault502, update, false},
		{moveItems, fault503, create, false},
		{moveItems, faultDropAfter, op{setup: true, target: true, updated: true, creates: []string{routeMoveItems}}, false}, // a lost move answer: looked at, not replayed
		{moveItems, faultDown503, update, true}, // the move cannot happen: the next apply moves
		{deleteZone, faultDropAfter, destroy, false},
	}
	env := []string{"DATAIKU_HOST=" + testHost, "DATAIKU_API_KEY=" + testAPIKey}
	secrets := keyForms(testAPIKey)
	injected, failedFirst := 0, 0
	start := time.Now()
	for i, tc := range cases {
		key := fmt.Sprintf("FLTZ%02d", i)
		t.Run(fmt.Sprintf("%s/%s/%s", key, tc.call.name, tc.fault.name), func(t *testing.T) {
			defer em.Server.ClearFaults()
			if err := c.CreateProject(testCtx(t), dss.CreateProjectRequest{ProjectKey: key, Name: "Zone faults", Owner: "admin"}, ""); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = c.DeleteProject(context.Background(), key, dss.DeleteProjectOptions{}) })
			var folders []string
			for _, n := range []string{"first", "second"} {
				id, err := c.CreateManagedFolder(testCtx(t), key, n, "", "filesystem_folders", dss.DefaultManagedFolderPath)
				if err != nil {
					t.Fatal(err)
				}
				folders = append(folders, id)
			}
			base := &faultZone{Name: "Zone " + key, Color: "#2ab1ac", Folders: folders[:1]}
			updated := &faultZone{Name: base.Name, Color: "#abcdef", Folders: folders}
			dir := newTerraformDir(t, nil)
			write := func(z *faultZone, prov faultProvider) {
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(faultZoneHCL(prov, key, z)), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var target *faultZone
			switch {
			case tc.op.updated:
				target = updated
			case tc.op.target:
				target = base
			}
			if tc.op.setup {
				write(base, faultProvider{})
				mustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
			}
			rule := tc.fault.rule
			rule.Method, rule.PathRegex = tc.call.method, fmt.Sprintf(tc.call.path, key)
			if runFaultCase(t, em, dir, env, secrets, faultCase{rule: rule, prov: tc.fault.prov, mayFail: tc.mayFail,
				creates: tc.op.creates, clearError: faultZoneClearError, write: func(prov faultProvider) { write(target, prov) }}) {
				failedFirst++
			}
			injected++
			assertZoneHolds(t, key, base.Name, target)
		})
	}
	t.Logf("flow zone faults injected: %d (%d cases); first applies that failed with a clear error: %d; converged: %t; wall time %s",
		injected, len(cases), failedFirst, !t.Failed(), time.Since(start).Round(time.Second))
}
