package dss

import (
	"encoding/json"
	"strings"
	"testing"
)

// A deployment's settings as DSS writes them: changing the remappings
// keeps codeEnvs, codeEnvsBehavior and the fields the client does not
// model.
func TestDeploymentSettingsRemapsKeepTheRest(t *testing.T) {
	const wire = `{"id":"d","infraId":"prod","publishedProjectKey":"P","bundleId":"v1","deployedProjectKey":"P","enabled":true,
"bundleContainerSettings":{"remapping":{"connections":[],"codeEnvs":[{"source":"a","target":"b"}]},"codeEnvsBehavior":{"importTimeMode":"INSTALL_IF_MISS"}},
"localVariables":{"n":1.50},"scenariosToActivate":{},"tags":["x"]}`
	var d DeploymentSettings
	if err := json.Unmarshal([]byte(wire), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.ConnectionRemaps()) != 0 || d.Enabled == nil || !*d.Enabled {
		t.Fatalf("decoded %+v", d)
	}
	d.SetConnectionRemaps([]ConnectionRemap{{Source: "pg_dev", Target: "pg_prod"}})
	out, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	bcs := back["bundleContainerSettings"].(map[string]any)
	rm := bcs["remapping"].(map[string]any)
	if len(rm["codeEnvs"].([]any)) != 1 || bcs["codeEnvsBehavior"] == nil || back["tags"] == nil ||
		rm["connections"].([]any)[0].(map[string]any)["target"] != "pg_prod" {
		t.Fatalf("round trip lost fields: %s", out)
	}
	if !strings.Contains(string(out), `"localVariables":{"n":1.50}`) {
		t.Fatalf("localVariables changed: %s", out)
	}
}

// An infrastructure's settings that DSS shows without the automation
// node's key (a user who is not an administrator) are written back without
// one, so that a settings save never sets the key to "".
func TestInfraSettingsWithoutKeyKeepNoKey(t *testing.T) {
	var s InfraSettings
	if err := json.Unmarshal([]byte(`{"id":"prod","stage":"Production","automationNodeUrl":"https://auto"}`), &s); err != nil {
		t.Fatal(err)
	}
	s.GovernCheckPolicy = "NO_CHECK"
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "adminApiKey") {
		t.Fatalf("settings gained adminApiKey: %s", out)
	}
	s.AdminAPIKey = "k"
	if out, _ := json.Marshal(s); !strings.Contains(string(out), `"adminApiKey":"k"`) {
		t.Fatalf("a set key is not sent: %s", out)
	}
}
