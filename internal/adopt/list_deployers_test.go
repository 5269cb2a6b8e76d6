package adopt

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
)

// deployerLister is a lister of the deployers' kinds on an emulator
// started with opts, through key.
func deployerLister(t *testing.T, opts emulator.Options, key string) (*lister, *emulator.Running) {
	t.Helper()
	run, err := emulator.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(run.Close)
	c, err := dss.NewClient(dss.Config{Host: run.URL(), APIKey: key, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.AuthInfo(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, d := range deployers {
		for _, k := range d.kinds {
			kinds[k.kind] = true
		}
	}
	return &lister{c: c, apiKey: key, info: info, kinds: kinds, inFlight: make(chan struct{}, maxInFlight)}, run
}

// TestListDeployers: on a design node the deployers' objects are listed
// by their import ids, an infrastructure with the note saying which
// write-only attribute holds its admin key; on a node without deployers
// (the emulator's automation node, whose routes do not exist) the run
// goes on without them and says so; a key refused the deployer is "not
// visible", as for other kinds; an unreachable DSS is an error.
func TestListDeployers(t *testing.T) {
	const admin = "deployers-admin-key"
	ctx := context.Background()

	l, _ := deployerLister(t, emulator.Options{AdminKey: admin}, admin)
	if err := l.c.CreateInfra(ctx, "prod", "Production", "NO_CHECK"); err != nil {
		t.Fatal(err)
	}
	if err := l.c.CreatePublishedProject(ctx, "SALES"); err != nil {
		t.Fatal(err)
	}
	if err := l.c.CreateAPIInfra(ctx, dss.APIInfraCreate{ID: "api-prod", Stage: "Production", Type: "STATIC"}); err != nil {
		t.Fatal(err)
	}
	if err := l.c.CreatePublishedAPIService(ctx, "churn"); err != nil {
		t.Fatal(err)
	}
	if err := l.run(ctx); err != nil {
		t.Fatal(err)
	}
	got := map[string]*object{}
	for _, o := range l.objects {
		got[o.Kind+" "+o.ID] = o
	}
	for _, want := range []string{names.KindProjectDeployerInfra + " prod", names.KindPublishedProject + " SALES",
		names.KindAPIDeployerInfra + " api-prod", names.KindPublishedAPIService + " churn"} {
		if got[want] == nil {
			t.Errorf("%s is not listed: %v", want, got)
		}
	}
	if o := got[names.KindProjectDeployerInfra+" prod"]; o != nil && !strings.HasPrefix(o.WriteOnly, "api_key_wo and api_key_wo_version (") {
		t.Errorf("the infrastructure's write-only note: %q", o.WriteOnly)
	}
	if o := got[names.KindAPIDeployerInfra+" api-prod"]; o != nil && !strings.HasPrefix(o.WriteOnly, "api_node_keys_wo and api_node_keys_wo_version (") {
		t.Errorf("the API infrastructure's write-only note: %q", o.WriteOnly)
	}
	if len(l.noDeployer) != 0 || len(l.notVisible) != 0 {
		t.Errorf("a design node's deployers reported missing: %q %q", l.noDeployer, l.notVisible)
	}

	// An automation node runs no deployer.
	auto, run := deployerLister(t, emulator.Options{AdminKey: admin, NodeType: emulator.NodeAutomation}, admin)
	before := run.Server.Stats().Requests
	if err := auto.run(ctx); err != nil {
		t.Fatalf("a node without deployers fails the listing: %v", err)
	}
	if len(auto.objects) != 0 || len(auto.notVisible) != 0 || len(auto.noDeployer) != 2 ||
		!strings.HasPrefix(auto.noDeployer[0], "no Project Deployer on this node") || !strings.HasPrefix(auto.noDeployer[1], "no API Deployer on this node") {
		t.Errorf("automation node: objects %v, not visible %q, no deployer %q", auto.objects, auto.notVisible, auto.noDeployer)
	}
	// One request per deployer: its first list tells.
	if n := run.Server.Stats().Requests - before; n != 2 {
		t.Errorf("the listing of a node without deployers sent %d requests, want 2", n)
	}

	// A key refused the deployer (not an administrator of it): not
	// visible, not "no deployer".
	const bobKey = "deployers-bob-key"
	bob, _ := deployerLister(t, emulator.Options{AdminKey: admin, UserKeys: []emulator.UserKey{{Login: "bob", Key: bobKey}}}, bobKey)
	if err := bob.run(ctx); err != nil {
		t.Fatalf("a key refused the deployer fails the listing: %v", err)
	}
	if len(bob.noDeployer) != 0 || len(bob.notVisible) != 6 || !strings.Contains(bob.notVisible[0], "Project Deployer infrastructures") {
		t.Errorf("a key refused the deployer: no deployer %q, not visible %q", bob.noDeployer, bob.notVisible)
	}

	// DSS unreachable: an error, never "no deployer".
	gone, run := deployerLister(t, emulator.Options{AdminKey: admin}, admin)
	run.Close()
	if err := gone.listDeployer(ctx, deployers[0]); err == nil || len(gone.noDeployer) != 0 {
		t.Errorf("an unreachable DSS: err %v, no deployer %q", err, gone.noDeployer)
	}
}

// TestRewriteReferencesDeployers: a deployment names its infrastructure
// and what it deploys by references to the adopted resources; a published
// project's key is not a design project's reference.
func TestRewriteReferencesDeployers(t *testing.T) {
	got, _ := rewritten(t, `
import {
  to = dataiku_project.sales
  id = "SALES"
}
import {
  to = dataiku_project_deployer_infra.prod
  id = "prod"
}
import {
  to = dataiku_published_project.sales
  id = "SALES"
}
import {
  to = dataiku_api_deployer_infra.api_prod
  id = "api-prod"
}
import {
  to = dataiku_published_api_service.churn
  id = "churn"
}
`, `
resource "dataiku_published_project" "sales" {
  project_key = "SALES"
}
resource "dataiku_project_deployment" "d" {
  deployment_id         = "sales-prod"
  infra_id              = "prod"
  published_project_key = "SALES"
  bundle_id             = "v1"
  deployed_project_key  = "SALES"
}
resource "dataiku_project_deployment" "other" {
  deployment_id         = "x"
  infra_id              = "staging"
  published_project_key = "MKT"
}
resource "dataiku_api_deployment" "a" {
  id         = "churn-prod"
  infra_id   = "api-prod"
  service_id = "churn"
  version    = "v1"
}
`)
	expectGenerated(t, got,
		"resource \"dataiku_published_project\" \"sales\" {\n  project_key = \"SALES\"\n",
		"infra_id              = dataiku_project_deployer_infra.prod.id",
		"published_project_key = dataiku_published_project.sales.project_key",
		`bundle_id             = "v1"`,
		`deployed_project_key  = "SALES"`,
		`infra_id              = "staging"`,
		`published_project_key = "MKT"`,
		"infra_id   = dataiku_api_deployer_infra.api_prod.id",
		"service_id = dataiku_published_api_service.churn.service_id",
	)
}

// TestAdoptWithoutDeployerSaysSo: the command run on an automation node
// adopts the rest, exits 0 and says on stderr which deployers it found
// missing.
func TestAdoptWithoutDeployerSaysSo(t *testing.T) {
	const admin = "no-deployer-admin-key"
	run, err := emulator.Start(emulator.Options{AdminKey: admin, NodeType: emulator.NodeAutomation})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(run.Close)
	t.Setenv("HOME", t.TempDir())
	t.Setenv("DATAIKU_HOST", run.URL())
	t.Setenv("DATAIKU_API_KEY", admin)
	t.Setenv("DKU_DSS_URL", "")
	t.Setenv("DKU_API_KEY", "")
	dir := t.TempDir()
	var stdout, stderr strings.Builder
	if code := Run(t.Context(), []string{"--out", dir, "--generate=false"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	for _, want := range []string{"dss-adopt: no Project Deployer on this node", "dss-adopt: no API Deployer on this node"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if imports, err := os.ReadFile(filepath.Join(dir, importsFile)); err != nil || !strings.Contains(string(imports), "dataiku_connection.uploads") {
		t.Errorf("the rest is not adopted (%v):\n%s", err, imports)
	}
}
