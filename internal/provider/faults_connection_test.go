package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
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
func faultConnectionHCL(prov faultProvider, prefix, desc string) string {
	var b strings.Builder
	b.WriteString(cliRequiredProviders)
	b.WriteString(prov.hcl())
	if desc == "" {
		return b.String()
	}
	fmt.Fprintf(&b, `
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
	return b.String()
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
	testAccPreCheck(t)
	em := requireEmulator(t)
	const routeCreate = "POST /public/api/admin/connections"
	type call struct{ name, method, path string }
	var (
		postConn   = call{"create connection", "POST", `/admin/connections/?$`}
		putConn    = call{"update connection", "PUT", `/admin/connections/%s_conn$`}
		getConn    = call{"read connection", "GET", `/admin/connections/%s_conn$`}
		deleteConn = call{"delete connection", "DELETE", `/admin/connections/%s_conn$`}
	)
	type op struct{ setup, target string } // descriptions; "" = nothing
	create := op{target: "before"}
	read := op{setup: "before", target: "before"}
	update := op{setup: "before", target: "after"}
	destroy := op{setup: "before"}
	cases := []struct {
		call    call
		fault   faultKind
		op      op
		creates []string
		mayFail bool
	}{
		{postConn, faultDropAfter, create, []string{routeCreate}, false},
		{postConn, fault502After, create, []string{routeCreate}, false},
		{putConn, faultDown503, create, nil, true}, // the connection exists, its follow-up write fails
		{getConn, fault502, read, nil, false},
		{getConn, fault429, read, nil, false},
		{putConn, fault503, update, nil, false},
		{putConn, faultDown503, update, nil, true},
		{deleteConn, faultDropAfter, destroy, nil, false},
	}
	env := []string{"DATAIKU_HOST=" + testHost, "DATAIKU_API_KEY=" + testAPIKey}
	secrets := append(keyForms(testAPIKey), faultConnectionSecret)
	failedFirst, start := 0, time.Now()
	for i, tc := range cases {
		prefix := fmt.Sprintf("fltc%02d", i)
		t.Run(fmt.Sprintf("%s/%s/%s", prefix, tc.call.name, tc.fault.name), func(t *testing.T) {
			defer em.Server.ClearFaults()
			t.Cleanup(func() { _ = testClient(t).DeleteConnection(context.Background(), faultConnectionName(prefix)) })
			dir := newTerraformDir(t, nil)
			write := func(desc string, prov faultProvider) {
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(faultConnectionHCL(prov, prefix, desc)), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if tc.op.setup != "" {
				write(tc.op.setup, faultProvider{})
				mustTerraform(t, dir, env, secrets, "apply", "-auto-approve", "-no-color")
			}
			rule := tc.fault.rule
			rule.Method, rule.PathRegex = tc.call.method, tc.call.path
			if strings.Contains(rule.PathRegex, "%s") {
				rule.PathRegex = fmt.Sprintf(rule.PathRegex, prefix)
			}
			if runFaultCase(t, em, dir, env, secrets, faultCase{rule: rule, prov: tc.fault.prov, mayFail: tc.mayFail,
				creates: tc.creates, clearError: faultConnectionClearError, write: func(prov faultProvider) { write(tc.op.target, prov) }}) {
				failedFirst++
			}
			assertConnectionHolds(t, prefix, tc.op.target)
			for name, st := range stateFiles(t, dir) {
				assertNoSecret(t, name, st, []string{faultConnectionSecret})
			}
		})
	}
	t.Logf("connection faults injected: %d; first applies that failed with a clear error: %d; converged: %t; wall time %s",
		len(cases), failedFirst, !t.Failed(), time.Since(start).Round(time.Second))
}
