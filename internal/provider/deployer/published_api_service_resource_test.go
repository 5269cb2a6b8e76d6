package deployer_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
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

const testService = "dataiku_published_api_service.s"

func testServiceCfg(id string, deploy bool, name string) string {
	return fmt.Sprintf(`
resource "dataiku_published_api_service" "s" {
  service_id  = %q
  permissions = jsonencode([{ group = %q, read = true, write = false, deploy = %t, admin = false }])
  settings    = { basicInfo = { name = %q } }
}
`, id, acctest.AliceGroup, deploy, name)
}

// testServiceID is a service id of the test's own.
func testServiceID(prefix string) string {
	return strings.ToLower(acctest.ProjectKey(prefix))
}

// testUploadVersion uploads a package archive (an empty zip) as version
// of service, as a release process outside Terraform does.
func testUploadVersion(t *testing.T, service, version string) error {
	var zb bytes.Buffer
	if err := zip.NewWriter(&zb).Close(); err != nil {
		return err
	}
	return acctest.Client(t).ImportAPIServiceVersion(acctest.Ctx(t), service, version+".zip", zb.Bytes())
}

// testServiceHolds checks the service's permissions (deploy flag of the
// one entry) and name in DSS, read raw through the client.
func testServiceHolds(t *testing.T, id string, deploy bool, name string) resource.TestCheckFunc {
	return testPublishedHolds(t, "service "+id, dss.PublishedAPIServiceSettingsDoc(id), deploy, name)
}

func testAccCheckServicesDestroyed(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_published_api_service", func(st *terraform.InstanceState) string { return dss.PublishedAPIServicePath(st.ID) })
}

func TestAccPublishedAPIService_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	id := testServiceID("acc_svc")
	id2 := id + "-2"
	c := acctest.Client(t)
	acctest.Case(t, testAccCheckServicesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: testServiceCfg(id, false, "Churn"),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testService, "id", id),
				resource.TestCheckResourceAttr(testService, "versions.#", "0"),
				testServiceHolds(t, id, false, "Churn")),
		}),
		// A version uploaded outside Terraform is read, with no change
		// planned; a change of the settings keeps it.
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig:        acctest.Must(t, func() error { return testUploadVersion(t, id, "v1") }),
			Config:           testServiceCfg(id, true, "Churn v2"),
			ConfigPlanChecks: acctest.Plans(testService, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testService, "versions.#", "1"),
				resource.TestCheckResourceAttr(testService, "versions.0", "v1"),
				testServiceHolds(t, id, true, "Churn v2")),
		}),
		acctest.ImportVerifyStep(testService, nil, "settings"),
		acctest.ImportIdentityStep(t, testService, "settings"),
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				acctest.EditOutside(t, dss.PublishedAPIServiceSettingsDoc(id), func(s *dss.PublishedAPIServiceSettings) {
					s.Permissions = json.RawMessage(`[]`)
					s.Extra["basicInfo"] = json.RawMessage(`{"name":"Renamed"}`)
				})
			},
			Config:           testServiceCfg(id, true, "Churn v2"),
			ConfigPlanChecks: acctest.Plans(testService, plancheck.ResourceActionUpdate),
			Check:            testServiceHolds(t, id, true, "Churn v2"),
		}),
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testService, testServiceCfg(id, true, "Churn v2"),
			func() error { return c.Delete(acctest.Ctx(t), dss.PublishedAPIServicePath(id), nil, nil) },
			resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testService, "versions.#", "0"),
				testServiceHolds(t, id, true, "Churn v2")))),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testServiceCfg(id2, true, "Churn v2"),
			ConfigPlanChecks: acctest.Plans(testService, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeAggregateTestCheckFunc(
				testServiceHolds(t, id2, true, "Churn v2"),
				func(*terraform.State) error {
					if err := c.Get(acctest.Ctx(t), dss.PublishedAPIServicePath(id), nil, nil); !dss.IsNotFound(err) {
						return fmt.Errorf("the old service %s: %w", id, err)
					}
					return nil
				}),
		}),
	})
}

// A service made outside Terraform, with a version, is imported as it is.
func TestAccPublishedAPIService_adopted(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	id := testServiceID("acc_svca")
	c := acctest.Client(t)
	acctest.MustDo(t, c.CreatePublishedAPIService(acctest.Ctx(t), id))
	acctest.MustDo(t, testUploadVersion(t, id, "v7"))
	adopted := fmt.Sprintf("resource \"dataiku_published_api_service\" \"s\" {\n  service_id = %q\n}\n", id)
	acctest.Case(t, testAccCheckServicesDestroyed(t), []resource.TestStep{
		acctest.AdoptedAsIsStep(testService, acctest.ImportBlock(testService, id)+adopted),
		{
			Config: adopted,
			Check:  resource.TestCheckResourceAttr(testService, "versions.0", "v7"),
		},
	})
}

