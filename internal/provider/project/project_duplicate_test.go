package project_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const duplicateAddr = "dataiku_project.test"

// testDuplicateSource creates, outside Terraform, project key with the
// datasets raw and clean (on filesystem_root) and the Python recipe
// compute_clean between them, described "the source" and granting the
// user alice; the test deletes it when it ends.
func testDuplicateSource(t *testing.T, key string) {
	t.Helper()
	c := acctest.ProjectOutside(t, key, "Source "+key)
	acctest.FilesystemDatasetOutside(t, key, "raw", "/dup/raw", "csv")
	acctest.FilesystemDatasetOutside(t, key, "clean", "/dup/clean", "csv")
	if _, err := c.CreateRecipe(acctest.Ctx(t), dss.RecipePrototype{ProjectKey: key, Name: "compute_clean", Type: "python",
		Inputs:  map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "raw"}}}},
		Outputs: map[string]dss.RecipeRole{"main": {Items: []dss.RecipeRef{{Ref: "clean"}}}},
		Script:  "print(1)"}); err != nil {
		t.Fatal(err)
	}
	testEditProjectDoc(t, key, "metadata", func(m map[string]any) { m["description"] = "the source" })
	testEditProjectDoc(t, key, "permissions", func(m map[string]any) {
		m["permissions"] = []any{map[string]any{"user": acctest.AliceLogin, "readProjectContent": true}}
	})
}

func testDuplicateConfig(key, src string) string {
	return fmt.Sprintf(`
resource "dataiku_project" "test" {
  project_key = %q
  name        = "Preview"
  description = "the preview"
  tags        = ["preview"]
  permissions = [{ group = "analysts", read_project_content = true }]

  duplicate_from = {
    project_key          = %q
    connection_remapping = { filesystem_root = "filesystem_managed" }
  }
}
`, key, src)
}

// testCheckDuplicated checks through the admin client that project key
// holds src's datasets and recipe under its own key, on the remapped
// connection, with the configured name, description, tags and grants
// (not the source's) and the key's user as owner.
func testCheckDuplicated(t *testing.T, key string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c := acctest.Client(t)
		for _, name := range []string{"raw", "clean"} {
			d, err := dss.DatasetDoc(key, name).Get(acctest.Ctx(t), c)
			if err != nil {
				return fmt.Errorf("dataset %s of the copy: %w", name, err)
			}
			if d.ProjectKey != key || d.Params["connection"] != "filesystem_managed" {
				return fmt.Errorf("dataset %s of the copy: project %q, params %v", name, d.ProjectKey, d.Params)
			}
		}
		r, err := dss.RecipeDoc(key, "compute_clean").Get(acctest.Ctx(t), c)
		if err != nil {
			return fmt.Errorf("recipe of the copy: %w", err)
		}
		if r.Recipe.ProjectKey != key {
			return fmt.Errorf("recipe of the copy names project %q", r.Recipe.ProjectKey)
		}
		md := testProjectDoc(t, key, "metadata")
		if md["label"] != "Preview" || md["description"] != "the preview" || fmt.Sprint(md["tags"]) != "[preview]" {
			return fmt.Errorf("metadata of the copy: %v", md)
		}
		perms := testProjectDoc(t, key, "permissions")
		grants, _ := perms["permissions"].([]any)
		if perms["owner"] != "admin" || len(grants) != 1 || grants[0].(map[string]any)["group"] != "analysts" {
			return fmt.Errorf("permissions of the copy: %v", perms)
		}
		return nil
	}
}

// TestAccProject_duplicate: a project created with duplicate_from holds
// the source's Flow under its key and ends as configured, with an empty
// plan; an import reads duplicate_from as null and the import's state
// equals the created one otherwise; the same configuration imported plans
// an in-place change, not a replacement; changing duplicate_from's source
// replaces the project; destroy removes both copies.
func TestAccProject_duplicate(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DUP")
	src, src2 := key+"_SRC", key+"_SRC2"
	testDuplicateSource(t, src)
	testDuplicateSource(t, src2)
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testDuplicateConfig(key, src),
			ConfigPlanChecks: acctest.Plans(duplicateAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(duplicateAddr, tfjsonpath.New("duplicate_from").AtMapKey("mode"), knownvalue.StringExact("MINIMAL")),
				statecheck.ExpectKnownValue(duplicateAddr, tfjsonpath.New("owner"), knownvalue.StringExact("admin")),
			},
			Check: testCheckDuplicated(t, key),
		}),
		// An import reads duplicate_from as null (DSS does not keep it) and
		// everything else, the attributes this configuration leaves
		// unmanaged too.
		acctest.ImportVerifyStep(duplicateAddr, acctest.ImportID(key), "duplicate_from", "local_variables", "standard_variables", "project_folder_id"),
		{
			// The same configuration imported into an empty state: an
			// in-place change that only records duplicate_from.
			Config: testDuplicateConfig(key, src), ResourceName: duplicateAddr, ImportState: true,
			ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: acctest.ImportID(key), ExpectNonEmptyPlan: true,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(duplicateAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(duplicateAddr, tfjsonpath.New("duplicate_from").AtMapKey("project_key"), knownvalue.StringExact(src)),
			}},
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testDuplicateConfig(key, src2),
			ConfigPlanChecks: acctest.Plans(duplicateAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check:            testCheckDuplicated(t, key),
		}),
	})
}

// TestAccProject_duplicateAdopted: a copy made outside Terraform, adopted
// by an import block with a configuration holding duplicate_from, plans
// an in-place change (no replacement) that changes nothing in DSS and
// leaves an empty plan.
func TestAccProject_duplicateAdopted(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DUPAD")
	src := key + "_SRC"
	testDuplicateSource(t, src)
	c := acctest.Client(t)
	if _, err := c.DuplicateProject(acctest.Ctx(t), src, dss.DuplicateProjectRequest{TargetProjectKey: key, TargetProjectName: "Preview",
		DuplicationMode: "MINIMAL", ConnectionRemapping: map[string]string{"filesystem_root": "filesystem_managed"}}); err != nil {
		t.Fatal(err)
	}
	testEditProjectDoc(t, key, "metadata", func(m map[string]any) { m["description"], m["tags"] = "the preview", []any{"preview"} })
	testEditProjectDoc(t, key, "permissions", func(m map[string]any) {
		m["owner"], m["permissions"] = "admin", []any{map[string]any{"group": "analysts", "readProjectContent": true}}
	})
	acctest.Case(t, acctest.CheckProjectDestroy(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           acctest.ImportBlock(duplicateAddr, key) + testDuplicateConfig(key, src),
			ConfigPlanChecks: acctest.Plans(duplicateAddr, plancheck.ResourceActionUpdate),
			Check:            testCheckDuplicated(t, key),
		}),
	})
}

// TestAccProject_duplicateRefused: a key that cannot read the source is
// refused with DSS's error, quoted with the resource's address, and no
// project is created.
func TestAccProject_duplicateRefused(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_DUPNO")
	src := key + "_SRC"
	testDuplicateSource(t, src)
	acctest.RefusedToBob(t, testDuplicateConfig(key, src),
		regexp.MustCompile(`(?s)Cannot create dataiku_project.*`+key+`.*duplicate.*Failed to read project\s+permissions`))
	if _, err := dss.ProjectMetadataDoc(key).Get(acctest.Ctx(t), acctest.Client(t)); !dss.IsNotFound(err) {
		t.Fatalf("the refused copy exists, or reading it failed otherwise: %v", err)
	}
}
