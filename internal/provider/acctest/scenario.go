package acctest

import (
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// Scenario reads a scenario's settings as DSS holds them.
func Scenario(t *testing.T, key, id string) *dss.Scenario {
	t.Helper()
	s, err := dss.ScenarioDoc(key, id).Get(Ctx(t), Client(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
