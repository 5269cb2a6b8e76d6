package acctest

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"sort"
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
// named top-level attributes differ between before and after.
type ExpectOnlyChanged struct {
	Addr  string
	Attrs []string
}

func (e ExpectOnlyChanged) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.Addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		var changed []string
		for k, v := range after {
			if u, _ := unknown[k].(bool); u || !reflect.DeepEqual(before[k], v) {
				changed = append(changed, k)
			}
		}
		sort.Strings(changed)
		want := append([]string(nil), e.Attrs...)
		sort.Strings(want)
		if !reflect.DeepEqual(changed, want) {
			resp.Error = fmt.Errorf("%s: planned changes to %v, want exactly %v", e.Addr, changed, want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in the plan", e.Addr)
}
