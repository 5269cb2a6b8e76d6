package instance_test

import (
	"errors"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/emulator"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/acctest"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/instance"
)

// testEphemeralFactories adds the echo provider, which shows an ephemeral
// value to the test through its state (never the dataiku provider's).
func testEphemeralFactories(t *testing.T) map[string]func() (tfprotov6.ProviderServer, error) {
	factories := map[string]func() (tfprotov6.ProviderServer, error){"echo": echoprovider.NewProviderServer()}
	for name, f := range acctest.ProtoV6ProviderFactories(t) {
		factories[name] = f
	}
	return factories
}

// checkKeyClosed asserts that the key the run opened, which the echo
// provider's state shows the test, is deleted in DSS and that its secret
// no longer authenticates. secret receives the key's secret.
func checkKeyClosed(t *testing.T, global bool, secret *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		echo := s.RootModule().Resources["echo.key"]
		if echo == nil {
			return errors.New("no echo.key in the state")
		}
		id := echo.Primary.Attributes["data.id"]
		*secret = echo.Primary.Attributes["data.secret"]
		if id == "" || *secret == "" {
			return fmt.Errorf("the run did not show the key's id and secret: %v", echo.Primary.Attributes)
		}
		var err error
		if global {
			_, err = dss.GlobalAPIKeyDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
		} else {
			_, err = dss.PersonalAPIKeyDoc(id).Get(acctest.Ctx(t), acctest.Client(t))
		}
		if !dss.IsNotFound(err) {
			return fmt.Errorf("key %s still exists after the run (err = %w)", id, err)
		}
		withKey, err := dss.NewClient(dss.Config{Host: acctest.Host(t), APIKey: *secret, RequestTimeout: 30 * time.Second, MaxRetries: -1})
		if err != nil {
			return err
		}
		if _, err := withKey.AuthInfo(acctest.Ctx(t)); !dss.IsKeyRejected(err) {
			return fmt.Errorf("the closed key still authenticates, or fails otherwise: %w", err)
		}
		return nil
	}
}

// checkEveryOpenClosed asserts, with the emulator's counters since
// *before, that the run created keys (Terraform opens an ephemeral
// resource in each plan and apply) and deleted every one of them, and
// that each global key also got its lifetime written (one PUT per key).
func checkEveryOpenClosed(t *testing.T, before *map[string]int64, create, write, remove string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		delta := acctest.RouteDelta(*before, acctest.RequireEmulator(t).Server.Stats().ByRoute)
		if delta[create] == 0 || delta[remove] != delta[create] {
			return fmt.Errorf("%d keys created (%s) and %d deleted (%s); want as many deleted as created, at least one: %v",
				delta[create], create, delta[remove], remove, delta)
		}
		if write != "" && delta[write] != delta[create] {
			return fmt.Errorf("%d keys created but %d written (%s): %v", delta[create], delta[write], write, delta)
		}
		return nil
	}
}

// ephemeralKeyEcho is a configuration that opens an ephemeral key of
// typeName, named name, with args (HCL lines), and shows it to the test
// through the echo provider's echo.key.
func ephemeralKeyEcho(typeName, name, args string) string {
	return fmt.Sprintf(`
ephemeral %[1]q %[2]q {
%[3]s}

provider "echo" {
  data = ephemeral.%[1]s.%[2]s
}

resource "echo" "key" {}
`, typeName, name, args)
}

// testAccEphemeralKeyRun applies config, which opens an ephemeral key
// (ephemeralKeyEcho), and checks the key's attributes the run saw (want,
// by attribute), that it is closed (global: a global key, else a personal
// one), and that every key the run opened was deleted, through the
// emulator's counters of the routes that create, write (none when "") and
// delete it. The caller has run acctest.PreCheck and chosen its
// parallelism.
func testAccEphemeralKeyRun(t *testing.T, config string, want map[string]knownvalue.Check, global bool, create, write, remove string) {
	var secret string
	var before map[string]int64
	var checks []statecheck.StateCheck
	for attr, check := range want {
		checks = append(checks, statecheck.ExpectKnownValue("echo.key", tfjsonpath.New("data").AtMapKey(attr), check))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testEphemeralFactories(t),
		Steps: []resource.TestStep{{
			PreConfig:         func() { before = acctest.RequireEmulator(t).Server.Stats().ByRoute },
			Config:            config,
			ConfigStateChecks: checks,
			Check: resource.ComposeAggregateTestCheckFunc(
				checkKeyClosed(t, global, &secret),
				checkEveryOpenClosed(t, &before, create, write, remove),
			),
		}},
	})
}

// TestAccEphemeralPersonalAPIKey opens a personal key for alice (an admin
// creating it for her) and checks what the run saw, that every key it
// opened was deleted, and that the last one's secret no longer works.
func TestAccEphemeralPersonalAPIKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	config := ephemeralKeyEcho("dataiku_personal_api_key", "ci", fmt.Sprintf(`  user        = %q
  label       = "ci-run"
  description = "handed to a CI job"
`, acctest.AliceLogin))
	testAccEphemeralKeyRun(t, config, map[string]knownvalue.Check{
		"user":        knownvalue.StringExact(acctest.AliceLogin),
		"label":       knownvalue.StringExact("ci-run"),
		"description": knownvalue.StringExact("handed to a CI job"),
	}, false, "POST /public/api/admin/personal-api-keys", "", "DELETE /public/api/personal-api-keys/{id}")
}

