package deployer_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testPub = "dataiku_published_project.p"

func testPubCfg(key string, deploy bool, name string) string {
	return fmt.Sprintf(`
resource "dataiku_published_project" "p" {
  project_key = %q
  permissions = jsonencode([{ group = %q, read = true, write = false, deploy = %t, admin = false }])
  settings    = { basicInfo = { name = %q } }
}
`, key, acctest.AliceGroup, deploy, name)
}

// testPubHolds checks the published project's permissions (deploy flag
// of the one entry) and name in DSS.
func testPubHolds(t *testing.T, key string, deploy bool, name string) resource.TestCheckFunc {
	return testPublishedHolds(t, "published project "+key, dss.PublishedProjectSettingsDoc(key), deploy, name)
}

// testPublishedHolds checks a published object's settings in DSS (a
// published project's or an API service's, one document type): one
// permission entry with that deploy flag, and that name.
func testPublishedHolds(t *testing.T, what string, doc dss.Document[dss.PublishedProjectSettings], deploy bool, name string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		s, err := doc.Get(acctest.Ctx(t), acctest.Client(t))
		if err != nil {
			return err
		}
		var perms []map[string]any
		if err := json.Unmarshal(s.Permissions, &perms); err != nil {
			return err
		}
		var info struct {
			Name string `json:"name"`
		}
		_ = json.Unmarshal(s.Extra["basicInfo"], &info)
		if len(perms) != 1 || perms[0]["deploy"] != deploy || info.Name != name {
			return fmt.Errorf("%s: permissions %s, name %q; want deploy=%v name %q", what, s.Permissions, info.Name, deploy, name)
		}
		return nil
	}
}

func testAccCheckPublishedDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_published_project", func(st *terraform.InstanceState) string { return dss.PublishedProjectPath(st.ID) })
}

func TestAccPublishedProject_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_PUB")
	key2 := key + "_2"
	c := acctest.Client(t)
	testCleanupPublished(t, key, key2)
	acctest.Case(t, testAccCheckPublishedDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: testPubCfg(key, false, "Sales"),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testPub, "id", key),
				testPubHolds(t, key, false, "Sales")),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testPubCfg(key, true, "Sales v2"),
			ConfigPlanChecks: acctest.Plans(testPub, plancheck.ResourceActionUpdate),
			Check:            testPubHolds(t, key, true, "Sales v2"),
		}),
		acctest.ImportVerifyStep(testPub, nil, "settings"),
		acctest.ImportIdentityStep(t, testPub, "settings"),
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditOutside(t, dss.PublishedProjectSettingsDoc(key), func(s *dss.PublishedProjectSettings) {
					s.Permissions = json.RawMessage(`[]`)
					s.Extra["basicInfo"] = json.RawMessage(`{"name":"Renamed"}`)
				})
			},
			Config:           testPubCfg(key, true, "Sales v2"),
			ConfigPlanChecks: acctest.Plans(testPub, plancheck.ResourceActionUpdate),
			Check:            testPubHolds(t, key, true, "Sales v2"),
		}),
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testPub, testPubCfg(key, true, "Sales v2"),
			func() error { return c.Delete(acctest.Ctx(t), dss.PublishedProjectPath(key), nil, nil) },
			testPubHolds(t, key, true, "Sales v2"))),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testPubCfg(key2, true, "Sales v2"),
			ConfigPlanChecks: acctest.Plans(testPub, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				testPubHolds(t, key2, true, "Sales v2"),
				func(*terraform.State) error {
					if err := c.Get(acctest.Ctx(t), dss.PublishedProjectPath(key), nil, nil); !dss.IsNotFound(err) {
						return fmt.Errorf("the old published project %s: %w", key, err)
					}
					return nil
				}),
		}),
	})
}

// A published project made by a publish is imported as it is; a bundle
// published into a published project Terraform creates lands there.
func TestAccPublishedProject_createdByPublish(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_PUBB")
	c := acctest.ProjectOutside(t, key, "Published")
	testCleanupPublished(t, key, key+"_REL")
	if err := c.ExportBundle(acctest.Ctx(t), key, "v0", ""); err != nil {
		t.Fatal(err)
	}
	if err := c.PublishBundle(acctest.Ctx(t), key, "v0", ""); err != nil {
		t.Fatal(err)
	}
	adopted := fmt.Sprintf("resource \"dataiku_published_project\" \"p\" {\n  project_key = %q\n}\n", key)
	release := fmt.Sprintf(`
resource "dataiku_published_project" "rel" {
  project_key = "%[1]s_REL"
}

resource "dataiku_project_bundle" "b" {
  project_key           = %[1]q
  bundle_id             = "v1"
  publish               = true
  published_project_key = dataiku_published_project.rel.project_key
}
`, key)
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckPublishedDestroyed(t), testAccCheckBundlesDestroyed(t)), []resource.TestStep{
		acctest.AdoptedAsIsStep(testPub, acctest.ImportBlock(testPub, key)+adopted),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: adopted + release,
			Check: func(*terraform.State) error {
				p, err := c.GetPublishedProject(acctest.Ctx(t), key+"_REL")
				if err != nil {
					return err
				}
				if len(p.Packages) != 1 || p.Packages[0].ID != "v1" {
					return fmt.Errorf("published project %s_REL holds %+v", key, p.Packages)
				}
				return nil
			},
		}),
	})
}

func TestAccPublishedProject_nonAdmin(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_PUBBOB")
	acctest.RefusedToBob(t, testPubCfg(key, true, "x"),
		regexp.MustCompile(`(?s)dataiku_published_project "`+key+`".*administrator\s+of\s+the\s+Project\s+Deployer`))
	if err := acctest.Client(t).Get(acctest.Ctx(t), dss.PublishedProjectPath(key), nil, nil); !dss.IsNotFound(err) {
		t.Fatalf("published project after bob's refusal: %v", err)
	}
}

// TestAccPublishedProjectDataSource: dataiku_published_project reads the
// permissions of a published project made by the resource; an unknown key
// is DSS's not-found, quoted.
func TestAccPublishedProjectDataSource(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_PUBDS")
	testCleanupPublished(t, key)
	read := testPubCfg(key, true, "Sales") + "data \"dataiku_published_project\" \"p\" {\n  project_key = dataiku_published_project.p.project_key\n}\n"
	acctest.Case(t, testAccCheckPublishedDestroyed(t), []resource.TestStep{
		{
			Config: read,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.dataiku_published_project.p", "id", key),
				resource.TestCheckResourceAttrPair("data.dataiku_published_project.p", "permissions", testPub, "permissions"),
				resource.TestCheckResourceAttr("data.dataiku_published_project.p", "settings.basicInfo.name", "Sales"),
				testPubHolds(t, key, true, "Sales")),
		},
		{
			Config:      testPubCfg(key, true, "Sales") + "data \"dataiku_published_project\" \"nope\" {\n  project_key = \"" + key + "_NOPE\"\n}\n",
			ExpectError: regexp.MustCompile(`Cannot read data.dataiku_published_project "` + key + `_NOPE"`),
		},
	})
}
