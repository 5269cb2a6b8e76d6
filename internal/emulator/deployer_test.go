package emulator

import (
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
)

const (
	autoAdmin = "auto-admin-secret"
)

// twoNodes starts a design node with a pg_dev connection and an automation
// node with pg_prod instead.
func twoNodes(t *testing.T) (design, auto string) {
	t.Helper()
	d := testOpts()
	d.Connections = append(append([]Connection{}, DefaultConnections...), Connection{Name: "pg_dev", Type: "PostgreSQL", AllowManaged: true})
	a := Options{AdminKey: autoAdmin, NodeType: NodeAutomation, checkTracking: true,
		Connections: append(append([]Connection{}, DefaultConnections...), Connection{Name: "pg_prod", Type: "PostgreSQL", AllowManaged: true})}
	return startTest(t, d).URL(), startTest(t, a).URL()
}

// designProject creates SHOP with a dataset on pg_dev and a variable.
func designProject(t *testing.T, u string) {
	t.Helper()
	expectOK(t, createProject(t, u, "SHOP", testAdmin, nil))
	ds := map[string]any{"projectKey": "SHOP", "name": "orders", "type": "PostgreSQL",
		"params": map[string]any{"connection": "pg_dev", "table": "orders"}}
	expectOK(t, call(t, u, "POST", api+"/projects/SHOP/datasets/", testAdmin, ds))
	expectOK(t, call(t, u, "PUT", api+"/projects/SHOP/variables", testAdmin,
		map[string]any{"standard": map[string]any{"env": "dev"}, "local": map[string]any{}}))
}

// updateDeployment runs the update and returns its report (the future's
// result, which the emulator has at once).
func updateDeployment(t *testing.T, u, id string) map[string]any {
	t.Helper()
	r := call(t, u, "POST", api+"/project-deployer/deployments/"+id+"/actions/update", testAdmin, nil)
	expectOK(t, r)
	job, _ := r.obj()["jobId"].(string)
	f := call(t, u, "GET", api+"/futures/"+job+"?peek=false", testAdmin, nil).obj()
	if f["hasResult"] != true {
		t.Fatalf("update future %v", f)
	}
	return f["result"].(map[string]any)
}

func health(t *testing.T, u, id string) string {
	t.Helper()
	h, _ := call(t, u, "GET", api+"/project-deployer/deployments/"+id+"/status", testAdmin, nil).obj()["health"].(string)
	return h
}

func TestBundleIsASnapshot(t *testing.T) {
	u, _ := twoNodes(t)
	designProject(t, u)
	expectOK(t, call(t, u, "POST", api+"/projects/SHOP/streamingendpoints/", testAdmin,
		map[string]any{"id": "orders_stream", "projectKey": "SHOP", "type": "kafka", "params": map[string]any{"topic": "orders"}}))
	expectOK(t, call(t, u, "PUT", api+"/projects/SHOP/bundles/exported/v1.0", testAdmin, nil))
	// A second export under the same id is refused; so is a blank id (any
	// other is DSS's to judge: TestExportBundleAnyID).
	expectError(t, call(t, u, "PUT", api+"/projects/SHOP/bundles/exported/v1.0", testAdmin, nil), StatusDuplicate, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "PUT", api+"/projects/SHOP/bundles/exported/%20", testAdmin, nil), StatusIllegalArgument, ErrTypeIllegalArgument)
	// A change after the export does not reach the bundle.
	ds := map[string]any{"projectKey": "SHOP", "name": "late", "type": "PostgreSQL", "params": map[string]any{"connection": "pg_dev"}}
	expectOK(t, call(t, u, "POST", api+"/projects/SHOP/datasets/", testAdmin, ds))
	arch := call(t, u, "GET", api+"/projects/SHOP/bundles/exported/v1.0/archive", testAdmin, nil).obj()
	dsets, _ := deepGet(arch, "project", "datasets").(map[string]any)
	if _, ok := dsets["orders"]; !ok || len(dsets) != 1 {
		t.Fatalf("bundle datasets %v, want orders only", dsets)
	}
	// The Flow's streaming endpoints are in the snapshot too.
	if ses, _ := deepGet(arch, "project", "streamingEndpoints").(map[string]any); ses["orders_stream"] == nil {
		t.Fatalf("bundle streaming endpoints %v", ses)
	}
	list := call(t, u, "GET", api+"/projects/SHOP/bundles/exported", testAdmin, nil).obj()["bundles"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["bundleId"] != "v1.0" || list[0].(map[string]any)["project"] != nil {
		t.Fatalf("list %v", list)
	}
	// A non-admin without rights on the project cannot export.
	expectError(t, call(t, u, "PUT", api+"/projects/SHOP/bundles/exported/v2", testBob, nil), 403, ErrTypeUnauthorized)
	expectOK(t, call(t, u, "DELETE", api+"/projects/SHOP/bundles/exported/v1.0", testAdmin, nil))
	expectError(t, call(t, u, "DELETE", api+"/projects/SHOP/bundles/exported/v1.0", testAdmin, nil), 404, ErrTypeNotFound)
}

