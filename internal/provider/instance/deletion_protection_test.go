package instance_test

import (
	"fmt"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestAccConnection_deletionProtection and TestAccCodeEnv_deletionProtection:
// a protected connection or env survives a configuration without it;
// turned off, it changes nothing in DSS (an env is not rebuilt) and is
// destroyed.
func TestAccConnection_deletionProtection(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	acctest.Case(t, acctest.CheckConnectionsDestroyed(t), acctest.DeletionProtectionSteps(t, em, "dataiku_connection.test", func(protected bool) string {
		return testConnectionHCL("acc_conn_dp", "PostgreSQL", "db.example.com", "dp-S3cret", 1, fmt.Sprintf("  deletion_protection = %t\n", protected))
	}))
}

func TestAccCodeEnv_deletionProtection(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	acctest.Case(t, acctest.CheckCodeEnvsDestroyed(t), acctest.DeletionProtectionSteps(t, em, testCodeEnvAddr, func(protected bool) string {
		return testAccCodeEnvConfig("PYTHON", "acc-env-dp", fmt.Sprintf("  packages = [\"pandas\"]\n  deletion_protection = %t\n", protected))
	}))
}
