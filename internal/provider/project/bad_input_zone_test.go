package project_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/project"
)

// Bad input for dataiku_flow_zone, refused at plan time with the attribute
// and the rule (bad_input_test.go's table helpers).

const badZoneBase = "  project_key = \"BADIN\"\n  name = \"Ok zone\"\n"

var badZone = acctest.BadCaseOf("dataiku_flow_zone", badZoneBase)

func badInputZoneCases() []acctest.BadInputCase {
	return []acctest.BadInputCase{
		badZone("name", `name = ""`, `must not be blank`),
		badZone("name", `name = "   "`, `must not be blank`),
		// (a long name is DSS's: a long blank one is refused by the rule)
		badZone("name", `name = "`+strings.Repeat(" ", acctest.LongNameLength)+`"`, `must not be blank`),
		badZone("project_key", `project_key = "BAD-KEY"`, regexp.QuoteMeta(kit.ProjectKeyRule)),
		badZone("color", `color = "red"`, regexp.QuoteMeta(project.ZoneColorRule)),
		badZone("color", `color = "#2ab1a"`, regexp.QuoteMeta(project.ZoneColorRule)),
		badZone("color", `color = "2ab1ac"`, regexp.QuoteMeta(project.ZoneColorRule)),
		badZone("color", `color = "#2ab1acff"`, regexp.QuoteMeta(project.ZoneColorRule)),
		badZone("color", `color = "#gggggg"`, regexp.QuoteMeta(project.ZoneColorRule)),
		badZone("items", `items = [{ type = "saved_model", id = "m1" }]`, regexp.QuoteMeta(project.ZoneItemTypeRule)),
		badZone("items", `items = [{ type = "dataset", id = "orders" }]`, regexp.QuoteMeta(project.ZoneItemTypeRule)),
		badZone("items", `items = [{ type = "", id = "orders" }]`, regexp.QuoteMeta(project.ZoneItemTypeRule)),
		badZone("items", `items = [{ type = "DATASET", id = "" }]`, regexp.QuoteMeta(project.ZoneItemRefRule)),
		badZone("items", `items = [{ type = "DATASET", id = "my/orders" }]`, regexp.QuoteMeta(project.ZoneItemRefRule)),
		badZone("items", `items = [{ type = "DATASET", id = "A.b.c" }]`, regexp.QuoteMeta(project.ZoneItemRefRule)),
		badZone("items", `items = [{ type = "DATASET" }]`, `attribute "id" is required|Incorrect attribute value type`),
		badZone("items", `items = ["orders"]`, `object required|Incorrect attribute value type`),
		badZone("shared", `shared = []`, `An argument named "shared" is not expected here`),
	}
}

func TestAccBadInputZoneRefusedAtPlan(t *testing.T) {
	acctest.Parallel(t)
	acctest.AssertRefusedAtPlan(t, badInputZoneCases(), "z")
}
