package provider_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// TestResourceTypesAreTheNamedKinds: the provider's resource types are
// exactly names.Kinds with names.TypePrefix, the list dss-adopt takes its
// kinds from, so that neither a new resource nor a renamed one leaves the
// vocabulary behind.
func TestResourceTypesAreTheNamedKinds(t *testing.T) {
	var registered []string
	for _, f := range (&dataiku.DataikuProvider{}).Resources(context.Background()) {
		var resp resource.MetadataResponse
		f().Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "dataiku"}, &resp)
		registered = append(registered, resp.TypeName)
	}
	var named []string
	for _, k := range names.Kinds {
		named = append(named, names.TypePrefix+k)
	}
	slices.Sort(registered)
	slices.Sort(named)
	if !slices.Equal(registered, named) {
		t.Errorf("the provider's resource types:\n%v\nnames.Kinds:\n%v", registered, named)
	}
}
