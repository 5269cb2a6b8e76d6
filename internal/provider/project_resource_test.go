package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// testProjectKey returns a fresh project key so tests never collide.
func testProjectKey(prefix string) string {
	return prefix + "_" + strings.ToUpper(acctest.RandStringFromCharSet(6, acctest.CharSetAlpha))
}

// testAccCheckProjectDestroy asserts through the admin client that every
// dataiku_project of the state is gone from DSS.
func testAccCheckProjectDestroy(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := testClient(t)
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "dataiku_project" {
				continue
			}
			_, err := c.GetProjectMetadata(testCtx(t), rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("project %s still exists", rs.Primary.ID)
			}
			if !dss.IsNotFound(err) {
				return fmt.Errorf("checking project %s: %w", rs.Primary.ID, err)
			}
		}
		return nil
	}
}

func testProjectDoc(t *testing.T, key, doc string) map[string]any {
	t.Helper()
	c := testClient(t)
	var (
		m   map[string]any
		err error
	)
	switch doc {
	case "metadata":
		m, err = c.GetProjectMetadata(testCtx(t), key)
	case "permissions":
		m, err = c.GetProjectPermissions(testCtx(t), key)
	case "variables":
		m, err = c.GetProjectVariables(testCtx(t), key)
	}
	if err != nil {
		t.Fatalf("reading %s of %s: %v", doc, key, err)
	}
	return m
}

// testEditProjectDoc changes a project document outside Terraform.
func testEditProjectDoc(t *testing.T, key, doc string, edit func(m map[string]any)) {
	t.Helper()
	c := testClient(t)
	m := testProjectDoc(t, key, doc)
	edit(m)
	var err error
	switch doc {
	case "metadata":
		err = c.PutProjectMetadata(testCtx(t), key, m)
	case "permissions":
		err = c.PutProjectPermissions(testCtx(t), key, m)
	case "variables":
		err = c.PutProjectVariables(testCtx(t), key, m)
	}
	if err != nil {
		t.Fatalf("writing %s of %s: %v", doc, key, err)
	}
}

func testAccProjectFullConfig(key, name, tags, folder string) string {
	return fmt.Sprintf(`
resource "dataiku_project" "test" {
  project_key       = %q
  name              = %q
  description       = "Long *markdown* description"
  short_description = "One line"
  tags              = %s
  project_folder_id = %q

  permissions = [
    { group = "analysts", read_project_content = true, read_dashboards = true },
    { user = "bob", admin = true },
  ]

  standard_variables = jsonencode({ env = "test", n = 1 })
  local_variables    = jsonencode({ secret = "s3cr3t" })
}
`, key, name, tags, folder)
}

// Create, update in place (a custom metadata field set outside Terraform
// survives a name change), import with ImportStateVerify, replace on a key
// change, destroy.
func TestAccProject_lifecycle(t *testing.T) {
	key := testProjectKey("ACC_LC")
	key2 := key + "_NEW"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckProjectDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccProjectFullConfig(key, "Sales", `["zeta", "alpha"]`, "ROOT"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("id"), knownvalue.StringExact(key)),
					statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("owner"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("delete_managed_data"), knownvalue.Bool(false)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("dataiku_project.test", "tags.#", "2"),
					resource.TestCheckResourceAttr("dataiku_project.test", "permissions.#", "2"),
					func(*terraform.State) error {
						md := testProjectDoc(t, key, "metadata")
						if md["label"] != "Sales" || md["shortDesc"] != "One line" || md["description"] != "Long *markdown* description" {
							return fmt.Errorf("metadata in DSS: %v", md)
						}
						if fmt.Sprint(md["tags"]) != "[alpha zeta]" {
							return fmt.Errorf("tags in DSS: %v", md["tags"])
						}
						vars := testProjectDoc(t, key, "variables")
						if fmt.Sprint(vars["standard"]) != "map[env:test n:1]" || fmt.Sprint(vars["local"]) != "map[secret:s3cr3t]" {
							return fmt.Errorf("variables in DSS: %v", vars)
						}
						perms := testProjectDoc(t, key, "permissions")
						if n := len(perms["permissions"].([]any)); n != 2 {
							return fmt.Errorf("grants in DSS: %v", perms["permissions"])
						}
						return nil
					},
				),
			},
			{
				// A custom field set in DSS by someone else, then a rename.
				PreConfig: func() {
					testEditProjectDoc(t, key, "metadata", func(m map[string]any) {
						m["custom"] = map[string]any{"kv": map[string]any{"cost_center": "42"}}
						m["customFields"] = map[string]any{"domain": "finance"}
					})
				},
				Config: testAccProjectFullConfig(key, "Sales renamed", `["alpha", "zeta"]`, "ROOT"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dataiku_project.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("dataiku_project.test", tfjsonpath.New("name"), knownvalue.StringExact("Sales renamed")),
					},
				},
				Check: func(*terraform.State) error {
					md := testProjectDoc(t, key, "metadata")
					if md["label"] != "Sales renamed" {
						return fmt.Errorf("label in DSS: %v", md["label"])
					}
					if fmt.Sprint(md["custom"]) != "map[kv:map[cost_center:42]]" || fmt.Sprint(md["customFields"]) != "map[domain:finance]" {
						return fmt.Errorf("custom metadata lost: %v / %v", md["custom"], md["customFields"])
					}
					return nil
				},
			},
			{
				ResourceName:      "dataiku_project.test",
				ImportState:       true,
				ImportStateId:     key,
				ImportStateVerify: true,
			},
			{
				Config: testAccProjectFullConfig(key2, "Sales renamed", `["alpha", "zeta"]`, "ROOT"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dataiku_project.test", plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				Check: func(*terraform.State) error {
					if _, err := testClient(t).GetProjectMetadata(testCtx(t), key); !dss.IsNotFound(err) {
						return fmt.Errorf("old project %s should be gone after the replacement, got %v", key, err)
					}
					testProjectDoc(t, key2, "metadata")
					return nil
				},
			},
		},
	})
}

var _ = regexp.MustCompile
