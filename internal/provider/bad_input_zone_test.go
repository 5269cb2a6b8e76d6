package provider

import (
	"regexp"
	"strings"
	"testing"
)

// Bad input for dataiku_flow_zone, refused at plan time with the attribute
// and the rule (bad_input_test.go's table helpers).

const badZoneBase = "  project_key = \"BADIN\"\n  name = \"Ok zone\"\n"

var badZone = badCaseOf("dataiku_flow_zone", badZoneBase)

func badInputZoneCases() []badInputCase {
	return []badInputCase{
		badZone("name", `name = ""`, `length must be between 1 and 256`),
		badZone("name", `name = "   "`, `must not be blank`),
		badZone("name", `name = "`+strings.Repeat("z", maxNameLength+1)+`"`, `length must be between 1 and 256`),
		badZone("project_key", `project_key = "BAD-KEY"`, regexp.QuoteMeta(projectKeyRule)),
		badZone("color", `color = "red"`, regexp.QuoteMeta(zoneColorRule)),
		badZone("color", `color = "#2ab1a"`, regexp.QuoteMeta(zoneColorRule)),
		badZone("color", `color = "2ab1ac"`, regexp.QuoteMeta(zoneColorRule)),
		badZone("color", `color = "#2ab1acff"`, regexp.QuoteMeta(zoneColorRule)),
		badZone("color", `color = "#gggggg"`, regexp.QuoteMeta(zoneColorRule)),
		badZone("items", `items = [{ type = "saved_model", id = "m1" }]`, regexp.QuoteMeta(zoneItemTypeRule)),
		badZone("items", `items = [{ type = "dataset", id = "orders" }]`, regexp.QuoteMeta(zoneItemTypeRule)),
		badZone("items", `items = [{ type = "", id = "orders" }]`, regexp.QuoteMeta(zoneItemTypeRule)),
		badZone("items", `items = [{ type = "DATASET", id = "" }]`, regexp.QuoteMeta(zoneItemRefRule)),
		badZone("items", `items = [{ type = "DATASET", id = "my/orders" }]`, regexp.QuoteMeta(zoneItemRefRule)),
		badZone("items", `items = [{ type = "DATASET", id = "A.b.c" }]`, regexp.QuoteMeta(zoneItemRefRule)),
		badZone("items", `items = [{ type = "DATASET" }]`, `attribute "id" is required|Incorrect attribute value type`),
		badZone("items", `items = ["orders"]`, `object required|Incorrect attribute value type`),
		badZone("shared", `shared = []`, `An argument named "shared" is not expected here`),
	}
}

func TestAccBadInputZoneRefusedAtPlan(t *testing.T) {
	testAccParallel(t)
	cases := badInputZoneCases()
	assertRefusedAtPlan(t, cases, "z")
	t.Logf("bad inputs tried: %d (dataiku_flow_zone); refused at plan time with no write to DSS: %t", len(cases), !t.Failed())
}
