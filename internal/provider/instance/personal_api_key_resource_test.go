package instance_test

import (
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

const testPersonalKeyAddr = "dataiku_personal_api_key.test"

func testAccPersonalKeyConfig(user, label, description string) string {
	return fmt.Sprintf("resource \"dataiku_personal_api_key\" \"test\" {\n  user        = %q\n  label       = %q\n  description = %q\n}\n", user, label, description)
}

// testPersonalKeysOf lists the ids of a user's personal keys with a label.
func testPersonalKeysOf(t *testing.T, user, label string) []string {
	t.Helper()
	keys, err := acctest.Client(t).ListAllPersonalAPIKeys(acctest.Ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, k := range keys {
		if k.User == user && k.Label == label {
			ids = append(ids, k.ID)
		}
	}
	return ids
}

func TestAccPersonalAPIKey_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	acctest.ProjectSetup(t)
	label := "acc-personal-" + strings.ToLower(acctest.ProjectKey("K"))
	var id, secret string
	stateOf := func(s *terraform.State) (string, string) {
		rs := s.RootModule().Resources[testPersonalKeyAddr]
		return rs.Primary.ID, rs.Primary.Attributes["secret"]
	}
	acctest.Case(t, testAccCheckAPIKeysDestroyed(t), []resource.TestStep{
		{
			Config:           testAccPersonalKeyConfig(acctest.BobLogin, label, "first"),
			ConfigPlanChecks: emptyPlanAfterApply,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testPersonalKeyAddr, tfjsonpath.New("created_on"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
			},
			Check: func(s *terraform.State) error {
				id, secret = stateOf(s)
				k, err := dss.PersonalAPIKeyDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
				if err != nil {
					return err
				}
				if k.User != acctest.BobLogin || k.Label != label || k.Description != "first" || secret == "" || k.Key != secret {
					return fmt.Errorf("key in DSS: user %s label %s description %s (secret in state matches: %t)", k.User, k.Label, k.Description, k.Key == secret)
				}
				// The secret acts as bob, with bob's rights: not admin.
				info, err := testKeyAuthInfo(t, secret)
				if err != nil || info.AuthIdentifier != acctest.BobLogin || info.Admin {
					return fmt.Errorf("the new key is %+v (%w)", info, err)
				}
				return nil
			},
		},
		{
			Config: testAccPersonalKeyConfig(acctest.BobLogin, label+"-2", "second"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testPersonalKeyAddr, plancheck.ResourceActionUpdate),
					acctest.ExpectOnlyChanged{Addr: testPersonalKeyAddr, Attrs: []string{"label", "description"}},
				},
				PostApplyPostRefresh: emptyPlanAfterApply.PostApplyPostRefresh,
			},
			Check: func(s *terraform.State) error {
				if nid, nsecret := stateOf(s); nid != id || nsecret != secret {
					return fmt.Errorf("replaced: id %s (was %s)", nid, id)
				}
				k, err := dss.PersonalAPIKeyDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
				if err != nil || k.Label != label+"-2" || k.Description != "second" {
					return fmt.Errorf("after the update: %+v %w", k, err)
				}
				return nil
			},
		},
		testKeyImportStep(testPersonalKeyAddr),
		acctest.ImportIdentityStep(t, testPersonalKeyAddr, "secret"),
		{
			// Changed outside Terraform: repaired.
			PreConfig: func() {
				acctest.EditOutside(t, dss.PersonalAPIKeyDoc(id), func(k *dss.PersonalAPIKey) { k.Label = "edited-in-dss" })
			},
			Config: testAccPersonalKeyConfig(acctest.BobLogin, label+"-2", "second"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{acctest.ExpectOnlyChanged{Addr: testPersonalKeyAddr, Attrs: []string{"label"}}},
				PostApplyPostRefresh: emptyPlanAfterApply.PostApplyPostRefresh,
			},
			Check: func(*terraform.State) error {
				if ids := testPersonalKeysOf(t, acctest.BobLogin, label+"-2"); len(ids) != 1 || ids[0] != id {
					return fmt.Errorf("bob's keys labelled %s-2: %v", label, ids)
				}
				return nil
			},
		},
		{
			// Another user: replaced; bob's key is gone and stops working.
			Config: testAccPersonalKeyConfig(acctest.AliceLogin, label+"-2", "second"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testPersonalKeyAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				PostApplyPostRefresh: emptyPlanAfterApply.PostApplyPostRefresh,
			},
			Check: func(s *terraform.State) error {
				nid, nsecret := stateOf(s)
				if nid == id || nsecret == secret {
					return fmt.Errorf("not replaced: id %s", nid)
				}
				if ids := testPersonalKeysOf(t, acctest.BobLogin, label+"-2"); len(ids) != 0 {
					return fmt.Errorf("bob's old key is still there: %v", ids)
				}
				if _, err := testKeyAuthInfo(t, secret); !dss.IsKeyRejected(err) {
					return fmt.Errorf("bob's old secret still authenticates: %w", err)
				}
				if info, err := testKeyAuthInfo(t, nsecret); err != nil || info.AuthIdentifier != acctest.AliceLogin {
					return fmt.Errorf("the new key is %+v (%w)", info, err)
				}
				id = nid
				return nil
			},
		},
		// Deleted outside Terraform: created again.
		acctest.EmptyPlanAfter(acctest.DeletedOutsideStep(t, testPersonalKeyAddr, testAccPersonalKeyConfig(acctest.AliceLogin, label+"-2", "second"),
			func() error { return acctest.Client(t).DeletePersonalAPIKey(acctest.Ctx(t), id) },
			func(s *terraform.State) error {
				return acctest.OnlyStateID(s, testPersonalKeyAddr, "alice's keys labelled "+label+"-2", testPersonalKeysOf(t, acctest.AliceLogin, label+"-2"), id)
			})),
	})
}

// An existing personal key adopted with an import block: no change, no
// secret in state.
func TestAccPersonalAPIKey_importBlock(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	acctest.ProjectSetup(t)
	label := "acc-personal-imp-" + strings.ToLower(acctest.ProjectKey("K"))
	k, err := acctest.Client(t).CreatePersonalAPIKeyFor(acctest.Ctx(t), acctest.AliceLogin, label, "by hand")
	if err != nil {
		t.Fatal(err)
	}
	acctest.Case(t, testAccCheckAPIKeysDestroyed(t), []resource.TestStep{
		acctest.EmptyPlanAfter(acctest.AdoptedAsIsStep(testPersonalKeyAddr,
			acctest.ImportBlock(testPersonalKeyAddr, k.ID)+testAccPersonalKeyConfig(acctest.AliceLogin, label, "by hand"),
			statecheck.ExpectKnownValue(testPersonalKeyAddr, tfjsonpath.New("secret"), knownvalue.Null()))),
	})
}

// A non-admin key cannot create a key for another user: DSS's refusal is
// quoted with the address, and nothing is created.
func TestAccPersonalAPIKey_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	acctest.ProjectSetup(t)
	label := "acc-bob-for-alice-" + strings.ToLower(acctest.ProjectKey("K"))
	acctest.Case(t, nil, []resource.TestStep{{
		Config: acctest.AsBob(testAccPersonalKeyConfig(acctest.AliceLogin, label, "")),
		ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_personal_api_key "` + label + `" of alice.*with dataiku_personal_api_key.test.*` +
			`UnauthorizedException.*Action\s+forbidden:\s+admin\s+rights\s+required`),
	}})
	acctest.NoneInDSS(t, "alice's keys labelled "+label, testPersonalKeysOf(t, acctest.AliceLogin, label))
}
