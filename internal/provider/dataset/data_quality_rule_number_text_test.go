package dataset_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// A rule whose config DSS prints Java-style (5.0, 1000.0, 1.0E-4):
// renaming it and changing one field of a nested object sends DSS's text
// back for the config values it does not change, the nested object's
// equal parts included.
func TestAccDataQualityRule_numberTextKept(t *testing.T) {
	acctest.Parallel(t)
	acctest.ProjectSetup(t)
	key := acctest.ProjectKey("ACC_DQNUM")
	rule := func() *dss.DataQualityRule {
		rules, err := acctest.Client(t).ListDataQualityRules(acctest.Ctx(t), key, "orders")
		if err != nil || len(rules) != 1 {
			t.Fatalf("the rule of orders: %v, %d rules", err, len(rules))
		}
		return &rules[0]
	}
	cfg := func(name, label string) string {
		return testAccRuleConfig(key, "orders", "RecordCountInRangeRule", name, fmt.Sprintf(
			`config = { minimum = 5, minimumEnabled = true, softMaximum = 1000, softMaximumEnabled = true, uiNote = { ratio = 0.0001, label = %q } }`, label))
	}
	nums := acctest.NumberTextsOf(t, func() any {
		c, err := rule().Config()
		if err != nil {
			t.Fatal(err)
		}
		return c
	})
	acctest.Case(t, testAccCheckRulesDestroyed(t), []resource.TestStep{
		{Config: cfg("row count", "a")},
		acctest.EmptyPlanAfter(resource.TestStep{
			PreConfig: func() {
				r := rule()
				for k, v := range map[string]any{"minimum": json.Number("5.0"), "softMaximum": json.Number("1000.0"),
					"uiNote": map[string]any{"ratio": json.Number("1.0E-4"), "label": "a"}} {
					if err := r.SetConfigField(k, v); err != nil {
						t.Fatal(err)
					}
				}
				if err := acctest.Client(t).SaveDataQualityRule(acctest.Ctx(t), key, "orders", *r); err != nil {
					t.Fatal(err)
				}
				nums.Take()
			},
			Config:           cfg("rows counted", "b"),
			ConfigPlanChecks: acctest.Plans(testRuleAddr, plancheck.ResourceActionUpdate),
			Check:            nums.Kept(),
		}),
	})
}
