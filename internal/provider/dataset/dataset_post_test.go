package dataset_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/dataset"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// After a POST whose answer was lost, with no existence check before it,
// the dataset found is adopted only when it holds what the POST sent and
// DSS names no other creator.
func TestDatasetShowsPost(t *testing.T) {
	plan := func(managed bool, params string) *dataset.DatasetResourceModel {
		m := &dataset.DatasetResourceModel{}
		m.Type, m.Connection, m.Managed = types.StringValue("Filesystem"), types.StringValue("fs"), types.BoolValue(managed)
		m.FormatType, m.Params = types.StringNull(), acctest.JSONDynamic(params)
		return m
	}
	ds := func(typ string, managed bool, params dss.Object) *dss.Dataset {
		return &dss.Dataset{Type: typ, Managed: managed, Params: params}
	}
	for _, tc := range []struct {
		name string
		d    *dss.Dataset
		m    *dataset.DatasetResourceModel
		want bool
	}{
		{"as posted, DSS adding keys", ds("Filesystem", false, dss.Object{"connection": "fs", "path": "/p", "added": true}), plan(false, `{"path":"/p"}`), true},
		{"other params", ds("Filesystem", false, dss.Object{"connection": "fs", "path": "/theirs"}), plan(false, `{"path":"/p"}`), false},
		{"other connection", ds("Filesystem", false, dss.Object{"connection": "other", "path": "/p"}), plan(false, `{"path":"/p"}`), false},
		{"other type", ds("HDFS", false, dss.Object{"connection": "fs", "path": "/p"}), plan(false, `{"path":"/p"}`), false},
		{"managed on the connection", ds("Filesystem", true, dss.Object{"connection": "fs"}), plan(true, `{}`), true},
		{"not managed", ds("Filesystem", false, dss.Object{"connection": "fs"}), plan(true, `{}`), false},
	} {
		if got := dataset.DatasetShowsPost(tc.d, tc.m); got != tc.want {
			t.Errorf("%s: datasetShowsPost = %t, want %t", tc.name, got, tc.want)
		}
	}

	me := &dss.AuthInfo{AssociatedDSSUser: "alice"}
	for _, tc := range []struct {
		creator string
		caller  *dss.AuthInfo
		want    bool
	}{
		{"alice", me, true}, {"bob", me, false}, {"", me, true}, {"bob", nil, true}, {"bob", &dss.AuthInfo{}, true},
	} {
		if got := kit.CreatedByCaller(tc.creator, tc.caller); got != tc.want {
			t.Errorf("createdByCaller(%q, %+v) = %t, want %t", tc.creator, tc.caller, got, tc.want)
		}
	}
}
