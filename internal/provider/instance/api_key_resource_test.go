package instance_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
)

const testAPIKeyAddr = "dataiku_api_key.test"

// emptyPlanAfterApply checks, after an apply and a refresh, that nothing
// is left to change.
var emptyPlanAfterApply = resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}

// testCreateGroup creates a LOCAL group as the group resource does, then
// writes its definition with mayCreateProjects as asked (DSS takes
// capabilities only from a PUT of the whole definition).
func testCreateGroup(t *testing.T, name string, mayCreateProjects bool) {
	t.Helper()
	c, ctx := acctest.Client(t), acctest.Ctx(t)
	if err := c.CreateGroup(ctx, name, "acc test", "LOCAL"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteGroup(context.Background(), name) })
	if _, _, err := dss.GroupDoc(name).Update(ctx, c, func(g *dss.Group) error {
		g.MayCreateProjects = &mayCreateProjects
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// testGlobalKey reads a global key as DSS holds it.
func testGlobalKey(t *testing.T, id string) (*dss.GlobalAPIKey, error) {
	t.Helper()
	return dss.GlobalAPIKeyDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
}

// testGlobalKeysLabelled lists the ids of the global keys with a label.
func testGlobalKeysLabelled(t *testing.T, label string) []string {
	t.Helper()
	keys, err := acctest.Client(t).ListGlobalAPIKeys(acctest.Ctx(t))
	return acctest.IDsNamed(t, keys, err, label, func(k dss.GlobalAPIKey) (string, string) { return k.Label, k.ID })
}

// testKeyAuthInfo asks DSS who a key secret is.
func testKeyAuthInfo(t *testing.T, secret string) (*dss.AuthInfo, error) {
	t.Helper()
	c, err := dss.NewClient(dss.Config{Host: acctest.Host(t), APIKey: secret, MaxRetries: -1, RequestTimeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c.AuthInfo(acctest.Ctx(t))
}

// testAccCheckAPIKeysDestroyed asserts through the admin client that every
// key of the state is gone from DSS.
func testAccCheckAPIKeysDestroyed(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			var err error
			switch rs.Type {
			case "dataiku_api_key":
				_, err = testGlobalKey(t, rs.Primary.ID)
			case "dataiku_personal_api_key":
				_, err = dss.PersonalAPIKeyDoc(rs.Primary.ID).Get(acctest.Ctx(t), acctest.Client(t))
			default:
				continue
			}
			if err == nil {
				return fmt.Errorf("%s %s still exists in DSS", rs.Type, rs.Primary.ID)
			}
			if !dss.IsNotFound(err) {
				return fmt.Errorf("checking %s %s: %w", rs.Type, rs.Primary.ID, err)
			}
		}
		return nil
	}
}

// testKeyImportStep imports a key by id and compares with the state; the
// secret is not read back (DSS shows it on creation only).
func testKeyImportStep(addr string) resource.TestStep {
	return resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"secret"}}
}

func testAccAPIKeyConfig(body string) string {
	return "resource \"dataiku_api_key\" \"test\" {\n" + body + "}\n"
}

