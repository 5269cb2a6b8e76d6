package deployer_test

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The fault matrices of bundles, API service packages and deployments
// (and, at the end, of the API Deployer's infrastructures; an API
// deployment's failed delete and failed update have tests of their own in
// api_deployment_resource_test.go): the export, the publish,
// the deployment's creation, settings write, update and delete each meet
// a dropped answer, a 5xx or a timeout; whatever the faulty apply does,
// the next one converges with an empty plan and DSS holds the configured
// bundle or deployment, never two, never one recorded as deployed when it
// is not. The rows are the kinds' own calls: a bundle's export, publish,
// list and delete, a deployment's creation, update action, status and
// delete. A deployment's settings are written with the kit's
// SyncDocument, whose faults are tested once in kit/
// (TestKitFaultsOnGenericCalls), as the rest of the kit's shared
// behaviour (TestKitLostPostRecovered, TestKitPartialFailure).

type faultBundle struct {
	ID      string
	Publish bool
}

func TestAccFaultsProjectBundleConverge(t *testing.T) {
	acctest.Parallel(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	var (
		export      = acctest.FaultCall{Name: "export", Method: "PUT", Path: `/projects/%s/bundles/exported/v1$`}
		publish     = acctest.FaultCall{Name: "publish", Method: "POST", Path: `/projects/%s/bundles/v1/publish$`}
		list        = acctest.FaultCall{Name: "list", Method: "GET", Path: `/projects/%s/bundles/exported$`}
		listInApply = acctest.FaultCall{Name: "list in apply", Method: "GET", Path: `/projects/%s/bundles/exported$`, Skip: 1}
		remove      = acctest.FaultCall{Name: "delete", Method: "DELETE", Path: `/projects/%s/bundles/exported/v1$`}
	)
	plain := &faultBundle{ID: "v1"}
	published := &faultBundle{ID: "v1", Publish: true}
	type op = acctest.FaultOp[faultBundle]
	publishRoute := "POST /public/api/projects/{projectKey}/bundles/{bundleId}/publish"
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[faultBundle]{
		What:       "project bundle",
		Name:       func(i int) string { return fmt.Sprintf("FLTBUN%02d", i) },
		ClearError: regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_project_bundle "[A-Za-z0-9_]+\.v1"`),
		Prepare: func(t *testing.T, key string) {
			acctest.ProjectOutside(t, key, "Bundle faults")
			testCleanupPublished(t, key)
		},
		HCL: func(key string, b *faultBundle) string {
			return fmt.Sprintf("\nresource \"dataiku_project_bundle\" \"b\" {\n  project_key = %q\n  bundle_id   = %q\n  publish     = %t\n}\n", key, b.ID, b.Publish)
		},
		Holds: func(t *testing.T, key, _ string, want *faultBundle) {
			var exp []string
			if want != nil {
				s := want.ID
				if want.Publish {
					s += "@" + key
				}
				exp = append(exp, s)
			}
			if err := testBundlesHold(t, key, exp...)(nil); err != nil {
				t.Error(err)
			}
		},
	}, []acctest.FaultRow[faultBundle]{
		// A lost answer to the export: the client sends the PUT again,
		// DSS refuses the id it just exported, and the provider finds the
		// bundle it made.
		{Call: export, Fault: acctest.FaultDropAfter, Op: op{Target: plain}, MayFail: false},
		{Call: export, Fault: acctest.Fault502After, Op: op{Target: published, Creates: []string{publishRoute}}, MayFail: false},
		{Call: export, Fault: acctest.FaultDown503, Op: op{Target: plain}, MayFail: true},
		{Call: export, Fault: acctest.FaultSlow, Op: op{Target: plain}, MayFail: false},
		// A lost answer to the publish is checked, never replayed blindly.
		{Call: publish, Fault: acctest.FaultDropAfter, Op: op{Target: published, Creates: []string{publishRoute}}, MayFail: false},
		{Call: publish, Fault: acctest.Fault502, Op: op{Setup: plain, Target: published}, MayFail: false},
		{Call: list, Fault: acctest.FaultDrop, Op: op{Setup: published, Target: published}, MayFail: false},
		// The list after the publish, in apply: the refresh's list GET is
		// let through, so the fault meets the bundle's own read.
		{Call: listInApply, Fault: acctest.Fault502, Op: op{Setup: plain, Target: published}, MayFail: false},
		{Call: remove, Fault: acctest.FaultDropAfter, Op: op{Setup: plain}, MayFail: false},
		{Call: remove, Fault: acctest.FaultDown503, Op: op{Setup: plain}, MayFail: true},
	})
}

type faultPackage struct {
	ID      string
	Publish bool
}

// The bundle's matrix for an API service's package: its create (a POST,
// checked after a lost answer rather than sent again blindly), publish,
// summary and delete.
func TestAccFaultsAPIServicePackageConverge(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	svcOf := func(key string) string { return strings.ToLower(key) }
	var (
		create        = acctest.FaultCall{Name: "create", Method: "POST", Path: `/projects/%s/apiservices/[a-z0-9_]+/packages/v1$`}
		publish       = acctest.FaultCall{Name: "publish", Method: "POST", Path: `/projects/%s/apiservices/[a-z0-9_]+/packages/v1/publish$`}
		summary       = acctest.FaultCall{Name: "summary", Method: "GET", Path: `/projects/%s/apiservices/[a-z0-9_]+/packages/v1/summary$`}
		summaryLater  = acctest.FaultCall{Name: "summary in apply", Method: "GET", Path: `/projects/%s/apiservices/[a-z0-9_]+/packages/v1/summary$`, Skip: 1}
		remove        = acctest.FaultCall{Name: "delete", Method: "DELETE", Path: `/projects/%s/apiservices/[a-z0-9_]+/packages/v1$`}
		createRoute   = "POST /public/api/projects/{projectKey}/apiservices/{serviceId}/packages/{packageId}"
		publishRoute  = "POST /public/api/projects/{projectKey}/apiservices/{serviceId}/packages/{packageId}/publish"
		plain, public = &faultPackage{ID: "v1"}, &faultPackage{ID: "v1", Publish: true}
	)
	type op = acctest.FaultOp[faultPackage]
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[faultPackage]{
		What:       "API service package",
		Name:       func(i int) string { return fmt.Sprintf("FLTPKG%02d", i) },
		ClearError: regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_api_service_package "[A-Za-z0-9_]+\.[a-z0-9_]+\.v1"`),
		Prepare: func(t *testing.T, key string) {
			testDesignServiceOutside(t, key, svcOf(key))
		},
		HCL: func(key string, p *faultPackage) string {
			return testPackageCfg(key, svcOf(key), p.ID, fmt.Sprintf("  publish = %t\n", p.Publish))
		},
		Holds: func(t *testing.T, key, _ string, want *faultPackage) {
			var pkgs, versions []string
			if want != nil {
				pkgs = append(pkgs, want.ID)
				if want.Publish {
					versions = append(versions, want.ID)
				}
			}
			if err := testPackagesHold(t, key, svcOf(key), pkgs...)(nil); err != nil {
				t.Error(err)
			}
			if want != nil && want.Publish {
				if err := testVersionsHold(t, svcOf(key), versions...)(nil); err != nil {
					t.Error(err)
				}
			}
		},
	}, []acctest.FaultRow[faultPackage]{
		// A lost answer to the create: the provider looks for the package
		// before sending the POST again.
		{Call: create, Fault: acctest.FaultDropAfter, Op: op{Target: plain, Creates: []string{createRoute}}, MayFail: false},
		{Call: create, Fault: acctest.Fault502After, Op: op{Target: public, Creates: []string{createRoute, publishRoute}}, MayFail: false},
		{Call: create, Fault: acctest.FaultDown503, Op: op{Target: plain}, MayFail: true},
		{Call: create, Fault: acctest.FaultSlow, Op: op{Target: plain}, MayFail: false},
		// A lost answer to the publish is checked, never replayed blindly.
		{Call: publish, Fault: acctest.FaultDropAfter, Op: op{Target: public, Creates: []string{publishRoute}}, MayFail: false},
		{Call: publish, Fault: acctest.Fault502, Op: op{Setup: plain, Target: public}, MayFail: false},
		{Call: summary, Fault: acctest.FaultDrop, Op: op{Setup: public, Target: public}, MayFail: false},
		{Call: summaryLater, Fault: acctest.Fault502, Op: op{Setup: plain, Target: public}, MayFail: false},
		{Call: remove, Fault: acctest.FaultDropAfter, Op: op{Setup: plain}, MayFail: false},
		{Call: remove, Fault: acctest.FaultDown503, Op: op{Setup: plain}, MayFail: true},
	})
}

