package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// The fault matrix for dataiku_connection: its create (a POST, then a
// read-modify-write for what DSS does not take at creation), read, update
// and delete each meet a failure; whatever the faulty apply does, the next
// one converges to exactly the configuration with an empty plan, one
// connection, its secret as configured, and no secret in the output.

// faultConnectionSecret is the connection's password: never in the output.
const faultConnectionSecret = "fault-conn-S3cret!"

func faultConnectionName(prefix string) string { return prefix + "_conn" }

// faultConnectionHCL is one connection; desc changes between the base and
// the update. max_activities needs the follow-up PUT at creation.
func faultConnectionHCL(prefix, desc string) string {
	return fmt.Sprintf(`
resource "dataiku_connection" "c" {
  name                     = %q
  type                     = "PostgreSQL"
  description              = %q
  params                   = jsonencode({ host = "db.example.com", port = 5432, user = "dss" })
  secret_params_wo         = jsonencode({ password = %q })
  secret_params_wo_version = 1
  max_activities           = 2
}
`, faultConnectionName(prefix), desc, faultConnectionSecret)
}

// assertConnectionHolds checks through the admin client that DSS holds the
// connection with desc and the configured secret ("" desc: none).
func assertConnectionHolds(t *testing.T, prefix, desc string) {
	t.Helper()
	c, ctx := testClient(t), context.Background()
	all, err := c.ListConnections(ctx)
	if err != nil {
		t.Fatalf("listing connections: %v", err)
	}
	var got []string
	for name := range all {
		if strings.HasPrefix(name, prefix) {
			got = append(got, name)
		}
	}
	if desc == "" {
		if len(got) != 0 {
			t.Errorf("connections left in DSS: %v", got)
		}
		return
	}
	conn, ok := all[faultConnectionName(prefix)]
	if len(got) != 1 || !ok {
		t.Fatalf("connections %s* in DSS: %v, want exactly %s", prefix, got, faultConnectionName(prefix))
	}
	if conn.Description != desc || conn.MaxActivities != 2 || conn.Params["host"] != "db.example.com" {
		t.Errorf("connection in DSS: %+v", conn)
	}
	info, err := c.GetConnectionInfo(ctx, conn.Name)
	if err != nil {
		t.Fatalf("connection info: %v", err)
	}
	if info.ResolvedParams["password"] != faultConnectionSecret {
		t.Error("the connection's password in DSS is not the configured one")
	}
}

var faultConnectionClearError = regexp.MustCompile(`Error: Cannot (create|read|update|delete) dataiku_connection "[A-Za-z0-9_.-]+"`)

func TestAccFaultsConnectionConverge(t *testing.T) {
	testAccParallelOnEmulator(t)
	testAccPreCheck(t)
	requireEmulator(t)
	const routeCreate = "POST /public/api/admin/connections"
	var (
		postConn   = faultCall{"create connection", "POST", `/admin/connections/?$`}
		putConn    = faultCall{"update connection", "PUT", `/admin/connections/%s_conn$`}
		getConn    = faultCall{"read connection", "GET", `/admin/connections/%s_conn$`}
		deleteConn = faultCall{"delete connection", "DELETE", `/admin/connections/%s_conn$`}
	)
	before, after := "before", "after" // the descriptions
	type op = faultOp[string]
	create := op{target: &before}
	createOnce := op{target: &before, creates: []string{routeCreate}}
	read := op{setup: &before, target: &before}
	update := op{setup: &before, target: &after}
	destroy := op{setup: &before}
	runFaultMatrix(t, faultMatrix[string]{
		what:       "connection",
		name:       func(i int) string { return fmt.Sprintf("fltc%02d", i) },
		clearError: faultConnectionClearError,
		secrets:    []string{faultConnectionSecret},
		prepare: func(t *testing.T, prefix string) {
			t.Cleanup(func() { _ = testClient(t).DeleteConnection(context.Background(), faultConnectionName(prefix)) })
		},
		hcl: func(prefix string, desc *string) string { return faultConnectionHCL(prefix, *desc) },
		holds: func(t *testing.T, prefix, dir string, desc *string) {
			want := ""
			if desc != nil {
				want = *desc
			}
			assertConnectionHolds(t, prefix, want)
			for name, st := range stateFiles(t, dir) {
				assertNoSecret(t, name, st, []string{faultConnectionSecret})
			}
		},
	}, []faultRow[string]{
		{postConn, faultDropAfter, createOnce, false},
		{postConn, fault502After, createOnce, false},
		{putConn, faultDown503, create, true}, // the connection exists, its follow-up write fails
		{getConn, fault502, read, false},
		{getConn, fault429, read, false},
		{putConn, fault503, update, false},
		{putConn, faultDown503, update, true},
		{deleteConn, faultDropAfter, destroy, false},
	})
}
