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

const testPackage = "dataiku_api_service_package.p"

func testPackageCfg(key, svc, id, extra string) string {
	return fmt.Sprintf("resource \"dataiku_api_service_package\" \"p\" {\n  project_key = %q\n  service_id  = %q\n  package_id  = %q\n%s}\n", key, svc, id, extra)
}

// testDesignServiceOutside makes project key with an API service svc
// holding one endpoint, as the API Designer leaves it, and deletes the
// published service of the same id when the test ends.
func testDesignServiceOutside(t *testing.T, key, svc string) *dss.Client {
	t.Helper()
	c := acctest.ProjectOutside(t, key, "API services")
	acctest.MustDo(t, c.CreateAPIService(acctest.Ctx(t), key, svc))
	_, _, err := dss.APIServiceSettingsDoc(key, svc).Update(acctest.Ctx(t), c, func(s *dss.APIServiceSettings) error {
		s.Endpoints = append(s.Endpoints, dss.Object{"id": "predict", "type": "PY_FUNCTION"})
		return nil
	})
	acctest.MustDo(t, err)
	t.Cleanup(func() { _ = c.Delete(acctest.Ctx(t), dss.PublishedAPIServicePath(svc), nil, nil) })
	return c
}

// testPackagesHold checks the service's packages on the design node
// through the admin client: want is "id" or "id:release notes", sorted.
func testPackagesHold(t *testing.T, key, svc string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c := acctest.Client(t)
		list, err := c.ListAPIServicePackages(acctest.Ctx(t), key, svc)
		if err != nil {
			return err
		}
		var got []string
		for _, p := range list {
			sum, err := c.GetAPIServicePackageSummary(acctest.Ctx(t), key, svc, p.ID)
			if err != nil {
				return err
			}
			s := p.ID
			if notes, _ := sum["releaseNotes"].(string); notes != "" {
				s += ":" + notes
			}
			got = append(got, s)
		}
		return sortedListIs(fmt.Sprintf("packages of %s.%s", key, svc), got, want)
	}
}

// testVersionsHold checks the API Deployer's service's versions.
func testVersionsHold(t *testing.T, svc string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		st, err := acctest.Client(t).GetPublishedAPIService(acctest.Ctx(t), svc)
		if err != nil {
			return err
		}
		var got []string
		for _, p := range st.Packages {
			got = append(got, p.ID)
		}
		return sortedListIs("versions of published service "+svc, got, want)
	}
}

func testAccCheckPackagesDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_api_service_package", func(st *terraform.InstanceState) string {
		a := st.Attributes
		return dss.APIServicePackagePath(a["project_key"], a["service_id"], a["package_id"]) + "/summary"
	})
}

