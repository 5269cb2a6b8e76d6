package emulator

import (
	"reflect"
	"testing"
)

// Code studios: created from a seeded template (another refused), owned
// by the creator, listed with the template's label, stopped at creation,
// running after a restart and stopped after a stop (each a future),
// given to another user by an admin or the owner only, deleted; no PUT.
func TestCodeStudios(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	if err := rn.Server.SetCodeStudioTemplates([]map[string]any{{"id": "vscode", "label": "VS Code", "desc": map[string]any{"shortDesc": "An IDE"}}}); err != nil {
		t.Fatal(err)
	}
	expectOK(t, createProject(t, u, "CS", testAdmin, nil))
	coll := api + "/projects/CS/code-studios/"
	expectMessage(t, call(t, u, "POST", coll, testAdmin, map[string]any{"name": "ide", "templateId": "nope"}), 400, ErrTypeIllegalArgument,
		"Code studio template nope does not exist")
	expectError(t, call(t, u, "POST", coll, testAdmin, map[string]any{"name": " ", "templateId": "vscode"}), 400, ErrTypeIllegalArgument)
	created := call(t, u, "POST", coll, testAdmin, map[string]any{"name": "ide", "templateId": "vscode"})
	expectOK(t, created)
	cs, _ := created.obj()["codeStudio"].(map[string]any)
	id, _ := cs["id"].(string)
	if len(id) != mlObjectIDLength || cs["owner"] != AdminLogin || cs[codeStudioStatusField] != nil {
		t.Fatalf("create answer: %s", created.raw)
	}
	one := coll + id
	got := call(t, u, "GET", one, testAdmin, nil).obj()
	if got["name"] != "ide" || got["templateId"] != "vscode" || got["libName"] != id || got["owner"] != AdminLogin || got["projectKey"] != "CS" || got[codeStudioStatusField] != nil {
		t.Fatalf("settings: %v", got)
	}
	list := call(t, u, "GET", coll, testAdmin, nil).body.([]any)
	item := list[0].(map[string]any)
	if len(list) != 1 || item["id"] != id || item["templateLabel"] != "VS Code" || item["templateDescription"] != "An IDE" || item["owner"] != AdminLogin {
		t.Fatalf("list: %v", list)
	}
	state := func() string { return call(t, u, "GET", one+"/status", testAdmin, nil).obj()["state"].(string) }
	if s := state(); s != "STOPPED" {
		t.Fatalf("a new studio is %s", s)
	}
	if failed, msg := resultFailed(t, waitFutureResult(t, u, call(t, u, "POST", one+"/restart", testAdmin, nil))); failed {
		t.Fatalf("restart failed: %s", msg)
	}
	if s := state(); s != "RUNNING" {
		t.Fatalf("after restart: %s", s)
	}
	waitFutureResult(t, u, call(t, u, "POST", one+"/stop", testAdmin, nil))
	if s := state(); s != "STOPPED" {
		t.Fatalf("after stop: %s", s)
	}
	expectError(t, call(t, u, "PUT", one, testAdmin, got), 404, ErrTypeNotFound) // no such endpoint: DSS has no PUT

	// Bob reads the project: he may not create, nor take the admin's
	// studio; the admin gives it to him, then he may give it on.
	grantBob(t, u, "CS", nil)
	expectError(t, call(t, u, "POST", coll, testBob, map[string]any{"name": "b", "templateId": "vscode"}), 403, ErrTypeUnauthorized)
	expectMessage(t, call(t, u, "POST", one+"/change-owner?newOwner=bob", testBob, nil), 403, ErrTypeUnauthorized,
		"Only an administrator or the owner of code studio CS."+id+" may change its owner")
	expectMessage(t, call(t, u, "POST", one+"/change-owner?newOwner=ghost", testAdmin, nil), 400, ErrTypeIllegalArgument, "User ghost does not exist")
	expectOK(t, call(t, u, "POST", one+"/change-owner?newOwner=bob", testAdmin, nil))
	expectOK(t, call(t, u, "POST", one+"/change-owner?newOwner=carol", testBob, nil))
	if o := call(t, u, "GET", one, testAdmin, nil).obj()["owner"]; o != "carol" {
		t.Fatalf("owner %v, want carol", o)
	}

	// A global key acting as no user cannot own a studio.
	gk := call(t, u, "POST", api+"/admin/global-api-keys", testAdmin, map[string]any{"label": "ci", "globalPermissions": map[string]any{"admin": true}})
	expectMessage(t, call(t, u, "POST", coll, mustStr(t, gk, "key"), map[string]any{"name": "ci", "templateId": "vscode"}), 400, ErrTypeIllegalArgument, MsgNoUserForKey)

	expectOK(t, call(t, u, "DELETE", one, testAdmin, nil))
	expectError(t, call(t, u, "GET", one, testAdmin, nil), 404, ErrTypeNotFound)
	expectError(t, call(t, u, "POST", one+"/restart", testAdmin, nil), 404, ErrTypeNotFound)
}