// TestAccEphemeralPersonalAPIKey_own opens a key of the provider key's own
// user (no user argument).
func TestAccEphemeralPersonalAPIKey_own(t *testing.T) {
	acctest.PreCheck(t)
	t.Setenv("DATAIKU_API_KEY", acctest.BobKey)
	testAccEphemeralKeyRun(t, ephemeralKeyEcho("dataiku_personal_api_key", "mine", ""), map[string]knownvalue.Check{
		"user":  knownvalue.StringExact(acctest.BobLogin),
		"label": knownvalue.StringExact(instance.EphemeralKeyLabel),
	}, false, "POST /public/api/personal-api-keys", "", "DELETE /public/api/personal-api-keys/{id}")
}

// TestAccEphemeralAPIKey opens a global key with a group's rights and the
// default one-day lifetime, and checks that every key the run opened was
// written its lifetime and deleted, and that the last one's secret no
// longer works.
func TestAccEphemeralAPIKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	config := ephemeralKeyEcho("dataiku_api_key", "deploy", fmt.Sprintf("  groups = [%q]\n", acctest.AliceGroup))
	testAccEphemeralKeyRun(t, config, map[string]knownvalue.Check{
		"label":         knownvalue.StringExact(instance.EphemeralKeyLabel),
		"lifetime_days": knownvalue.Int64Exact(instance.EphemeralKeyLifetimeDays),
		"groups":        knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(acctest.AliceGroup)}),
	}, true, "POST /public/api/admin/global-api-keys", "PUT /public/api/admin/global-api-keys/{id}", "DELETE /public/api/admin/global-api-keys/{id}")
}

// TestAccEphemeralAPIKey_noRightsEmptyLabel opens the key DSS's own
// client makes by default: not admin, no groups, and here an empty label,
// which DSS's reply (where the run's label comes from) keeps empty.
func TestAccEphemeralAPIKey_noRightsEmptyLabel(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	testAccEphemeralKeyRun(t, ephemeralKeyEcho("dataiku_api_key", "bare", "  label = \"\"\n"), map[string]knownvalue.Check{
		"label":  knownvalue.StringExact(""),
		"admin":  knownvalue.Null(),
		"groups": knownvalue.Null(),
	}, true, "POST /public/api/admin/global-api-keys", "PUT /public/api/admin/global-api-keys/{id}", "DELETE /public/api/admin/global-api-keys/{id}")
}

// TestAccEphemeralAPIKey_rights refuses, at validation, a global key with
// both admin and groups, naming the conflict; nothing is created.
func TestAccEphemeralAPIKey_rights(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	before, err := acctest.Client(t).ListGlobalAPIKeys(acctest.Ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testEphemeralFactories(t),
		Steps: []resource.TestStep{{
			Config:      ephemeralKeyEcho("dataiku_api_key", "both", fmt.Sprintf("  admin  = true\n  groups = [%q]\n", acctest.AliceGroup)),
			ExpectError: regexp.MustCompile(`Conflicting rights for ephemeral dataiku_api_key(.|\n)*groups must not be set when\s+admin = true`),
		}},
	})
	after, err := acctest.Client(t).ListGlobalAPIKeys(acctest.Ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Fatalf("a refused configuration changed the global keys: %d before, %d after", len(before), len(after))
	}
}

// TestAccEphemeralAPIKey_failedOpenDeletesTheKey: when writing the new
// key's lifetime fails, Open fails and deletes the key it created (no
// Close follows a failed Open), quoting DSS's error.
func TestAccEphemeralAPIKey_failedOpenDeletesTheKey(t *testing.T) {
	acctest.ParallelOnEmulator(t)
	acctest.PreCheck(t)
	em := acctest.RequireEmulator(t)
	var before map[string]int64
	t.Cleanup(em.Server.ClearFaults)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: testEphemeralFactories(t),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				before = em.Server.Stats().ByRoute
				acctest.SetFaults(t, em, emulator.FaultRule{Method: "PUT", PathRegex: "/admin/global-api-keys/", Status: 500, Message: "disk full"})()
			},
			Config:      ephemeralKeyEcho("dataiku_api_key", "broken", "  admin = true\n"),
			ExpectError: regexp.MustCompile(`Cannot create the ephemeral dataiku_api_key(.|\n)*disk full`),
		}},
	})
	delta := acctest.RouteDelta(before, em.Server.Stats().ByRoute)
	created, deleted := delta["POST /public/api/admin/global-api-keys"], delta["DELETE /public/api/admin/global-api-keys/{id}"]
	if created == 0 || deleted != created {
		t.Fatalf("%d keys created, %d deleted after the failed Open; want all deleted: %v", created, deleted, delta)
	}
	keys, err := acctest.Client(t).ListGlobalAPIKeys(acctest.Ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if k.Label == instance.EphemeralKeyLabel {
			t.Fatalf("global key %s (%s) was left behind", k.ID, k.Label)
		}
	}
}
