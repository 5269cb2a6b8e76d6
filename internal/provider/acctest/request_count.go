package acctest

import (
	"fmt"
	"maps"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

const AuthInfoRoute = "GET /public/api/auth/info"

func FormatRoutes(d map[string]int64) string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s ×%d", strings.TrimPrefix(k, "/public/api"), d[k]))
	}
	return strings.Join(parts, ", ")
}

// PerConfigure checks delta, a span's requests by route (RouteDelta):
// the provider was configured n ≥ 1 times (n auth/info, one per
// terraform command), and each configuration sent exactly want besides,
// and nothing else. what names the span in the error. It returns n.
func PerConfigure(what string, delta, want map[string]int64) (int64, error) {
	n := delta[AuthInfoRoute]
	if n == 0 {
		return 0, fmt.Errorf("%s: the provider was never configured: %v", what, delta)
	}
	scaled := map[string]int64{AuthInfoRoute: n}
	for route, count := range want {
		scaled[route] = count * n
	}
	if !maps.Equal(delta, scaled) {
		return n, fmt.Errorf("%s: requests %v for %d provider configuration(s), want %v", what, delta, n, scaled)
	}
	return n, nil
}

// RefreshCostStep is a refresh-only step that checks what it cost
// (PerConfigure): perCommand[route] requests on each route for each
// terraform command, and no other request; cost describes them in the
// log.
func RefreshCostStep(t *testing.T, em *emulator.Running, cost string, perCommand map[string]int64) resource.TestStep {
	var before map[string]int64
	return resource.TestStep{
		PreConfig:    func() { before = em.Server.Stats().ByRoute },
		RefreshState: true,
		Check: func(*terraform.State) error {
			delta := RouteDelta(before, em.Server.Stats().ByRoute)
			if _, err := PerConfigure("refresh, "+cost, delta, perCommand); err != nil {
				return err
			}
			t.Logf("refresh: %s; all: %v", cost, delta)
			return nil
		},
	}
}
