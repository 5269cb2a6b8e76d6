package acctest

import (
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// RuleInDSS reads a rule through the admin client (nil when DSS lists
// no such rule on the dataset).
func RuleInDSS(t *testing.T, key, ds, id string) (*dss.DataQualityRule, dss.Object) {
	t.Helper()
	r, err := Client(t).GetDataQualityRule(Ctx(t), key, ds, id)
	if dss.IsRuleNotFound(err) {
		return nil, nil
	}
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := r.Config()
	if err != nil {
		t.Fatal(err)
	}
	return r, cfg
}
