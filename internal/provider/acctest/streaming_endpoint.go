package acctest

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// StreamingEndpointAddr is the streaming endpoint tests' resource.
const StreamingEndpointAddr = "dataiku_streaming_endpoint.test"

// CheckStreamingEndpointsDestroyed asserts through the admin client that
// every streaming endpoint of the state is gone (its project may be gone
// too).
func CheckStreamingEndpointsDestroyed(t *testing.T) resource.TestCheckFunc {
	return CheckGoneAt(t, "dataiku_streaming_endpoint", func(st *terraform.InstanceState) string {
		return dss.StreamingEndpointDoc(st.Attributes["project_key"], st.Attributes["name"]).Path()
	})
}