func TestAccAPIKey_lifecycle(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	acctest.ProjectSetup(t)
	group := "acc_keys_" + strings.ToLower(acctest.ProjectKey("G"))
	testCreateGroup(t, group, false)
	label := "acc-key-" + strings.ToLower(acctest.ProjectKey("L"))
	var id, secret string
	stateOf := func(s *terraform.State) (string, string) {
		rs := s.RootModule().Resources[testAPIKeyAddr]
		return rs.Primary.ID, rs.Primary.Attributes["secret"]
	}
	v1 := fmt.Sprintf("  label = %q\n  description = \"first\"\n  groups = [%q]\n  impersonated_user = %q\n  lifetime_days = 30\n", label, group, acctest.AliceLogin)
	v2 := fmt.Sprintf("  label = \"%s-2\"\n  description = \"second\"\n  groups = [%q, %q]\n", label, group, acctest.AliceGroup)
	admin := fmt.Sprintf("  label = \"%s-2\"\n  description = \"second\"\n  admin = true\n", label)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		CheckDestroy:             testAccCheckAPIKeysDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config:           testAccAPIKeyConfig(v1),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testAPIKeyAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{16}$`))),
					statecheck.ExpectKnownValue(testAPIKeyAddr, tfjsonpath.New("admin"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(testAPIKeyAddr, tfjsonpath.New("created_by"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue(testAPIKeyAddr, tfjsonpath.New("created_on"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
					statecheck.ExpectKnownValue(testAPIKeyAddr, tfjsonpath.New("expires_on"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-`))),
				},
				Check: func(s *terraform.State) error {
					id, secret = stateOf(s)
					k, err := testGlobalKey(t, id)
					if err != nil {
						return err
					}
					if k.Label != label || k.Description != "first" || fmt.Sprint(k.Groups) != "["+group+"]" || k.IsAdmin() ||
						k.ImpersonatedUser() != acctest.AliceLogin || k.Expiry != 30 || k.ExpiresOn != k.CreatedOn+30*24*3600*1000 {
						return fmt.Errorf("key in DSS: %+v", k)
					}
					if secret == "" || secret != k.Key {
						return fmt.Errorf("the secret in state is not DSS's (%d characters)", len(secret))
					}
					// The secret works, as the key.
					info, err := testKeyAuthInfo(t, secret)
					if err != nil {
						return fmt.Errorf("the new key does not authenticate: %w", err)
					}
					if info.AuthIdentifier != label || info.AssociatedDSSUser != acctest.AliceLogin {
						return fmt.Errorf("the new key is %+v", info)
					}
					return nil
				},
			},
			{
				// Label, description, groups, impersonation and lifetime change
				// in place: same id, same secret.
				Config: testAccAPIKeyConfig(v2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testAPIKeyAddr, plancheck.ResourceActionUpdate),
						acctest.ExpectOnlyChanged{Addr: testAPIKeyAddr, Attrs: []string{"label", "description", "groups", "impersonated_user", "lifetime_days", "expires_on"}},
					},
					PostApplyPostRefresh: emptyPlanAfterApply.PostApplyPostRefresh,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testAPIKeyAddr, tfjsonpath.New("expires_on"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testAPIKeyAddr, tfjsonpath.New("impersonated_user"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					if nid, nsecret := stateOf(s); nid != id || nsecret != secret {
						return fmt.Errorf("the key was replaced or its secret changed (id %s, was %s)", nid, id)
					}
					k, err := testGlobalKey(t, id)
					if err != nil {
						return err
					}
					if k.Label != label+"-2" || k.Description != "second" || len(k.Groups) != 2 || k.ImpersonatedUser() != "" || k.Expiry != 0 || k.ExpiresOn != 0 {
						return fmt.Errorf("key in DSS after the update: %+v", k)
					}
					return nil
				},
			},
			testKeyImportStep(testAPIKeyAddr),
			acctest.ImportIdentityStep(t, testAPIKeyAddr, "secret"),
			{
				// Changed outside Terraform: the label edited through the API
				// shows as drift and is repaired.
				PreConfig: func() {
					acctest.EditOutside(t, dss.GlobalAPIKeyDoc(id), func(k *dss.GlobalAPIKey) { k.Label = "edited-in-dss" })
				},
				Config: testAccAPIKeyConfig(v2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{acctest.ExpectOnlyChanged{Addr: testAPIKeyAddr, Attrs: []string{"label"}}},
					PostApplyPostRefresh: emptyPlanAfterApply.PostApplyPostRefresh,
				},
				Check: func(*terraform.State) error {
					if k, err := testGlobalKey(t, id); err != nil || k.Label != label+"-2" {
						return fmt.Errorf("after the repair: %+v %w", k, err)
					}
					return nil
				},
			},
			{
				// DSS cannot change a key's admin permission: replaced, and the
				// old key no longer authenticates.
				Config: testAccAPIKeyConfig(admin),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testAPIKeyAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: emptyPlanAfterApply.PostApplyPostRefresh,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testAPIKeyAddr, tfjsonpath.New("groups"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					nid, nsecret := stateOf(s)
					if nid == id || nsecret == secret || nsecret == "" {
						return fmt.Errorf("not replaced: id %s (was %s)", nid, id)
					}
					if _, err := testGlobalKey(t, id); !dss.IsNotFound(err) {
						return fmt.Errorf("the old key %s: %w", id, err)
					}
					if _, err := testKeyAuthInfo(t, secret); !dss.IsKeyRejected(err) {
						return fmt.Errorf("the old secret still authenticates: %w", err)
					}
					k, err := testGlobalKey(t, nid)
					if err != nil || !k.IsAdmin() {
						return fmt.Errorf("new key: %+v %w", k, err)
					}
					id, secret = nid, nsecret
					return nil
				},
			},
			{
				// Deleted outside Terraform: created again.
				PreConfig: func() {
					if err := acctest.Client(t).DeleteGlobalAPIKey(acctest.Ctx(t), id); err != nil {
						t.Fatal(err)
					}
				},
				Config: testAccAPIKeyConfig(admin),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testAPIKeyAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: emptyPlanAfterApply.PostApplyPostRefresh,
				},
				Check: func(s *terraform.State) error {
					return acctest.OnlyStateID(s, testAPIKeyAddr, "keys labelled "+label+"-2", testGlobalKeysLabelled(t, label+"-2"), id)
				},
			},
		},
	})
}

