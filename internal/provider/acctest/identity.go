package acctest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	acc "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	dataiku "github.com/tf-dataiku/terraform-provider-dataiku/internal/provider"
)

// KeyedResource is a kit resource: its identity is its address's key.
type KeyedResource interface {
	resource.ResourceWithIdentity
	KeyAttrs() []string
}

// KitResources are the provider's resources by type name; every one
// must be a kit resource with an identity.
func KitResources(t *testing.T) map[string]KeyedResource {
	t.Helper()
	out := map[string]KeyedResource{}
	p := dataiku.New("test")()
	for _, newResource := range p.Resources(context.Background()) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "dataiku"}, &meta)
		k, ok := r.(KeyedResource)
		if !ok {
			t.Errorf("%s is not a kit resource with an identity", meta.TypeName)
			continue
		}
		out[meta.TypeName] = k
	}
	return out
}

// testIdentityMatchesKey checks, on Terraform 1.12 and later, that every
// dataiku resource of the state has an identity, and that it holds
// exactly the state's values of its key attributes.
type testIdentityMatchesKey struct {
	t         *testing.T
	resources map[string]KeyedResource
}

func (c testIdentityMatchesKey) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		return
	}
	for _, rs := range req.State.Values.RootModule.Resources {
		r, ok := c.resources[rs.Type]
		if !ok || rs.Mode != "managed" {
			continue
		}
		want := map[string]any{}
		for _, name := range r.KeyAttrs() {
			want[name] = rs.AttributeValues[name]
		}
		if fmt.Sprint(rs.IdentityValues) != fmt.Sprint(want) {
			resp.Error = fmt.Errorf("%s: identity %v, want its key's values %v", rs.Address, rs.IdentityValues, want)
			return
		}
	}
}

// testWithIdentityChecks adds testIdentityMatchesKey to every step that
// applies a configuration, when Terraform stores identities.
func testWithIdentityChecks(t *testing.T, steps []acc.TestStep) []acc.TestStep {
	if !testTerraformAtLeast(t, 1, 12) {
		return steps
	}
	check := testIdentityMatchesKey{t: t, resources: KitResources(t)}
	out := make([]acc.TestStep, len(steps))
	for i, s := range steps {
		// Only a step that applies a configuration (not a refresh-only
		// step, which takes no state checks).
		applies := s.Config != "" || s.ConfigFile != nil || s.ConfigDirectory != nil
		if applies && !s.ImportState && s.ExpectError == nil && !s.PlanOnly {
			s.ConfigStateChecks = append(slices.Clone(s.ConfigStateChecks), check)
		}
		out[i] = s
	}
	return out
}
