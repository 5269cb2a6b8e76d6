package instance_test

import (
	"os"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// TestMain gives each acceptance test its own emulator and removes the
// Terraform CLI set-up the tests share (acctest.RunTests).
func TestMain(m *testing.M) {
	os.Exit(acctest.RunTests(m))
}
