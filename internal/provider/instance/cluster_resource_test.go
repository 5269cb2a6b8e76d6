package instance_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testClusterAddr = "dataiku_cluster.test"

func testClusterDoc(t *testing.T, id string) map[string]any {
	t.Helper()
	doc, err := dss.ClusterDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
	if err != nil {
		if dss.IsNotFound(err) {
			return nil
		}
		t.Fatal(err)
	}
	return *doc
}

func testAccClusterConfig(name, arch, params string) string {
	return fmt.Sprintf("resource \"dataiku_cluster\" \"test\" {\n  name         = %q\n  architecture = %q\n  params       = %s\n}\n", name, arch, params)
}

func TestAccCluster_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	var id string
	params := func() map[string]any { p, _ := testClusterDoc(t, id)["params"].(map[string]any); return p }
	// setParamOutside sets one of the cluster's parameters outside
	// Terraform.
	setParamOutside := func(key, value string) func() {
		return acctest.Must(t, func() error {
			_, _, err := dss.ClusterDoc(id).Update(acctest.Ctx(t), acctest.Client(t), func(d *dss.FreeObject) error {
				(*d)["params"].(map[string]any)[key] = value
				return nil
			})
			return err
		})
	}
	acctest.Case(t, acctest.CheckGoneAt(t, "dataiku_cluster", func(st *terraform.InstanceState) string { return dss.ClusterPath(st.ID) }), []resource.TestStep{
		{
			Config: testAccClusterConfig("acc-cluster", "KUBERNETES", `{ namespace = "dss", nodes = { min = 1 } }`),
			Check: resource.ComposeTestCheckFunc(acctest.KeepID(testClusterAddr, &id), func(*terraform.State) error {
				d := testClusterDoc(t, id)
				if d["architecture"] != "KUBERNETES" || d["type"] != "manual" || params()["namespace"] != "dss" {
					return fmt.Errorf("cluster in DSS: %v", d)
				}
				return nil
			}),
		},
		{
			// Renamed and a parameter changed in place; a parameter set
			// outside Terraform, not written, is kept.
			PreConfig:        setParamOutside("region", "eu"),
			Config:           testAccClusterConfig("acc-cluster-2", "KUBERNETES", `{ namespace = "jobs", nodes = { min = 1 } }`),
			ConfigPlanChecks: acctest.Plans(testClusterAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				d := testClusterDoc(t, id)
				if d["name"] != "acc-cluster-2" || params()["namespace"] != "jobs" || params()["region"] != "eu" {
					return fmt.Errorf("cluster in DSS: %v", d)
				}
				return nil
			},
		},
		{
			// Changed outside Terraform: a managed parameter is repaired.
			PreConfig:        setParamOutside("namespace", "elsewhere"),
			Config:           testAccClusterConfig("acc-cluster-2", "KUBERNETES", `{ namespace = "jobs", nodes = { min = 1 } }`),
			ConfigPlanChecks: acctest.Plans(testClusterAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				if params()["namespace"] != "jobs" {
					return fmt.Errorf("params in DSS: %v", params())
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testClusterAddr, nil, "params"),
		acctest.ImportIdentityStep(t, testClusterAddr, "params"),
		acctest.DeletedOutsideStep(t, testClusterAddr, testAccClusterConfig("acc-cluster-2", "KUBERNETES", `{ namespace = "jobs", nodes = { min = 1 } }`),
			func() error { return acctest.Client(t).Delete(acctest.Ctx(t), dss.ClusterPath(id), nil, nil) },
			func(s *terraform.State) error {
				if err := acctest.KeepID(testClusterAddr, &id)(s); err != nil {
					return err
				}
				if testClusterDoc(t, id)["name"] != "acc-cluster-2" {
					return fmt.Errorf("not created again")
				}
				return nil
			}),
		{
			// Another architecture replaces the cluster.
			Config:           testAccClusterConfig("acc-cluster-2", "HADOOP", `{}`),
			ConfigPlanChecks: acctest.Plans(testClusterAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if testClusterDoc(t, id) != nil {
					return fmt.Errorf("the old cluster %s still exists", id)
				}
				return nil
			},
		},
	})
}

func TestAccCluster_nonAdminRefused(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RefusedToBob(t, testAccClusterConfig("acc-bob-cluster", "HADOOP", "{}"),
		regexp.MustCompile(`dataiku_cluster needs an administrator's API key`))
	list, err := acctest.Client(t).ListClusters(acctest.Ctx(t))
	if err != nil || len(list) != 0 {
		t.Fatalf("bob's refused plan made clusters: %v %v", list, err)
	}
}

// TestAccClusterActions: dataiku_cluster_start and dataiku_cluster_stop
// change the cluster's state in DSS; an unknown cluster fails with DSS's
// message.
func TestAccClusterActions(t *testing.T) {
	acctest.RequireActionsTerraform(t)
	acctest.ParallelOnEmulator(t)
	c := acctest.Client(t)
	id, err := c.CreateCluster(acctest.Ctx(t), "acc-actions-cluster", "manual", "KUBERNETES", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Delete(acctest.Ctx(t), dss.ClusterPath(id), nil, nil) })
	state := func() string {
		s, err := c.ClusterState(acctest.Ctx(t), id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	hcl := func(typ, cid, extra string) string {
		return fmt.Sprintf("\naction %q \"c\" {\n  config {\n    cluster_id = %q\n%s  }\n}\n", typ, cid, extra)
	}
	acctest.InvokeAction(t, hcl("dataiku_cluster_start", id, ""), "dataiku_cluster_start.c", true, "start")
	if s := state(); s != "RUNNING" {
		t.Fatalf("after dataiku_cluster_start the cluster is %s", s)
	}
	acctest.InvokeAction(t, hcl("dataiku_cluster_stop", id, "    terminate = false\n"), "dataiku_cluster_stop.c", true, "stop")
	if s := state(); s != "STOPPED" {
		t.Fatalf("after dataiku_cluster_stop the cluster is %s", s)
	}
	acctest.InvokeAction(t, hcl("dataiku_cluster_start", "no-such-cluster", ""), "dataiku_cluster_start.c", false, "an unknown cluster",
		"Action failed: action.dataiku_cluster_start.c", "no-such-cluster")
}

// TestAccClusterDataSource: dataiku_cluster reads a cluster by id and by
// name, the same as the resource, without its secret-looking parameters;
// an unknown name and a non-admin key are errors.
func TestAccClusterDataSource(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	cluster := testAccClusterConfig("acc-ds-cluster", "KUBERNETES", `{ namespace = "dss", auth = { token = "t0k-secret" } }`)
	var id string
	acctest.Case(t, acctest.CheckGoneAt(t, "dataiku_cluster", func(st *terraform.InstanceState) string { return dss.ClusterPath(st.ID) }), []resource.TestStep{
		{
			Config: cluster + `
data "dataiku_cluster" "by_id" {
  id = dataiku_cluster.test.id
}
data "dataiku_cluster" "by_name" {
  name = dataiku_cluster.test.name
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.dataiku_cluster.by_name", tfjsonpath.New("id"), testClusterAddr, tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.dataiku_cluster.by_id", tfjsonpath.New("name"), testClusterAddr, tfjsonpath.New("name"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.dataiku_cluster.by_name", tfjsonpath.New("architecture"), knownvalue.StringExact("KUBERNETES")),
				statecheck.ExpectKnownValue("data.dataiku_cluster.by_name", tfjsonpath.New("type"), knownvalue.StringExact("manual")),
				statecheck.ExpectKnownValue("data.dataiku_cluster.by_id", tfjsonpath.New("params"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"namespace": knownvalue.StringExact("dss"), "auth": knownvalue.ObjectExact(map[string]knownvalue.Check{}),
				})),
			},
			Check: func(s *terraform.State) error {
				if err := acctest.KeepID(testClusterAddr, &id)(s); err != nil {
					return err
				}
				// The secret the data source leaves out is in DSS.
				if auth, _ := testClusterDoc(t, id)["params"].(map[string]any)["auth"].(map[string]any); auth["token"] != "t0k-secret" {
					return fmt.Errorf("params in DSS: %v", testClusterDoc(t, id)["params"])
				}
				return nil
			},
		},
		{
			Config:      cluster + "data \"dataiku_cluster\" \"nope\" {\n  name = \"no-such-cluster\"\n}\n",
			ExpectError: regexp.MustCompile(`No cluster is named "no-such-cluster"`),
		},
	})
	// Reading a cluster needs an admin key: bob gets DSS's refusal.
	acctest.RefusedToBob(t, "data \"dataiku_cluster\" \"bob\" {\n  name = \"acc-ds-cluster\"\n}\n",
		regexp.MustCompile(`(?s)Cannot read data.dataiku_cluster "acc-ds-cluster".*admin`))
}