// Code studios and their state survive a restart of a persistent
// emulator.
func TestCodeStudiosPersist(t *testing.T) {
	o := persistentOpts(t)
	rn := startTest(t, o)
	u := rn.URL()
	if err := rn.Server.SetCodeStudioTemplates([]map[string]any{{"id": "jupyter"}}); err != nil {
		t.Fatal(err)
	}
	expectOK(t, createProject(t, u, "CSP", testAdmin, nil))
	id := call(t, u, "POST", api+"/projects/CSP/code-studios/", testAdmin, map[string]any{"name": "nb", "templateId": "jupyter"}).obj()["codeStudio"].(map[string]any)["id"].(string)
	waitFutureResult(t, u, call(t, u, "POST", api+"/projects/CSP/code-studios/"+id+"/restart", testAdmin, nil))
	before := call(t, u, "GET", api+"/projects/CSP/code-studios/"+id, testAdmin, nil).body
	u2 := restartedURL(t, rn, o)
	if after := call(t, u2, "GET", api+"/projects/CSP/code-studios/"+id, testAdmin, nil).body; !reflect.DeepEqual(before, after) {
		t.Fatalf("after a restart:\n%v\nwas\n%v", after, before)
	}
	if s := call(t, u2, "GET", api+"/projects/CSP/code-studios/"+id+"/status", testAdmin, nil).obj()["state"]; s != "RUNNING" {
		t.Fatalf("state after a restart: %v", s)
	}
}

// What dataikuapi sends for code studios (project.py create_code_studio,
// list_code_studios; codestudio.py): /dip/publicapi, no Content-Type,
// trailing slashes; each answer read the way the client reads it.
func TestCodeStudiosDataikuapiShapes(t *testing.T) {
	rn := startTest(t, testOpts())
	if err := rn.Server.SetCodeStudioTemplates([]map[string]any{{"id": "rstudio", "label": "RStudio", "desc": map[string]any{"shortDesc": "R IDE"}}}); err != nil {
		t.Fatal(err)
	}
	expectOK(t, createProject(t, rn.URL(), "PYCS", testAdmin, nil))
	py := pyCaller(t, rn.URL()+"/dip/publicapi")
	// create_code_studio: res['codeStudio']['id']
	id, _ := py("POST", "/projects/PYCS/code-studios/", `{"name": "r", "templateId": "rstudio"}`).obj()["codeStudio"].(map[string]any)["id"].(string)
	if id == "" {
		t.Fatal("create_code_studio: no codeStudio.id")
	}
	// list_code_studios: DSSCodeStudioObjectListItem reads id, name,
	// owner, templateId and desc.label / desc.shortDesc
	item := py("GET", "/projects/PYCS/code-studios/", "").body.([]any)[0].(map[string]any)
	desc, _ := item["desc"].(map[string]any)
	if item["id"] != id || item["name"] != "r" || item["owner"] != AdminLogin || item["templateId"] != "rstudio" || desc["label"] != "RStudio" || desc["shortDesc"] != "R IDE" {
		t.Fatalf("list item: %v", item)
	}
	// get_settings: id, name, templateId, libName, owner
	settings := py("GET", "/projects/PYCS/code-studios/"+id, "").obj()
	for _, k := range []string{"id", "name", "templateId", "libName", "owner"} {
		if _, ok := settings[k].(string); !ok {
			t.Errorf("get_settings: no string %s in %v", k, settings)
		}
	}
	// restart() and stop(): DSSFuture.from_resp, then wait_for_result()
	for _, call := range []string{"restart", "stop"} {
		job, _ := py("POST", "/projects/PYCS/code-studios/"+id+"/"+call, "").obj()["jobId"].(string)
		if state := pollFuture(t, py, job); state["hasResult"] != true {
			t.Fatalf("%s: %v", call, state)
		}
	}
	// get_status: state, lastStateChange (ms), syncedZones
	status := py("GET", "/projects/PYCS/code-studios/"+id+"/status", "").obj()
	if status["state"] != "STOPPED" || status["lastStateChange"] == nil || status["syncedZones"] == nil {
		t.Fatalf("get_status: %v", status)
	}
	// change_owner(new_owner): the query's newOwner
	if r := py("POST", "/projects/PYCS/code-studios/"+id+"/change-owner?newOwner=bob", ""); r.obj()["owner"] != "bob" {
		t.Fatalf("change_owner: %s", r.raw)
	}
	// delete(): _perform_empty
	py("DELETE", "/projects/PYCS/code-studios/"+id, "")
}