func TestNodeTypesServeTheirRoutes(t *testing.T) {
	u, a := twoNodes(t)
	if call(t, a, "GET", api+"/instance-info", autoAdmin, nil).obj()["nodeType"] != NodeAutomation ||
		call(t, u, "GET", api+"/instance-info", testAdmin, nil).obj()["nodeType"] != NodeDesign {
		t.Fatal("instance-info nodeType")
	}
	expectError(t, call(t, a, "GET", api+"/project-deployer/infras", autoAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "POST", api+"/projectsFromBundle", testAdmin, map[string]any{}), 404, ErrTypeNotFound)
	if _, err := New(Options{AdminKey: "x", NodeType: "DEPLOYER"}); err == nil {
		t.Fatal("an unknown node type is accepted")
	}
}

func TestPromotionThroughTheDeployer(t *testing.T) {
	u, a := twoNodes(t)
	designProject(t, u)
	// A second dataset on pg_dev: a failed activation names both.
	expectOK(t, call(t, u, "POST", api+"/projects/SHOP/datasets/", testAdmin, map[string]any{"projectKey": "SHOP", "name": "customers", "type": "PostgreSQL",
		"params": map[string]any{"connection": "pg_dev", "table": "customers"}}))
	expectOK(t, call(t, u, "PUT", api+"/projects/SHOP/bundles/exported/v1", testAdmin, nil))
	pub := call(t, u, "POST", api+"/projects/SHOP/bundles/v1/publish", testAdmin, nil)
	expectOK(t, pub)
	if pub.obj()["publishedProjectKey"] != "SHOP" {
		t.Fatalf("publish %s", pub.raw)
	}
	expectError(t, call(t, u, "POST", api+"/projects/SHOP/bundles/v1/publish", testAdmin, nil), StatusDuplicate, ErrTypeIllegalArgument)

	// Non-admins are refused the deployer.
	expectError(t, call(t, u, "GET", api+"/project-deployer/infras", testBob, nil), 403, ErrTypeUnauthorized)

	expectError(t, call(t, u, "POST", api+"/project-deployer/infras", testAdmin,
		map[string]any{"id": "prod", "stage": "Nowhere"}), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectOK(t, call(t, u, "POST", api+"/project-deployer/infras", testAdmin, map[string]any{"id": "prod", "stage": "Production"}))
	set := call(t, u, "GET", api+"/project-deployer/infras/prod/settings", testAdmin, nil).obj()
	set["automationNodeUrl"], set["adminApiKey"] = a, autoAdmin
	expectOK(t, call(t, u, "PUT", api+"/project-deployer/infras/prod/settings", testAdmin, set))

	expectOK(t, call(t, u, "POST", api+"/project-deployer/deployments", testAdmin, map[string]any{
		"deploymentId": "shop-prod", "publishedProjectKey": "SHOP", "infraId": "prod", "bundleId": "v1", "deployedProjectKey": "SHOP_PROD"}))
	if h := health(t, u, "shop-prod"); h != "UNKNOWN" {
		t.Fatalf("health before update %s", h)
	}

	// Without a remapping, pg_dev does not exist on the automation node:
	// the update fails with the activation's message, naming every object
	// on a missing connection.
	rep := updateDeployment(t, u, "shop-prod")
	if rep["status"] != "FAILED" || deepGet(rep, "messages", "error") != true ||
		!strings.Contains(rep["error"].(string), "dataset customers uses connection pg_dev, which does not exist on this node; dataset orders uses connection pg_dev") {
		t.Fatalf("report %v", rep)
	}
	if h := health(t, u, "shop-prod"); h != "ERROR" {
		t.Fatalf("health after failed update %s", h)
	}

	ds := call(t, u, "GET", api+"/project-deployer/deployments/shop-prod/settings", testAdmin, nil).obj()
	ds["bundleContainerSettings"].(map[string]any)["remapping"].(map[string]any)["connections"] =
		[]any{map[string]any{"source": "pg_dev", "target": "pg_prod"}}
	ds["localVariables"] = map[string]any{"tier": "gold"}
	expectOK(t, call(t, u, "PUT", api+"/project-deployer/deployments/shop-prod/settings", testAdmin, ds))
	bad := copyDoc(ds)
	bad["bundleContainerSettings"].(map[string]any)["remapping"].(map[string]any)["connections"] =
		[]any{map[string]any{"source": "pg_dev", "target": ""}}
	expectError(t, call(t, u, "PUT", api+"/project-deployer/deployments/shop-prod/settings", testAdmin, bad), StatusIllegalArgument, ErrTypeIllegalArgument)

	rep = updateDeployment(t, u, "shop-prod")
	if rep["status"] != "SUCCESS" {
		t.Fatalf("report %v", rep)
	}
	if h := health(t, u, "shop-prod"); h != "HEALTHY" {
		t.Fatalf("health after update %s", h)
	}
	// The automation node holds the deployed project, remapped.
	got := call(t, a, "GET", api+"/projects/SHOP_PROD/datasets/orders", autoAdmin, nil)
	expectOK(t, got)
	if c := deepGet(got.obj(), "params", "connection"); c != "pg_prod" {
		t.Fatalf("deployed dataset connection %v", c)
	}
	vars := call(t, a, "GET", api+"/projects/SHOP_PROD/variables", autoAdmin, nil).obj()
	if deepGet(vars, "standard", "env") != "dev" || deepGet(vars, "local", "tier") != "gold" {
		t.Fatalf("deployed variables %v", vars)
	}
	if st := call(t, u, "GET", api+"/project-deployer/deployments/shop-prod/status", testAdmin, nil).obj(); st["deployedBundleId"] != "v1" {
		t.Fatalf("status %v", st)
	}

	// A new bundle: the deployment moves to it in place.
	ds2 := map[string]any{"projectKey": "SHOP", "name": "returns", "type": "PostgreSQL", "params": map[string]any{"connection": "pg_dev"}}
	expectOK(t, call(t, u, "POST", api+"/projects/SHOP/datasets/", testAdmin, ds2))
	expectOK(t, call(t, u, "PUT", api+"/projects/SHOP/bundles/exported/v2", testAdmin, nil))
	expectOK(t, call(t, u, "POST", api+"/projects/SHOP/bundles/v2/publish", testAdmin, nil))
	ds = call(t, u, "GET", api+"/project-deployer/deployments/shop-prod/settings", testAdmin, nil).obj()
	ds["bundleId"] = "v2"
	expectOK(t, call(t, u, "PUT", api+"/project-deployer/deployments/shop-prod/settings", testAdmin, ds))
	if h := health(t, u, "shop-prod"); h != "OUT_OF_SYNC" {
		t.Fatalf("health after a settings change %s", h)
	}
	if rep = updateDeployment(t, u, "shop-prod"); rep["status"] != "SUCCESS" {
		t.Fatalf("report %v", rep)
	}
	expectOK(t, call(t, a, "GET", api+"/projects/SHOP_PROD/datasets/returns", autoAdmin, nil))
	imp := call(t, a, "GET", api+"/projects/SHOP_PROD/bundles/imported", autoAdmin, nil).obj()["bundles"].([]any)
	if len(imp) != 2 || imp[1].(map[string]any)["activated"] != true {
		t.Fatalf("imported bundles %v", imp)
	}

	// Deleting needs disabled + updated.
	expectError(t, call(t, u, "DELETE", api+"/project-deployer/deployments/shop-prod", testAdmin, nil), StatusIllegalArgument, ErrTypeIllegalArgument)
	expectError(t, call(t, u, "DELETE", api+"/project-deployer/infras/prod", testAdmin, nil), StatusIllegalArgument, ErrTypeIllegalArgument)
	ds["enabled"] = false
	expectOK(t, call(t, u, "PUT", api+"/project-deployer/deployments/shop-prod/settings", testAdmin, ds))
	expectError(t, call(t, u, "DELETE", api+"/project-deployer/deployments/shop-prod", testAdmin, nil), StatusIllegalArgument, ErrTypeIllegalArgument)
	if rep = updateDeployment(t, u, "shop-prod"); rep["status"] != "SUCCESS" {
		t.Fatalf("report %v", rep)
	}
	expectOK(t, call(t, u, "DELETE", api+"/project-deployer/deployments/shop-prod", testAdmin, nil))
	expectOK(t, call(t, u, "DELETE", api+"/project-deployer/infras/prod", testAdmin, nil))
	expectOK(t, call(t, u, "DELETE", api+"/project-deployer/projects/SHOP", testAdmin, nil))
}

func TestDeploymentUpdateUnreachableNode(t *testing.T) {
	u, a := twoNodes(t)
	designProject(t, u)
	expectOK(t, call(t, u, "PUT", api+"/projects/SHOP/bundles/exported/v1", testAdmin, nil))
	expectOK(t, call(t, u, "POST", api+"/projects/SHOP/bundles/v1/publish", testAdmin, nil))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	ln.Close()
	expectOK(t, call(t, u, "POST", api+"/project-deployer/infras", testAdmin, map[string]any{"id": "prod", "stage": "Production"}))
	expectOK(t, call(t, u, "PUT", api+"/project-deployer/infras/prod/settings", testAdmin,
		map[string]any{"automationNodeUrl": dead, "adminApiKey": "k", "governCheckPolicy": "NO_CHECK"}))
	expectOK(t, call(t, u, "POST", api+"/project-deployer/deployments", testAdmin, map[string]any{
		"deploymentId": "d", "publishedProjectKey": "SHOP", "infraId": "prod", "bundleId": "v1"}))
	rep := updateDeployment(t, u, "d")
	if rep["status"] != "FAILED" || !strings.Contains(rep["error"].(string), "cannot be reached") {
		t.Fatalf("report %v", rep)
	}
	if h := health(t, u, "d"); h != "ERROR" {
		t.Fatalf("health %s", h)
	}
	// A wrong key is the automation node's 401, quoted.
	expectOK(t, call(t, u, "PUT", api+"/project-deployer/infras/prod/settings", testAdmin,
		map[string]any{"automationNodeUrl": a, "adminApiKey": "wrong"}))
	rep = updateDeployment(t, u, "d")
	if rep["status"] != "FAILED" || !strings.Contains(rep["error"].(string), "HTTP 401") {
		t.Fatalf("report %v", rep)
	}
	expectError(t, call(t, u, "PUT", api+"/project-deployer/infras/prod/settings", testAdmin,
		map[string]any{"automationNodeUrl": a, "governCheckPolicy": "SOMETIMES"}), StatusIllegalArgument, ErrTypeIllegalArgument)
	// [I] A URL that is not http(s) is kept as written; deploying there
	// fails, saying why.
	expectOK(t, call(t, u, "PUT", api+"/project-deployer/infras/prod/settings", testAdmin,
		map[string]any{"automationNodeUrl": "automation-node:11200", "adminApiKey": "k"}))
	if got := call(t, u, "GET", api+"/project-deployer/infras/prod/settings", testAdmin, nil).obj()["automationNodeUrl"]; got != "automation-node:11200" {
		t.Fatalf("automationNodeUrl %v", got)
	}
	rep = updateDeployment(t, u, "d")
	if rep["status"] != "FAILED" || !strings.Contains(rep["error"].(string), `"automation-node:11200", not an http(s) URL`) {
		t.Fatalf("report %v", rep)
	}
}

// TestExportBundleAnyID: a bundle id outside the usual version-like
// words ("v 1", "_r1+hotfix") is exported and listed: nothing documents a
// rule DSS applies to bundle ids, so the emulator refuses only a blank one
// (and a slash cannot reach it: it splits the path). It once refused these.
func TestExportBundleAnyID(t *testing.T) {
	u, _ := twoNodes(t)
	designProject(t, u)
	for _, id := range []string{"v%201", "_r1+hotfix"} {
		expectOK(t, call(t, u, "PUT", api+"/projects/SHOP/bundles/exported/"+id, testAdmin, nil))
	}
	var ids []string
	for _, b := range call(t, u, "GET", api+"/projects/SHOP/bundles/exported", testAdmin, nil).obj()["bundles"].([]any) {
		ids = append(ids, fmt.Sprint(b.(map[string]any)["bundleId"]))
	}
	if slices.Sort(ids); !slices.Equal(ids, []string{"_r1+hotfix", "v 1"}) {
		t.Fatalf("exported bundles: %q", ids)
	}
}
