package provider

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// The fault matrices of bundles and deployments: the export, the publish,
// the deployment's creation, settings write, update and delete each meet
// a dropped answer, a 5xx or a timeout; whatever the faulty apply does,
// the next one converges with an empty plan and DSS holds the configured
// bundle or deployment, never two, never one recorded as deployed when it
// is not.

type faultBundle struct {
	ID      string
	Publish bool
}

func TestAccFaultsProjectBundleConverge(t *testing.T) {
	testAccParallel(t)
	testAccPreCheck(t)
	requireEmulator(t)
	var (
		export  = faultCall{"export", "PUT", `/projects/%s/bundles/exported/v1$`}
		publish = faultCall{"publish", "POST", `/projects/%s/bundles/v1/publish$`}
		list    = faultCall{"list", "GET", `/projects/%s/bundles/exported$`}
		remove  = faultCall{"delete", "DELETE", `/projects/%s/bundles/exported/v1$`}
	)
	plain := &faultBundle{ID: "v1"}
	published := &faultBundle{ID: "v1", Publish: true}
	type op = faultOp[faultBundle]
	publishRoute := "POST /public/api/projects/{projectKey}/bundles/{bundleId}/publish"
	runFaultMatrix(t, faultMatrix[faultBundle]{
		what:       "project bundle",
		name:       func(i int) string { return fmt.Sprintf("FLTBUN%02d", i) },
		clearError: regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_project_bundle "[A-Za-z0-9_]+\.v1"`),
		prepare: func(t *testing.T, key string) {
			testProjectOutside(t, key, "Bundle faults")
			testCleanupPublished(t, key)
		},
		hcl: func(key string, b *faultBundle) string {
			return fmt.Sprintf("\nresource \"dataiku_project_bundle\" \"b\" {\n  project_key = %q\n  bundle_id   = %q\n  publish     = %t\n}\n", key, b.ID, b.Publish)
		},
		holds: func(t *testing.T, key, _ string, want *faultBundle) {
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
	}, []faultRow[faultBundle]{
		// A lost answer to the export: the client sends the PUT again,
		// DSS refuses the id it just exported, and the provider finds the
		// bundle it made.
		{export, faultDropAfter, op{target: plain}, false},
		{export, fault502After, op{target: published, creates: []string{publishRoute}}, false},
		{export, faultDown503, op{target: plain}, true},
		{export, faultSlow, op{target: plain}, false},
		// A lost answer to the publish is checked, never replayed blindly.
		{publish, faultDropAfter, op{target: published, creates: []string{publishRoute}}, false},
		{publish, fault502, op{setup: plain, target: published}, false},
		{list, faultDrop, op{setup: published, target: published}, false},
		{list, fault502, op{setup: plain, target: published}, false},
		{remove, faultDropAfter, op{setup: plain}, false},
		{remove, faultDown503, op{setup: plain}, true},
	})
}

type faultDeployment struct {
	Bundle  string
	Enabled bool
}

func TestAccFaultsProjectDeploymentConverge(t *testing.T) {
	testAccParallelOnEmulator(t)
	testAccPreCheck(t)
	requireEmulator(t)
	var (
		create   = faultCall{"create", "POST", `/project-deployer/deployments$`}
		settings = faultCall{"write settings", "PUT", `/project-deployer/deployments/%s-d/settings$`}
		update   = faultCall{"update", "POST", `/project-deployer/deployments/%s-d/actions/update$`}
		status   = faultCall{"status", "GET", `/project-deployer/deployments/%s-d/status$`}
		remove   = faultCall{"delete", "DELETE", `/project-deployer/deployments/%s-d$`}
	)
	v1 := &faultDeployment{Bundle: "v1", Enabled: true}
	v2 := &faultDeployment{Bundle: "v2", Enabled: true}
	type op = faultOp[faultDeployment]
	var mu sync.Mutex
	autos := map[string]*dss.Client{}
	runFaultMatrix(t, faultMatrix[faultDeployment]{
		what:       "project deployment",
		name:       func(i int) string { return fmt.Sprintf("FLTDEP%02d", i) },
		clearError: regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_project_deployment "FLTDEP[0-9]+-d"`),
		secrets:    []string{testAutomationKey},
		prepare: func(t *testing.T, key string) {
			node, auto := testAutomationNode(t)
			mu.Lock()
			autos[key] = auto
			mu.Unlock()
			c := testProjectOutside(t, key, "Deployment faults")
			testCleanupPublished(t, key)
			ctx := testCtx(t)
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
			t.Cleanup(func() { _ = c.Delete(testCtx(t), dss.InfraPath("infra-"+key), nil, nil) })
			t.Cleanup(func() {
				id := key + "-d"
				if _, err := dss.DeploymentSettingsDoc(id).Get(testCtx(t), c); dss.IsNotFound(err) {
					return
				}
				_, _, _ = dss.DeploymentSettingsDoc(id).Update(testCtx(t), c, func(s *dss.DeploymentSettings) error {
					off := false
					s.Enabled = &off
					return nil
				})
				_ = c.UpdateDeployment(testCtx(t), id)
				_ = c.Delete(testCtx(t), dss.DeploymentPath(id), nil, nil)
			})
		},
		hcl: func(key string, d *faultDeployment) string {
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
		holds: func(t *testing.T, key, _ string, want *faultDeployment) {
			id := key + "-d"
			s, err := dss.DeploymentSettingsDoc(id).Get(testCtx(t), testClient(t))
			if want == nil {
				if !dss.IsNotFound(err) {
					t.Errorf("deployment %s after the destroy: %v", id, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			st, err := testClient(t).GetDeploymentStatus(testCtx(t), id)
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
			list, err := auto.ListImportedBundles(testCtx(t), key)
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
	}, []faultRow[faultDeployment]{
		{create, faultDropAfter, op{target: v1, creates: []string{"POST /public/api/project-deployer/deployments"}}, false},
		{create, fault503, op{target: v1}, false},
		{settings, faultDropAfter, op{setup: v1, target: v2}, false},
		{settings, faultDown503, op{setup: v1, target: v2}, true},
		// A lost answer to the update: the apply fails (its outcome is
		// unknown) and the next one runs the update again.
		{update, fault502After, op{setup: v1, target: v2}, true},
		{update, faultDropAfter, op{target: v1}, true},
		{update, faultSlow, op{setup: v1, target: v2}, true},
		{status, faultDrop, op{setup: v1, target: v1}, false},
		{remove, faultDropAfter, op{setup: v1}, false},
		{remove, faultDown503, op{setup: v1}, true},
	})
}
