package acctest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	acc "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

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
//
// It is a plan check, run on the plan without refresh that
// terraform-plugin-testing makes after every apply: that plan's prior
// state is the state the apply left, identities included. As a state
// check it would cost each step that also has a Check one more
// `terraform show` (a state check and a Check each read the state with
// their own command), about a tenth of the commands a step runs.
type testIdentityMatchesKey struct {
	resources map[string]KeyedResource
}

func (c testIdentityMatchesKey) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c.check(req.Plan.PriorState)
}

func (c testIdentityMatchesKey) check(state *tfjson.State) error {
	if state == nil || state.Values == nil || state.Values.RootModule == nil {
		return nil
	}
	for _, rs := range state.Values.RootModule.Resources {
		r, ok := c.resources[rs.Type]
		if !ok || rs.Mode != "managed" {
			continue
		}
		want := map[string]any{}
		for _, name := range r.KeyAttrs() {
			want[name] = rs.AttributeValues[name]
		}
		if fmt.Sprint(rs.IdentityValues) != fmt.Sprint(want) {
			return fmt.Errorf("%s: identity %v, want its key's values %v", rs.Address, rs.IdentityValues, want)
		}
	}
	return nil
}

// testWithIdentityChecks adds testIdentityMatchesKey to every step that
// applies a configuration, when Terraform stores identities.
func testWithIdentityChecks(t *testing.T, steps []acc.TestStep) []acc.TestStep {
	if !testTerraformAtLeast(t, 1, 12) {
		return steps
	}
	check := testIdentityMatchesKey{resources: KitResources(t)}
	out := make([]acc.TestStep, len(steps))
	for i, s := range steps {
		// Only a step that applies a configuration (not a refresh-only
		// step, whose plans are not checked).
		applies := s.Config != "" || s.ConfigFile != nil || s.ConfigDirectory != nil
		if applies && !s.ImportState && s.ExpectError == nil && !s.PlanOnly {
			s.ConfigPlanChecks.PostApplyPreRefresh = append(slices.Clone(s.ConfigPlanChecks.PostApplyPreRefresh), check)
		}
		out[i] = s
	}
	return out
}
