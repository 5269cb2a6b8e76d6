package emulator

import (
	"encoding/json"
	"strings"
	"testing"
)

// Issue 23: objects as real DSS instances write them (dss-real-shapes.md)
// that the emulator refused. Each fixture is a document in the on-disk
// shape (no name or projectKey: identity comes from the file name),
// written for these tests; load adds the identity, as a seed loader or
// dataikuapi does when it sends the document through the API.

// load parses a fixture and adds the fields the REST API needs.
func load(t *testing.T, fixture string, identity map[string]any) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(fixture), &doc); err != nil {
		t.Fatalf("fixture: %v", err)
	}
	for k, v := range identity {
		doc[k] = v
	}
	return doc
}

// datasets/disk-usage.json: a Filesystem dataset from 2024 on (no
// versionTag), with a hyphen in its name.
const fixtureDiskUsage = `{
  "type": "Filesystem",
  "managed": true,
  "featureGroup": false,
  "formatType": "csv",
  "checklists": {"checklists": []},
  "checks": [],
  "customMeta": {"kv": {}},
  "flowOptions": {"virtualizable": false, "rebuildBehavior": "NORMAL", "crossProjectBuildBehavior": "DEFAULT"},
  "readWriteOptions": {"preserveOrder": false, "writeBuckets": 1, "forceSingleOutputFile": false, "defaultReadOrdering": {"enabled": false, "rules": []}},
  "formatParams": {"style": "unix", "charset": "utf8", "separator": "\t", "quoteChar": "\"", "escapeChar": "\\", "parseHeaderRow": false, "compress": "gz"},
  "partitioning": {"ignoreNonMatchingFile": false, "considerMissingRequestedPartitionsAsEmpty": false, "dimensions": []},
  "creationTag": {"versionNumber": 0, "lastModifiedBy": {"login": "jdoe"}, "lastModifiedOn": 1718035200123},
  "tags": [],
  "params": {"connection": "filesystem_managed", "path": "${projectKey}/disk-usage", "notReadyIfEmpty": false,
    "filesSelectionRules": {"mode": "ALL", "excludeRules": [], "includeRules": [], "explicitFiles": []}},
  "schema": {"columns": [{"name": "mount", "type": "string", "maxLength": 4194304}, {"name": "used_gb", "type": "double"}], "userModified": false},
  "dkuProperties": [],
  "metrics": {"probes": [], "engineConfig": {}, "displayedState": {"columns": [], "metrics": []}},
  "metricsChecks": {"monitor": false, "checks": [], "displayedState": {"checks": []}},
  "customFields": {}
}`

// recipes/compute_disk-usage.json: a python recipe writing disk-usage.
const fixtureComputeDiskUsage = `{
  "type": "python",
  "neverRecomputeExistingPartitions": false,
  "optionalDependencies": false,
  "params": {"envSelection": {"envMode": "INHERIT"}, "containerSelection": {"containerMode": "INHERIT"}},
  "customMeta": {"kv": {}},
  "redispatchPartitioning": false,
  "maxRunningActivities": 0,
  "variables": {},
  "dkuProperties": [],
  "inputs": {"main": {"items": [{"ref": "images-list", "deps": []}]}},
  "outputs": {"main": {"items": [{"ref": "disk-usage", "appendMode": false}]}},
  "labels": [],
  "versionTag": {"versionNumber": 3, "lastModifiedBy": {"login": "jdoe"}, "lastModifiedOn": 1650000000000},
  "creationTag": {"versionNumber": 0, "lastModifiedBy": {"login": "jdoe"}, "lastModifiedOn": 1649000000000},
  "tags": [],
  "customFields": {}
}`

