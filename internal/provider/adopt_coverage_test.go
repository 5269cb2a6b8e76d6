package provider_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adopt"
	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// TestAdoptCoversEveryResourceType fails when the provider registers a
// resource type that dss-adopt does not adopt (or lists as not adoptable
// with a reason): every kind added to the provider must be added to the
// command's kinds too (internal/adopt/kinds.go and list.go).
func TestAdoptCoversEveryResourceType(t *testing.T) {
	assertAdoptCovers(t, (&dataiku.DataikuProvider{}).Resources(context.Background()))
}

// TestAdoptCoverageCatchesANewKind checks that the coverage test would
// catch a resource type added without adoption support.
func TestAdoptCoverageCatchesANewKind(t *testing.T) {
	resources := append((&dataiku.DataikuProvider{}).Resources(context.Background()), func() resource.Resource {
		return &namedResource{Resource: project.NewProjectResource(), name: "dataiku_notebook"}
	})
	missing := uncoveredTypes(resources)
	if !slices.Equal(missing, []string{"dataiku_notebook"}) {
		t.Errorf("a new resource type without adoption support is not reported: got %v", missing)
	}
}

// namedResource is a registered resource answering another type name.
type namedResource struct {
	resource.Resource
	name string
}

func (r *namedResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.name
}

func uncoveredTypes(resources []func() resource.Resource) []string {
	supported := adopt.SupportedTypes()
	exempt := adopt.NotAdoptedTypes()
	var missing []string
	for _, f := range resources {
		var resp resource.MetadataResponse
		f().Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "dataiku"}, &resp)
		if !slices.Contains(supported, resp.TypeName) && exempt[resp.TypeName] == "" {
			missing = append(missing, resp.TypeName)
		}
	}
	return missing
}

func assertAdoptCovers(t *testing.T, resources []func() resource.Resource) {
	t.Helper()
	if missing := uncoveredTypes(resources); len(missing) > 0 {
		t.Errorf("dss-adopt does not adopt %v: add the kind to internal/adopt (kinds.go, list.go), with its import id, "+
			"or list its objects as not adoptable with the reason", missing)
	}
}
