package kit_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// runTestList lists with the kit over testKind, whose list emits items
// then fails with failure (nil: none), and returns the results and how
// many items the kind's list was allowed to emit.
func runTestList(t *testing.T, items []string, failure error, limit int64) ([]list.ListResult, int) {
	t.Helper()
	c, err := dss.NewClient(dss.Config{Host: "http://127.0.0.1:1", APIKey: "unused"})
	acctest.MustDo(t, err)
	return runTestListWith(t, c, false, items, failure, limit)
}

// runTestListWith is runTestList with a client and include_resource.
func runTestListWith(t *testing.T, c *dss.Client, include bool, items []string, failure error, limit int64) ([]list.ListResult, int) {
	t.Helper()
	ctx := context.Background()
	emitted := 0
	l := kit.NewList(kit.ListKind[testKindModel, kit.NoListFilters]{
		Kind:    testKind{},
		Filters: map[string]listschema.Attribute{},
		List: func(_ context.Context, _ *kit.Lister, _ *kit.NoListFilters, emit func(kit.Listed) bool) error {
			for _, id := range items {
				emitted++
				o := kit.Listed{Key: []string{id}, Display: "KIT." + id}
				if bad, ok := strings.CutPrefix(id, "unreadable:"); ok {
					o = kit.Listed{Key: []string{bad}, Display: "KIT." + bad, Unreadable: errors.New("json: cannot unmarshal number into Go struct field of type string")}
				}
				if !emit(o) {
					return nil
				}
			}
			return failure
		},
	}).(*kit.List[testKindModel, kit.NoListFilters])
	l.Client = c
	var ident resource.IdentitySchemaResponse
	kit.NewResource[testKindModel](testKind{}).(*kit.Resource[testKindModel]).IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &ident)
	req := list.ListRequest{
		Config:                 tfsdk.Config{Schema: listschema.Schema{}, Raw: tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})},
		Limit:                  limit,
		IncludeResource:        include,
		ResourceSchema:         testKind{}.Schema(),
		ResourceIdentitySchema: ident.IdentitySchema,
	}
	stream := &list.ListResultsStream{}
	l.List(ctx, req, stream)
	var out []list.ListResult
	for r := range stream.Results {
		out = append(out, r)
	}
	return out, emitted
}

func resultID(t *testing.T, r list.ListResult) string {
	t.Helper()
	var id types.String
	if r.Identity == nil {
		t.Fatalf("a result without identity: %v", r.Diagnostics)
	}
	acctest.MustDo(t, kit.DiagsError(r.Identity.GetAttribute(context.Background(), path.Root("id"), &id)))
	return id.ValueString()
}

// TestListKit_identityAndLimit: each listed object's result carries the
// identity an import by identity gives and its display name; the limit
// stops the kind's list rather than dropping what it already sent.
func TestListKit_identityAndLimit(t *testing.T) {
	results, emitted := runTestList(t, []string{"orders", "customers", "sales"}, nil, 2)
	if len(results) != 2 || emitted != 3 {
		// The third item is emitted, refused, and ends the list.
		t.Fatalf("limit 2: %d results after %d items emitted, want 2 results and the list stopped at the third", len(results), emitted)
	}
	for i, want := range []string{"orders", "customers"} {
		if got := resultID(t, results[i]); got != want || results[i].DisplayName != "KIT."+want || results[i].Diagnostics.HasError() {
			t.Errorf("result %d: id %q, display %q, %v; want %q", i, got, results[i].DisplayName, results[i].Diagnostics, want)
		}
	}
}

// TestListKit_unnameableObjectIsAWarning: an object whose name no import
// ID can say is left out with a warning naming it, not silently, and the
// others are listed.
func TestListKit_unnameableObjectIsAWarning(t *testing.T) {
	results, _ := runTestList(t, []string{"orders", "a/b", "sales"}, nil, 0)
	if len(results) != 3 {
		t.Fatalf("%d results, want 3 (two objects and a warning)", len(results))
	}
	w := results[1]
	if w.Identity != nil || w.Diagnostics.HasError() || len(w.Diagnostics) != 1 ||
		!strings.Contains(w.Diagnostics[0].Summary(), `"KIT.a/b" left out`) {
		t.Errorf("the unnameable object's result: %+v", w)
	}
	if resultID(t, results[0]) != "orders" || resultID(t, results[2]) != "sales" {
		t.Errorf("the nameable objects are not listed around the warning")
	}
}

// TestListKit_unreadableObjectIsAWarning: an object whose definition the
// provider cannot read is left out with a warning naming it and saying
// why, not counted against the limit, and the others are listed: one odd
// definition does not end the list.
func TestListKit_unreadableObjectIsAWarning(t *testing.T) {
	results, _ := runTestList(t, []string{"orders", "unreadable:odd", "sales", "customers"}, nil, 2)
	if len(results) != 3 {
		t.Fatalf("%d results, want 3 (two objects around a warning, then the limit)", len(results))
	}
	w := results[1]
	if w.Identity != nil || w.Diagnostics.HasError() || len(w.Diagnostics) != 1 ||
		!strings.Contains(w.Diagnostics[0].Summary(), `"KIT.odd" left out`) || !strings.Contains(w.Diagnostics[0].Detail(), "cannot read its definition") ||
		!strings.Contains(w.Diagnostics[0].Detail(), "cannot unmarshal number") {
		t.Errorf("the unreadable object's result: %+v", w)
	}
	if resultID(t, results[0]) != "orders" || resultID(t, results[2]) != "sales" {
		t.Errorf("the readable objects are not listed around the warning")
	}
}

