package dss

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// An API infrastructure's settings as DSS writes them: changing one node's
// key keeps the node's other fields, the infrastructure's Kubernetes
// settings, and a node without graphitePrefix stays without one.
func TestAPIInfraSettingsKeepTheRest(t *testing.T) {
	const wire = `{"id":"i","stage":"Production","type":"STATIC","governCheckPolicy":"NO_CHECK",
"apiNodes":[{"url":"http://a","adminAPIKey":"ka","graphitePrefix":"pa","weight":1.50},{"url":"http://b","adminAPIKey":"kb"}],
"permissions":[],"carbonAPISettings":{"carbonAPIURL":"http://c"}}`
	var d APIInfraSettings
	if err := json.Unmarshal([]byte(wire), &d); err != nil {
		t.Fatal(err)
	}
	nodes := d.Nodes()
	if len(nodes) != 2 || nodes[0].AdminAPIKey != "ka" || nodes[1].GraphitePrefix != nil {
		t.Fatalf("decoded %+v", nodes)
	}
	nodes[1].AdminAPIKey = "kb2"
	d.SetNodes(nodes)
	out, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"weight":1.50`, `"carbonAPISettings":{"carbonAPIURL":"http://c"}`, `{"url":"http://b","adminAPIKey":"kb2"}`, `"graphitePrefix":"pa"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("round trip lacks %s: %s", want, out)
		}
	}
	// A node DSS shows without a key is written back without one, so that
	// a settings save never sets its key to "".
	var keyless APIInfraSettings
	if err := json.Unmarshal([]byte(`{"id":"i","type":"STATIC","apiNodes":[{"url":"http://a"}]}`), &keyless); err != nil {
		t.Fatal(err)
	}
	if out, _ := json.Marshal(keyless); strings.Contains(string(out), "adminAPIKey") {
		t.Fatalf("a keyless node gained adminAPIKey: %s", out)
	}
	// A K8S infrastructure has no apiNodes: written back without them.
	var k APIInfraSettings
	if err := json.Unmarshal([]byte(`{"id":"k","stage":"Test","type":"K8S","k8sContext":"prod"}`), &k); err != nil {
		t.Fatal(err)
	}
	if k.Nodes() != nil {
		t.Fatalf("K8S nodes %+v", k.Nodes())
	}
	if out, _ := json.Marshal(k); strings.Contains(string(out), "apiNodes") {
		t.Fatalf("K8S settings gained apiNodes: %s", out)
	}
	k.SetNodes(nil)
	if out, _ := json.Marshal(k); !strings.Contains(string(out), `"apiNodes":[]`) {
		t.Fatalf("SetNodes(nil) is not []: %s", out)
	}
}

// The API Deployer's service and deployment calls as dataikuapi sends
// them: create_service's body, create_deployment's body with its nulls and
// ignoreWarnings, a settings save with ignoreWarnings, a delete with
// ignorePreDeleteErrors; and a deployment's settings keep what they do not
// model when the version changes.
func TestAPIDeployerServiceAndDeploymentWire(t *testing.T) {
	c, log := recordRequests(t, methodURIBody, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == "GET" {
			_, _ = w.Write([]byte(`{"id":"d","infraId":"i","publishedServiceId":"s","enabled":true,"generationsMapping":{"mode":"SINGLE_GENERATION","generation":"v1","x":1.50},"tags":["t"]}`))
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	ctx := context.Background()
	if err := c.CreatePublishedAPIService(ctx, "s"); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateAPIDeployment(ctx, APIDeploymentCreate{DeploymentID: "d", PublishedServiceID: "s", InfraID: "i", Version: "v1"}, true); err != nil {
		t.Fatal(err)
	}
	d, wrote, err := APIDeploymentSettingsDoc("d", false).Update(ctx, c, func(s *APIDeploymentSettings) error {
		if s.SingleVersion() != "v1" {
			t.Errorf("single version %q", s.SingleVersion())
		}
		s.SetSingleVersion("v1") // unchanged: no PUT for it
		s.SetSingleVersion("v2")
		return nil
	})
	if err != nil || !wrote || d.SingleVersion() != "v2" {
		t.Fatalf("update: %v, wrote %v, %+v", err, wrote, d)
	}
	if err := c.DeleteAPIDeployment(ctx, "d", false); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteAPIDeployment(ctx, "d", true); err != nil {
		t.Fatal(err)
	}
	log.expect(t,
		`POST /public/api/api-deployer/services {"publishedServiceId":"s"}`,
		`POST /public/api/api-deployer/deployments?ignoreWarnings=true {"deploymentId":"d","publishedServiceId":"s","infraId":"i","version":"v1","endpointId":null,"authorizationsToQueryThroughDeployer":null}`,
		`GET /public/api/api-deployer/deployments/d/settings `,
		`PUT /public/api/api-deployer/deployments/d/settings?ignoreWarnings=false {"enabled":true,"generationsMapping":{"mode":"SINGLE_GENERATION","generation":"v2"},"id":"d","infraId":"i","publishedServiceId":"s","tags":["t"]}`,
		`DELETE /public/api/api-deployer/deployments/d?ignorePreDeleteErrors=false `,
		`DELETE /public/api/api-deployer/deployments/d?ignorePreDeleteErrors=true `,
	)
}

// A deployment's service URLs as dataikuapi's get_service_urls computes
// them, from the light and heavy status as DSS sends them: each API node
// of a STATIC infrastructure, in DSS's order, or a Kubernetes
// infrastructure's public URL, followed by /public/api/v1/ and the
// deployed service id (the published one when absent); neither nodes nor
// a public URL (still initializing) is no URL, not an error.
func TestAPIDeploymentServiceURLs(t *testing.T) {
	const published = `{"deploymentBasicInfo":{"id":"d","publishedServiceId":"churn","enabled":true}}`
	const deployed = `{"deploymentBasicInfo":{"id":"d","publishedServiceId":"churn","deployedServiceId":"churn_prod"}}`
	for _, tc := range []struct {
		name, light, heavy string
		want               []string
	}{
		{"static, 2 nodes", published, `{"health":"HEALTHY","apiNodes":[{"url":"http://b:12000","health":"HEALTHY"},{"url":"https://a"}]}`,
			[]string{"http://b:12000/public/api/v1/churn", "https://a/public/api/v1/churn"}},
		{"Kubernetes", published, `{"health":"HEALTHY","publicURL":"http://k8s.example.com:30000"}`,
			[]string{"http://k8s.example.com:30000/public/api/v1/churn"}},
		{"deployedServiceId", deployed, `{"apiNodes":[{"url":"http://b"}]}`, []string{"http://b/public/api/v1/churn_prod"}},
		{"nodes before the public URL", deployed, `{"apiNodes":[{"url":"http://b"}],"publicURL":"http://k"}`, []string{"http://b/public/api/v1/churn_prod"}},
		{"neither", published, `{"health":"UNKNOWN"}`, []string{}},
		{"static, no node", published, `{"apiNodes":[],"publicURL":"http://k"}`, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var light APIDeploymentLight
			var heavy APIDeploymentStatus
			if err := json.Unmarshal([]byte(tc.light), &light); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tc.heavy), &heavy); err != nil {
				t.Fatal(err)
			}
			got := APIDeploymentServiceURLs(&light, &heavy)
			if got == nil || !slices.Equal(got, tc.want) {
				t.Errorf("got %#v, want %#v", got, tc.want)
			}
		})
	}
}
