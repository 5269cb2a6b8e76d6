package provider_test

import (
	"context"
	"os"
	"regexp"
	"slices"
	"testing"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// The checks guide's list of admin-only resources is the list of kinds
// the plan refuses to a non-admin key (refuseAdminOnly): a kind added to
// one and not the other fails here.
func TestChecksGuideAdminOnlyList(t *testing.T) {
	doc, err := os.ReadFile("../../templates/guides/checks.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`(?m)^\| An admin-only resource \(([^)]*)\)`).FindSubmatch(doc)
	if row == nil {
		t.Fatal("the guide has no admin-only row")
	}
	var inGuide []string
	for _, m := range regexp.MustCompile("`(dataiku_\\w+)`").FindAllSubmatch(row[1], -1) {
		inGuide = append(inGuide, string(m[1]))
	}
	var adminOnly []string
	for _, f := range (&dataiku.DataikuProvider{}).Resources(context.Background()) {
		r := f()
		var kind any
		switch k := r.(type) {
		case interface{ KindValue() any }:
			kind = k.KindValue()
		default:
			continue
		}
		if _, ok := kind.(kit.KindAdminOnly); ok {
			if n, ok := r.(interface{ TypeName() string }); ok {
				adminOnly = append(adminOnly, n.TypeName())
			}
		}
	}
	t.Logf("admin-only kinds: %v", adminOnly)
	slices.Sort(inGuide)
	slices.Sort(adminOnly)
	if !slices.Equal(inGuide, adminOnly) {
		t.Errorf("the guide lists %v as admin-only, the plan refuses %v", inGuide, adminOnly)
	}
}
