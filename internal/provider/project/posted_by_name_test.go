package project_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// lostPostByName is a generated-id kind whose create recovers a lost
// answer by name (posted_by_name.go), as its lost-POST test sees it.
type lostPostByName struct {
	// key is the project the objects are made in, made outside Terraform.
	key string
	// collection is the path segment of the kind's create, e.g. "agents".
	collection string
	// addr is the resource's address in config.
	addr string
	// what names the objects in a failure, e.g. "agents".
	what string
	// outside makes an object of that name outside Terraform and returns
	// its id.
	outside func(name string) string
	// config is a configuration of one object of that name.
	config func(name string) string
	// ids are the ids of the objects of that name DSS holds.
	ids func(name string) []string
	// destroyed is the case's destroy check.
	destroyed resource.TestCheckFunc
}

// testLostPostByName runs the lost-POST cases of k (acctest.LostPostFaults
// on its create): before each, an object of the planned name exists, made
// outside; after the lost answer, the state holds the one new object of
// that name, never the older one, and no second one was made.
func testLostPostByName(t *testing.T, k lostPostByName) {
	t.Helper()
	em := acctest.RequireEmulator(t)
	acctest.ProjectOutside(t, k.key, "Lost posts")
	for i, fault := range acctest.LostPostFaults("/projects/" + k.key + "/" + k.collection + "/?$") {
		name := fmt.Sprintf("lost_%d", i)
		older := k.outside(name)
		t.Run(name, func(t *testing.T) {
			acctest.Case(t, k.destroyed, []resource.TestStep{
				acctest.LostPostStep(t, em, fault, k.config(name), func(s *terraform.State) error {
					ids := slices.DeleteFunc(k.ids(name), func(id string) bool { return id == older })
					return acctest.OnlyStateID(s, k.addr, "new "+k.what+" named "+name, ids, older)
				}),
			})
		})
	}
}

// movedToProject is the step of a generated-id kind's lifecycle test that
// moves its object to another project (key + "_2"), which DSS cannot do
// in place.
type movedToProject struct {
	// config is the configuration of the object in the other project.
	config string
	// addr is the resource's address in config.
	addr string
	// what names the objects in a failure, e.g. "agents".
	what string
	// key is the project the object leaves.
	key string
	// oldName and newName are its names before and after.
	oldName, newName string
	// ids are the ids of the objects of a name a project holds.
	ids func(key, name string) []string
	// more checks the new object further (its id given); nil for none.
	more func(id string) error
}

// step plans a replacement; after it, key holds no object of the old
// name and key_2 exactly one of the new name.
func (m movedToProject) step() resource.TestStep {
	return resource.TestStep{
		Config: m.config,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(m.addr, plancheck.ResourceActionDestroyBeforeCreate),
		}},
		Check: func(*terraform.State) error {
			if ids := m.ids(m.key, m.oldName); len(ids) != 0 {
				return fmt.Errorf("the old one is still in %s: %v", m.key, ids)
			}
			ids := m.ids(m.key+"_2", m.newName)
			if len(ids) != 1 {
				return fmt.Errorf("%s named %s in %s_2: %v", m.what, m.newName, m.key, ids)
			}
			if m.more != nil {
				return m.more(ids[0])
			}
			return nil
		},
	}
}

// testTwoProjectsConfig is two projects, key ("<title> one") and key_2
// ("<title> two"), for a lifecycle test that moves an object from one to
// the other (movedToProject).
func testTwoProjectsConfig(key, title string) string {
	return fmt.Sprintf(`
resource "dataiku_project" "one" {
  project_key = %[1]q
  name        = "%[2]s one"
}

resource "dataiku_project" "two" {
  project_key = "%[1]s_2"
  name        = "%[2]s two"
}
`, key, title)
}

