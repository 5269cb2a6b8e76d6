package project_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
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
