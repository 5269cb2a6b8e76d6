package acctest

import (
	"context"
	"os"
	"strings"
	"testing"

	sdkacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// ProjectKey returns a fresh project key so tests never collide.
func ProjectKey(prefix string) string {
	return prefix + "_" + strings.ToUpper(sdkacctest.RandStringFromCharSet(6, sdkacctest.CharSetAlpha))
}

// ProjectSetup skips, as resource.Test itself does, when TF_ACC is
// not set: the tests below prepare DSS before calling resource.Test.
func ProjectSetup(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 to run it")
	}
}

// CheckProjectDestroy asserts through the admin client that every
// dataiku_project of the state is gone from DSS.
func CheckProjectDestroy(t *testing.T) resource.TestCheckFunc {
	return CheckGoneAt(t, "dataiku_project", func(st *terraform.InstanceState) string { return dss.ProjectMetadataDoc(st.ID).Path() })
}

// ProjectDocPath is the API path of a project document: "metadata",
// "permissions" or "variables".
func ProjectDocPath(key, doc string) string {
	p := dss.Path("projects", key, doc)
	if doc == "variables" {
		p += "/"
	}
	return p
}

// ExpectOnlyChanged asserts that the plan updates addr and that exactly the
// named top-level attributes differ between before and after, a value
// known only after apply counting as a change (unlike
// ExpectChangedAttributes).
type ExpectOnlyChanged ExpectChangedAttributes

func (e ExpectOnlyChanged) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = checkChangedAttributes(req, e.Addr, e.Attrs, true)
}
