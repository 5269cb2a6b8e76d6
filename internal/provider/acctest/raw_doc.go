package acctest

import "testing"

// RawDoc reads the document at path (e.g. dss.GroupDoc(name).Path()) as
// DSS sends it, with its wire names.
func RawDoc(t *testing.T, path string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := Client(t).Get(Ctx(t), path, nil, &m); err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return m
}

// EditRawDoc changes the document at path outside Terraform: edit
// changes what RawDoc read, and the whole document is written back.
func EditRawDoc(t *testing.T, path string, edit func(map[string]any)) {
	t.Helper()
	m := RawDoc(t, path)
	edit(m)
	if err := Client(t).Put(Ctx(t), path, nil, m, nil); err != nil {
		t.Fatalf("writing %s: %v", path, err)
	}
}
