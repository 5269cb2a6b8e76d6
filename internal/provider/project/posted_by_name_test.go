package project_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
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