type faultDeployment struct {
	Bundle  string
	Enabled bool
}

func TestAccFaultsProjectDeploymentConverge(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	var (
		create = acctest.FaultCall{Name: "create", Method: "POST", Path: `/project-deployer/deployments$`}
		update = acctest.FaultCall{Name: "update", Method: "POST", Path: `/project-deployer/deployments/%s-d/actions/update$`}
		status = acctest.FaultCall{Name: "status", Method: "GET", Path: `/project-deployer/deployments/%s-d/status$`}
		remove = acctest.FaultCall{Name: "delete", Method: "DELETE", Path: `/project-deployer/deployments/%s-d$`}
	)
	v1 := &faultDeployment{Bundle: "v1", Enabled: true}
	v2 := &faultDeployment{Bundle: "v2", Enabled: true}
	type op = acctest.FaultOp[faultDeployment]
	var mu sync.Mutex
	autos := map[string]*dss.Client{}
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[faultDeployment]{
		What:       "project deployment",
		Name:       func(i int) string { return fmt.Sprintf("FLTDEP%02d", i) },
		ClearError: regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_project_deployment "FLTDEP[0-9]+-d"`),
		Secrets:    []string{testAutomationKey},
		Prepare: func(t *testing.T, key string) {
			node, auto := testAutomationNode(t)
			mu.Lock()
			autos[key] = auto
			mu.Unlock()
			c := acctest.ProjectOutside(t, key, "Deployment faults")
			testCleanupPublished(t, key)
			ctx := acctest.Ctx(t)
			for _, step := range []func() error{
				func() error { return c.ExportBundle(ctx, key, "v1", "") },
				func() error { return c.PublishBundle(ctx, key, "v1", "") },
				func() error { return c.ExportBundle(ctx, key, "v2", "") },
				func() error { return c.PublishBundle(ctx, key, "v2", "") },
				func() error { return c.CreateInfra(ctx, "infra-"+key, "Production", "") },
				func() error {
					_, _, err := dss.InfraSettingsDoc("infra-"+key).Update(ctx, c, func(s *dss.InfraSettings) error {
						s.AutomationNodeURL, s.AdminAPIKey = node.URL(), testAutomationKey
						return nil
					})
					return err
				},
			} {
				if err := step(); err != nil {
					t.Fatal(err)
				}
			}
			// After the case (cleanups run last first): whatever the case
			// left, then the infrastructure.
			t.Cleanup(func() { _ = c.Delete(acctest.Ctx(t), dss.InfraPath("infra-"+key), nil, nil) })
			t.Cleanup(func() {
				id := key + "-d"
				if _, err := dss.DeploymentSettingsDoc(id).Get(acctest.Ctx(t), c); dss.IsNotFound(err) {
					return
				}
				_, _, _ = dss.DeploymentSettingsDoc(id).Update(acctest.Ctx(t), c, func(s *dss.DeploymentSettings) error {
					off := false
					s.Enabled = &off
					return nil
				})
				_ = c.UpdateDeployment(acctest.Ctx(t), id)
				_ = c.Delete(acctest.Ctx(t), dss.DeploymentPath(id), nil, nil)
			})
		},
		HCL: func(key string, d *faultDeployment) string {
			return fmt.Sprintf(`
resource "dataiku_project_deployment" "d" {
  deployment_id         = "%[1]s-d"
  published_project_key = %[1]q
  infra_id              = "infra-%[1]s"
  bundle_id             = %[2]q
  enabled               = %[3]t
  connection_remappings = {}
}
`, key, d.Bundle, d.Enabled)
		},
		Holds: func(t *testing.T, key, _ string, want *faultDeployment) {
			id := key + "-d"
			s, err := dss.DeploymentSettingsDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
			if want == nil {
				if !dss.IsNotFound(err) {
					t.Errorf("deployment %s after the destroy: %v", id, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			st, err := acctest.Client(t).GetDeploymentStatus(acctest.Ctx(t), id)
			if err != nil {
				t.Fatal(err)
			}
			if s.BundleID != want.Bundle || st.Health != "HEALTHY" || st.DeployedBundleID != want.Bundle {
				t.Errorf("deployment %s: bundle %s, health %s, deployed %s; want %s deployed and healthy", id, s.BundleID, st.Health, st.DeployedBundleID, want.Bundle)
			}
			// The automation node holds the bundle, activated.
			mu.Lock()
			auto := autos[key]
			mu.Unlock()
			list, err := auto.ListImportedBundles(acctest.Ctx(t), key)
			if err != nil {
				t.Fatal(err)
			}
			var active []string
			for _, b := range list {
				if b.Activated != nil && *b.Activated {
					active = append(active, b.BundleID)
				}
			}
			sort.Strings(active)
			if strings.Join(active, ",") != want.Bundle {
				t.Errorf("automation node: active bundles %v, want %s", active, want.Bundle)
			}
		},
	}, []acctest.FaultRow[faultDeployment]{
		{Call: create, Fault: acctest.FaultDropAfter, Op: op{Target: v1, Creates: []string{"POST /public/api/project-deployer/deployments"}}, MayFail: false},
		{Call: create, Fault: acctest.Fault503, Op: op{Target: v1}, MayFail: false},
		// A lost answer to the update: the apply fails (its outcome is
		// unknown) and the next one runs the update again.
		{Call: update, Fault: acctest.Fault502After, Op: op{Setup: v1, Target: v2}, MayFail: true},
		{Call: update, Fault: acctest.FaultDropAfter, Op: op{Target: v1}, MayFail: true},
		{Call: update, Fault: acctest.FaultSlow, Op: op{Setup: v1, Target: v2}, MayFail: true},
		{Call: status, Fault: acctest.FaultDrop, Op: op{Setup: v1, Target: v1}, MayFail: false},
		{Call: remove, Fault: acctest.FaultDropAfter, Op: op{Setup: v1}, MayFail: false},
		{Call: remove, Fault: acctest.FaultDown503, Op: op{Setup: v1}, MayFail: true},
	})
}

// faultAPIInfra is a STATIC API Deployer infrastructure of one node
// (nodeA): its prefix, its key and the key's version.
type faultAPIInfra struct {
	Prefix, Key string
	Version     int
}

// The API Deployer infrastructure's own calls: its creation (a lost answer
// is found, never posted twice), its settings write (the node's key
// reaches DSS, a rotation that failed is sent again) and its delete.
func TestAccFaultsAPIDeployerInfraConverge(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	var (
		create   = acctest.FaultCall{Name: "create", Method: "POST", Path: `/api-deployer/infras$`}
		settings = acctest.FaultCall{Name: "settings", Method: "PUT", Path: `/api-deployer/infras/%s/settings$`}
		remove   = acctest.FaultCall{Name: "delete", Method: "DELETE", Path: `/api-deployer/infras/%s$`}
	)
	v1 := &faultAPIInfra{Prefix: "p1", Key: "fault-node-key-1", Version: 1}
	v2 := &faultAPIInfra{Prefix: "p1", Key: "fault-node-key-2", Version: 2}
	type op = acctest.FaultOp[faultAPIInfra]
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[faultAPIInfra]{
		What:       "API deployer infrastructure",
		Name:       func(i int) string { return fmt.Sprintf("FLTAPI%02d", i) },
		ClearError: regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_api_deployer_infra "FLTAPI\d+"`),
		Secrets:    []string{v1.Key, v2.Key},
		HCL: func(id string, c *faultAPIInfra) string {
			return fmt.Sprintf(`
resource "dataiku_api_deployer_infra" "i" {
  id                       = %q
  stage                    = "Production"
  type                     = "STATIC"
  api_nodes                = [{ url = %q, graphite_prefix = %q }]
  api_node_keys_wo         = { %q = %q }
  api_node_keys_wo_version = %d
}
`, id, nodeA, c.Prefix, nodeA, c.Key, c.Version)
		},
		Holds: func(t *testing.T, id, _ string, want *faultAPIInfra) {
			if want == nil {
				if err := acctest.Client(t).Get(acctest.Ctx(t), dss.APIInfraSettingsDoc(id).Path(), nil, nil); !dss.IsNotFound(err) {
					t.Errorf("infra %s after its destroy: %v", id, err)
				}
				return
			}
			if err := testAPIInfraHolds(t, id, "STATIC", "NO_CHECK", "", heldNode{nodeA, want.Prefix, want.Key})(nil); err != nil {
				t.Error(err)
			}
		},
	}, []acctest.FaultRow[faultAPIInfra]{
		{Call: create, Fault: acctest.FaultDropAfter, Op: op{Target: v1, Creates: []string{"POST /public/api/api-deployer/infras"}}, MayFail: false},
		{Call: create, Fault: acctest.FaultDown503, Op: op{Target: v1}, MayFail: true},
		{Call: settings, Fault: acctest.Fault502After, Op: op{Target: v1}, MayFail: false},
		// A rotation whose write failed: the next apply sends the key again.
		{Call: settings, Fault: acctest.FaultDown503, Op: op{Setup: v1, Target: v2}, MayFail: true},
		{Call: remove, Fault: acctest.FaultDropAfter, Op: op{Setup: v1}, MayFail: false},
	})
}
