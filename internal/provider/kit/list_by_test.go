package kit_test

import (
	"context"
	"errors"
	"slices"
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
