package emulator

import (
	"encoding/json"
	"testing"
)

// TestPeopleDataikuapiShapes replays the requests Dataiku's Python client
// (dataikuapi dssclient.py and dss/admin.py) sends for users, groups and
// API keys, byte for byte as far as it matters: /dip/publicapi, trailing
// slashes where the client writes them, json.dumps bodies without a
// Content-Type, the key as Basic username with an empty password, and
// Python's True/False in query strings.
func TestPeopleDataikuapiShapes(t *testing.T) {
	rn := startTest(t, testOpts())
	base := rn.URL() + "/dip/publicapi"
	py := func(key, method, path, body string) resp {
		t.Helper()
		return pyRequest(t, base, key, method, path, body)
	}
	dumps := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	// list_users(include_settings=False)
	if l := py(testAdmin, "GET", "/admin/users/?includeSettings=False", "").body.([]any); len(l) != 3 {
		t.Fatalf("list_users: %v", l)
	}
	// create_group(name) then get_group().get_definition()/set_definition()
	py(testAdmin, "POST", "/admin/groups/", `{"name": "pygroup", "description": null, "sourceType": "LOCAL"}`)
	def := py(testAdmin, "GET", "/admin/groups/pygroup", "").obj()
	def["mayCreateProjects"] = true
	def["ldapGroupNames"] = "cn=py,ou=groups"
	if r := py(testAdmin, "PUT", "/admin/groups/pygroup", dumps(def)); r.obj() == nil {
		t.Fatalf("set_definition reply is not a JSON object: %s", r.raw)
	}
	if l := py(testAdmin, "GET", "/admin/groups/", "").body.([]any); len(l) != 4 {
		t.Fatalf("list_groups: %v", l)
	}
	// create_user(login, password) with the client's defaults
	py(testAdmin, "POST", "/admin/users/", `{"login": "pyuser", "password": "pw", "displayName": "", "sourceType": "LOCAL", "groups": ["pygroup"], "userProfile": "DATA_SCIENTIST", "email": null}`)
	// get_user().get_settings() ... save(): PUT of the whole dict read
	settings := py(testAdmin, "GET", "/admin/users/pyuser", "").obj()
	settings["displayName"] = "Py User"
	settings["enabled"] = false
	py(testAdmin, "PUT", "/admin/users/pyuser", dumps(settings))
	if got := py(testAdmin, "GET", "/admin/users/pyuser", "").obj(); got["displayName"] != "Py User" || got["enabled"] != false {
		t.Fatalf("settings.save() lost: %v", got)
	}
	settings["enabled"] = true
	py(testAdmin, "PUT", "/admin/users/pyuser", dumps(settings))
	// list_users_info / list_groups_info (no admin needed)
	py(testBob, "GET", "/users", "")
	py(testBob, "GET", "/groups", "")

	// create_global_api_key(label, description, admin) and _with_groups
	adm := py(testAdmin, "POST", "/admin/global-api-keys/", `{"label": null, "description": null, "globalPermissions": {"admin": false}}`).obj()
	grp := py(testAdmin, "POST", "/admin/global-api-keys/", `{"label": "py", "description": "from python", "groups": ["pygroup"]}`).obj()
	for _, k := range []map[string]any{adm, grp} {
		if k["id"] == "" || k["key"] == "" || k["messages"] != nil {
			t.Fatalf("create_global_api_key reply %v", k)
		}
	}
	// list_global_api_keys(): DSSGlobalApiKeyListItem reads key and id
	for _, e := range py(testAdmin, "GET", "/admin/global-api-keys/", "").body.([]any) {
		if m := e.(map[string]any); m["id"] == nil || m["key"] == nil {
			t.Fatalf("list item without key or id: %v", m)
		}
	}
	// get_global_api_key_by_id(id) reads resp["key"]; get_definition/set_definition
	gdef := py(testAdmin, "GET", "/admin/global-api-keys/"+grp["id"].(string), "").obj()
	if gdef["key"] != grp["key"] {
		t.Fatalf("get_global_api_key_by_id key %v", gdef["key"])
	}
	gdef["label"] = "py2"
	gdef["expiry"] = 30
	py(testAdmin, "PUT", "/admin/global-api-keys/"+grp["id"].(string), dumps(gdef))
	// The groups key authenticates with pygroup's rights (mayCreateProjects).
	gk := grp["key"].(string)
	if i := py(gk, "GET", "/auth/info?withSecrets=False", "").obj(); i["authIdentifier"] != "py2" {
		t.Fatalf("auth/info of the groups key %v", i)
	}
	py(gk, "POST", "/projects/", `{"projectKey": "PYPROJ", "name": "Py", "owner": "admin"}`)

	// create_personal_api_key(label, description) and _for_user
	own := py(testBob, "POST", "/personal-api-keys/", `{"label": "", "description": ""}`).obj()
	for_ := py(testAdmin, "POST", "/admin/personal-api-keys/", `{"user": "pyuser", "label": "", "description": ""}`).obj()
	if own["user"] != "bob" || for_["user"] != "pyuser" || own["key"] == "" || for_["key"] == "" {
		t.Fatalf("personal keys %v %v", own, for_)
	}
	pdef := py(testBob, "GET", "/personal-api-keys/"+own["id"].(string), "").obj()
	pdef["label"] = "My New Label"
	py(testBob, "PUT", "/personal-api-keys/"+own["id"].(string), dumps(pdef))
	py(testBob, "GET", "/personal-api-keys/", "")
	// get_auth_info(with_secrets=True) with the personal key made for pyuser
	i := py(for_["key"].(string), "GET", "/auth/info?withSecrets=True", "").obj()
	if i["authIdentifier"] != "pyuser" || i["associatedDSSUser"] != "pyuser" || i["secrets"] == nil {
		t.Fatalf("get_auth_info %v", i)
	}
	// get_own_user().get_settings().save()
	me := py(for_["key"].(string), "GET", "/current-user", "").obj()
	me["displayName"] = "Me"
	py(for_["key"].(string), "PUT", "/current-user", dumps(me))

	// Deletions: key.delete(), user.delete(), group.delete()
	py(testBob, "DELETE", "/personal-api-keys/"+own["id"].(string), "")
	py(testAdmin, "DELETE", "/admin/global-api-keys/"+adm["id"].(string), "")
	py(testAdmin, "DELETE", "/admin/users/pyuser?allowSelfDeletion=False", "")
	py(testAdmin, "DELETE", "/admin/groups/pygroup", "")
}
