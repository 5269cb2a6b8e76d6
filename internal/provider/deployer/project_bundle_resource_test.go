package deployer_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testBundle = "dataiku_project_bundle.b"

func testBundleCfg(key, id string, extra string) string {
	return fmt.Sprintf("resource \"dataiku_project_bundle\" \"b\" {\n  project_key = %q\n  bundle_id   = %q\n%s}\n", key, id, extra)
}

// testBundlesHold checks the project's exported bundles through the admin
// client: want is "id" or "id@PUBLISHED_KEY" for each, sorted.
func testBundlesHold(t *testing.T, key string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		list, err := acctest.Client(t).ListExportedBundles(acctest.Ctx(t), key)
		if err != nil {
			return err
		}
		var got []string
		for _, b := range list {
			s := b.BundleID
			if b.PublishedProjectKey != nil && *b.PublishedProjectKey != "" {
				s += "@" + *b.PublishedProjectKey
			}
			got = append(got, s)
		}
		return sortedListIs("bundles of "+key, got, want)
	}
}

// testCleanupPublished deletes the published projects a test published
// into, when it ends.
func testCleanupPublished(t *testing.T, keys ...string) {
	t.Cleanup(func() {
		c := acctest.Client(t)
		for _, k := range keys {
			if err := c.Delete(acctest.Ctx(t), dss.PublishedProjectPath(k), nil, nil); err != nil && !dss.IsNotFound(err) {
				t.Errorf("deleting published project %s: %v", k, err)
			}
		}
	})
}

func testAccCheckBundlesDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_project_bundle", func(st *terraform.InstanceState) string {
		return dss.BundlePath(st.Attributes["project_key"], st.Attributes["bundle_id"])
	})
}

func TestAccProjectBundle_lifecycle(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_BUN")
	other := key + "_PUB"
	c := acctest.ProjectOutside(t, key, "Bundled")
	testCleanupPublished(t, key, other)
	published := "  publish = true\n"
	kept := published + "  keep_on_destroy = true\n"
	// keep_on_destroy turned off: a change DSS never sees (StateOnlyAttrs).
	notKept := acctest.StateOnlyChangeStep(t, acctest.Emulator(t), testBundle, testBundleCfg(key, "v1.1", published), "keep_on_destroy")
	notKept.Check = resource.ComposeTestCheckFunc(notKept.Check, testBundlesHold(t, key, "v1.0@"+key, "v1.1@"+key))
	acctest.Case(t, testAccCheckBundlesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: testBundleCfg(key, "v1.0", ""),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testBundle, "id", key+".v1.0"),
				resource.TestCheckResourceAttr(testBundle, "publish", "false"),
				testBundlesHold(t, key, "v1.0")),
		}),
		// Deleted outside Terraform: exported again.
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testBundle, testBundleCfg(key, "v1.0", ""),
			func() error { return c.DeleteExportedBundle(acctest.Ctx(t), key, "v1.0") },
			testBundlesHold(t, key, "v1.0"))),
		// Published outside Terraform: DSS cannot unpublish, so the plan
		// replaces the bundle with an unpublished one.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        acctest.Must(t, func() error { return c.PublishBundle(acctest.Ctx(t), key, "v1.0", other) }),
			Config:           testBundleCfg(key, "v1.0", ""),
			ConfigPlanChecks: acctest.Plans(testBundle, plancheck.ResourceActionDestroyBeforeCreate),
			Check:            testBundlesHold(t, key, "v1.0"),
		}),
		// Publishing is in place.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testBundleCfg(key, "v1.0", published),
			ConfigPlanChecks: acctest.Plans(testBundle, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				testBundlesHold(t, key, "v1.0@"+key),
				resource.TestCheckNoResourceAttr(testBundle, "published_project_key"),
				func(*terraform.State) error {
					p, err := c.GetPublishedProject(acctest.Ctx(t), key)
					if err != nil {
						return err
					}
					if len(p.Packages) != 1 || p.Packages[0].ID != "v1.0" {
						return fmt.Errorf("published project %s holds %+v", key, p.Packages)
					}
					return nil
				}),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testBundleCfg(key, "v1.0", kept),
			ConfigPlanChecks: acctest.Plans(testBundle, plancheck.ResourceActionUpdate),
			Check:            testBundlesHold(t, key, "v1.0@"+key),
		}),
		// A new id is a new bundle; keep_on_destroy keeps the old one.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testBundleCfg(key, "v1.1", kept),
			ConfigPlanChecks: acctest.Plans(testBundle, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testBundle, "id", key+".v1.1"),
				testBundlesHold(t, key, "v1.0@"+key, "v1.1@"+key)),
		}),
		acctest.ImportVerifyStep(testBundle, nil, "keep_on_destroy"),
		acctest.ImportIdentityStep(t, testBundle, "keep_on_destroy"),
		// Without keep_on_destroy, the destroy at the end deletes v1.1.
		notKept,
	})
	if err := testBundlesHold(t, key, "v1.0@"+key)(nil); err != nil {
		t.Fatal(err)
	}
}