// twinStep adds to config, one object named like addr's, a twin of the
// same name (twinAddr): DSS does not keep names unique, so both are
// created, and the objects of that name DSS holds (ids) are exactly the
// two of the state. what names them in a failure, e.g. "agents named
// helper"; state checks the state further.
func twinStep(config, addr, twinAddr, what string, ids func() []string, state ...statecheck.StateCheck) resource.TestStep {
	return resource.TestStep{
		Config:            config,
		ConfigStateChecks: state,
		Check: func(s *terraform.State) error {
			ids := ids()
			want := []string{s.RootModule().Resources[addr].Primary.ID, s.RootModule().Resources[twinAddr].Primary.ID}
			slices.Sort(ids)
			slices.Sort(want)
			if !slices.Equal(ids, want) || want[0] == want[1] {
				return fmt.Errorf("%s: %v, want the two of the state %v", what, ids, want)
			}
			return nil
		},
	}
}

// refusedToBobNamedBobs applies config, an object named "bobs" of
// typeName in project key, with a key without rights on the project: DSS
// refuses it, quoted with the resource's address, and DSS holds no object
// of that name after (ids lists them; what names them, e.g. "agents").
func refusedToBobNamedBobs(t *testing.T, typeName, key, config, what string, ids func(name string) []string) {
	t.Helper()
	acctest.RefusedToBob(t, config,
		regexp.MustCompile(`(?s)Cannot create `+typeName+` "bobs" in project `+key+`.*UnauthorizedException.*lacks\s+a\s+project\s+permission`))
	acctest.NoneInDSS(t, what+" named bobs", ids("bobs"))
}

// badAttr is a plan-time refusal: the configuration line of attr that DSS
// could not take, and what the refusal must say.
type badAttr struct{ attr, line, want string }

// testBadAttrs plans, for each case, config(c), which holds c's line: the
// plan must fail naming the attribute and saying c.want (its spaces
// matching any line break Terraform wraps the message at).
func testBadAttrs(t *testing.T, cases []badAttr, config func(c badAttr) string) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.attr, func(t *testing.T) {
			acctest.Case(t, nil, []resource.TestStep{{Config: config(c), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)` + regexp.QuoteMeta(c.attr) + `.*` + strings.ReplaceAll(regexp.QuoteMeta(c.want), " ", `\s+`))}})
		})
	}
}

// lineConfig is a badAttr's configuration for testBadAttrs: a resource
// of typeName in project "P" with one line per attribute of attrs, in
// that order: c's line for c.attr, valid's line for the others (an empty
// line when valid has none).
func lineConfig(typeName string, valid map[string]string, attrs ...string) func(c badAttr) string {
	return func(c badAttr) string {
		var b strings.Builder
		fmt.Fprintf(&b, "resource %q \"test\" {\n  project_key = \"P\"\n", typeName)
		for _, a := range attrs {
			line := valid[a]
			if a == c.attr {
				line = c.line
			}
			b.WriteString("  " + line + "\n")
		}
		b.WriteString("}\n")
		return b.String()
	}
}

// twoNamedStep adds to config a second object named "alpha": a data
// source reading by that name must then refuse it, naming how many of
// the kind (plural) hold it and asking for an id.
func twoNamedStep(config, plural string) resource.TestStep {
	return resource.TestStep{Config: config, ExpectError: regexp.MustCompile(`(?s)has 2 ` + plural + ` named "alpha".*read one by its id`)}
}

// readBothWaysConfig is the data sources of a kind's data source test,
// in project p: typeName read by the name of its resource a (by_name) and
// by the id of its resource b (by_id).
func readBothWaysConfig(typeName string) string {
	return fmt.Sprintf(`
data %[1]q "by_name" {
  project_key = dataiku_project.p.project_key
  name        = %[1]s.a.name
}

data %[1]q "by_id" {
  project_key = dataiku_project.p.project_key
  id          = %[1]s.b.id
}
`, typeName)
}

// listAllConfig is the list data source of a kind's data source test
// (typeName's plural), in project p, read after its resources a and b.
func listAllConfig(typeName string) string {
	return fmt.Sprintf(`
data "%[1]ss" "all" {
  project_key = dataiku_project.p.project_key
  depends_on  = [%[1]s.a, %[1]s.b]
}
`, typeName)
}
