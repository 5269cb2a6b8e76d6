package instance_test

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const (
	testPSCheckAddr   = "dataiku_project_standards_check.test"
	testPSMaxDatasets = "pstd-builtin_max-datasets"
)

// testPSCheck is the check DSS holds, nil when it has none.
func testPSCheck(t *testing.T, id string) *dss.ProjectStandardsCheck {
	t.Helper()
	d, err := dss.ProjectStandardsCheckDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
	if dss.IsNotFound(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// testPSChecksOfType are the ids of DSS's checks of element type typ.
func testPSChecksOfType(t *testing.T, typ string) []string {
	t.Helper()
	list, err := acctest.Client(t).ListProjectStandardsChecks(acctest.Ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range list {
		if c.CheckElementType == typ {
			out = append(out, c.ID)
		}
	}
	return out
}

func testAccPSCheckConfig(typ, body string) string {
	return fmt.Sprintf("resource \"dataiku_project_standards_check\" \"test\" {\n  check_element_type = %q\n%s}\n", typ, body)
}

var testPSCheckGone = func(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckGoneAt(t, "dataiku_project_standards_check", func(st *terraform.InstanceState) string { return dss.ProjectStandardsCheckPath(st.ID) })
}

func TestAccProjectStandardsCheck_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	var id string
	// changeOutside changes the check outside Terraform.
	changeOutside := func(change func(d *dss.ProjectStandardsCheck)) func() {
		return acctest.Must(t, func() error {
			_, _, err := dss.ProjectStandardsCheckDoc(id).Update(acctest.Ctx(t), acctest.Client(t), func(d *dss.ProjectStandardsCheck) error {
				change(d)
				return nil
			})
			return err
		})
	}
	v2 := testAccPSCheckConfig(testPSMaxDatasets, "  name        = \"At most 80 datasets\"\n  description = \"Keep flows small\"\n  params      = { threshold = 80 }\n  tags        = [\"flow\", \"size\"]\n")
	acctest.Case(t, testPSCheckGone(t), []resource.TestStep{
		{
			// Created from its spec: DSS's description kept (not set),
			// the spec's other default param (severity) kept.
			Config: testAccPSCheckConfig(testPSMaxDatasets, "  name   = \"At most 50 datasets\"\n  params = { threshold = 50 }\n"),
			Check: resource.ComposeTestCheckFunc(acctest.KeepID(testPSCheckAddr, &id),
				resource.TestCheckResourceAttr(testPSCheckAddr, "description", "Fails when the Flow holds more datasets than the threshold."),
				func(*terraform.State) error {
					d := testPSCheck(t, id)
					if d == nil || d.Name != "At most 50 datasets" || fmt.Sprint(d.CheckParams["threshold"]) != "50" || fmt.Sprint(d.CheckParams["severity"]) != "3" || d.CheckElementType != testPSMaxDatasets {
						return fmt.Errorf("check in DSS: %+v", d)
					}
					return nil
				}),
		},
		{
			// Changed in place; a param and a key set outside Terraform,
			// neither written, are kept.
			PreConfig: changeOutside(func(d *dss.ProjectStandardsCheck) {
				d.CheckParams["severity"] = 4
				d.Extra = dss.Extra{"customField": []byte(`"kept"`)}
			}),
			Config:           v2,
			ConfigPlanChecks: acctest.Plans(testPSCheckAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				d := testPSCheck(t, id)
				if d.Name != "At most 80 datasets" || d.Description != "Keep flows small" || fmt.Sprint(d.CheckParams["threshold"]) != "80" ||
					fmt.Sprint(d.CheckParams["severity"]) != "4" || !slices.Equal(d.Tags, []string{"flow", "size"}) || string(d.Extra["customField"]) != `"kept"` {
					return fmt.Errorf("check in DSS: %+v", d)
				}
				return nil
			},
		},
		{
			// Changed outside Terraform: repaired.
			PreConfig:        changeOutside(func(d *dss.ProjectStandardsCheck) { d.CheckParams["threshold"] = 1000; d.Tags = []string{"other"} }),
			Config:           v2,
			ConfigPlanChecks: acctest.Plans(testPSCheckAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				if d := testPSCheck(t, id); fmt.Sprint(d.CheckParams["threshold"]) != "80" || !slices.Equal(d.Tags, []string{"flow", "size"}) {
					return fmt.Errorf("check in DSS: %+v", d)
				}
				return nil
			},
		},
		acctest.ImportVerifyStep(testPSCheckAddr, nil, "params"),
		acctest.ImportIdentityStep(t, testPSCheckAddr, "params"),
		acctest.DeletedOutsideStep(t, testPSCheckAddr, v2,
			func() error {
				return acctest.Client(t).Delete(acctest.Ctx(t), dss.ProjectStandardsCheckPath(id), nil, nil)
			},
			func(s *terraform.State) error {
				if err := acctest.KeepID(testPSCheckAddr, &id)(s); err != nil {
					return err
				}
				if d := testPSCheck(t, id); d == nil || d.Name != "At most 80 datasets" {
					return fmt.Errorf("not created again: %+v", d)
				}
				return nil
			}),
		{
			// Another element type replaces the check; unset, the name is
			// the new spec's label.
			Config:           testAccPSCheckConfig("pstd-builtin_project-description", ""),
			ConfigPlanChecks: acctest.Plans(testPSCheckAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(testPSCheckAddr, "name", "Project has a description"),
				resource.TestCheckResourceAttr(testPSCheckAddr, "params.requireLongDescription", "false"),
				func(*terraform.State) error {
					if testPSCheck(t, id) != nil {
						return fmt.Errorf("the old check %s still exists", id)
					}
					return nil
				}),
		},
	})
}

// An element type DSS does not know is refused at apply, before anything
// is created (the plan cannot know DSS's specs), with the ones it knows.
func TestAccProjectStandardsCheck_unknownSpec(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.Case(t, nil, []resource.TestStep{{
		Config:      testAccPSCheckConfig("no-such-plugin_check", ""),
		ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_project_standards_check "no-such-plugin_check".*DSS has no check spec\s+"no-such-plugin_check".*pstd-builtin_max-datasets`),
	}})
	list, err := acctest.Client(t).ListProjectStandardsChecks(acctest.Ctx(t))
	if err != nil || len(list) != 0 {
		t.Fatalf("a refused create made checks: %v %v", list, err)
	}
}

func TestAccProjectStandardsCheck_nonAdminRefused(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	acctest.RefusedToBob(t, testAccPSCheckConfig(testPSMaxDatasets, ""),
		regexp.MustCompile(`dataiku_project_standards_check needs an administrator's API key`))
	if ids := testPSChecksOfType(t, testPSMaxDatasets); len(ids) != 0 {
		t.Fatalf("bob's refused plan made checks: %v", ids)
	}
}

// An import whose answer is lost is recovered by comparing the checks
// before and after it: the new check is adopted, never the one of the
// same element type that was there before.
func TestAccProjectStandardsCheck_lostPostRecovered(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	for _, fault := range acctest.LostPostFaults(`/project-standards/checks/actions/import$`) {
		t.Run(fmt.Sprintf("status %d drop %v", fault.Status, fault.DropConnection), func(t *testing.T) {
			before, err := acctest.Client(t).ImportProjectStandardsChecks(acctest.Ctx(t), []string{testPSMaxDatasets})
			if err != nil {
				t.Fatal(err)
			}
			earlier := before[0].ID
			t.Cleanup(func() { _ = acctest.Client(t).Delete(acctest.Ctx(t), dss.ProjectStandardsCheckPath(earlier), nil, nil) })
			acctest.Case(t, testPSCheckGone(t), []resource.TestStep{
				acctest.LostPostStep(t, em, fault, testAccPSCheckConfig(testPSMaxDatasets, "  name = \"lost\"\n"),
					func(s *terraform.State) error {
						ids := slices.DeleteFunc(testPSChecksOfType(t, testPSMaxDatasets), func(id string) bool { return id == earlier })
						if err := acctest.OnlyStateID(s, testPSCheckAddr, "new checks of type "+testPSMaxDatasets, ids); err != nil {
							return err
						}
						if d := testPSCheck(t, earlier); d == nil || d.Name == "lost" {
							return fmt.Errorf("the check that was there before was adopted: %+v", d)
						}
						return nil
					}),
			})
		})
	}
}