// TestListDefinitions_undecodableItem: a list of whole definitions emits an
// item the client cannot decode as unreadable, with the decoder's error,
// whatever the filters, and goes on with the next items.
func TestListDefinitions_undecodableItem(t *testing.T) {
	defs := &dss.Definitions{Path: "/public/api/projects/KIT/datasets/", Items: map[string]json.RawMessage{
		"a":   json.RawMessage(`{"projectKey":"KIT","name":"a","type":"Filesystem"}`),
		"b-1": json.RawMessage(`{"projectKey":"KIT","name":"b-1","type":5}`),
		"c":   json.RawMessage(`{"projectKey":"KIT","name":"c","type":"Inline"}`),
	}}
	listFn := kit.ListDefinitions("datasets", func(*dss.Client, context.Context, string) (*dss.Definitions, error) { return defs, nil }, dss.DatasetDoc,
		func(key string, _ *kit.InProjectListFilters, name string, d *dss.Dataset) (string, bool) {
			return key + "." + name, d.Type == "Inline"
		})
	var got []kit.Listed
	f := kit.InProjectListFilters{ProjectKey: types.StringValue("KIT")}
	acctest.MustDo(t, listFn(context.Background(), &kit.Lister{}, &f, func(o kit.Listed) bool { got = append(got, o); return true }))
	if len(got) != 2 {
		t.Fatalf("%d objects listed, want the undecodable one and the one the filter keeps: %+v", len(got), got)
	}
	if got[0].Unreadable == nil || strings.Join(got[0].Key, "/") != "KIT/b-1" || !strings.Contains(got[0].Unreadable.Error(), "cannot unmarshal number") {
		t.Errorf("the undecodable item: %+v", got[0])
	}
	if got[1].Unreadable != nil || strings.Join(got[1].Key, "/") != "KIT/c" || string(got[1].Item) != string(defs.Items["c"]) {
		t.Errorf("the item after it: %+v", got[1])
	}
}

// TestListKit_failureAfterResults: a list request that fails ends the
// list with DSS's error, naming what was being listed: never a list that
// passes for complete.
func TestListKit_failureAfterResults(t *testing.T) {
	dssErr := &dss.APIError{StatusCode: 403, Method: "GET", Path: "/public/api/projects/KIT/datasets/", Message: "Failed to read project permissions"}
	results, _ := runTestList(t, []string{"orders"}, kit.Listing("datasets of project KIT", dssErr), 0)
	if len(results) != 2 {
		t.Fatalf("%d results, want the object then the error", len(results))
	}
	last := results[1]
	if !last.Diagnostics.HasError() || len(last.Diagnostics) != 1 {
		t.Fatalf("the failure is not an error: %+v", last)
	}
	summary, detail := last.Diagnostics[0].Summary(), last.Diagnostics[0].Detail()
	if summary != "Cannot list dataiku_test_kind: cannot read the datasets of project KIT" || !strings.Contains(detail, "Failed to read project permissions") {
		t.Errorf("the failure reads %q: %q", summary, detail)
	}
	// A failure that is not DSS's answer (the network) is an error too,
	// never an empty list.
	results, _ = runTestList(t, nil, errors.New("dial tcp 127.0.0.1:1: connection refused"), 0)
	if len(results) != 1 || !results[0].Diagnostics.HasError() {
		t.Errorf("a network failure: %+v", results)
	}
}

// TestListKit_resourceObjectOfAnObjectGoneMeanwhile: with include_resource,
// an object DSS lists and then says does not exist (deleted between the
// list and its read) is left out with a warning; a read DSS refuses for
// another reason (the key) is an error, never taken for gone.
func TestListKit_resourceObjectOfAnObjectGoneMeanwhile(t *testing.T) {
	s := newKitServer(t)
	acctest.MustDo(t, s.admin.CreateProject(s.ctx, dss.CreateProjectRequest{ProjectKey: "KIT", Name: "KIT", Owner: "admin"}, ""))
	acctest.MustDo(t, s.admin.CreateManagedDataset(s.ctx, "KIT", "orders", "filesystem_managed"))
	results, _ := runTestListWith(t, s.admin, true, []string{"orders", "ghost"}, nil, 0)
	if len(results) != 2 {
		t.Fatalf("%d results, want the object and a warning", len(results))
	}
	if resultID(t, results[0]) != "orders" || results[0].Resource == nil || results[0].Resource.Raw.IsNull() || results[0].Diagnostics.HasError() {
		t.Errorf("the existing object has no resource object: %+v", results[0])
	}
	if w := results[1]; w.Identity != nil || w.Diagnostics.HasError() || len(w.Diagnostics) != 1 ||
		!strings.Contains(w.Diagnostics[0].Summary(), `"ghost" left out`) {
		t.Errorf("the object gone meanwhile: %+v", w)
	}

	wrongKey, err := dss.NewClient(dss.Config{Host: s.em.URL(), APIKey: "not-a-key"})
	acctest.MustDo(t, err)
	results, _ = runTestListWith(t, wrongKey, true, []string{"orders"}, nil, 0)
	if len(results) != 1 || !results[0].Diagnostics.HasError() {
		t.Errorf("a read refused for the key is not an error: %+v", results)
	}
}
