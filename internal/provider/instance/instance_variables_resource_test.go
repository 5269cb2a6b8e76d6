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
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

const testVariablesAddr = "dataiku_instance_variables.test"

func testAccVariablesConfig(hcl string) string {
	return fmt.Sprintf("resource \"dataiku_instance_variables\" \"test\" {\n  variables = %s\n}\n", hcl)
}

// testExpectVariables checks that DSS's instance variables are exactly want
// (a JSON object, compared semantically).
func testExpectVariables(t *testing.T, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := acctest.RawDoc(t, dss.InstanceVariablesDoc().Path())
		var w map[string]any
		if err := json.Unmarshal([]byte(want), &w); err != nil {
			return err
		}
		if !kit.JSONEqual(got, w) {
			return fmt.Errorf("instance variables in DSS: %v, want %s", got, want)
		}
		return nil
	}
}

func TestAccInstanceVariables_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	doc := dss.InstanceVariablesDoc()
	testKeepDoc(t, doc)
	// Variables DSS had before: the first apply replaces them (authoritative).
	testEditDoc(t, doc, func(m map[string]any) { m["old"] = "x" })
	v2 := `{ env = "prod", n = 2, list = ["a"], nested = { deep = { ok = true } } }`
	v2json := `{"env":"prod","list":["a"],"n":2,"nested":{"deep":{"ok":true}}}`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		// Destroy writes nothing: DSS keeps the last variables.
		CheckDestroy: testExpectVariables(t, v2json),
		Steps: []resource.TestStep{
			{
				Config: testAccVariablesConfig(`{ env = "dev", n = 1, list = ["a"] }`),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(testVariablesAddr, "id", instance.InstanceVariablesID),
					testExpectVariables(t, `{"env":"dev","n":1,"list":["a"]}`),
				),
			},
			{
				Config:           testAccVariablesConfig(v2),
				ConfigPlanChecks: acctest.Plans(testVariablesAddr, plancheck.ResourceActionUpdate),
				Check:            testExpectVariables(t, v2json),
			},
			{
				// Any change in DSS is drift, repaired: a variable added, one
				// changed deep inside.
				PreConfig: func() {
					testEditDoc(t, doc, func(m map[string]any) {
						m["rogue"] = 1
						m["nested"] = map[string]any{"deep": map[string]any{"ok": false}}
					})
				},
				Config:           testAccVariablesConfig(v2),
				ConfigPlanChecks: acctest.Plans(testVariablesAddr, plancheck.ResourceActionUpdate),
				Check:            testExpectVariables(t, v2json),
			},
			{
				// The same variables in another form: no change.
				Config:           "resource \"dataiku_instance_variables\" \"test\" {\n  variables = <<-EOT\n    {\"nested\": {\"deep\": {\"ok\": true}},\n      \"n\": 2.0, \"list\": [\"a\"], \"env\": \"prod\"}\n  EOT\n}\n",
				ConfigPlanChecks: acctest.Plans(testVariablesAddr, plancheck.ResourceActionNoop),
			},
			acctest.ImportVerifyStep(testVariablesAddr, acctest.ImportID(instance.InstanceVariablesID)),
			acctest.ImportIdentityStep(t, testVariablesAddr),
		},
	})
}

// An import block adopts the variables as they are (no change); emptied
// outside Terraform they are written back.
func TestAccInstanceVariables_importBlockAndEmptiedOutside(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	doc := dss.InstanceVariablesDoc()
	testKeepDoc(t, doc)
	if err := doc.Put(acctest.Ctx(t), acctest.Client(t), &dss.FreeObject{"team": "data", "limit": json.Number("9007199254740993")}); err != nil {
		t.Fatal(err)
	}
	cfg := testAccVariablesConfig(`{ team = "data", limit = 9007199254740993 }`)
	importCfg := acctest.ImportBlock(testVariablesAddr, instance.InstanceVariablesID) + cfg
	acctest.Case(t, nil, []resource.TestStep{
		acctest.AdoptedAsIsStep(testVariablesAddr, importCfg),
		{
			PreConfig:        acctest.Must(t, func() error { return doc.Put(acctest.Ctx(t), acctest.Client(t), &dss.FreeObject{}) }),
			Config:           cfg,
			ConfigPlanChecks: acctest.Plans(testVariablesAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				var raw struct {
					Team  string      `json:"team"`
					Limit json.Number `json:"limit"`
				}
				if err := acctest.Client(t).Get(acctest.Ctx(t), doc.Path(), nil, &raw); err != nil {
					return fmt.Errorf("reading the variables: %w", err)
				}
				if raw.Limit != "9007199254740993" || raw.Team != "data" {
					return fmt.Errorf("variables written back as %+v", raw)
				}
				return nil
			},
		},
	})
}
