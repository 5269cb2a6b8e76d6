package instance_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// The fault matrix for dataiku_connection: what is a connection's own,
// its creation POST (with the write-only secret, found by name after a
// lost answer) and its delete (DSS's not-found for a connection is its own
// 400, connectionKind.IsGone), each meet a lost answer; the next apply
// converges to exactly the configuration with an empty plan, one
// connection, its secret as configured, and no secret in the output. Its
// read, update and follow-up write after the POST are the kit's (one GET,
// SyncDocument), whose faults are tested once in kit/
// (TestKitFaultsOnGenericCalls).

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
	c, ctx := acctest.Client(t), context.Background()
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
	if !acctest.OneOrNone(t, "connections "+prefix+"*", got, desc != "") {
		return
	}
	conn, ok := all[faultConnectionName(prefix)]
	if !ok {
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
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RequireEmulator(t)
	const routeCreate = "POST /public/api/admin/connections"
	var (
		postConn   = acctest.FaultCall{Name: "create connection", Method: "POST", Path: `/admin/connections/?$`}
		deleteConn = acctest.FaultCall{Name: "delete connection", Method: "DELETE", Path: `/admin/connections/%s_conn$`}
	)
	before := "before" // the description
	type op = acctest.FaultOp[string]
	createOnce := op{Target: &before, Creates: []string{routeCreate}}
	destroy := op{Setup: &before}
	acctest.RunFaultMatrix(t, acctest.FaultMatrix[string]{
		What:       "connection",
		Name:       func(i int) string { return fmt.Sprintf("fltc%02d", i) },
		ClearError: faultConnectionClearError,
		Secrets:    []string{faultConnectionSecret},
		Prepare: func(t *testing.T, prefix string) {
			t.Cleanup(func() { _ = acctest.Client(t).DeleteConnection(context.Background(), faultConnectionName(prefix)) })
		},
		HCL: func(prefix string, desc *string) string { return faultConnectionHCL(prefix, *desc) },
		Holds: func(t *testing.T, prefix, dir string, desc *string) {
			want := ""
			if desc != nil {
				want = *desc
			}
			assertConnectionHolds(t, prefix, want)
			for name, st := range acctest.StateFiles(t, dir) {
				acctest.AssertNoSecret(t, name, st, []string{faultConnectionSecret})
			}
		},
	}, []acctest.FaultRow[string]{
		{Call: postConn, Fault: acctest.FaultDropAfter, Op: createOnce, MayFail: false},
		{Call: postConn, Fault: acctest.Fault502After, Op: createOnce, MayFail: false},
		{Call: deleteConn, Fault: acctest.FaultDropAfter, Op: destroy, MayFail: false},
	})
}
