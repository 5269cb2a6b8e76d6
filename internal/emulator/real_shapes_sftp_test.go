package emulator

import "testing"

// datasets/remote_exports.json: an SFTP dataset. Its connection has DSS's
// type SSH, which serves SCP and SFTP alike.
const fixtureSFTP = `{
  "type": "SFTP",
  "managed": false,
  "formatType": "csv",
  "formatParams": {"style": "excel", "charset": "utf8", "separator": ",", "quoteChar": "\"", "escapeChar": "\\", "parseHeaderRow": true},
  "params": {"connection": "partner_sftp", "path": "/outgoing/daily", "notReadyIfEmpty": false,
    "filesSelectionRules": {"mode": "ALL", "excludeRules": [], "includeRules": [], "explicitFiles": []}},
  "schema": {"columns": [{"name": "sku", "type": "string"}, {"name": "qty", "type": "bigint"}], "userModified": false},
  "creationTag": {"versionNumber": 0, "lastModifiedBy": {"login": "jdoe"}, "lastModifiedOn": 1637495280000},
  "tags": []
}`

func TestRealShapeSFTPOnSSH(t *testing.T) {
	o := testOpts()
	o.Connections = append(append([]Connection{}, DefaultConnections...), Connection{Name: "partner_sftp", Type: "SSH"})
	_, u := startWithProject(t, o, "OPS")
	expectOK(t, createDataset(t, u, "OPS", testAdmin, load(t, fixtureSFTP, map[string]any{"projectKey": "OPS", "name": "remote_exports"})))
	scp := load(t, fixtureSFTP, map[string]any{"projectKey": "OPS", "name": "remote_scp", "type": "SCP"})
	expectOK(t, createDataset(t, u, "OPS", testAdmin, scp))
	if got := call(t, u, "GET", dsBase+"OPS/datasets/remote_exports", testAdmin, nil).obj(); got["type"] != "SFTP" {
		t.Fatalf("GET: %v", got)
	}
	// The check still holds both ways: an SFTP dataset on a Filesystem
	// connection, and a Filesystem dataset on the SSH connection.
	wrong := load(t, fixtureSFTP, map[string]any{"projectKey": "OPS", "name": "w1"})
	wrong["params"].(map[string]any)["connection"] = "filesystem_root"
	expectMessage(t, createDataset(t, u, "OPS", testAdmin, wrong), 400, ErrTypeIllegalArgument,
		"Connection 'filesystem_root' is of type Filesystem and cannot hold a SFTP dataset")
	wrong = load(t, fixtureSFTP, map[string]any{"projectKey": "OPS", "name": "w2", "type": "Filesystem"})
	expectMessage(t, createDataset(t, u, "OPS", testAdmin, wrong), 400, ErrTypeIllegalArgument,
		"Connection 'partner_sftp' is of type SSH and cannot hold a Filesystem dataset")
}
