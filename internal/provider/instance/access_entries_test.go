package instance

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The permission entries of workspaces and data collections: how DSS's
// entries read, how the planned ones are written over them, and what
// happens to the entry DSS gives the API key's user.

const testOwn = "creator"

// testEntries decodes DSS's entries as DSS sends them, so that absent
// flags and unmodelled keys are as in a real answer.
func testEntries(t *testing.T, wire string) []dss.AccessEntry {
	t.Helper()
	var out []dss.AccessEntry
	if err := json.Unmarshal([]byte(wire), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// testEntriesJSON is entries as DSS would receive them, in their order
// (an entry holding unmodelled keys is written with sorted keys).
func testEntriesJSON(t *testing.T, entries []dss.AccessEntry) string {
	t.Helper()
	b, err := json.Marshal(entries)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// testSet is a permissions set holding elems, in the order given.
func testSet(t *testing.T, elems ...accessEntryModel) types.Set {
	t.Helper()
	s, diags := types.SetValueFrom(context.Background(), accessEntryType, elems)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return s
}

func testGroup(name string, admin, write, read bool) accessEntryModel {
	return accessEntryModel{Group: types.StringValue(name), User: types.StringNull(),
		Admin: types.BoolValue(admin), Write: types.BoolValue(write), Read: types.BoolValue(read)}
}

func testUser(login string, admin, write, read bool) accessEntryModel {
	return accessEntryModel{Group: types.StringNull(), User: types.StringValue(login),
		Admin: types.BoolValue(admin), Write: types.BoolValue(write), Read: types.BoolValue(read)}
}

// testPlanned is the plan's entries as the merge receives them.
func testPlanned(t *testing.T, elems ...accessEntryModel) []dss.AccessEntry {
	t.Helper()
	planned, diags := plannedAccessEntries(context.Background(), testSet(t, elems...))
	if diags.HasError() {
		t.Fatal(diags)
	}
	return planned
}

func TestMergeAccessEntries(t *testing.T) {
	for _, tc := range []struct {
		name    string
		held    string
		planned []accessEntryModel
		own     string
		want    string
	}{
		{
			// Only the flag that differs is written; the entry's other
			// keys and its absent flags stay as DSS holds them.
			name:    "extra kept, absent flags stay absent while planned false",
			held:    `[{"group":"g","write":true,"since":"2024","by":{"user":"x"}}]`,
			planned: []accessEntryModel{testGroup("g", false, true, true)},
			want:    `[{"by":{"user":"x"},"group":"g","read":true,"since":"2024","write":true}]`,
		},
		{
			name:    "an explicit false DSS holds stays, a planned true is written",
			held:    `[{"group":"g","admin":false,"write":false,"read":true}]`,
			planned: []accessEntryModel{testGroup("g", true, false, true)},
			want:    `[{"group":"g","admin":true,"write":false,"read":true}]`,
		},
		{
			name:    "DSS's order kept for the entries that stay",
			held:    `[{"user":"zoe","read":true},{"group":"b","read":true},{"group":"gone","read":true},{"group":"a","read":true}]`,
			planned: []accessEntryModel{testGroup("a", false, false, true), testGroup("b", false, false, true), testUser("zoe", false, false, true)},
			want:    `[{"user":"zoe","read":true},{"group":"b","read":true},{"group":"a","read":true}]`,
		},
		{
			name:    "new entries follow DSS's, sorted by principal",
			held:    `[{"group":"m","read":true}]`,
			planned: []accessEntryModel{testUser("zed", false, false, true), testGroup("z", false, true, true), testGroup("m", false, false, true), testGroup("a", true, true, true)},
			want: `[{"group":"m","read":true},{"group":"a","admin":true,"write":true,"read":true},` +
				`{"group":"z","admin":false,"write":true,"read":true},{"user":"zed","admin":false,"write":false,"read":true}]`,
		},
		{
			// The entry with the same flags is paired first, wherever it is,
			// so it is left alone; the other takes the remaining plan.
			name:    "duplicates paired, exact flags first",
			held:    `[{"group":"g","read":true,"n":1},{"group":"g","write":true,"read":true,"n":2}]`,
			planned: []accessEntryModel{testGroup("g", false, true, true), testGroup("g", true, true, true)},
			want:    `[{"admin":true,"group":"g","n":1,"read":true,"write":true},{"group":"g","n":2,"read":true,"write":true}]`,
		},
		{
			name:    "a duplicate planned and not held is added",
			held:    `[{"group":"g","read":true}]`,
			planned: []accessEntryModel{testGroup("g", false, false, true), testGroup("g", false, true, false)},
			want:    `[{"group":"g","read":true},{"group":"g","admin":false,"write":true,"read":false}]`,
		},
		{
			name:    "own entry not listed: kept as DSS holds it",
			held:    `[{"user":"creator","admin":true,"write":true,"read":true,"since":"creation"},{"group":"g","read":true}]`,
			planned: []accessEntryModel{testGroup("g", false, false, true)},
			own:     testOwn,
			want:    `[{"admin":true,"read":true,"since":"creation","user":"creator","write":true},{"group":"g","read":true}]`,
		},
		{
			name:    "own entry not listed, changed outside Terraform: its three flags restored",
			held:    `[{"group":"g","read":true},{"user":"creator","read":true}]`,
			planned: []accessEntryModel{testGroup("g", false, false, true)},
			own:     testOwn,
			want:    `[{"group":"g","read":true},{"user":"creator","admin":true,"write":true,"read":true}]`,
		},
		{
			name: "own entry not listed, no plan at all: kept",
			held: `[{"user":"creator","admin":true,"write":true,"read":true}]`,
			own:  testOwn,
			want: `[{"user":"creator","admin":true,"write":true,"read":true}]`,
		},
		{
			// A group named like the key's user is not its entry.
			name: "a group named as the key's user is not kept",
			held: `[{"group":"creator","admin":true,"write":true,"read":true}]`,
			own:  testOwn,
			want: `[]`,
		},
		{
			// Listed (hiddenOwn is then ""), it is managed like any other.
			name:    "own entry listed: managed",
			held:    `[{"user":"creator","admin":true,"write":true,"read":true},{"user":"other","read":true}]`,
			planned: []accessEntryModel{testUser(testOwn, false, false, true)},
			want:    `[{"user":"creator","admin":false,"write":false,"read":true}]`,
		},
		{
			name: "nothing planned, nothing held: an empty list, not null",
			want: `[]`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var held []dss.AccessEntry
			if tc.held != "" {
				held = testEntries(t, tc.held)
			}
			before := testEntriesJSON(t, held)
			got := testEntriesJSON(t, mergeAccessEntries(testPlanned(t, tc.planned...), held, tc.own))
			if got != tc.want {
				t.Errorf("merged\n got %s\nwant %s", got, tc.want)
			}
			if after := testEntriesJSON(t, held); after != before {
				t.Errorf("the merge changed DSS's entries it was given: %s, were %s", after, before)
			}
		})
	}
}

// Two set elements for one principal are two planned entries, never an
// error: DSS holds a list.
func TestPlannedAccessEntriesDuplicates(t *testing.T) {
	planned := testPlanned(t, testGroup("g", false, false, true), testUser("u", true, true, true), testGroup("g", false, true, true))
	want := `[{"group":"g","admin":false,"write":false,"read":true},{"group":"g","admin":false,"write":true,"read":true},` +
		`{"user":"u","admin":true,"write":true,"read":true}]`
	if got := testEntriesJSON(t, planned); got != want {
		t.Errorf("planned\n got %s\nwant %s", got, want)
	}
}

func TestAccessEntriesValue(t *testing.T) {
	ctx := context.Background()
	held := testEntries(t, `[{"group":"writers","write":true},{"user":"u","admin":true},{"read":true},`+
		`{"user":"creator","admin":true,"write":true,"read":true},{"group":"creator","admin":true,"write":true,"read":true}]`)
	for _, tc := range []struct {
		name string
		own  string
		want types.Set
	}{
		{
			// Flags as DSS holds them: write without read stays so, an
			// absent flag is false; an entry naming nobody is left out, and
			// so is the key user's own entry; a group of that name is not it.
			name: "own hidden",
			own:  testOwn,
			want: testSet(t, testGroup("writers", false, true, false), testUser("u", true, false, false), testGroup("creator", true, true, true)),
		},
		{
			name: "own listed or no own: every entry",
			want: testSet(t, testGroup("writers", false, true, false), testUser("u", true, false, false), testUser(testOwn, true, true, true),
				testGroup("creator", true, true, true)),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := accessEntriesValue(ctx, held, tc.own)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if !got.Equal(tc.want) {
				t.Errorf("read\n got %s\nwant %s", got, tc.want)
			}
		})
	}
	// The own entry with fewer than its three flags is read, so that the
	// plan shows the change and the apply restores it.
	got, _ := accessEntriesValue(ctx, testEntries(t, `[{"user":"creator","admin":false,"write":true,"read":true}]`), testOwn)
	if want := testSet(t, testUser(testOwn, false, true, true)); !got.Equal(want) {
		t.Errorf("own entry changed outside Terraform reads %s, want %s", got, want)
	}
}

func TestHiddenOwn(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		perms types.Set
		login string
		want  string
	}{
		{"not listed", testSet(t, testGroup("g", false, false, true)), testOwn, testOwn},
		{"listed", testSet(t, testGroup("g", false, false, true), testUser(testOwn, false, false, true)), testOwn, ""},
		{"a group of that name is not the user", testSet(t, testGroup(testOwn, true, true, true)), testOwn, testOwn},
		{"null (an import, unmanaged)", types.SetNull(accessEntryType), testOwn, testOwn},
		{"unknown", types.SetUnknown(accessEntryType), testOwn, testOwn},
		{"a key without a user", testSet(t, testUser(testOwn, true, true, true)), "", ""},
	} {
		if got := hiddenOwn(ctx, tc.perms, tc.login); got != tc.want {
			t.Errorf("%s: hiddenOwn %q, want %q", tc.name, got, tc.want)
		}
	}
}

// What DSS hides (a key that does not administer the object) is never
// taken for "no entry".
func TestReadAccessEntriesHidden(t *testing.T) {
	ctx := context.Background()
	stated := testSet(t, testGroup("g", false, false, true))
	perms := stated
	if d := readAccessEntries(ctx, &perms, nil, false, testOwn, false); d.HasError() || !perms.Equal(stated) {
		t.Errorf("hidden, managed: %s, want the state's %s", perms, stated)
	}
	if d := readAccessEntries(ctx, &perms, nil, false, testOwn, true); d.HasError() || !perms.IsNull() {
		t.Errorf("hidden, imported: %s, want null", perms)
	}
	perms = types.SetNull(accessEntryType)
	if d := readAccessEntries(ctx, &perms, testEntries(t, `[{"group":"g","read":true}]`), true, testOwn, false); d.HasError() || !perms.IsNull() {
		t.Errorf("unmanaged: %s, want null", perms)
	}
	if d := readAccessEntries(ctx, &perms, testEntries(t, `[{"group":"g","read":true}]`), true, testOwn, true); d.HasError() || !perms.Equal(stated) {
		t.Errorf("imported: %s, want %s", perms, stated)
	}
}
