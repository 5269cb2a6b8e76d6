package provider_test

import (
	"os"
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

func TestMain(m *testing.M) {
	os.Exit(acctest.RunTests(m))
}