// An existing key adopted with an import block: nothing changes, and the
// state has no secret (DSS's reads are not where it comes from).
func TestAccAPIKey_importBlock(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	acctest.ProjectSetup(t)
	label := "acc-imported-" + strings.ToLower(acctest.ProjectKey("K"))
	k, err := acctest.Client(t).CreateGlobalAPIKey(acctest.Ctx(t), dss.NewGlobalAPIKey{Label: label, Description: "made by hand", Groups: []string{acctest.AliceGroup}})
	if err != nil {
		t.Fatal(err)
	}
	resourceCfg := testAccAPIKeyConfig(fmt.Sprintf("  label = %q\n  description = \"made by hand\"\n  groups = [%q]\n", label, acctest.AliceGroup))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		CheckDestroy:             testAccCheckAPIKeysDestroyed(t),
		Steps: []resource.TestStep{{
			Config: acctest.ImportBlock(testAPIKeyAddr, k.ID) + resourceCfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testAPIKeyAddr, plancheck.ResourceActionNoop)},
				PostApplyPostRefresh: emptyPlanAfterApply.PostApplyPostRefresh,
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testAPIKeyAddr, tfjsonpath.New("id"), knownvalue.StringExact(k.ID)),
				statecheck.ExpectKnownValue(testAPIKeyAddr, tfjsonpath.New("secret"), knownvalue.Null()),
			},
		}},
	})
}

// A non-admin key is refused at plan time (refuseAdminOnly, issue 26),
// quoted with the resource's address; nothing is created.
func TestAccAPIKey_nonAdminKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	acctest.ProjectSetup(t)
	label := "acc-bobs-" + strings.ToLower(acctest.ProjectKey("K"))
	acctest.RefusedToBob(t, testAccAPIKeyConfig(fmt.Sprintf("  label = %q\n  admin = true\n", label)), testNeedsAdmin("dataiku_api_key"))
	acctest.NoneInDSS(t, "keys labelled "+label, testGlobalKeysLabelled(t, label))
}

// A lost answer to the creation is recovered by the label: one key in
// DSS, whose id and secret are in the state.
func TestAccAPIKey_lostPostRecovered(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	em := acctest.RequireEmulator(t)
	acctest.ProjectSetup(t)
	for i, fault := range acctest.LostPostFaults("/admin/global-api-keys/?$") {
		label := fmt.Sprintf("acc-lost-%d-%s", i, strings.ToLower(acctest.ProjectKey("K")))
		t.Run(label, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
				CheckDestroy:             testAccCheckAPIKeysDestroyed(t),
				Steps: []resource.TestStep{acctest.EmptyPlanAfter(
					acctest.LostPostStep(t, em, fault, testAccAPIKeyConfig(fmt.Sprintf("  label = %q\n  admin = true\n", label)),
						func(s *terraform.State) error {
							ids := testGlobalKeysLabelled(t, label)
							if err := acctest.OnlyStateID(s, testAPIKeyAddr, "keys labelled "+label, ids); err != nil {
								return err
							}
							if k, err := testGlobalKey(t, ids[0]); err != nil || k.Key == "" || k.Key != s.RootModule().Resources[testAPIKeyAddr].Primary.Attributes["secret"] {
								return fmt.Errorf("the secret in state is not the key's (%w)", err)
							}
							return nil
						}))},
			})
		})
	}
	// Two keys with the label created by the caller since the attempt: the
	// provider cannot tell which is its own, and says so naming the label.
	label := "acc-lost-twice-" + strings.ToLower(acctest.ProjectKey("K"))
	c := acctest.Client(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				if _, err := c.CreateGlobalAPIKey(acctest.Ctx(t), dss.NewGlobalAPIKey{Label: label, Admin: true}); err != nil {
					t.Fatal(err)
				}
				acctest.SetFaults(t, em, acctest.LostPostFaults("/admin/global-api-keys/?$")[0])() // the 502
			},
			Config:      acctest.NoRetries + testAccAPIKeyConfig(fmt.Sprintf("  label = %q\n  admin = true\n", label)),
			ExpectError: regexp.MustCompile(`(?s)Cannot create dataiku_api_key "` + label + `".*2\s+global\s+API\s+keys\s+labelled\s+"` + label + `"`),
		}},
	})
	em.Server.ClearFaults()
	for _, id := range testGlobalKeysLabelled(t, label) {
		_ = c.DeleteGlobalAPIKey(acctest.Ctx(t), id)
	}
}

func TestAccCurrentUserDataSource(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.RequireEmulator(t)
	acctest.ProjectSetup(t)
	const addr = "data.dataiku_current_user.me"
	cfg := func(key string) string {
		return fmt.Sprintf("provider \"dataiku\" {\n  api_key = %q\n}\ndata \"dataiku_current_user\" \"me\" {}\n", key)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(t),
		Steps: []resource.TestStep{
			{
				Config: cfg(acctest.AdminKey),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auth_identifier"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("login"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("admin"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("groups"), knownvalue.SetPartial([]knownvalue.Check{knownvalue.StringExact("administrators")})),
				},
			},
			{
				Config: cfg(acctest.AliceKey),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("login"), knownvalue.StringExact(acctest.AliceLogin)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("admin"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("groups"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(acctest.AliceGroup)})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("user_profile"), knownvalue.StringExact("DATA_SCIENTIST")),
				},
			},
			{
				Config: cfg(acctest.GlobalNoUserKey),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auth_identifier"), knownvalue.StringExact("acc-global-nouser")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("login"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("admin"), knownvalue.Bool(true)),
				},
			},
		},
	})
}
