package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

const testClusterAddr = "dataiku_cluster.test"

func testClusterDoc(t *testing.T, id string) map[string]any {
	t.Helper()
	doc, err := dss.ClusterDoc(id).Get(testCtx(t), testClient(t))
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
	testAccParallelOnEmulator(t)
	testAccPreCheck(t)
	var id string
	params := func() map[string]any { p, _ := testClusterDoc(t, id)["params"].(map[string]any); return p }
	testAccCase(t, testAccCheckGoneAt(t, "dataiku_cluster", func(st *terraform.InstanceState) string { return dss.ClusterPath(st.ID) }), []resource.TestStep{
		{
			Config: testAccClusterConfig("acc-cluster", "KUBERNETES", `{ namespace = "dss", nodes = { min = 1 } }`),
			Check: resource.ComposeTestCheckFunc(testKeepID(testClusterAddr, &id), func(*terraform.State) error {
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
			PreConfig: testMust(t, func() error {
				_, _, err := dss.ClusterDoc(id).Update(testCtx(t), testClient(t), func(d *dss.FreeObject) error {
					(*d)["params"].(map[string]any)["region"] = "eu"
					return nil
				})
				return err
			}),
			Config:           testAccClusterConfig("acc-cluster-2", "KUBERNETES", `{ namespace = "jobs", nodes = { min = 1 } }`),
			ConfigPlanChecks: testPlans(testClusterAddr, plancheck.ResourceActionUpdate),
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
			PreConfig: testMust(t, func() error {
				_, _, err := dss.ClusterDoc(id).Update(testCtx(t), testClient(t), func(d *dss.FreeObject) error {
					(*d)["params"].(map[string]any)["namespace"] = "elsewhere"
					return nil
				})
				return err
			}),
			Config:           testAccClusterConfig("acc-cluster-2", "KUBERNETES", `{ namespace = "jobs", nodes = { min = 1 } }`),
			ConfigPlanChecks: testPlans(testClusterAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				if params()["namespace"] != "jobs" {
					return fmt.Errorf("params in DSS: %v", params())
				}
				return nil
			},
		},
		testImportVerifyStep(testClusterAddr, nil, "params"),
		testImportIdentityStep(t, testClusterAddr, "params"),
		testDeletedOutsideStep(t, testClusterAddr, testAccClusterConfig("acc-cluster-2", "KUBERNETES", `{ namespace = "jobs", nodes = { min = 1 } }`),
			func() error { return testClient(t).Delete(testCtx(t), dss.ClusterPath(id), nil, nil) },
			func(s *terraform.State) error {
				if err := testKeepID(testClusterAddr, &id)(s); err != nil {
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
			ConfigPlanChecks: testPlans(testClusterAddr, plancheck.ResourceActionDestroyBeforeCreate),
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
	testAccParallelOnEmulator(t)
	testAccPreCheck(t)
	testAccRefusedToBob(t, testAccClusterConfig("acc-bob-cluster", "HADOOP", "{}"),
		regexp.MustCompile(`dataiku_cluster needs an administrator's API key`))
	list, err := testClient(t).ListClusters(testCtx(t))
	if err != nil || len(list) != 0 {
		t.Fatalf("bob's refused plan made clusters: %v %v", list, err)
	}
}

// TestAccClusterActions: dataiku_cluster_start and dataiku_cluster_stop
// change the cluster's state in DSS; an unknown cluster fails with DSS's
// message.
func TestAccClusterActions(t *testing.T) {
	requireActionsTerraform(t)
	testAccParallelOnEmulator(t)
	c := testClient(t)
	id, err := c.CreateCluster(testCtx(t), "acc-actions-cluster", "manual", "KUBERNETES", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Delete(testCtx(t), dss.ClusterPath(id), nil, nil) })
	state := func() string {
		s, err := c.ClusterState(testCtx(t), id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	hcl := func(typ, cid, extra string) string {
		return fmt.Sprintf("\naction %q \"c\" {\n  config {\n    cluster_id = %q\n%s  }\n}\n", typ, cid, extra)
	}
	invokeAction(t, hcl("dataiku_cluster_start", id, ""), "dataiku_cluster_start.c", true, "start")
	if s := state(); s != "RUNNING" {
		t.Fatalf("after dataiku_cluster_start the cluster is %s", s)
	}
	invokeAction(t, hcl("dataiku_cluster_stop", id, "    terminate = false\n"), "dataiku_cluster_stop.c", true, "stop")
	if s := state(); s != "STOPPED" {
		t.Fatalf("after dataiku_cluster_stop the cluster is %s", s)
	}
	invokeAction(t, hcl("dataiku_cluster_start", "no-such-cluster", ""), "dataiku_cluster_start.c", false, "an unknown cluster",
		"Action failed: action.dataiku_cluster_start.c", "no-such-cluster")
}
