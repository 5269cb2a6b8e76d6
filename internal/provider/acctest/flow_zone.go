package acctest

import (
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// ZoneItems lists a zone's items in DSS as sorted "TYPE:ref".
func ZoneItems(t *testing.T, key, id string) []string {
	t.Helper()
	z, err := dss.FlowZoneDoc(key, id).Get(Ctx(t), Client(t))
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, it := range z.Items {
		out = append(out, it.ObjectType+":"+it.Ref(key))
	}
	sort.Strings(out)
	return out
}

func ZoneID(s *terraform.State, addr string) string {
	if rs, ok := s.RootModule().Resources[addr]; ok {
		return rs.Primary.ID
	}
	return ""
}

// CheckFlowZonesDestroyed asserts through the admin client that
// every zone of the state is gone (its project may be gone too).
func CheckFlowZonesDestroyed(t *testing.T) resource.TestCheckFunc {
	return CheckProjectObjectsGone(t, "dataiku_flow_zone", func(key, id string) string { return dss.FlowZoneDoc(key, id).Path() })
}
