package instance_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
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

const testDataCollectionDatasetAddr = "dataiku_data_collection_dataset.test"

// testDataCollectionDatasets is what DSS lists in collection id, as
// PROJECT.name; nil when the collection is gone.
func testDataCollectionDatasets(t *testing.T, id string) []string {
	t.Helper()
	objects, err := acctest.Client(t).ListDataCollectionObjects(acctest.Ctx(t), id)
	if dss.IsNotFound(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range objects {
		out = append(out, o.ProjectKey+"."+o.ID)
	}
	return out
}

// testAccCheckDataCollectionDatasetsDestroyed asserts through the admin
// client that no dataset of the state is left in its collection.
func testAccCheckDataCollectionDatasetsDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "dataiku_data_collection_dataset" {
				continue
			}
			a := rs.Primary.Attributes
			if slices.Contains(testDataCollectionDatasets(t, a["data_collection_id"]), a["project_key"]+"."+a["dataset_name"]) {
				return fmt.Errorf("%s is still in its collection", rs.Primary.ID)
			}
		}
		return nil
	}
}

func testAccDataCollectionDatasetConfig(name, key, dataset string) string {
	return fmt.Sprintf(`
resource "dataiku_data_collection" "c" {
  display_name = %q
}

resource "dataiku_data_collection_dataset" "test" {
  data_collection_id = dataiku_data_collection.c.id
  project_key        = %q
  dataset_name       = %q
}
`, name, key, dataset)
}

func TestAccDataCollectionDataset_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DCDS")
	c := acctest.ProjectOutside(t, key, "Collection datasets")
	for _, ds := range []string{"orders", "customers"} {
		acctest.MustDo(t, c.CreateManagedDataset(acctest.Ctx(t), key, ds, "filesystem_managed"))
	}
	name := acctest.ProjectKey("acc dcds")
	var collection string
	acctest.Case(t, resource.ComposeAggregateTestCheckFunc(testAccCheckDataCollectionDatasetsDestroyed(t), testAccCheckDataCollectionsDestroyed(t)), []resource.TestStep{
		{
			Config: testAccDataCollectionDatasetConfig(name, key, "orders"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testDataCollectionDatasetAddr, tfjsonpath.New("dataset_name"), knownvalue.StringExact("orders")),
			},
			Check: func(s *terraform.State) error {
				collection = s.RootModule().Resources["dataiku_data_collection.c"].Primary.ID
				if id := s.RootModule().Resources[testDataCollectionDatasetAddr].Primary.ID; id != collection+"/"+key+".orders" {
					return fmt.Errorf("id %q, want %s/%s.orders", id, collection, key)
				}
				if got := testDataCollectionDatasets(t, collection); fmt.Sprint(got) != "["+key+".orders]" {
					return fmt.Errorf("collection %s holds %v", collection, got)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testDataCollectionDatasetAddr, nil),
		acctest.ImportIdentityStep(t, testDataCollectionDatasetAddr),
		{
			ResourceName:  testDataCollectionDatasetAddr,
			ImportState:   true,
			ImportStateId: key + ".orders",
			ExpectError:   regexp.MustCompile(`(?s)Expected\s+collection_id/PROJECT_KEY\.dataset_name`),
		},
		{
			// Another dataset: the old one leaves the collection.
			Config:           testAccDataCollectionDatasetConfig(name, key, "customers"),
			ConfigPlanChecks: acctest.Plans(testDataCollectionDatasetAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if got := testDataCollectionDatasets(t, collection); fmt.Sprint(got) != "["+key+".customers]" {
					return fmt.Errorf("collection %s holds %v", collection, got)
				}
				return nil
			},
		},
		acctest.DeletedOutsideStep(t, testDataCollectionDatasetAddr, testAccDataCollectionDatasetConfig(name, key, "customers"),
			func() error {
				return c.RemoveDatasetFromDataCollection(acctest.Ctx(t), collection, key, "customers")
			},
			func(*terraform.State) error {
				if got := testDataCollectionDatasets(t, collection); fmt.Sprint(got) != "["+key+".customers]" {
					return fmt.Errorf("collection %s holds %v", collection, got)
				}
				return nil
			}),
	})
}

// TestAccDataCollectionDataset_nonAdminKey: bob, who is not an
// administrator and only a reader of a collection made outside Terraform,
// cannot add a dataset to it: DSS's refusal is quoted with the resource's
// address, and the collection still holds nothing.
func TestAccDataCollectionDataset_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DCDS_BOB")
	c := acctest.ProjectOutside(t, key, "Collection datasets, bob")
	acctest.MustDo(t, c.CreateManagedDataset(acctest.Ctx(t), key, "orders", "filesystem_managed"))
	collection, err := c.CreateDataCollection(acctest.Ctx(t), dss.CreateDataCollectionRequest{DisplayName: acctest.ProjectKey("acc dcds bob"),
		Permissions: []dss.DataCollectionPermission{{User: acctest.BobLogin, Read: new(true)}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.DeleteDataCollection(context.Background(), collection); err != nil && !dss.IsNotFound(err) {
			t.Errorf("deleting collection %s: %v", collection, err)
		}
	})
	acctest.RefusedToBob(t, fmt.Sprintf(`
resource "dataiku_data_collection_dataset" "test" {
  data_collection_id = %q
  project_key        = %q
  dataset_name       = "orders"
}
`, collection, key), regexp.MustCompile(`(?s)Cannot create dataiku_data_collection_dataset "`+collection+`/`+key+`.orders".*with `+testDataCollectionDatasetAddr+`.*POST /public/api/data-collections/`+collection+`/objects: 403.*You may not change the\s+objects of data collection`))
	if got := testDataCollectionDatasets(t, collection); len(got) != 0 {
		t.Fatalf("bob's refused apply added %v to collection %s", got, collection)
	}
}