func TestAccAPIServicePackage_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	key := acctest.ProjectKey("ACC_PKG")
	svc := testServiceID("acc_pkg")
	c := testDesignServiceOutside(t, key, svc)
	first, second := "  release_notes = \"first\"\n", "  release_notes = \"second\"\n"
	published := second + "  publish = true\n"
	kept := published + "  keep_on_destroy = true\n"
	// keep_on_destroy turned off: a change DSS never sees (StateOnlyAttrs).
	notKept := acctest.StateOnlyChangeStep(t, acctest.Emulator(t), testPackage, testPackageCfg(key, svc, "v1.1", published), "keep_on_destroy")
	notKept.Check = resource.ComposeTestCheckFunc(notKept.Check, testPackagesHold(t, key, svc, "v1.0:second", "v1.1:second"))
	acctest.Case(t, testAccCheckPackagesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: testPackageCfg(key, svc, "v1.0", first),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testPackage, "id", key+"."+svc+".v1.0"),
				resource.TestCheckResourceAttr(testPackage, "publish", "false"),
				testPackagesHold(t, key, svc, "v1.0:first")),
		}),
		// Deleted outside Terraform: packaged again.
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testPackage, testPackageCfg(key, svc, "v1.0", first),
			func() error { return c.DeleteAPIServicePackage(acctest.Ctx(t), key, svc, "v1.0") },
			testPackagesHold(t, key, svc, "v1.0:first"))),
		// DSS cannot change a package's release notes: a new package.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testPackageCfg(key, svc, "v1.0", second),
			ConfigPlanChecks: acctest.Plans(testPackage, plancheck.ResourceActionDestroyBeforeCreate),
			Check:            testPackagesHold(t, key, svc, "v1.0:second"),
		}),
		// Publishing is in place, into the service's own id by default.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testPackageCfg(key, svc, "v1.0", published),
			ConfigPlanChecks: acctest.Plans(testPackage, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckNoResourceAttr(testPackage, "published_service_id"),
				testPackagesHold(t, key, svc, "v1.0:second"),
				testVersionsHold(t, svc, "v1.0")),
		}),
		// The published version deleted outside Terraform: published again.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        acctest.Must(t, func() error { return c.Delete(acctest.Ctx(t), dss.APIServiceVersionPath(svc, "v1.0"), nil, nil) }),
			Config:           testPackageCfg(key, svc, "v1.0", published),
			ConfigPlanChecks: acctest.Plans(testPackage, plancheck.ResourceActionUpdate),
			Check:            testVersionsHold(t, svc, "v1.0"),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testPackageCfg(key, svc, "v1.0", kept),
			ConfigPlanChecks: acctest.Plans(testPackage, plancheck.ResourceActionUpdate),
			Check:            testPackagesHold(t, key, svc, "v1.0:second"),
		}),
		// A new id is a new package, published; keep_on_destroy keeps the
		// old one on the design node.
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testPackageCfg(key, svc, "v1.1", kept),
			ConfigPlanChecks: acctest.Plans(testPackage, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testPackage, "id", key+"."+svc+".v1.1"),
				testPackagesHold(t, key, svc, "v1.0:second", "v1.1:second"),
				testVersionsHold(t, svc, "v1.0", "v1.1")),
		}),
		acctest.ImportVerifyStep(testPackage, nil, "keep_on_destroy"),
		acctest.ImportIdentityStep(t, testPackage, "keep_on_destroy"),
		// Without keep_on_destroy, the destroy at the end deletes v1.1.
		notKept,
	})
	// The design node keeps v1.0 (kept), the deployer both versions.
	for _, check := range []resource.TestCheckFunc{testPackagesHold(t, key, svc, "v1.0:second"), testVersionsHold(t, svc, "v1.0", "v1.1")} {
		if err := check(nil); err != nil {
			t.Fatal(err)
		}
	}
}

// A package made outside Terraform and published is adopted by an import
// block as it is; a second resource of the same package is refused; a
// package of a missing service is DSS's refusal.
func TestAccAPIServicePackage_importBlockAndRefusals(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	key := acctest.ProjectKey("ACC_PKGIMP")
	svc := testServiceID("acc_pkgimp")
	c := testDesignServiceOutside(t, key, svc)
	acctest.MustDo(t, c.CreateAPIServicePackage(acctest.Ctx(t), key, svc, "r1", "adopted"))
	acctest.MustDo(t, c.PublishAPIServicePackage(acctest.Ctx(t), key, svc, "r1", ""))
	cfg := testPackageCfg(key, svc, "r1", "  release_notes = \"adopted\"\n  publish = true\n")
	dup := cfg + strings.Replace(testPackageCfg(key, svc, "r1", ""), `"p"`, `"dup"`, 1)
	acctest.Case(t, testAccCheckPackagesDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(testPackage, acctest.ImportBlock(testPackage, key+"."+svc+".r1")+cfg),
		{Config: dup, ExpectError: regexp.MustCompile(`(?s)dataiku_api_service_package "` + key + `.` + svc + `.r1".*already\s+exists\s+in\s+DSS.*import`)},
		{Config: cfg + strings.Replace(testPackageCfg(key, "nowhere", "r1", ""), `"p"`, `"missing"`, 1),
			ExpectError: regexp.MustCompile(`(?s)API\s+service\s+nowhere\s+does\s+not\s+exist`)},
	})
	if err := testVersionsHold(t, svc, "r1")(nil); err != nil {
		t.Fatal(err)
	}
}

func TestAccAPIServicePackage_badInputAndNonAdmin(t *testing.T) {
	acctest.Parallel(t)
	acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_PKGBOB")
	svc := testServiceID("acc_pkgbob")
	testDesignServiceOutside(t, key, svc)
	acctest.Case(t, nil, []resource.TestStep{{
		Config:      testPackageCfg(key, "a.b", "v1", ""),
		ExpectError: regexp.MustCompile(`(?s)service_id.*must\s+not\s+be\s+blank\s+nor\s+contain\s+a\s+dot`),
	}})
	acctest.RefusedToBob(t, testPackageCfg(key, svc, "v1", ""),
		regexp.MustCompile(`(?s)dataiku_api_service_package "`+key+`.`+svc+`.v1".*UnauthorizedException`))
	if err := testPackagesHold(t, key, svc)(nil); err != nil {
		t.Fatal(err)
	}
}