func TestAccProjectBundle_importBlockAndDuplicate(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_BUNIMP")
	c := acctest.ProjectOutside(t, key, "Adopted bundle")
	if err := c.ExportBundle(acctest.Ctx(t), key, "r1", ""); err != nil {
		t.Fatal(err)
	}
	dup := testBundleCfg(key, "r1", "") + strings.Replace(testBundleCfg(key, "r1", ""), `"b"`, `"dup"`, 1)
	acctest.Case(t, testAccCheckBundlesDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(testBundle, acctest.ImportBlock(testBundle, key+".r1")+testBundleCfg(key, "r1", "")),
		{Config: dup, ExpectError: regexp.MustCompile(`(?s)dataiku_project_bundle "` + key + `.r1".*already\s+exists\s+in\s+DSS.*import`)},
	})
}

func TestAccProjectBundle_badInputAndNonAdmin(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_BUNBOB")
	acctest.ProjectOutside(t, key, "Admin's")
	acctest.Case(t, nil, []resource.TestStep{{
		// (an id with a space or a "+" is DSS's: TestAccProjectBundle_unusualID)
		Config:      testBundleCfg(key, "v/1", ""),
		ExpectError: regexp.MustCompile(`(?s)bundle_id.*must\s+not\s+be\s+blank\s+nor\s+contain\s+a\s+slash`),
	}})
	acctest.RefusedToBob(t, testBundleCfg(key, "v1", ""),
		regexp.MustCompile(`(?s)dataiku_project_bundle "`+key+`.v1".*UnauthorizedException`))
	if err := testBundlesHold(t, key)(nil); err != nil {
		t.Fatal(err)
	}
}

// TestAccProjectBundle_unusualID: a bundle id with a space and a "+" is
// exported under that id, read back with an empty plan and imported.
// Nothing documents a rule DSS applies to bundle ids; the provider once
// refused all but letters, digits, dots, hyphens and underscores.
func TestAccProjectBundle_unusualID(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_BUNODD")
	acctest.ProjectOutside(t, key, "Odd bundle ids")
	const id = "release 1+hotfix"
	acctest.Case(t, testAccCheckBundlesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: testBundleCfg(key, id, ""), Check: testBundlesHold(t, key, id)}),
		acctest.ImportVerifyStep(testBundle, nil, "keep_on_destroy"),
	})
}

// A published bundle moved to another design project while it keeps its
// bundle_id and published project would publish that bundle again, which
// DSS refuses: the plan is refused, nothing is deleted, and a new
// bundle_id is accepted.
func TestAccProjectBundle_republishRefused(t *testing.T) {
	acctest.Parallel(t)
	key := acctest.ProjectKey("ACC_BUNREP")
	other, pub := key+"_B", key+"_PUB"
	acctest.ProjectOutside(t, key, "Bundled")
	acctest.ProjectOutside(t, other, "Bundled too")
	testCleanupPublished(t, pub)
	published := fmt.Sprintf("  publish = true\n  published_project_key = %q\n", pub)
	held := resource.ComposeAggregateTestCheckFunc(testBundlesHold(t, key, "v1.0@"+pub), testPublishedBundlesHold(t, pub, "v1.0"))
	acctest.Case(t, testAccCheckBundlesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: testBundleCfg(key, "v1.0", published), Check: held}),
		{
			Config: testBundleCfg(other, "v1.0", published),
			ExpectError: regexp.MustCompile(`(?s)project_key.*already\s+holds\s+that\s+bundle.*never\s+changes.*` +
				`Bump\s+.bundle_id.\s+\(e\.g\.\s+a\s+new\s+version\)`),
		},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        acctest.Must(t, func() error { return held(nil) }),
			Config:           testBundleCfg(other, "v1.1", published),
			ConfigPlanChecks: acctest.Plans(testBundle, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				testBundlesHold(t, key),
				testBundlesHold(t, other, "v1.1@"+pub),
				testPublishedBundlesHold(t, pub, "v1.0", "v1.1")),
		}),
	})
}

// testPublishedBundlesHold checks the bundles a published project of the
// Project Deployer holds, sorted.
func testPublishedBundlesHold(t *testing.T, key string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		p, err := acctest.Client(t).GetPublishedProject(acctest.Ctx(t), key)
		if err != nil {
			return err
		}
		var got []string
		for _, b := range p.Packages {
			got = append(got, b.ID)
		}
		return sortedListIs("bundles of published project "+key, got, want)
	}
}
