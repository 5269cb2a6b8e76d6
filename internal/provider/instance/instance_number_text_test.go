package instance_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

// General settings DSS prints Java-style (1.0E-4, 1000.0, 60.0): a change
// of one key deep inside an object sends DSS's text back for every
// written key it does not change, lists included.
func TestAccInstanceSettings_numberTextKept(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	doc := dss.GeneralSettingsDoc()
	testKeepDoc(t, doc)
	cfg := func(label string) string {
		return testAccSettingsConfig(fmt.Sprintf(`{ maxRunningActivities = 7, accTuning = { ratio = 0.0001, scale = 1000, label = %q }, accList = [60, 0.5] }`, label))
	}
	nums := acctest.NumberTextsOf(t, func() any {
		d := acctest.RawDocExact(t, doc.Path())
		return map[string]any{"maxRunningActivities": d["maxRunningActivities"], "accTuning": d["accTuning"], "accList": d["accList"]}
	})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps: []resource.TestStep{
			{Config: cfg("a")},
			acctest.EmptyPlanAfter(resource.TestStep{
				PreConfig: func() {
					acctest.EditRawDocExact(t, doc.Path(), func(d map[string]any) {
						d["maxRunningActivities"] = json.Number("7.0")
						d["accTuning"] = map[string]any{"ratio": json.Number("1.0E-4"), "scale": json.Number("1000.0"), "label": "a"}
						d["accList"] = []any{json.Number("60.0"), json.Number("0.50")}
					})
					nums.Take()
				},
				Config:           cfg("b"),
				ConfigPlanChecks: acctest.Plans(testSettingsAddr, plancheck.ResourceActionUpdate),
				Check:            nums.Kept(),
			}),
		},
	})
}

// Instance variables DSS prints Java-style: a change of one variable and
// one removed send DSS's text back for every variable not changed; the
// removed one is gone.
func TestAccInstanceVariables_numberTextKept(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	doc := dss.InstanceVariablesDoc()
	testKeepDoc(t, doc)
	cfg := func(env, gone string) string {
		return testAccVariablesConfig(fmt.Sprintf(`{ env = %q, ratio = 0.0001, nested = { scale = 1000, list = [60, 0.5] }%s }`, env, gone))
	}
	nums := acctest.NumberTextsOf(t, func() any { return acctest.RawDocExact(t, doc.Path()) })
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps: []resource.TestStep{
			{Config: cfg("a", ", gone = 60")},
			acctest.EmptyPlanAfter(resource.TestStep{
				PreConfig: func() {
					acctest.EditRawDocExact(t, doc.Path(), func(d map[string]any) {
						d["ratio"], d["gone"] = json.Number("1.0E-4"), json.Number("60.0")
						d["nested"] = map[string]any{"scale": json.Number("1000.0"), "list": []any{json.Number("60.0"), json.Number("0.50")}}
					})
					nums.Take()
				},
				Config:           cfg("b", ""),
				ConfigPlanChecks: acctest.Plans(testVariablesAddr, plancheck.ResourceActionUpdate),
				Check: resource.ComposeAggregateTestCheckFunc(nums.Kept("gone"), func(*terraform.State) error {
					if g, ok := acctest.RawDocExact(t, doc.Path())["gone"]; ok {
						return fmt.Errorf("the variable removed from the configuration is still in DSS: %v", g)
					}
					return nil
				}),
			}),
		},
	})
}