func TestRealShapeHyphenNames(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "OPS")
	disk := load(t, fixtureDiskUsage, map[string]any{"projectKey": "OPS", "name": "disk-usage"})
	expectOK(t, createDataset(t, u, "OPS", testAdmin, disk))
	images := load(t, fixtureDiskUsage, map[string]any{"projectKey": "OPS", "name": "images-list"})
	images["params"].(map[string]any)["path"] = "${projectKey}/images-list"
	expectOK(t, createDataset(t, u, "OPS", testAdmin, images))
	got := call(t, u, "GET", dsBase+"OPS/datasets/disk-usage", testAdmin, nil)
	expectOK(t, got)
	if got.obj()["name"] != "disk-usage" || got.obj()["params"].(map[string]any)["path"] != "${projectKey}/disk-usage" {
		t.Fatalf("GET disk-usage: %s", got.raw)
	}
	// A PUT of the document as read is accepted too.
	expectOK(t, call(t, u, "PUT", dsBase+"OPS/datasets/disk-usage", testAdmin, got.obj()))

	recipe := load(t, fixtureComputeDiskUsage, map[string]any{"projectKey": "OPS", "name": "compute_disk-usage"})
	expectOK(t, call(t, u, "POST", dsBase+"OPS/recipes/", testAdmin, map[string]any{
		"recipePrototype": recipe, "creationSettings": map[string]any{"script": "# disk usage\n"},
	}))
	r := call(t, u, "GET", dsBase+"OPS/recipes/compute_disk-usage", testAdmin, nil)
	expectOK(t, r)
	rec := r.obj()["recipe"].(map[string]any)
	if rec["name"] != "compute_disk-usage" ||
		rec["outputs"].(map[string]any)["main"].(map[string]any)["items"].([]any)[0].(map[string]any)["ref"] != "disk-usage" {
		t.Fatalf("GET compute_disk-usage: %s", r.raw)
	}
	// A rename to a hyphenated name works; a dotted one or one with a
	// slash stays refused, since refs split on dots and names are path
	// segments.
	expectOK(t, call(t, u, "POST", dsBase+"OPS/actions/renameDataset", testAdmin, map[string]any{"oldName": "images-list", "newName": "docker-images"}))
	for _, bad := range []string{"disk.usage", "disk/usage", " "} {
		b := load(t, fixtureDiskUsage, map[string]any{"projectKey": "OPS", "name": bad})
		expectError(t, createDataset(t, u, "OPS", testAdmin, b), 400, ErrTypeIllegalArgument)
	}
	bad := load(t, fixtureComputeDiskUsage, map[string]any{"projectKey": "OPS", "name": "compute.disk"})
	bad["outputs"] = map[string]any{}
	expectError(t, call(t, u, "POST", dsBase+"OPS/recipes/", testAdmin, map[string]any{"recipePrototype": bad, "creationSettings": map[string]any{}}),
		400, ErrTypeIllegalArgument)
}

// A project key of 67 characters, as the emulator was seen to create
// (issue 23): DSS documents no length limit, and the key must read back.
func TestRealShapeLongProjectKey(t *testing.T) {
	rn := startTest(t, testOpts())
	u := rn.URL()
	key := "CUSTOMER_CHURN_PREDICTION_WITH_GRADIENT_BOOSTING_AND_DRIFT_MONITOR1"
	if len(key) != 67 {
		t.Fatalf("key length %d", len(key))
	}
	expectOK(t, createProject(t, u, key, testAdmin, nil))
	expectOK(t, call(t, u, "GET", dsBase+key+"/metadata", testAdmin, nil))
	expectError(t, createProject(t, u, "CHURN-2", testAdmin, nil), StatusInvalidKey, ErrTypeIllegalArgument)
}

// zones/Xk2Pq9a.json: a zone holding hyphenated datasets and recipes and
// objects of other Flow types (a streaming endpoint here).
func TestRealShapeZoneItems(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "OPS")
	expectOK(t, createDataset(t, u, "OPS", testAdmin, load(t, fixtureDiskUsage, map[string]any{"projectKey": "OPS", "name": "disk-usage"})))
	expectOK(t, call(t, u, "POST", dsBase+"OPS/streamingendpoints/", testAdmin, `{"id": "events_stream", "projectKey": "OPS", "type": "kafka", "params": {}}`))
	z := call(t, u, "POST", dsBase+"OPS/flow/zones", testAdmin, map[string]any{"name": "Monitoring", "color": "#4a90d9"}).obj()
	id := z["id"].(string)
	r := call(t, u, "POST", dsBase+"OPS/flow/zones/"+id+"/add-items", testAdmin,
		`[{"objectId": "disk-usage", "objectType": "DATASET"}, {"objectId": "events_stream", "objectType": "STREAMING_ENDPOINT"}]`)
	expectOK(t, r)
	got := strings.Join(zoneItems(t, call(t, u, "GET", dsBase+"OPS/flow/zones/"+id, testAdmin, nil).obj()), ",")
	if got != "DATASET:disk-usage,STREAMING_ENDPOINT:events_stream" {
		t.Fatalf("zone items %s", got)
	}
}