// End to end: the package is made and published, and a deployment of the
// API Deployer deploys that version, read in DSS.
func TestAccAPIServicePackage_deployed(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	key := acctest.ProjectKey("ACC_PKGDEP")
	svc := testServiceID("acc_pkgdep")
	testDesignServiceOutside(t, key, svc)
	dep := apiDepCfg{id: svc + "-d", svc: svc, infra: "acc-api-" + svc, version: "v1", enabled: true}
	cfg := testPackageCfg(key, svc, "v1", "  publish = true\n") +
		strings.Replace(dep.hcl(), `version    = "v1"`, `version    = dataiku_api_service_package.p.package_id`, 1)
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckPackagesDestroyed(t), testAccCheckAPIDeploymentsDestroyed(t)), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				testPackagesHold(t, key, svc, "v1"),
				testVersionsHold(t, svc, "v1"),
				testAPIDeploymentHolds(t, dep.id, "v1", true, "HEALTHY")),
		}),
	})
}

// A refresh costs what the documentation says: the summary, plus the
// published service's status when publish is on.
func TestAccAPIServicePackage_refreshCost(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_PKGCOST")
	svc := testServiceID("acc_pkgcost")
	testDesignServiceOutside(t, key, svc)
	summary := "GET /public/api/projects/{projectKey}/apiservices/{serviceId}/packages/{packageId}/summary"
	acctest.Case(t, testAccCheckPackagesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: testPackageCfg(key, svc, "v1", "")}),
		acctest.RefreshCostStep(t, em, "1 API call (the summary)", map[string]int64{summary: 1}),
		acctest.EmptyPlanAfter(resource.TestStep{Config: testPackageCfg(key, svc, "v1", "  publish = true\n")}),
		acctest.RefreshCostStep(t, em, "2 API calls (the summary and the published service)", map[string]int64{
			summary: 1,
			"GET /public/api/api-deployer/services/{id}": 1,
		}),
	})
}

// A DSS whose package summary has no releaseNotes key (dataikuapi
// documents the summary only as a dict) leaves the configured release
// notes as they are held: nothing planned, no replacement.
func TestAccAPIServicePackage_summaryWithoutReleaseNotes(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	key := acctest.ProjectKey("ACC_PKGNOTES")
	svc := testServiceID("acc_pkgnotes")
	testDesignServiceOutside(t, key, svc)
	em.Server.SetPackageSummaryWithoutReleaseNotes(true)
	t.Cleanup(func() { em.Server.SetPackageSummaryWithoutReleaseNotes(false) })
	cfg := testPackageCfg(key, svc, "v1.0", "  release_notes = \"first\"\n")
	acctest.Case(t, testAccCheckPackagesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testPackage, "release_notes", "first"),
				// DSS holds the notes sent, read with the key shown.
				func(s *terraform.State) error {
					em.Server.SetPackageSummaryWithoutReleaseNotes(false)
					defer em.Server.SetPackageSummaryWithoutReleaseNotes(true)
					return testPackagesHold(t, key, svc, "v1.0:first")(s)
				}),
		}),
	})
}

// Replacing a published package under the same package_id and published
// service would publish that version again, which DSS refuses after the
// package was made again: the plan is refused and nothing is deleted.
// Bumping package_id with the change is a new version, accepted.
func TestAccAPIServicePackage_republishRefused(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	key := acctest.ProjectKey("ACC_PKGREP")
	svc := testServiceID("acc_pkgrep")
	testDesignServiceOutside(t, key, svc)
	first, second := "  release_notes = \"first\"\n  publish = true\n", "  release_notes = \"second\"\n  publish = true\n"
	held := resource.ComposeAggregateTestCheckFunc(testPackagesHold(t, key, svc, "v1.0:first"), testVersionsHold(t, svc, "v1.0"))
	acctest.Case(t, testAccCheckPackagesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: testPackageCfg(key, svc, "v1.0", first), Check: held}),
		{
			Config: testPackageCfg(key, svc, "v1.0", second),
			ExpectError: regexp.MustCompile(`(?s)release_notes.*already\s+holds\s+that\s+version.*never\s+changes.*` +
				`Bump\s+.package_id.\s+\(e\.g\.\s+a\s+new\s+version\)`),
		},
		// Nothing was deleted: the design node's package and the
		// deployer's version are as they were.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        acctest.Must(t, func() error { return held(nil) }),
			Config:           testPackageCfg(key, svc, "v1.1", second),
			ConfigPlanChecks: acctest.Plans(testPackage, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				testPackagesHold(t, key, svc, "v1.1:second"),
				testVersionsHold(t, svc, "v1.0", "v1.1")),
		}),
	})
}
