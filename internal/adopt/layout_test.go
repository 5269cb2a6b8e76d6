package adopt

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

func TestLayoutModules(t *testing.T) {
	objs := []*object{
		{Kind: names.KindUser, ID: "alice"},
		{Kind: names.KindProject, ID: "SALES", Project: "SALES"},
		{Kind: names.KindDataset, ID: "MKT.leads", Project: "MKT"},
		{Kind: names.KindDataset, ID: "SALES.orders", Project: "SALES"},
	}
	single, err := layoutModules("out", layoutSingle, objs, []string{"users"})
	if err != nil || len(single) != 1 || single[0].dir != "out" || len(single[0].objects) != 4 || len(single[0].notVisible) != 1 {
		t.Fatalf("single layout: %+v, %v", single, err)
	}
	mods, err := layoutModules("out", layoutPerProject, objs, []string{"users"})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		dir string
		ids []string
	}{
		{filepath.Join("out", "instance"), []string{"alice"}},
		{filepath.Join("out", "projects", "MKT"), []string{"MKT.leads"}},
		{filepath.Join("out", "projects", "SALES"), []string{"SALES", "SALES.orders"}},
	}
	if len(mods) != len(want) {
		t.Fatalf("got %d modules, want %d: %+v", len(mods), len(want), mods)
	}
	for i, w := range want {
		if mods[i].dir != w.dir || len(mods[i].objects) != len(w.ids) {
			t.Fatalf("module %d: %s with %d objects, want %s with %v", i, mods[i].dir, len(mods[i].objects), w.dir, w.ids)
		}
		for j, id := range w.ids {
			if mods[i].objects[j].ID != id {
				t.Errorf("module %s object %d: %s, want %s", w.dir, j, mods[i].objects[j].ID, id)
			}
		}
	}
	if len(mods[0].notVisible) != 1 || len(mods[1].notVisible) != 0 {
		t.Error("the notes on what the key cannot see belong to the instance module only")
	}
	// An empty instance is still a module, so the layout does not change
	// with the key's rights.
	mods, err = layoutModules("out", layoutPerProject, objs[1:2], nil)
	if err != nil || len(mods) != 2 || mods[0].dir != filepath.Join("out", "instance") || len(mods[0].objects) != 0 {
		t.Fatalf("without instance objects: %+v, %v", mods, err)
	}
	for _, key := range []string{"..", "a/b", `a\b`} {
		if _, err := layoutModules("out", layoutPerProject, []*object{{Kind: names.KindProject, ID: key, Project: key}}, nil); err == nil {
			t.Errorf("project key %q became a directory", key)
		}
	}
}

// Keys that differ only in case get directories that differ in more than
// case, since a file system that ignores case would merge them; other keys
// keep their own name.
func TestLayoutModulesKeysDifferingInCase(t *testing.T) {
	objs := []*object{
		{Kind: names.KindProject, ID: "SALES", Project: "SALES"},
		{Kind: names.KindProject, ID: "sales", Project: "sales"},
		{Kind: names.KindProject, ID: "Sales", Project: "Sales"},
		{Kind: names.KindProject, ID: "MKT", Project: "MKT"},
	}
	mods, err := layoutModules("out", layoutPerProject, objs, nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, m := range mods[1:] {
		key := m.objects[0].Project
		rel, _ := filepath.Rel(filepath.Join("out", "projects"), m.dir)
		if other, dup := seen[strings.ToLower(rel)]; dup {
			t.Errorf("projects %s and %s share directory %s on a case-insensitive file system", other, key, rel)
		}
		seen[strings.ToLower(rel)] = key
		if !strings.HasPrefix(rel, key) {
			t.Errorf("project %s's directory %s does not start with its key", key, rel)
		}
		if (key == "MKT") != (rel == key) {
			t.Errorf("project %s's directory is %s: only keys differing in case get a suffix", key, rel)
		}
	}
}
