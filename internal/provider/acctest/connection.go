package acctest

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// CheckConnectionsDestroyed checks through the client that DSS
// says every connection of the state is gone.
func CheckConnectionsDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := Client(t)
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "dataiku_connection" {
				continue
			}
			_, err := dss.ConnectionDoc(rs.Primary.ID).Get(Ctx(t), c)
			if err == nil {
				return fmt.Errorf("connection %s still exists", rs.Primary.ID)
			}
			if !dss.IsConnectionMissing(err) {
				return fmt.Errorf("checking connection %s: %w", rs.Primary.ID, err)
			}
		}
		return nil
	}
}

// Connection reads a connection through the admin client.
func Connection(t *testing.T, name string) (*dss.Connection, error) {
	t.Helper()
	return dss.ConnectionDoc(name).Get(Ctx(t), Client(t))
}