func TestAccPublishedAPIService_nonAdmin(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	id := testServiceID("acc_svcbob")
	acctest.RefusedToBob(t, testServiceCfg(id, true, "x"),
		regexp.MustCompile(`(?s)dataiku_published_api_service "`+id+`".*administrator\s+of\s+the\s+API\s+Deployer`))
	if err := acctest.Client(t).Get(acctest.Ctx(t), dss.PublishedAPIServicePath(id), nil, nil); !dss.IsNotFound(err) {
		t.Fatalf("service after bob's refusal: %v", err)
	}
}

// A refresh costs what the documentation says: 2 API calls, the settings
// and the light status (for the versions).
func TestAccPublishedAPIService_refreshCost(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	acctest.Case(t, testAccCheckServicesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{Config: testServiceCfg(testServiceID("acc_svccost"), true, "Cost")}),
		acctest.RefreshCostStep(t, em, "2 API calls (the settings and the status)", map[string]int64{
			"GET /public/api/api-deployer/services/{id}/settings": 1,
			"GET /public/api/api-deployer/services/{id}":          1,
		}),
	})
}

// A version published in the same apply as an update of the service (the
// service's settings depend on the package) is in the service's versions
// after that apply: the plan leaves them unknown, since the apply reads
// them again, rather than promising the prior ones.
func TestAccPublishedAPIService_versionPublishedInSameApply(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	key := acctest.ProjectKey("ACC_SVCSAME")
	svc := testServiceID("acc_svcsame")
	testDesignServiceOutside(t, key, svc)
	svcCfg := func(name string) string {
		return fmt.Sprintf(`
resource "dataiku_published_api_service" "s" {
  service_id = %q
  settings   = { basicInfo = { name = %q }, description = dataiku_api_service_package.p.id }
}
`, svc, name)
	}
	acctest.Case(t, testAccCheckServicesDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(resource.TestStep{
			Config: testPackageCfg(key, svc, "v1.0", "") + svcCfg("one"),
			Check:  resource.TestCheckResourceAttr(testService, "versions.#", "0"),
		}),
		acctest.EmptyPlanAfter(resource.TestStep{
			Config:           testPackageCfg(key, svc, "v1.0", "  publish = true\n") + svcCfg("two"),
			ConfigPlanChecks: acctest.Plans(testService, plancheck.ResourceActionUpdate),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(testService, "versions.#", "1"),
				resource.TestCheckResourceAttr(testService, "versions.0", "v1.0"),
				func(*terraform.State) error {
					st, err := acctest.Client(t).GetPublishedAPIService(acctest.Ctx(t), svc)
					if err != nil {
						return err
					}
					if len(st.Packages) != 1 || st.Packages[0].ID != "v1.0" {
						return fmt.Errorf("the published service's versions in DSS: %+v", st.Packages)
					}
					return nil
				}),
		}),
	})
}

// TestAccPublishedAPIServiceDataSource: dataiku_published_api_service
// reads a service's versions, uploaded outside Terraform, and its
// permissions; an unknown id is DSS's not-found, quoted.
func TestAccPublishedAPIServiceDataSource(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	id := testServiceID("acc_svcds")
	c := acctest.Client(t)
	acctest.MustDo(t, c.CreatePublishedAPIService(acctest.Ctx(t), id))
	t.Cleanup(func() { _ = c.Delete(acctest.Ctx(t), dss.PublishedAPIServicePath(id), nil, nil) })
	acctest.MustDo(t, testUploadVersion(t, id, "v1"))
	acctest.MustDo(t, testUploadVersion(t, id, "v2"))
	const ds = "data.dataiku_published_api_service.s"
	acctest.Case(t, nil, []resource.TestStep{
		{
			Config: fmt.Sprintf("data \"dataiku_published_api_service\" \"s\" {\n  service_id = %q\n}\n", id),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(ds, "id", id),
				resource.TestCheckResourceAttr(ds, "versions.#", "2"),
				resource.TestCheckResourceAttr(ds, "versions.0", "v1"),
				resource.TestCheckResourceAttr(ds, "versions.1", "v2"),
				resource.TestCheckResourceAttr(ds, "permissions", "[]")),
		},
		{
			Config:      fmt.Sprintf("data \"dataiku_published_api_service\" \"s\" {\n  service_id = %q\n}\n", id+"-nope"),
			ExpectError: regexp.MustCompile(`Cannot read data.dataiku_published_api_service "` + id + `-nope"`),
		},
	})
}
