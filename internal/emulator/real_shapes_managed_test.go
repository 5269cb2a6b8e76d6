package emulator

import "testing"

// Managed datasets with no connection (dss-real-shapes.md): an editable
// dataset (Inline), the jobs and stats databases, and labels. Their params
// hold no connection.
const (
	fixtureInline = `{
  "type": "Inline",
  "managed": true,
  "featureGroup": false,
  "formatType": "inline",
  "formatParams": {},
  "params": {"data": [["eu-west", "1"], ["us-east", "2"]], "keepTrackOfChanges": false},
  "schema": {"columns": [{"name": "region", "type": "string"}, {"name": "rank", "type": "bigint"}], "userModified": true},
  "partitioning": {"ignoreNonMatchingFile": false, "considerMissingRequestedPartitionsAsEmpty": false, "dimensions": []},
  "creationTag": {"versionNumber": 0, "lastModifiedBy": {"login": "admin"}, "lastModifiedOn": 1767225600000},
  "tags": []
}`
	fixtureJobsDB = `{
  "type": "JobsDB",
  "managed": true,
  "params": {"view": "JOBS", "projectFilter": "CURRENT"},
  "schema": {"columns": [{"name": "jobId", "type": "string"}, {"name": "startTime", "type": "datetimenotz"}], "userModified": false},
  "versionTag": {"versionNumber": 1, "lastModifiedBy": {"login": "admin"}, "lastModifiedOn": 1640995200000},
  "creationTag": {"versionNumber": 0, "lastModifiedBy": {"login": "admin"}, "lastModifiedOn": 1640995200000},
  "tags": []
}`
)

func TestRealShapeManagedWithoutConnection(t *testing.T) {
	_, u := startWithProject(t, testOpts(), "OPS")
	for name, fixture := range map[string]string{"regions": fixtureInline, "jobs_log": fixtureJobsDB} {
		doc := load(t, fixture, map[string]any{"projectKey": "OPS", "name": name})
		expectOK(t, createDataset(t, u, "OPS", testAdmin, doc))
		got := call(t, u, "GET", dsBase+"OPS/datasets/"+name, testAdmin, nil)
		expectOK(t, got)
		d := got.obj()
		params := d["params"].(map[string]any)
		if d["managed"] != true || params["connection"] != nil {
			t.Fatalf("%s: managed %v, connection %v", name, d["managed"], params["connection"])
		}
		// The PUT DSS's settings save sends: the document as read, edited.
		d["description"] = "edited"
		expectOK(t, call(t, u, "PUT", dsBase+"OPS/datasets/"+name, testAdmin, d))
		if call(t, u, "GET", dsBase+"OPS/datasets/"+name, testAdmin, nil).obj()["description"] != "edited" {
			t.Fatalf("%s: the PUT did not hold", name)
		}
	}
	// An Inline dataset keeps its rows as sent.
	rows := call(t, u, "GET", dsBase+"OPS/datasets/regions", testAdmin, nil).obj()["params"].(map[string]any)["data"].([]any)
	if len(rows) != 2 || rows[0].([]any)[0] != "eu-west" {
		t.Fatalf("inline rows %v", rows)
	}
}
