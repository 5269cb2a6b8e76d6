package kit_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// A list in a project keys each object by the project and the id show
// gives, leaves out what show does not keep, stops when emit says so, and
// names the project's list when its request fails.
func TestListInProject_keysFilterStopAndError(t *testing.T) {
	request := func(_ *dss.Client, _ context.Context, key string) ([]string, error) {
		if key == "BAD" {
			return nil, errors.New("HTTP 403")
		}
		return []string{"a", "left_out", "b", "c"}, nil
	}
	list := kit.ListInProject("things", request, func(key string, _ *kit.InProjectListFilters, x string) (string, string, bool) {
		return x, key + " / " + x, x != "left_out"
	})
	inProject := func(key string) *kit.InProjectListFilters {
		return &kit.InProjectListFilters{ProjectKey: types.StringValue(key)}
	}
	var got []kit.Listed
	err := list(context.Background(), &kit.Lister{}, inProject("P"), func(o kit.Listed) bool {
		got = append(got, o)
		return len(got) < 2
	})
	if err != nil || len(got) != 2 || !slices.Equal(got[0].Key, []string{"P", "a"}) || !slices.Equal(got[1].Key, []string{"P", "b"}) || got[1].Display != "P / b" {
		t.Fatalf("list = %+v, %v; want P.a then P.b, stopped there", got, err)
	}
	err = list(context.Background(), &kit.Lister{}, inProject("BAD"), func(kit.Listed) bool { return true })
	if err == nil || err.Error() != "things of project BAD: HTTP 403" {
		t.Fatalf("error = %v; want the project's list named", err)
	}
}

// A walk lists the children of the parent the filter names, or of every
// parent; it keys each child by its parent, leaves out what Show does not
// keep, stops when emit says so, and names the failed request.
func TestParentWalk_givenAllKeepStopAndErrors(t *testing.T) {
	type filters struct{ Parent types.String }
	parentsFail := false
	walk := kit.ParentWalk[filters, string, string]{
		Given:   func(f *filters) types.String { return f.Parent },
		Parents: "parents (GET /parents/)",
		ListParents: func(*dss.Client, context.Context) ([]string, error) {
			if parentsFail {
				return nil, errors.New("HTTP 500")
			}
			return []string{"p1", "p2"}, nil
		},
		Key:      func(p string) string { return p },
		Children: func(key string) string { return "children of " + key },
		ListChildren: func(_ *dss.Client, _ context.Context, key string) ([]string, error) {
			if key == "BAD" {
				return nil, errors.New("HTTP 403")
			}
			return []string{"a", "hidden", "b"}, nil
		},
		Show: func(key, x string) (kit.Listed, bool) {
			return kit.Listed{Key: []string{key, x}, Display: key + " / " + x}, x != "hidden"
		},
	}.List()
	run := func(f filters, most int) ([]string, error) {
		var got []string
		err := walk(context.Background(), &kit.Lister{}, &f, func(o kit.Listed) bool {
			got = append(got, strings.Join(o.Key, "."))
			return len(got) < most
		})
		return got, err
	}
	if got, err := run(filters{Parent: types.StringNull()}, 10); err != nil || !slices.Equal(got, []string{"p1.a", "p1.b", "p2.a", "p2.b"}) {
		t.Errorf("every parent: %v, %v; want p1's then p2's children but the hidden ones", got, err)
	}
	if got, err := run(filters{Parent: types.StringValue("p9")}, 10); err != nil || !slices.Equal(got, []string{"p9.a", "p9.b"}) {
		t.Errorf("one parent: %v, %v; want only p9's children", got, err)
	}
	if got, err := run(filters{Parent: types.StringNull()}, 3); err != nil || !slices.Equal(got, []string{"p1.a", "p1.b", "p2.a"}) {
		t.Errorf("stopped: %v, %v; want the walk to stop after the third", got, err)
	}
	if _, err := run(filters{Parent: types.StringValue("BAD")}, 10); err == nil || err.Error() != "children of BAD: HTTP 403" {
		t.Errorf("a parent's request failed: %v; want it named", err)
	}
	parentsFail = true
	if _, err := run(filters{Parent: types.StringNull()}, 10); err == nil || err.Error() != "parents (GET /parents/): HTTP 500" {
		t.Errorf("the parents' request failed: %v; want it named", err)
	}
}

// Absent from the list is "not found"; any other error is the search's.
func TestFoundInList(t *testing.T) {
	if found, err := kit.FoundInList(0, &kit.AbsentFromListError{ListPath: "/plugins/"}); found || err != nil {
		t.Errorf("absent: %v, %v; want not found, no error", found, err)
	}
	if found, err := kit.FoundInList(1, nil); !found || err != nil {
		t.Errorf("present: %v, %v; want found", found, err)
	}
	if found, err := kit.FoundInList(0, errors.New("HTTP 500")); found || err == nil {
		t.Errorf("failed search: %v, %v; want its error", found, err)
	}
}
