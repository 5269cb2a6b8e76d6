package instance_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testMeaningAddr = "dataiku_meaning.test"

// testMeaningsKept is the destroy check of a meaning: DSS's API cannot
// delete one, so every meaning the state held must still be in DSS.
func testMeaningsKept(t *testing.T, ids ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, id := range ids {
			if _, err := dss.MeaningDoc(id).Get(acctest.Ctx(t), acctest.Client(t)); err != nil {
				return fmt.Errorf("meaning %s after the destroy: %w (the destroy must leave it in DSS)", id, err)
			}
		}
		return nil
	}
}

// testMeaningRaw is the meaning's definition as DSS holds it.
func testMeaningRaw(t *testing.T, id string) map[string]any {
	return acctest.RawDoc(t, dss.MeaningDoc(id).Path())
}

// testMeaningJSON is one key of the definition as JSON, for comparisons.
func testMeaningJSON(t *testing.T, id, key string) string {
	t.Helper()
	b, err := json.Marshal(testMeaningRaw(t, id)[key])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testValuesListMeaning(id, label, values string) string {
	return fmt.Sprintf(`
resource "dataiku_meaning" "test" {
  meaning_id         = %q
  label              = %q
  type               = "VALUES_LIST"
  description        = "Countries we sell in."
  normalization_mode = "LOWERCASE"
  values             = %s
}
`, id, label, values)
}

// Create (with both data sources), update in place (label, values
// reordered, an unmodelled key of the definition and of an entry kept),
// the refresh cost, import by id and by identity, a change outside
// Terraform repaired, the type changed in place, and a replacement by a
// new id that leaves the old meaning in DSS; every apply's plan empty.
func TestAccMeaning_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	suffix := strings.ToLower(acctest.ProjectKey("M"))
	id, id2 := "acc_country_"+suffix, "acc_country2_"+suffix
	frDe := `[{ value = "FR", color = "#0000ff" }, { value = "DE" }]`
	deFrIt := `[{ value = "DE" }, { value = "FR", color = "#0000ff" }, { value = "IT", color = "#00ff00" }]`
	acctest.Case(t, testMeaningsKept(t, id, id2), []resource.TestStep{
		{
			// Refused at plan time: a known type in another case.
			Config: `resource "dataiku_meaning" "test" {
  meaning_id = "x"
  label      = "x"
  type       = "values_list"
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)meaning type.*VALUES_LIST`),
		},
		{
			Config: testValuesListMeaning(id, "Country", frDe) + `
data "dataiku_meaning" "test" {
  meaning_id = dataiku_meaning.test.meaning_id
}

data "dataiku_meanings" "lists" {
  type       = "VALUES_LIST"
  depends_on = [dataiku_meaning.test]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testMeaningAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
				statecheck.ExpectKnownValue("data.dataiku_meaning.test", tfjsonpath.New("values"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"value": knownvalue.StringExact("FR"), "color": knownvalue.StringExact("#0000ff")}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"value": knownvalue.StringExact("DE"), "color": knownvalue.Null()}),
				})),
				statecheck.ExpectKnownValue("data.dataiku_meaning.test", tfjsonpath.New("mappings"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.dataiku_meaning.test", tfjsonpath.New("pattern"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.dataiku_meanings.lists", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(id)})),
			},
			Check: func(*terraform.State) error {
				d := testMeaningRaw(t, id)
				if d["label"] != "Country" || d["type"] != "VALUES_LIST" || d["normalizationMode"] != "LOWERCASE" || d["detectable"] != false {
					return fmt.Errorf("meaning in DSS: %v", d)
				}
				if got := testMeaningJSON(t, id, "entries"); got != `[{"color":"#0000ff","value":"FR"},{"value":"DE"}]` {
					return fmt.Errorf("entries in DSS: %s", got)
				}
				return nil
			},
		},
		{
			// In place: the label and the values (reordered, one added); a
			// key of the definition and one of an entry that the provider
			// does not model, set in DSS, stay.
			PreConfig: func() {
				acctest.EditOutside(t, dss.MeaningDoc(id), func(d *dss.Meaning) {
					d.Extra = dss.Extra{"uiHint": json.RawMessage(`{"icon":"flag"}`)}
					d.Entries[0].Extra = dss.Extra{"extendedProperties": json.RawMessage(`{"iso":"250"}`)}
				})
			},
			Config: testValuesListMeaning(id, "Country (ISO)", deFrIt),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testMeaningAddr, plancheck.ResourceActionUpdate),
				acctest.ExpectOnlyChanged{Addr: testMeaningAddr, Attrs: []string{"label", "values"}},
			}},
			Check: func(*terraform.State) error {
				if got := testMeaningJSON(t, id, "uiHint"); got != `{"icon":"flag"}` {
					return fmt.Errorf("the unmodelled key after the update: %s", got)
				}
				want := `[{"value":"DE"},{"color":"#0000ff","extendedProperties":{"iso":"250"},"value":"FR"},{"color":"#00ff00","value":"IT"}]`
				if got := testMeaningJSON(t, id, "entries"); got != want {
					return fmt.Errorf("entries in DSS: %s, want %s", got, want)
				}
				if d := testMeaningRaw(t, id); d["label"] != "Country (ISO)" || d["description"] != "Countries we sell in." {
					return fmt.Errorf("meaning in DSS: %v", d)
				}
				return nil
			},
		},
		acctest.RefreshCostStep(t, em, "1 API call", map[string]int64{"GET /public/api/meanings/{id}": 1}),
		acctest.ImportVerifyStep(testMeaningAddr, nil),
		acctest.ImportIdentityStep(t, testMeaningAddr),
		{
			// Changed outside Terraform: the plan shows it, the apply
			// restores it and keeps the unmodelled key.
			PreConfig: func() {
				acctest.EditOutside(t, dss.MeaningDoc(id), func(d *dss.Meaning) {
					d.Label, d.Detectable = "Pays", true
					d.Entries = d.Entries[:1]
				})
			},
			Config: testValuesListMeaning(id, "Country (ISO)", deFrIt),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testMeaningAddr, Attrs: []string{"label", "detectable", "values"}},
			}},
			Check: func(*terraform.State) error {
				d := testMeaningRaw(t, id)
				if d["label"] != "Country (ISO)" || d["detectable"] != false || testMeaningJSON(t, id, "uiHint") != `{"icon":"flag"}` {
					return fmt.Errorf("meaning in DSS after the repair: %v", d)
				}
				if entries, _ := d["entries"].([]any); len(entries) != 3 {
					return fmt.Errorf("entries in DSS after the repair: %v", d["entries"])
				}
				return nil
			},
		},
		{
			// The type changes in place (DSS's PUT takes the whole
			// definition): the values go, the mappings come.
			Config: fmt.Sprintf(`
resource "dataiku_meaning" "test" {
  meaning_id = %q
  label      = "Country (ISO)"
  type       = "VALUES_MAPPING"
  mappings   = [{ from = "F", to = "FR", color = "#0000ff" }, { from = "D", to = "DE" }]
}
`, id),
			ConfigPlanChecks: acctest.Plans(testMeaningAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				d := testMeaningRaw(t, id)
				if d["type"] != "VALUES_MAPPING" || d["description"] != "" || d["normalizationMode"] != "EXACT" {
					return fmt.Errorf("meaning in DSS after the type change: %v", d)
				}
				if got := testMeaningJSON(t, id, "entries"); got != `[]` {
					return fmt.Errorf("entries after the type change: %s", got)
				}
				if got, want := testMeaningJSON(t, id, "mappings"), `[{"from":"F","to":{"color":"#0000ff","value":"FR"}},{"from":"D","to":{"value":"DE"}}]`; got != want {
					return fmt.Errorf("mappings in DSS: %s, want %s", got, want)
				}
				return nil
			},
		},
		{
			// A new id replaces the meaning; the old one stays in DSS.
			Config: fmt.Sprintf(`
resource "dataiku_meaning" "test" {
  meaning_id = %q
  label      = "Invoice id"
  type       = "PATTERN"
  pattern    = "INV-[0-9]+"
  detectable = true
}
`, id2),
			ConfigPlanChecks: acctest.Plans(testMeaningAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if d := testMeaningRaw(t, id2); d["pattern"] != "INV-[0-9]+" || d["detectable"] != true || d["type"] != "PATTERN" {
					return fmt.Errorf("the new meaning in DSS: %v", d)
				}
				if d := testMeaningRaw(t, id); d["type"] != "VALUES_MAPPING" {
					return fmt.Errorf("the replaced meaning must stay in DSS as it was: %v", d)
				}
				return nil
			},
		},
	})
}

// A meaning made outside Terraform whose definition holds no entries,
// mappings, description or pattern at all (as a DSS may for a
// DECLARATIVE meaning) is adopted with an import block and an empty plan;
// an update writes only what changed, so the absent keys stay absent;
// deleted outside Terraform (in DSS's UI: the API cannot), it is planned
// for creation again.
func TestAccMeaning_importBlockNullListsAndDeletedOutside(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	id := "acc_declared_" + strings.ToLower(acctest.ProjectKey("D"))
	c := acctest.Client(t)
	if err := c.CreateMeaning(acctest.Ctx(t), &dss.Meaning{ID: id, Label: "Declared", Type: dss.MeaningTypeDeclarative}); err != nil {
		t.Fatal(err)
	}
	// What the POST filled in is taken out again, as a DSS that writes
	// none of it would hold the definition.
	raw := map[string]any{"id": id, "label": "Declared", "type": "DECLARATIVE", "detectable": false, "customKey": "kept"}
	if err := c.Put(acctest.Ctx(t), dss.MeaningDoc(id).Path(), nil, raw, nil); err != nil {
		t.Fatal(err)
	}
	cfg := func(label string) string {
		return fmt.Sprintf(`
resource "dataiku_meaning" "test" {
  meaning_id = %q
  label      = %q
  type       = "DECLARATIVE"
}
`, id, label)
	}
	stillAbsent := func(*terraform.State) error {
		d := testMeaningRaw(t, id)
		for _, k := range []string{"entries", "mappings", "description", "pattern", "normalizationMode"} {
			if v, has := d[k]; has && v != nil {
				return fmt.Errorf("%s was written (%v): %v", k, v, d)
			}
		}
		if d["customKey"] != "kept" {
			return fmt.Errorf("the unmodelled key: %v", d)
		}
		return nil
	}
	adopted := acctest.AdoptedAsIsStep(testMeaningAddr, acctest.ImportBlock(testMeaningAddr, id)+cfg("Declared"),
		statecheck.ExpectKnownValue(testMeaningAddr, tfjsonpath.New("values"), knownvalue.ListSizeExact(0)),
		statecheck.ExpectKnownValue(testMeaningAddr, tfjsonpath.New("normalization_mode"), knownvalue.StringExact("EXACT")),
		statecheck.ExpectKnownValue(testMeaningAddr, tfjsonpath.New("description"), knownvalue.StringExact("")))
	adopted.Check = stillAbsent
	acctest.Case(t, testMeaningsKept(t, id), []resource.TestStep{
		adopted,
		{
			Config: cfg("Declared, renamed"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectOnlyChanged{Addr: testMeaningAddr, Attrs: []string{"label"}},
			}},
			Check: func(s *terraform.State) error {
				if d := testMeaningRaw(t, id); d["label"] != "Declared, renamed" {
					return fmt.Errorf("label in DSS: %v", d)
				}
				return stillAbsent(s)
			},
		},
		acctest.DeletedOutsideStep(t, testMeaningAddr, cfg("Declared, renamed"),
			func() error {
				if !em.Server.DeleteMeaningOutside(id) {
					return fmt.Errorf("meaning %s was not in DSS", id)
				}
				return nil
			},
			func(*terraform.State) error {
				if d := testMeaningRaw(t, id); d["label"] != "Declared, renamed" || d["type"] != "DECLARATIVE" {
					return fmt.Errorf("meaning in DSS after the re-creation: %v", d)
				}
				return nil
			}),
	})
}

// A key that is not an administrator's is refused by DSS, whose message
// is quoted with the resource's address; nothing is created.
func TestAccMeaning_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	id := "acc_bob_" + strings.ToLower(acctest.ProjectKey("B"))
	testCreateRefusedByDSS(t, "dataiku_meaning", id, fmt.Sprintf(`
resource "dataiku_meaning" "test" {
  meaning_id = %q
  label      = "Bob's"
  type       = "DECLARATIVE"
}
`, id), dss.MeaningDoc(id), "meaning")
}

// Through the CLI: a plan warns about a value the type does not use (and
// does not fail); the destroy warns that the meaning stays in DSS, naming
// where to delete it, and leaves it there; applying again then refuses to
// adopt it, naming the import ID.
func TestAccMeaning_destroyWarnsAndKeeps(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	id := "acc_kept_" + strings.ToLower(acctest.ProjectKey("K"))
	cfg := acctest.CliRequiredProviders + fmt.Sprintf(`
resource "dataiku_meaning" "test" {
  meaning_id = %q
  label      = "Kept"
  type       = "PATTERN"
  pattern    = "K-[0-9]+"
  values     = [{ value = "K-1" }]
}
`, id)
	dir := acctest.NewTerraformDir(t, map[string]string{"main.tf": cfg})
	env := []string{"DATAIKU_HOST=" + acctest.Host(t), "DATAIKU_API_KEY=" + acctest.APIKey}
	out := acctest.MustTerraform(t, dir, env, nil, "apply", "-auto-approve", "-no-color")
	if !regexp.MustCompile(`(?s)Warning: A PATTERN meaning does not use values.*only for a VALUES_LIST meaning`).MatchString(out) {
		t.Fatalf("the apply did not warn about values on a PATTERN meaning:\n%s", acctest.Tail(out, 4000))
	}
	if got := testMeaningJSON(t, id, "entries"); got != `[{"value":"K-1"}]` {
		t.Fatalf("the values were not sent as written: %s", got)
	}
	out = acctest.MustTerraform(t, dir, env, nil, "destroy", "-auto-approve", "-no-color")
	if !regexp.MustCompile(`(?s)Warning: dataiku_meaning "` + id + `" is still in DSS.*Administration > Meanings`).MatchString(out) {
		t.Fatalf("the destroy did not warn that the meaning stays:\n%s", acctest.Tail(out, 4000))
	}
	if d := testMeaningRaw(t, id); d["pattern"] != "K-[0-9]+" {
		t.Fatalf("the meaning after the destroy: %v", d)
	}
	if n := len(acctest.StateResources(t, dir)); n != 0 {
		t.Fatalf("the state still holds %d resources after the destroy", n)
	}
	out, err := acctest.RunTerraform(t, dir, env, "apply", "-auto-approve", "-no-color")
	if err == nil || !regexp.MustCompile(`(?s)already exists in DSS.*terraform import dataiku_meaning.<name>\s+`+id).MatchString(out) {
		t.Fatalf("applying again over the kept meaning: %v\n%s", err, acctest.Tail(out, 4000))
	}
}

// A create POST whose answer is lost (the meaning was made, the answer
// never arrived) is recovered by the meaning's id, which the kit checked
// was free before the POST; the plan after is empty.
func TestAccMeaning_lostPostRecovered(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	for i, fault := range acctest.LostPostFaults(`/meanings/?$`) {
		id := fmt.Sprintf("acc_lost_%d_%s", i, strings.ToLower(acctest.ProjectKey("P")))
		t.Run(fmt.Sprintf("status %d drop %v", fault.Status, fault.DropConnection), func(t *testing.T) {
			acctest.Case(t, testMeaningsKept(t, id), []resource.TestStep{
				acctest.LostPostStep(t, em, fault, fmt.Sprintf(`
resource "dataiku_meaning" "test" {
  meaning_id = %q
  label      = "Lost"
  type       = "VALUES_LIST"
  values     = [{ value = "a" }]
}
`, id), func(s *terraform.State) error {
					if got := s.RootModule().Resources[testMeaningAddr].Primary.ID; got != id {
						return fmt.Errorf("state id %q, want %q", got, id)
					}
					if got := testMeaningJSON(t, id, "entries"); got != `[{"value":"a"}]` {
						return fmt.Errorf("entries in DSS: %s", got)
					}
					return nil
				}),
			})
		})
	}
}
